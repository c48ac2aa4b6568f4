"""The built-in scheduler: Get-ADSyncScheduler, Set-ADSyncScheduler and the per-connector
overrides (Get-/Set-ADSyncSchedulerConnectorOverride).

Get-ADSyncScheduler shows the tenant scheduler's properties in the real order and format
(sync-engine.md §7). Knows the tenant through tenant.scheduler and tenant.config only.
"""
from __future__ import annotations

from typing import Any, Iterator

from msolsh.runtime.cmdlet import Example, Parameter, Switch
from msolsh.runtime.coerce import convert
from msolsh.runtime.values import PSObject
from msolsh.tenant.errors import SyncEngineError

from .common import ADSyncCmdlet, adsync_cmdlet, complete_connectors, guid
from .cycle import POLICY_TYPE, POLICY_TYPES
from .records_runs import SCHEDULER, SCHEDULER_OVERRIDE, scheduler_record


@adsync_cmdlet("Get-ADSyncScheduler", output_type=SCHEDULER)
class GetADSyncScheduler(ADSyncCmdlet):
    """Gets the sync cycle scheduler's settings.

    AllowedSyncCycleInterval is the shortest interval Azure AD allows (30 minutes);
    CurrentlyEffectiveSyncCycleInterval the one in force (the customized interval when set and
    not shorter). NextSyncCycleStartTimeInUTC is not advanced until the running cycle ends.
    StagingModeEnabled True means the server runs no exports."""
    examples = [Example("Get-ADSyncScheduler", "Shows the scheduler's settings."),
                Example("(Get-ADSyncScheduler).NextSyncCycleStartTimeInUTC",
                        "When the next cycle starts (UTC).")]

    def process(self) -> Iterator[Any]:
        yield scheduler_record(self.tenant.scheduler.properties())


@adsync_cmdlet("Set-ADSyncScheduler", supports_should_process=True)
class SetADSyncScheduler(ADSyncCmdlet):
    """Changes the sync cycle scheduler's settings.

    Disable the scheduler (-SyncCycleEnabled $false) before changing filtering or rules and
    enable it after. -CustomizedSyncCycleInterval takes d.HH:mm:ss; a value below the allowed
    interval means the allowed one is used; $null resets it. -NextSyncCyclePolicyType Initial
    makes the next cycle a full one. Staging mode cannot be changed here (use the wizard)."""
    examples = [
        Example("Set-ADSyncScheduler -SyncCycleEnabled $false",
                "Stops the scheduler from starting cycles (manual cycles still run)."),
        Example("Set-ADSyncScheduler -CustomizedSyncCycleInterval 03:00:00",
                "Runs a cycle every three hours."),
        Example("Set-ADSyncScheduler -NextSyncCyclePolicyType Initial",
                "Makes the next scheduled cycle a full import and full synchronization."),
    ]
    # Nullable<TimeSpan>: $null resets the interval, so the conversion is done in process().
    CustomizedSyncCycleInterval = Parameter("object", position=0,
                                            help="Specifies the interval between cycles "
                                                 "(d.HH:mm:ss); $null resets it.")
    SyncCycleEnabled = Parameter("bool", position=1,
                                 help="Specifies whether the scheduler starts cycles.")
    NextSyncCyclePolicyType = Parameter(str, position=2, complete=lambda s, p: [
        n for n in POLICY_TYPES if n.lower().startswith(p.lower())],
        help="Specifies the next cycle's policy type: Unspecified, Delta or Initial.")
    PurgeRunHistoryInterval = Parameter("timespan", position=3,
                                        help="Specifies how long run history is kept.")
    MaintenanceEnabled = Parameter("bool", position=4,
                                   help="Specifies whether the maintenance task runs.")
    SchedulerSuspended = Parameter("bool", position=5,
                                   help="Suspends the scheduler (set by upgrades and the "
                                        "wizard; not meant to be set by hand).")
    Force = Switch(help="Changes the settings without asking.")

    def process(self) -> None:
        policy = self.enum_value("NextSyncCyclePolicyType", self.NextSyncCyclePolicyType,
                                 POLICY_TYPE, POLICY_TYPES)
        if not self.should_process("ADSyncScheduler", "Set"):
            return None
        changes = dict(sync_cycle_enabled=self.SyncCycleEnabled, next_policy_type=policy,
                       purge_run_history_interval=self.PurgeRunHistoryInterval,
                       maintenance_enabled=self.MaintenanceEnabled,
                       scheduler_suspended=self.SchedulerSuspended)
        if self.is_bound("CustomizedSyncCycleInterval"):
            value = self.CustomizedSyncCycleInterval
            changes["customized_interval"] = None if value is None else \
                convert(value, "System.TimeSpan")
        try:
            self.tenant.scheduler.configure(**changes)
        except SyncEngineError as exc:
            self.fail(exc.message)
        return None


