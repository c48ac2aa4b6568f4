"""Invoke-ADSyncSingleObjectSync: synchronize one AD object end to end and say, step by step,
where it stops (scope checks, import, sync, export), as JSON like Graph's
provisioningObjectSummary plus an HTML report file.

The steps run through the tenant's own engine classes (import, synchronization, export of one
object), so what the report says is what the engine did. Report rendering is in
diagnose_report.py. Knows nothing of the REPL.
"""
from __future__ import annotations

import json
from typing import Any, Iterator, List, Optional

from msolsh.runtime.cmdlet import Example, Parameter, Switch
from msolsh.tenant import rules
from msolsh.tenant.export_step import AADExport
from msolsh.tenant.import_step import AD_CLASSES, ADImport
from msolsh.tenant.run_history import StepRun
from msolsh.tenant.sync_step import ADSync

from .common import ADSyncCmdlet, adsync_cmdlet, complete_ad_dns, derived_guid, naive
from .diagnose_report import html_report, report_name, write_report
from .preview import aad_link, preview


def step(name: str, kind: str, status: str, description: str, **details: Any) -> dict:
    return {"name": name, "provisioningStepType": kind, "status": status,
            "description": description, "details": {k: str(v) for k, v in details.items()}}


class Diagnosis:
    """Runs the ten checks of the real diagnosis against one AD object, committing as it goes."""

    def __init__(self, tenant: Any, obj: Any, staging: bool):
        self.t, self.obj, self.staging = tenant, obj, staging
        self.steps: List[dict] = []
        self.failed: Optional[str] = None
        self.changes: List[tuple] = []
        self.action = "other"

    def add(self, *args: Any, **kwargs: Any) -> bool:
        entry = step(*args, **kwargs)
        self.steps.append(entry)
        if entry["status"] == "failure" and self.failed is None:
            self.failed = entry["description"]
        return entry["status"] == "success"

    def run(self) -> None:
        if self._scope() and self._import():
            cs_obj = self.t.ad_cs.by_anchor(self.obj.guid)
            if self._sync(cs_obj):
                self._export(cs_obj)

    def _scope(self) -> bool:
        """Checks 1-6; the first failure stops the diagnosis, as the real one does."""
        checks = (self._domain_check, self._connector_check, self._ou_check,
                  self._readable_check, self._type_check, self._group_filter_check)
        return all(self.add(*check()) for check in checks)

    def _domain_check(self) -> tuple:
        fqdn = self.t.directory.domain_of(self.obj.dn)["fqdn"]
        selected = self.t.config.partitions.get(fqdn.lower(), {}).get("selected", True)
        return ("Source domain in scope", "scoping", "success" if selected else "failure",
                f"The domain {fqdn} is {'' if selected else 'not '}selected on connector "
                f"{self.t.ad_cs.name}.")

    def _connector_check(self) -> tuple:
        return ("Target connector in scope", "scoping", "success",
                f"The Azure AD connector {self.t.aad_cs.name} is present.")

    def _ou_check(self) -> tuple:
        fqdn = self.t.directory.domain_of(self.obj.dn)["fqdn"]
        in_ou = rules.in_partition_scope(self.obj.dn, fqdn, self.t.config.partitions)
        return ("Organizational unit in scope", "scoping", "success" if in_ou else "failure",
                "The object's OU is selected for synchronization." if in_ou else
                "The object's OU is not selected for synchronization (OU filtering).")

    def _readable_check(self) -> tuple:
        return ("Object readable", "scoping", "success",
                "The AD connector account can read the object.")

    def _type_check(self) -> tuple:
        typed = self.obj.object_class in AD_CLASSES
        return ("Object type in scope", "scoping", "success" if typed else "failure",
                f"Object type {self.obj.object_class} is {'' if typed else 'not '}synchronized.")

    def _group_filter_check(self) -> tuple:
        group = self.t.config.group_filter
        if group is None:
            return ("Group filtering scope", "scoping", "success", "No group-based filtering.")
        member = ADImport(self.t.sync, StepRun("Delta Import")).in_scope(self.obj)
        return ("Group filtering scope", "scoping", "success" if member else "failure",
                "The object is a direct member of the filtering group." if member else
                f"The object is not a direct member of the filtering group {group}.")

    def _import(self) -> bool:
        ADImport(self.t.sync, StepRun("Delta Import")).stage(self.obj)
        cs_obj = self.t.ad_cs.by_anchor(self.obj.guid)
        if cs_obj is None:
            return self.add("Import from Active Directory", "import", "failure",
                            "The object could not be imported.")
        self.add("Import from Active Directory", "import", "success",
                 f"Imported into connector space {self.t.ad_cs.name} "
                 f"(pending import: {cs_obj.pending_import or 'None'}).",
                 CsObjectId=cs_obj.cs_id)
        link = aad_link(self.t, self.t.metaverse.get(cs_obj.mv_id) if cs_obj.mv_id else None)
        self.add("Import from Azure AD", "import", "success" if link else "skipped",
                 "The object is in the Azure AD connector space." if link else
                 "The object is not in Azure AD yet.")
        return True

    def _sync(self, cs_obj: Any) -> bool:
        result = preview(self.t, cs_obj)
        self.changes = result["changes"]
        ADSync(self.t.sync, StepRun("Delta Synchronization")).synchronize(cs_obj)
        if cs_obj.sync_error:
            return self.add("Synchronize from the AD connector space", "matching", "failure",
                            f"{cs_obj.sync_error['ErrorType']}: "
                            f"{cs_obj.sync_error['ErrorLiteral']}")
        mv = self.t.metaverse.get(cs_obj.mv_id) if cs_obj.mv_id else None
        if mv is None:
            return self.add("Synchronize from the AD connector space", "matching", "failure",
                            "The object is out of scope of every inbound synchronization rule.")
        link = aad_link(self.t, mv)
        if link is None:
            why = "cloudFiltered is True" if mv.attrs.get("cloudFiltered") is True else \
                "the outbound rule's scope is not met"
            return self.add("Synchronize from the AD connector space", "processing", "failure",
                            f"Joined to metaverse object {mv.mv_id}, but not provisioned to "
                            f"Azure AD: {why}.")
        self.action = "create" if link.pending_export == "Add" else "update"
        return self.add("Synchronize from the AD connector space", "processing", "success",
                        f"Metaverse object {mv.mv_id}; Azure AD connector space object "
                        f"{link.dn} (pending export: {link.pending_export or 'None'}).")

    def _export(self, cs_obj: Any) -> None:
        link = aad_link(self.t, self.t.metaverse.get(cs_obj.mv_id))
        if self.staging:
            self.add("Export to Azure AD", "export", "skipped",
                     "Staging mode: the export was not run.")
            return
        if link.pending_export:
            AADExport(self.t.sync, StepRun("Export")).export(link)
        if link.export_error:
            self.add("Export to Azure AD", "export", "failure",
                     f"{link.export_error['ErrorType']}: {link.export_error['ErrorLiteral']}")
            return
        self.add("Export to Azure AD", "export", "success",
                 f"Exported to Azure AD (ObjectId {link.object_id}).", ObjectId=link.object_id)

    def summary(self) -> dict:
        t, obj = self.t, self.obj
        link = None
        cs_obj = t.ad_cs.by_anchor(obj.guid)
        if cs_obj is not None and cs_obj.mv_id:
            link = aad_link(t, t.metaverse.get(cs_obj.mv_id))
        now = naive(t.clock.now)
        status = "failure" if self.failed else (
            "skipped" if self.steps and self.steps[-1]["status"] == "skipped" else "success")
        return {
            "id": str(derived_guid("single-object-sync", obj.guid, now.isoformat())),
            "activityDateTime": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "jobId": "ADSyncSingleObjectSync", "provisioningAction": self.action,
            "provisioningStatusInfo": {"status": status, "errorInformation": None if not
                                       self.failed else {"reason": self.failed}},
            "provisioningSteps": self.steps,
            "modifiedProperties": [{"displayName": n, "oldValue": _text(o), "newValue": _text(v)}
                                   for n, o, v in self.changes],
            "sourceIdentity": {"id": obj.guid, "displayName": obj.attrs.get("displayName") or
                               obj.cn, "identityType": obj.object_class},
            "sourceSystem": {"id": t.ad_cs.identifier, "displayName": t.ad_cs.name},
            "targetIdentity": {"id": link.object_id if link and link.object_id else "",
                               "identityType": link.object_type if link else ""},
            "targetSystem": {"id": t.aad_cs.identifier, "displayName": t.aad_cs.name},
        }


