"""Running the sync engine: Start-ADSyncSyncCycle (alias Start-Sync), Stop-ADSyncSyncCycle,
Invoke-ADSyncRunProfile and Get-ADSyncConnectorRunStatus.

The real Start-ADSyncSyncCycle returns at once and the cycle runs in the background; here the
tenant's scheduler runs the whole cycle in simulated time before the prompt returns, then stays
busy for the cycle's simulated duration (so a second start right away gets the real "is busy"
error). Knows the tenant through tenant.scheduler and tenant.sync only.
"""
from __future__ import annotations

from typing import Any, Iterator, Optional

from msolsh.runtime.cmdlet import Example, Parameter, Switch
from msolsh.runtime.values import PSObject
from msolsh.tenant.errors import SyncEngineError

from .common import (CMDLET_NS, NS, RUN_PROFILES, ADSyncCmdlet, adsync_cmdlet,
                     complete_connectors, complete_run_profiles, guid)
from .records_runs import CYCLE_RESULT, RUN_STATUS

POLICY_TYPES = ("Unspecified", "Delta", "Initial")
POLICY_TYPE = f"{NS}.SynchronizationPolicyType"
INVALID_OPERATION = "System.InvalidOperationException"
# The stack the real scheduler's InvalidOperationException carries into the message.
SCHEDULER_STACK = ("\n   at Microsoft.MetadirectoryServices.Scheduler.Scheduler.StartSyncCycle"
                   "(String overridePolicy, Boolean interactiveMode)"
                   "\n   at SchedulerUtils.StartSyncCycle(SchedulerUtils* , Char* policyType, "
                   "Int32 interactiveMode, Char** errorString)")
INVOKE_RESULT = f"{NS}.RunProfileInvocationResult"


def short_target(text: str) -> str:
    """How CategoryInfo shows a long target: 15 characters, '...', the last 15."""
    return text if len(text) <= 40 else f"{text[:15]}...{text[-15:]}"


@adsync_cmdlet("Start-ADSyncSyncCycle", aliases=("Start-Sync",), output_type=CYCLE_RESULT)
class StartADSyncSyncCycle(ADSyncCmdlet):
    """Starts a synchronization cycle: import, synchronization and export on every connector.

    -PolicyType Delta (the default, from the scheduler's NextSyncCyclePolicyType) runs Delta
    Import, Delta Synchronization and Export; Initial runs Full Import and Full Synchronization
    instead. The order is: import AD, import Azure AD, sync AD, sync Azure AD, export Azure AD,
    export AD; a staging server runs no exports. In msolsh the cycle completes in simulated time
    before the prompt returns (the real cmdlet returns at once and the cycle runs in the
    background); the engine then stays busy for the cycle's simulated duration, and Exchange
    Online forward sync follows a few simulated minutes later."""
    examples = [
        Example("Start-ADSyncSyncCycle -PolicyType Delta",
                "Runs a delta cycle now: only what changed since the last one."),
        Example("Start-ADSyncSyncCycle -PolicyType Initial",
                "Runs a full cycle, as needed after a filtering or rule change."),
        Example("Start-Sync", "The short alias: runs the scheduler's next policy type."),
    ]
    PolicyType = Parameter(str, position=0, complete=lambda s, p: [
        n for n in POLICY_TYPES if n.lower().startswith(p.lower())],
        help="Specifies the cycle: Delta (changes only) or Initial (full import and full "
             "synchronization). Unspecified uses the scheduler's NextSyncCyclePolicyType.")
    InteractiveMode = Parameter("bool", position=1,
                                help="Accepted for compatibility; the cycle always runs.")

    def process(self) -> Iterator[Any]:
        policy = self.enum_value("PolicyType", self.PolicyType, POLICY_TYPE, POLICY_TYPES)
        try:
            result = self.tenant.scheduler.start_cycle(policy or "Unspecified")
        except SyncEngineError as exc:
            self._refused(exc.message)
            return
        yield PSObject([("Result", result.get("Result", "Success"))],
                       [CYCLE_RESULT, "System.Object"])

    def _refused(self, message: str) -> None:
        text = f"{INVALID_OPERATION}: {message}{SCHEDULER_STACK}"
        record = self.error_record(text, text, "WriteError", exception_type=INVALID_OPERATION,
                                   fq_class=self.fq_class)
        record.target_name = short_target(f"{CMDLET_NS}.StartADSyncSyncCycle")
        record.target_type = "StartADSyncSyncCycle"
        self.write_error(record)


