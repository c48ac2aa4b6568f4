"""The run history (SSM's Operations tab): Get-ADSyncRunProfileResult and Get-ADSyncRunStepResult.

Every run profile the engine ran, newest first, with its status and, with -RunStepDetails, the
step counters and per-object errors exactly as the tenant's engine recorded them. Knows the
tenant through tenant.sync.history only.
"""
from __future__ import annotations

from typing import Any, Iterator, List

from msolsh.runtime.cmdlet import Example, Parameter, Switch

from .common import ADSyncCmdlet, adsync_cmdlet, guid
from .records_runs import (RUN_PROFILE_RESULT, RUN_STEP_RESULT, run_profile_id, run_record,
                           step_record)


def display_namer(tenant: Any):
    """cs_guid -> the object's display name, looked up in both connector spaces."""
    def name(cs_guid: Any) -> Any:
        for cs in (tenant.ad_cs, tenant.aad_cs):
            o = cs.get(str(cs_guid)) if cs_guid else None
            if o is not None:
                values = {**o.attrs, **o.export_attrs}
                return values.get("displayName") or values.get("cn")
        return None
    return name


def _same(value: Any, wanted: Any) -> bool:
    return wanted is None or str(value).lower() == str(wanted).lower()


@adsync_cmdlet("Get-ADSyncRunProfileResult", output_type=RUN_PROFILE_RESULT)
class GetADSyncRunProfileResult(ADSyncCmdlet):
    """Gets run profile results from the run history, newest first.

    Result is the run's status: success, completed-sync-errors, completed-export-errors,
    stopped-deletion-threshold-exceeded, ... With -RunStepDetails, RunStepResults holds each
    step's counters (StageAdd, DisconnectorProjectedFlow, ExportAdd, ...) and the per-object
    errors (SyncErrors, ConnectorDiscoveryErrors) with their ErrorType."""
    examples = [
        Example("Get-ADSyncRunProfileResult -NumberRequested 6 | "
                "Format-Table ConnectorName, RunProfileName, Result, StartDate",
                "The runs of the last sync cycle."),
        Example("Get-ADSyncRunProfileResult -NumberRequested 1 -RunStepDetails | "
                "Select-Object -ExpandProperty RunStepResults",
                "The counters and errors of the most recent run."),
    ]
    RunHistoryId = Parameter("guid", help="Specifies one run by its identifier.")
    ConnectorId = Parameter("guid", help="Specifies the connector whose runs to get.")
    RunProfileId = Parameter("guid", help="Specifies the run profile whose runs to get.")
    RunNumber = Parameter("int", help="Specifies a run number (per connector).")
    NumberRequested = Parameter("int", help="Specifies how many of the newest runs to get.")
    RunStepDetails = Switch(help="Includes the step results (counters and object errors).")
    StepNumber = Parameter("int", help="With -RunStepDetails, only this step.")

    def process(self) -> Iterator[Any]:
        count = 0
        for run in reversed(self.engine.history):
            if not self._wanted(run):
                continue
            if self.NumberRequested is not None and count >= self.NumberRequested:
                return
            count += 1
            record = run_record(run, bool(self.RunStepDetails), display_namer(self.tenant))
            if self.StepNumber is not None and record.get("RunStepResults") is not None:
                record.set("RunStepResults", [s for s in record.get("RunStepResults")
                                              if s.get("StepNumber") == self.StepNumber])
            yield record

    def _wanted(self, run: dict) -> bool:
        return (_same(run["RunHistoryId"], self.RunHistoryId)
                and _same(run["ConnectorId"], self.ConnectorId)
                and (self.RunProfileId is None or run_profile_id(
                    run["ConnectorId"], run["RunProfileName"]) == guid(self.RunProfileId))
                and (self.RunNumber is None or run["RunNumber"] == self.RunNumber))


@adsync_cmdlet("Get-ADSyncRunStepResult", output_type=RUN_STEP_RESULT)
class GetADSyncRunStepResult(ADSyncCmdlet):
    """Gets run step results: a step's counters and per-object errors.

    -RunHistoryId picks one run (from Get-ADSyncRunProfileResult); -First only the newest
    run's steps; without parameters every step in the run history, newest first."""
    examples = [Example("Get-ADSyncRunStepResult -First | Select-Object StepResult, "
                        "StageAdd, StageUpdate, ExportAdd, ExportFailure",
                        "The most recent run's step counters."),
                Example("$run = Get-ADSyncRunProfileResult -NumberRequested 1; "
                        "Get-ADSyncRunStepResult -RunHistoryId $run.RunHistoryId",
                        "The steps of one run.")]
    RunHistoryId = Parameter("guid", pipeline_by_property=True,
                             help="Specifies the run whose steps to get.")
    StepHistoryId = Parameter("guid", help="Specifies one step by its identifier.")
    First = Switch(help="Gets only the steps of the newest run.")
    StepNumber = Parameter("int", help="Specifies the step number.")

    def process(self) -> Iterator[Any]:
        runs: List[dict] = [r for r in reversed(self.engine.history)
                            if _same(r["RunHistoryId"], self.RunHistoryId)]
        if self.First:
            runs = runs[:1]
        for run in runs:
            for step in run.get("RunStepResults") or ():
                if _same(step["StepHistoryId"], self.StepHistoryId) and \
                        (self.StepNumber is None or step["StepNumber"] == self.StepNumber):
                    yield step_record(run, step, display_namer(self.tenant))
