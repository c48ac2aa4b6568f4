"""The HTML report of Invoke-ADSyncSingleObjectSync: tabs Steps, Troubleshooting &
Recommendation, Modified Properties and Summary, written atomically (temp file and rename) in
the session's current directory. Pure text from the JSON summary; knows nothing of the tenant.
"""
from __future__ import annotations

import html
from typing import Any, List

from msolsh.cmdlets.core.files import check_path_allowed, resolve, write_text

RECOMMENDATIONS = {
    "scoping": "Check the domain and OU filtering (Get-ADSyncConnector -Name <forest>), the "
               "object type and group-based filtering; then run a Full Import.",
    "import": "Check that the AD connector account can read the object.",
    "matching": "Fix the rule error shown (for example restore the original sourceAnchor, or "
                "set userPrincipalName or sAMAccountName), then synchronize again.",
    "processing": "Check cloudFiltered and the 'Out to AAD' rule's scope "
                  "(Get-ADSyncMVObject -Identifier <ConnectedMVObjectId>).",
    "export": "Remove the duplicate or invalid value in on-premises AD, then export again.",
}


def report_name(now: Any) -> str:
    return f"ADSyncSingleObjectSyncResult-{now.strftime('%Y%m%d-%H%M%S')}.htm"


def _table(headers: List[str], rows: List[List[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if c is None else str(c))}</td>"
                                    for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def html_report(summary: dict) -> str:
    steps = summary["provisioningSteps"]
    failed = [s for s in steps if s["status"] == "failure"]
    advice = [[s["name"], s["description"], RECOMMENDATIONS.get(s["provisioningStepType"], "")]
              for s in failed] or [["", "No problem found.", ""]]
    source = summary["sourceIdentity"]
    sections = [
        ("Steps", _table(["Step", "Status", "Description"],
                         [[s["name"], s["status"], s["description"]] for s in steps])),
        ("Troubleshooting &amp; Recommendation",
         _table(["Step", "Problem", "Recommendation"], advice)),
        ("Modified Properties", _table(["Property", "Old value", "New value"], [
            [p["displayName"], p["oldValue"], p["newValue"]]
            for p in summary["modifiedProperties"]])),
        ("Summary", _table(["Item", "Value"], [
            ["Object", source["displayName"]], ["Source anchor object", source["id"]],
            ["Status", summary["provisioningStatusInfo"]["status"]],
            ["Action", summary["provisioningAction"]],
            ["Time (UTC)", summary["activityDateTime"]]])),
    ]
    body = "".join(f"<h2>{title}</h2>{content}" for title, content in sections)
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Single Object Sync "
            f"Result</title></head><body><h1>Single Object Sync: "
            f"{html.escape(str(source['displayName']))}</h1>{body}</body></html>\n")


def write_report(session: Any, name: str, text: str) -> str:
    path = resolve(session, name)
    check_path_allowed(session, path, True)
    write_text(path, text)
    return path
