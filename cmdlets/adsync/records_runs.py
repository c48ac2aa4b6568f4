"""Run history, scheduler and connector records as the ADSync cmdlets return them
(sync-engine.md §1.10, §7, §8.1, §8.4, §8.9): real property names in the real order.

Pure functions from the tenant's plain run dicts and stores to PSObjects. Counters the real
RunStepResult does not carry as properties (provisioning adds/deletes, export attribute flow)
go into FlowCountersXml, as the engine's run-history XML keeps them.
"""
from __future__ import annotations

from typing import Any, Optional

from msolsh.runtime.values import PSObject

from .common import NS, RUN_PROFILES, derived_guid, guid, naive
from .records import custom

RUN_PROFILE_RESULT = f"{NS}.RunProfileResult"
RUN_STEP_RESULT = f"{NS}.RunStepResult"
SCHEDULER = f"{NS}.SchedulerSettings"
CONNECTOR = f"{NS}.Connector"
CONNECTOR_STATISTICS = f"{NS}.ConnectorStatistics"
RUN_STATUS = f"{NS}.ConnectorRunStatus"
SCHEDULER_OVERRIDE = f"{NS}.SchedulerConnectorOverride"
CYCLE_RESULT = f"{NS}.SchedulerOperationResult"

IMPORT = ("StageNoChange", "StageAdd", "StageUpdate", "StageRename", "StageDelete",
          "StageDeleteAdd", "StageFailure")
SYNC = ("DisconnectorFiltered", "DisconnectorJoinedNoFlow", "DisconnectorJoinedFlow",
        "DisconnectorJoinedRemoveMv", "DisconnectorProjectedNoFlow", "DisconnectorProjectedFlow",
        "DisconnectorProjectedRemoveMv", "DisconnectorRemains", "ConnectorFilteredRemoveMv",
        "ConnectorFilteredLeaveMv", "ConnectorFlow", "ConnectorFlowRemoveMv", "ConnectorNoFlow",
        "ConnectorDeleteRemoveMv", "ConnectorDeleteLeaveMv", "ConnectorDeleteAddProcessed",
        "FlowFailure")
EXPORT = ("ExportAdd", "ExportUpdate", "ExportRename", "ExportDelete", "ExportDeleteAdd",
          "ExportFailure")
OUTBOUND = (("ProvisioningAdds", "provisioning-add"),
            ("ProvisioningDeletes", "provisioning-delete"),
            ("ExportAttributeFlow", "export-flow"))


def run_profile_id(connector_id: str, profile: str) -> Any:
    return derived_guid("run-profile", connector_id, profile)


# -- run history ------------------------------------------------------------------------------

def error_object(error: dict, display_name: Any = None) -> PSObject:
    """RunStepErrorObject: one object's error in a step; display_name(cs_guid) names it."""
    cd_error = None
    if error.get("AlgorithmStep") == "Export":
        cd_error = custom([("ErrorCode", error.get("ErrorCode")),
                           ("ErrorLiteral", error.get("ErrorLiteral")),
                           ("ServerErrorDetail", error.get("ErrorLiteral"))])
    return custom([
        ("ObjectDisplayName", display_name(error.get("CsGuid")) if display_name else None),
        ("ObjectDn", error.get("ObjectDn")),
        ("CsGuid", guid(error.get("CsGuid"))), ("MvGuid", guid(error.get("MvGuid"))),
        ("FirstOccurred", naive(error.get("FirstOccurred"))),
        ("RetryCount", error.get("RetryCount", 0)),
        ("DateOccurred", naive(error.get("DateOccurred"))), ("ErrorType", error.get("ErrorType")),
        ("AlgorithmStep", error.get("AlgorithmStep")), ("LineNumber", 0), ("ColumnNumber", 0),
        ("EntryNumber", 0), ("ExtensionErrorInfo", None), ("CdError", cd_error)])


def _flow_counters_xml(run: dict, step: dict) -> Optional[str]:
    if step.get("StepType") != "apply-rules":
        return None
    inner = "".join(f"<{tag}>{step.get(name, 0)}</{tag}>" for name, tag in OUTBOUND)
    return f'<outbound-flow-counters ma="{run["ConnectorName"]}">{inner}</outbound-flow-counters>'


