"""Scheduler driven by the simulated clock; cycle order, run history and counters."""
from datetime import datetime, timedelta, timezone

import pytest

from msolsh.tenant.errors import SyncEngineError

from conftest import add_group, add_user, step


def test_scheduler_properties_in_real_order_and_defaults(tenant):
    props = tenant.scheduler.properties()
    assert list(props) == [
        "AllowedSyncCycleInterval", "CurrentlyEffectiveSyncCycleInterval",
        "CustomizedSyncCycleInterval", "NextSyncCyclePolicyType", "NextSyncCycleStartTimeInUTC",
        "PurgeRunHistoryInterval", "SyncCycleEnabled", "MaintenanceEnabled",
        "StagingModeEnabled", "SchedulerSuspended", "SyncCycleInProgress"]
    assert props["AllowedSyncCycleInterval"] == timedelta(minutes=30)
    assert props["CurrentlyEffectiveSyncCycleInterval"] == timedelta(minutes=30)
    assert props["CustomizedSyncCycleInterval"] is None
    assert props["NextSyncCyclePolicyType"] == "Delta"
    assert props["NextSyncCycleStartTimeInUTC"] == datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)
    assert props["PurgeRunHistoryInterval"] == timedelta(days=7)
    assert (props["SyncCycleEnabled"], props["StagingModeEnabled"],
            props["SyncCycleInProgress"]) == (True, False, False)


def test_cycles_run_every_30_minutes_on_the_clock(tenant):
    add_user(tenant, "ann")
    tenant.advance(29 * 60)
    assert tenant.sync.history == []
    tenant.advance(60)
    assert tenant.aad.by_upn("ann@contoso.com") is not None
    assert len(tenant.sync.history) == 6
    assert tenant.scheduler.next_start == datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)
    tenant.advance(3600)
    assert len(tenant.sync.history) == 18


def test_customized_interval_and_the_allowed_minimum(tenant):
    tenant.scheduler.configure(customized_interval=timedelta(minutes=10))
    assert tenant.scheduler.effective_interval == timedelta(minutes=30)
    tenant.scheduler.configure(customized_interval=timedelta(hours=3))
    props = tenant.scheduler.properties()
    assert props["CurrentlyEffectiveSyncCycleInterval"] == timedelta(hours=3)
    assert props["NextSyncCycleStartTimeInUTC"] == datetime(2026, 1, 5, 12, 0,
                                                            tzinfo=timezone.utc)
    tenant.advance(2 * 3600)
    assert tenant.sync.history == []


def test_disabled_scheduler_runs_nothing_but_manual_cycles_still_run(tenant):
    add_user(tenant, "ann")
    tenant.scheduler.configure(sync_cycle_enabled=False)
    tenant.advance(4 * 3600)
    assert tenant.sync.history == []
    assert tenant.scheduler.start_cycle("Delta") == {"Result": "Success"}
    assert tenant.aad.by_upn("ann@contoso.com") is not None


def test_busy_while_a_cycle_runs(tenant):
    tenant.scheduler.start_cycle("Initial")
    assert tenant.scheduler.properties()["SyncCycleInProgress"] is True
    with pytest.raises(SyncEngineError) as err:
        tenant.scheduler.start_cycle("Delta")
    assert err.value.message == "Connector: contoso.onmicrosoft.com - AAD is busy."
    assert err.value.exception_name == "InvalidOperationException"
    tenant.advance(60)
    assert tenant.scheduler.properties()["SyncCycleInProgress"] is False
    tenant.scheduler.start_cycle("Delta")


def test_next_policy_initial_runs_full_steps_once(tenant):
    tenant.scheduler.configure(next_policy_type="Initial")
    tenant.advance(30 * 60)
    names = [r["RunProfileName"] for r in tenant.sync.history]
    assert names[:4] == ["Full Import", "Full Import", "Full Synchronization",
                         "Full Synchronization"]
    assert tenant.scheduler.next_policy_type == "Delta"


def test_staging_mode_imports_and_syncs_but_never_exports(tenant):
    add_user(tenant, "ann")
    tenant.config.staging_mode = True
    runs = tenant.sync.run_cycle("Initial")
    assert [r["RunProfileName"] for r in runs] == ["Full Import", "Full Import",
                                                   "Full Synchronization",
                                                   "Full Synchronization"]
    assert tenant.aad.by_upn("ann@contoso.com") is None
    assert tenant.sync.connector_statistics(tenant.aad_cs.name)["ExportAdds"] == 1
    assert tenant.scheduler.properties()["StagingModeEnabled"] is True
    assert tenant.trace("ann")["StuckAt"] == "Azure AD connector space"


