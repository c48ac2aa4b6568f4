"""Run history records: one run per run-profile invocation, step counters, object errors.

Shapes follow Get-ADSyncRunProfileResult / RunStepResults (sync-engine.md §1.10). Plain dicts,
so the history snapshots as-is. Knows nothing of the shell.
"""
from __future__ import annotations

from datetime import timedelta

IMPORT_COUNTERS = ("StageNoChange", "StageAdd", "StageUpdate", "StageRename", "StageDelete",
                   "StageDeleteAdd", "StageFailure")
SYNC_COUNTERS = ("DisconnectorFiltered", "DisconnectorJoinedNoFlow", "DisconnectorJoinedFlow",
                 "DisconnectorJoinedRemoveMv", "DisconnectorProjectedNoFlow",
                 "DisconnectorProjectedFlow", "DisconnectorProjectedRemoveMv",
                 "DisconnectorRemains", "ConnectorFilteredRemoveMv", "ConnectorFilteredLeaveMv",
                 "ConnectorFlow", "ConnectorFlowRemoveMv", "ConnectorNoFlow",
                 "ConnectorDeleteRemoveMv", "ConnectorDeleteLeaveMv",
                 "ConnectorDeleteAddProcessed", "FlowFailure", "ProvisioningAdds",
                 "ProvisioningDeletes", "ExportAttributeFlow")
EXPORT_COUNTERS = ("ExportAdd", "ExportUpdate", "ExportRename", "ExportDelete",
                   "ExportDeleteAdd", "ExportFailure")
STEP_TYPES = {"Full Import": ("full-import", IMPORT_COUNTERS),
              "Delta Import": ("delta-import", IMPORT_COUNTERS),
              "Full Synchronization": ("apply-rules", SYNC_COUNTERS),
              "Delta Synchronization": ("apply-rules", SYNC_COUNTERS),
              "Export": ("export", EXPORT_COUNTERS)}
SEVERITY = ["success", "completed-no-objects", "completed-warnings", "completed-transient-objects",
            "completed-discovery-errors", "completed-sync-errors", "completed-export-errors",
            "stopped-extension-dll-exception", "stopped-deletion-threshold-exceeded",
            "stopped-error-limit"]
ERROR_LIMIT = 5000
# Simulated cost of one object in a step: only used to give runs an EndDate.
SECONDS_PER_OBJECT = 0.002
MIN_STEP_SECONDS = 2


class ErrorLimitReached(Exception):
    """More than 5,000 object errors: the run stops (stopped-error-limit)."""


class StepRun:
    """Counters and per-object errors collected while one step runs."""

    def __init__(self, profile: str):
        self.step_type, names = STEP_TYPES[profile]
        self.counters = dict.fromkeys(names, 0)
        self.errors: list[dict] = []
        self.result = "success"
        self.touched = 0

    def count(self, name: str, n: int = 1) -> None:
        self.counters[name] = self.counters.get(name, 0) + n
        self.touched += n

    def escalate(self, result: str) -> None:
        if SEVERITY.index(result) > SEVERITY.index(self.result):
            self.result = result

    def error(self, cs, error_type: str, message: str, now, algorithm_step: str,
              previous: dict | None = None, error_code: str | None = None) -> dict:
        first = (previous or {}).get("FirstOccurred", now)
        retries = (previous or {}).get("RetryCount", -1) + 1 if previous else 0
        record = {"ObjectDn": cs.dn, "CsGuid": cs.cs_id, "MvGuid": cs.mv_id,
                  "ErrorType": error_type, "ErrorLiteral": message, "ErrorCode": error_code,
                  "AlgorithmStep": algorithm_step, "FirstOccurred": first, "DateOccurred": now,
                  "RetryCount": retries}
        self.errors.append(record)
        if len(self.errors) > ERROR_LIMIT:
            self.escalate("stopped-error-limit")
            raise ErrorLimitReached()
        return record


def build_run(connector, profile: str, step: StepRun, run_id: str, step_id: str, start) -> dict:
    connector.run_number += 1
    seconds = max(MIN_STEP_SECONDS, step.touched * SECONDS_PER_OBJECT)
    end = start + timedelta(seconds=round(seconds, 3))
    return {
        "RunHistoryId": run_id, "ConnectorId": connector.identifier,
        "ConnectorName": connector.name, "RunProfileName": profile,
        "RunNumber": connector.run_number, "Username": "NT SERVICE\\ADSync",
        "IsRunComplete": True, "Result": step.result, "CurrentStepNumber": 1, "TotalSteps": 1,
        "StartDate": start, "EndDate": end,
        "RunStepResults": [{"StepHistoryId": step_id, "StepNumber": 1,
                            "StepResult": step.result, "StepType": step.step_type,
                            "StartDate": start, "EndDate": end, **step.counters,
                            "ObjectErrors": step.errors}],
    }