def step_record(run: dict, step: dict, display_name: Any = None) -> PSObject:
    errors = [error_object(e, display_name) for e in step.get("ObjectErrors") or ()]
    is_import = step.get("StepType", "").endswith("import")
    pairs = [("RunHistoryId", guid(run["RunHistoryId"])),
             ("StepHistoryId", guid(step["StepHistoryId"])),
             ("StepNumber", step["StepNumber"]), ("StepResult", step["StepResult"]),
             ("StartDate", naive(step["StartDate"])), ("EndDate", naive(step["EndDate"])),
             ("StepFileName", None), ("ConnectorConnectionInformationXml", None),
             ("ConnectorDiscoveryErrors", errors if is_import else []),
             ("ConnectorCountersXml", None),
             ("SyncErrors", [] if is_import else errors),
             ("StepXml", f'<step-type type="{step.get("StepType")}" />'),
             ("MvRetryErrors", []), ("FlowCountersXml", _flow_counters_xml(run, step))]
    pairs += [(n, step.get(n, 0)) for n in IMPORT + SYNC + EXPORT]
    pairs += [("CurrentExportBatchNumber", 0), ("LastSuccessfulExportBatchNumber", 0)]
    return PSObject(pairs, [RUN_STEP_RESULT, "System.Object"])


def run_record(run: dict, details: bool = False, display_name: Any = None) -> PSObject:
    steps = [step_record(run, s, display_name) for s in run.get("RunStepResults") or ()] \
        if details else None
    return PSObject([
        ("RunHistoryId", guid(run["RunHistoryId"])), ("ConnectorId", guid(run["ConnectorId"])),
        ("ConnectorName", run["ConnectorName"]),
        ("RunProfileId", run_profile_id(run["ConnectorId"], run["RunProfileName"])),
        ("RunProfileName", run["RunProfileName"]), ("RunNumber", run["RunNumber"]),
        ("Username", run["Username"]), ("IsRunComplete", run["IsRunComplete"]),
        ("Result", run["Result"]), ("CurrentStepNumber", run["CurrentStepNumber"]),
        ("TotalSteps", run["TotalSteps"]), ("StartDate", naive(run["StartDate"])),
        ("EndDate", naive(run["EndDate"])), ("RunStepResults", steps),
    ], [RUN_PROFILE_RESULT, "System.Object"])


# -- scheduler, connectors --------------------------------------------------------------------

def scheduler_record(properties: dict) -> PSObject:
    return PSObject([(k, naive(v)) for k, v in properties.items()], [SCHEDULER, "System.Object"])


def _partition(cs: Any, fqdn: str, config: Any) -> PSObject:
    p = config.partitions.get(fqdn.lower(), {})
    dn = ",".join(f"DC={part}" for part in fqdn.split("."))
    scope = custom([("ObjectClasses", ["contact", "group", "inetOrgPerson", "user"]),
                    ("ContainerInclusionList", list(p.get("inclusions") or [dn])),
                    ("ContainerExclusionList", list(p.get("exclusions") or []))])
    return custom([("Identifier", derived_guid("partition", cs.identifier, fqdn.lower())),
                   ("DN", dn), ("Selected", p.get("selected", True)),
                   ("ConnectorPartitionScope", scope), ("Name", dn), ("IsDomain", True)])


def connector_record(tenant: Any, cs: Any, created: Any) -> PSObject:
    is_ad = cs.connector_type == "AD"
    fqdns = [d["fqdn"] for d in tenant.directory.domains] if is_ad else [cs.name]
    partitions = [_partition(cs, f, tenant.config) for f in fqdns] if is_ad else [custom([
        ("Identifier", derived_guid("partition", cs.identifier, cs.name.lower())),
        ("DN", "default"), ("Selected", True), ("Name", "default"), ("IsDomain", False)])]
    profiles = [custom([("Identifier", run_profile_id(cs.identifier, p)), ("Name", p),
                        ("ConnectorIdentifier", guid(cs.identifier))]) for p in RUN_PROFILES]
    classes = ["computer", "contact", "container", "domainDNS", "foreignSecurityPrincipal",
               "group", "inetOrgPerson", "msDS-Device", "organizationalUnit", "user"] if is_ad \
        else ["contact", "device", "group", "user"]
    account = f"MSOL_{derived_guid('account', cs.identifier).hex[:12]}" if is_ad else \
        tenant.aad.company.get("DirSyncServiceAccount")
    return PSObject([
        ("Identifier", guid(cs.identifier)), ("Name", cs.name), ("Description", ""),
        ("Version", 1), ("CreationTime", naive(created)),
        ("LastModificationTime", naive(created)), ("Partitions", partitions),
        ("RunProfiles", profiles), ("ConnectivityParameters", [custom([
            ("Name", "UserName" if not is_ad else "forest-login-user"), ("Value", account)])]),
        ("ObjectInclusionList", classes),
        ("AnchorConstructionSettings", [custom([("ObjectType", c), ("Attributes",
                                                 ["objectGUID"] if is_ad else ["cloudAnchor"]),
                                                ("Locked", True)])
                                        for c in ("user", "group", "contact")]),
        ("CompanyName", "Microsoft"), ("Type", cs.connector_type), ("Subtype", cs.subtype),
        ("ConnectorTypeName", cs.connector_type),
    ], [CONNECTOR, "System.Object"])


def statistics_record(stats: dict) -> PSObject:
    return PSObject(list(stats.items()), [CONNECTOR_STATISTICS, "System.Object"])