@adsync_cmdlet("Stop-ADSyncSyncCycle")
class StopADSyncSyncCycle(ADSyncCmdlet):
    """Tells the scheduler to stop the current synchronization cycle.

    Harmless: what the cycle did not finish is processed by the next one. In msolsh a cycle's
    changes are applied when it starts, so stopping only ends the busy period (the next
    Start-ADSyncSyncCycle is accepted at once)."""
    examples = [Example("Start-ADSyncSyncCycle; Stop-ADSyncSyncCycle",
                        "Starts a cycle and stops it again.")]

    def process(self) -> None:
        scheduler = self.tenant.scheduler
        stop = getattr(scheduler, "stop_cycle", None)
        if stop is not None:
            stop()
        elif scheduler.in_progress:
            scheduler.busy_until = scheduler.clock.now
        return None


@adsync_cmdlet("Invoke-ADSyncRunProfile", default_set="ConnectorName",
               output_type=INVOKE_RESULT)
class InvokeADSyncRunProfile(ADSyncCmdlet):
    """Runs one run profile of one connector and waits until it finishes.

    The run profiles are Full Import, Delta Import, Full Synchronization, Delta Synchronization
    and Export. The run is recorded in the run history (Get-ADSyncRunProfileResult) and its
    status (success, completed-export-errors, stopped-deletion-threshold-exceeded, ...) is the
    Result. When scripting a cycle, keep the scheduler's order: import AD, import Azure AD,
    sync AD, sync Azure AD, export Azure AD, export AD."""
    examples = [
        Example("Invoke-ADSyncRunProfile -ConnectorName contoso.com -RunProfileName 'Delta Import'",
                "Imports the changes made in on-premises AD since the last import."),
        Example("Invoke-ADSyncRunProfile -ConnectorName 'contoso.onmicrosoft.com - AAD' "
                "-RunProfileName Export", "Exports what is pending to Azure AD."),
    ]
    ConnectorName = Parameter(str, set="ConnectorName", mandatory=True, position=0,
                              pipeline_by_property=True, complete=complete_connectors,
                              help="Specifies the connector by name.")
    ConnectorIdentifier = Parameter("guid", set="ConnectorIdentifier", mandatory=True,
                                    pipeline_by_property=True, aliases=("Identifier",),
                                    help="Specifies the connector by its identifier.")
    RunProfileName = Parameter(str, mandatory=True, position=1, complete=complete_run_profiles,
                               help="Specifies the run profile: " + ", ".join(RUN_PROFILES) + ".")
    Resume = Switch(help="Resumes a run that was stopped (accepted; runs the profile).")

    def process(self) -> Iterator[Any]:
        cs = self.connector_or_fail(self.ConnectorName, self.ConnectorIdentifier)
        if cs is None:
            return
        if self.tenant.scheduler.in_progress:
            self.fail(f"Connector: {cs.name} is busy.", INVALID_OPERATION, "InvalidOperation",
                      target=cs.name)
            return
        profile = next((p for p in RUN_PROFILES if p.lower() == self.RunProfileName.lower()),
                       self.RunProfileName)
        try:
            run = self.engine.run_profile(cs.name, profile)
        except SyncEngineError as exc:
            self.fail(exc.message, "System.ArgumentException", "InvalidArgument",
                      target=self.RunProfileName)
            return
        yield PSObject([("Result", run["Result"]), ("RunHistoryId", guid(run["RunHistoryId"])),
                        ("ConnectorName", run["ConnectorName"]),
                        ("RunProfileName", run["RunProfileName"]),
                        ("RunNumber", run["RunNumber"])], [INVOKE_RESULT, "System.Object"])


@adsync_cmdlet("Get-ADSyncConnectorRunStatus", output_type=RUN_STATUS)
class GetADSyncConnectorRunStatus(ADSyncCmdlet):
    """Gets the connectors that are running now.

    Returns nothing when the engine is idle. While a cycle runs it returns the busy connector
    with RunState Busy; scripts poll it (or SyncCycleInProgress of Get-ADSyncScheduler) to wait
    for a cycle to end."""
    examples = [Example("Get-ADSyncConnectorRunStatus",
                        "Shows the busy connector, or nothing when no run is in progress."),
                Example("Start-ADSyncSyncCycle; Get-ADSyncConnectorRunStatus",
                        "Right after a start the first connector of the cycle is busy.")]

    def process(self) -> Iterator[Any]:
        run = self._running()
        if run is not None:
            yield PSObject([("RunState", "Busy"), ("ConnectorName", run["ConnectorName"])],
                           [RUN_STATUS, "System.Object"])

    def _running(self) -> Optional[dict]:
        scheduler = self.tenant.scheduler
        if not scheduler.in_progress:
            return None
        now = scheduler.clock.now
        for run in reversed(self.engine.history):
            if run["StartDate"] <= now < run["EndDate"]:
                return run
        return None  # between two steps: the real cmdlet briefly shows nothing too