def override_record(cs: Any, override: dict) -> PSObject:
    return PSObject([("ConnectorIdentifier", guid(cs.identifier)),
                     ("FullImportRequired", bool(override.get("full_import_required"))),
                     ("FullSyncRequired", bool(override.get("full_sync_required")))],
                    [SCHEDULER_OVERRIDE, "System.Object"])


@adsync_cmdlet("Get-ADSyncSchedulerConnectorOverride", output_type=SCHEDULER_OVERRIDE)
class GetADSyncSchedulerConnectorOverride(ADSyncCmdlet):
    """Gets the full import / full synchronization the next delta cycle will run per connector.

    Without a connector, gets the overrides of every connector."""
    examples = [Example("Get-ADSyncSchedulerConnectorOverride -ConnectorName contoso.com",
                        "Shows whether the next cycle runs a full import or sync on contoso.com.")]
    ConnectorIdentifier = Parameter("guid", help="Specifies the connector by identifier.")
    ConnectorName = Parameter(str, complete=complete_connectors,
                              help="Specifies the connector by name.")

    def process(self) -> Iterator[Any]:
        overrides = self.tenant.config.connector_overrides
        if self.ConnectorName is None and self.ConnectorIdentifier is None:
            spaces = [self.engine.ad_cs, self.engine.aad_cs]
        else:
            spaces = [self.connector_or_fail(self.ConnectorName, self.ConnectorIdentifier)]
        for cs in spaces:
            if cs is not None:
                yield override_record(cs, overrides.get(cs.name, {}))


@adsync_cmdlet("Set-ADSyncSchedulerConnectorOverride", default_set="ConnectorName",
               supports_should_process=True)
class SetADSyncSchedulerConnectorOverride(ADSyncCmdlet):
    """Makes the next delta cycle run Full Import and/or Full Synchronization on one connector.

    Use it after a change that only one connector needs re-read (-FullImportRequired, e.g. an
    attribute added to the import) or re-evaluated (-FullSyncRequired, e.g. a rule change). The
    overrides are cleared when the cycle has run them."""
    examples = [Example("Set-ADSyncSchedulerConnectorOverride -ConnectorName contoso.com "
                        "-FullSyncRequired $true",
                        "The next delta cycle runs a Full Synchronization on contoso.com.")]
    ConnectorIdentifier = Parameter("guid", set="ConnectorIdentifier", mandatory=True,
                                    help="Specifies the connector by identifier.")
    ConnectorName = Parameter(str, set="ConnectorName", mandatory=True,
                              complete=complete_connectors, help="Specifies the connector by name.")
    FullImportRequired = Parameter("bool", help="Specifies whether the next cycle runs a Full "
                                                "Import on the connector.")
    FullSyncRequired = Parameter("bool", help="Specifies whether the next cycle runs a Full "
                                              "Synchronization on the connector.")

    def process(self) -> None:
        cs = self.connector_or_fail(self.ConnectorName, self.ConnectorIdentifier)
        if cs is None or not self.should_process(cs.name, "Set scheduler connector override"):
            return None
        override = self.tenant.config.connector_overrides.setdefault(cs.name, {})
        if self.FullImportRequired is not None:
            override["full_import_required"] = bool(self.FullImportRequired)
        if self.FullSyncRequired is not None:
            override["full_sync_required"] = bool(self.FullSyncRequired)
        return None