def _text(value: Any) -> Optional[str]:
    if value is None:
        return None
    return ";".join(map(str, value)) if isinstance(value, list) else str(value)


@adsync_cmdlet("Invoke-ADSyncSingleObjectSync", output_type="System.String")
class InvokeADSyncSingleObjectSync(ADSyncCmdlet):
    """Synchronizes one AD object to Azure AD now and reports each step.

    Checks the domain, OU, object type and group-filtering scope, imports the object, runs the
    synchronization rules and exports it, committing each step (only AD to Azure AD, only adds
    and updates). Writes the result as JSON (like Graph's provisioningObjectSummary) and, unless
    -NoHtmlReport, an ADSyncSingleObjectSyncResult-<date>.htm report in the current directory.
    -StagingMode does everything but the export."""
    examples = [Example("Invoke-ADSyncSingleObjectSync -DistinguishedName "
                        "'CN=Megan Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com' "
                        "-NoHtmlReport | ConvertFrom-Json | Select-Object -ExpandProperty "
                        "provisioningSteps | Format-Table name, status",
                        "Diagnoses Megan Bowen and lists the steps' outcome.")]
    DistinguishedName = Parameter(str, mandatory=True, position=0, pipeline_by_property=True,
                                  complete=complete_ad_dns,
                                  help="Specifies the AD object to synchronize.")
    StagingMode = Switch(help="Runs every step but the export.")
    NoHtmlReport = Switch(help="Writes no HTML report file.")

    def process(self) -> Iterator[Any]:
        obj = self.tenant.directory.find(self.DistinguishedName)
        if obj is None:
            self.fail(f"The object '{self.DistinguishedName}' was not found in Active "
                      "Directory.", "System.ArgumentException", "ObjectNotFound",
                      target=self.DistinguishedName)
            return
        diagnosis = Diagnosis(self.tenant, obj, bool(self.StagingMode))
        diagnosis.run()
        summary = diagnosis.summary()
        if not self.NoHtmlReport:
            name = report_name(self.tenant.clock.now)
            try:
                path = write_report(self.session, name, html_report(summary))
            except OSError as exc:
                self.fail(f"Could not write the report '{name}': {exc.strerror or exc}",
                          "System.IO.IOException", "WriteError", target=name)
            else:
                self.write_verbose(f"The HTML report was saved to {path}.")
        yield json.dumps(summary, indent=4)