def test_delta_cycle_order_and_run_numbers(tenant):
    tenant.sync.run_cycle("Initial")
    runs = tenant.sync.run_cycle("Delta")
    assert [(r["ConnectorName"], r["RunProfileName"]) for r in runs] == [
        ("contoso.com", "Delta Import"), ("contoso.onmicrosoft.com - AAD", "Delta Import"),
        ("contoso.com", "Delta Synchronization"),
        ("contoso.onmicrosoft.com - AAD", "Delta Synchronization"),
        ("contoso.onmicrosoft.com - AAD", "Export"), ("contoso.com", "Export")]
    assert [r["RunNumber"] for r in runs] == [4, 4, 5, 5, 6, 6]
    assert runs[0]["ConnectorId"] == tenant.ad_cs.identifier
    assert runs[1]["ConnectorId"] == "b891884f-051e-4a83-95af-2544101c9083"
    assert all(r["Result"] == "success" and r["Username"] == "NT SERVICE\\ADSync" for r in runs)
    assert all(a["EndDate"] <= b["StartDate"] for a, b in zip(runs, runs[1:]))


def test_worked_example_counters(tenant):
    """sync-engine.md §12: a new user in a synced group, one delta cycle."""
    bob = add_user(tenant, "bob")
    group = add_group(tenant, "Sales", [bob])
    tenant.sync.run_cycle("Initial")
    tenant.sync.run_cycle("Delta")
    ann = add_user(tenant, "ann")
    tenant.directory.add_member(group, ann)
    runs = tenant.sync.run_cycle("Delta")
    imp = step(runs, "contoso.com", "Delta Import")
    assert (imp["StageAdd"], imp["StageUpdate"]) == (1, 1)
    sync = step(runs, "contoso.com", "Delta Synchronization")
    assert (sync["DisconnectorProjectedFlow"], sync["ConnectorFlow"],
            sync["ProvisioningAdds"]) == (1, 1, 1)
    exp = step(runs, "- AAD", "Export")
    assert (exp["ExportAdd"], exp["ExportUpdate"]) == (1, 1)
    runs = tenant.sync.run_cycle("Delta")
    assert step(runs, "- AAD", "Delta Import")["StageAdd"] == 1  # confirms Ann (cloudAnchor)
    cs = tenant.aad_cs.by_anchor("User_" + tenant.aad.by_upn("ann@contoso.com").object_id)
    assert cs is not None and cs.confirmed


def test_connector_override_forces_full_steps_in_a_delta_cycle(tenant):
    tenant.config.connector_overrides["contoso.com"] = {"full_import_required": True,
                                                        "full_sync_required": True}
    runs = tenant.sync.run_cycle("Delta")
    assert [r["RunProfileName"] for r in runs[:4]] == [
        "Full Import", "Delta Import", "Full Synchronization", "Delta Synchronization"]
    assert tenant.config.connector_overrides == {}


def test_run_profile_rejects_unknown_names(tenant):
    with pytest.raises(SyncEngineError):
        tenant.sync.run_profile("contoso.com", "Delta Export")
    with pytest.raises(SyncEngineError):
        tenant.sync.run_profile("fabrikam.com", "Export")


def test_maintenance_purges_run_history_older_than_the_interval(tenant):
    tenant.sync.run_cycle("Initial")
    tenant.scheduler.configure(sync_cycle_enabled=False)
    tenant.advance(8 * 86400)
    assert tenant.sync.history == []


def test_more_than_5000_errors_stop_the_run(tenant, monkeypatch):
    from msolsh.tenant import run_history
    monkeypatch.setattr(run_history, "ERROR_LIMIT", 2)
    for i in range(4):
        tenant.directory.add_user(f"CN=NoName{i},OU=Sales,DC=contoso,DC=com", {})
    runs = tenant.sync.run_cycle("Initial")
    sync = step(runs, "contoso.com", "Full Synchronization")
    assert sync["StepResult"] == "stopped-error-limit" and len(sync["ObjectErrors"]) == 3
