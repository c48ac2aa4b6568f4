"""Scheduler.stop_cycle(): Stop-ADSyncSyncCycle ends the busy period, leaves the schedule."""
from datetime import datetime, timezone

from tests.cmdlets.conftest import Shell, contoso_tenant

from conftest import add_user

BUSY = "is busy."


def test_stop_cycle_ends_the_busy_period_and_keeps_the_schedule(tenant):
    add_user(tenant, "ann")
    assert tenant.scheduler.stop_cycle() is False
    tenant.scheduler.start_cycle("Initial")
    assert tenant.scheduler.in_progress
    next_start = tenant.scheduler.next_start
    assert tenant.scheduler.stop_cycle() is True
    props = tenant.scheduler.properties()
    assert props["SyncCycleInProgress"] is False
    assert props["NextSyncCycleStartTimeInUTC"] == next_start == datetime(
        2026, 1, 5, 9, 30, tzinfo=timezone.utc)
    assert props["NextSyncCyclePolicyType"] == "Delta"
    assert tenant.aad.by_upn("ann@contoso.com") is not None  # applied when it started
    assert tenant.scheduler.start_cycle("Delta") == {"Result": "Success"}
    assert tenant.scheduler.stop_cycle() is True
    assert tenant.scheduler.stop_cycle() is False


def test_stop_adsync_sync_cycle_uses_it():
    shell = Shell(contoso_tenant()).connect()
    shell.run("Start-ADSyncSyncCycle | Out-Null")
    assert BUSY in shell.run("Start-ADSyncSyncCycle")
    assert shell.run("Stop-ADSyncSyncCycle") == ""
    assert shell.tenant.scheduler.in_progress is False
    assert shell.run("(Get-ADSyncScheduler).SyncCycleInProgress") == "False\n"
    assert shell.run("(Start-ADSyncSyncCycle).Result") == "Success\n"
    assert shell.run("Stop-ADSyncSyncCycle; Stop-ADSyncSyncCycle") == ""
