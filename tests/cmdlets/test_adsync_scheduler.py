"""ADSync: Get-/Set-ADSyncScheduler and the connector overrides."""

SCHEDULER = """
AllowedSyncCycleInterval            : 00:30:00
CurrentlyEffectiveSyncCycleInterval : 00:30:00
CustomizedSyncCycleInterval         : 00:30:00
NextSyncCyclePolicyType             : Delta
NextSyncCycleStartTimeInUTC         : 1/5/2026 9:30:00 AM
PurgeRunHistoryInterval             : 7.00:00:00
SyncCycleEnabled                    : True
MaintenanceEnabled                  : True
StagingModeEnabled                  : False
SchedulerSuspended                  : False
SyncCycleInProgress                 : False

"""


def test_get_scheduler_exact_list(shell):
    assert shell.run("Get-ADSyncScheduler") == SCHEDULER


def test_set_scheduler_interval_policy_and_enabled(shell):
    shell.run("Set-ADSyncScheduler -CustomizedSyncCycleInterval 03:00:00 "
              "-SyncCycleEnabled $false -NextSyncCyclePolicyType initial")
    out = shell.run("Get-ADSyncScheduler")
    assert "CurrentlyEffectiveSyncCycleInterval : 03:00:00\n" in out
    assert "NextSyncCyclePolicyType             : Initial\n" in out
    assert "NextSyncCycleStartTimeInUTC         : 1/5/2026 12:03:00 PM\n" in out
    assert "SyncCycleEnabled                    : False\n" in out


def test_interval_below_allowed_uses_allowed_and_null_resets(shell):
    shell.run("Set-ADSyncScheduler -CustomizedSyncCycleInterval 00:10:00")
    assert shell.run("(Get-ADSyncScheduler).CurrentlyEffectiveSyncCycleInterval.ToString()") \
        == "00:30:00\n"
    shell.run("Set-ADSyncScheduler -CustomizedSyncCycleInterval $null")
    assert "CustomizedSyncCycleInterval         :\n" in shell.run("Get-ADSyncScheduler")


def test_set_scheduler_bad_policy(shell):
    out = shell.run("Set-ADSyncScheduler -NextSyncCyclePolicyType bogus")
    assert out.splitlines()[0] == (
        "Set-ADSyncScheduler : Cannot bind parameter 'NextSyncCyclePolicyType'. Cannot convert "
        "value \"bogus\" to type \"Microsoft.IdentityManagement.PowerShell.ObjectModel."
        "SynchronizationPolicyType\". Error: \"Unable to match the identifier name bogus to a "
        "valid enumerator name. Specify one of the following enumerator names and try again:")


def test_cycle_in_progress_shows_in_scheduler(shell):
    shell.run("Start-ADSyncSyncCycle")
    assert shell.run("(Get-ADSyncScheduler).SyncCycleInProgress") == "True\n"


def test_disabled_scheduler_runs_no_cycle_but_manual_cycle_runs(shell):
    shell.run("Set-ADSyncScheduler -SyncCycleEnabled $false; Set-ADUser megan.bowen "
              "-Department Finance; Start-Sleep 3600")
    upn = "(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).Department"
    assert shell.run(upn) == "Executive\n"
    shell.run("Start-ADSyncSyncCycle")
    assert shell.run(upn) == "Finance\n"


def test_connector_override_makes_the_next_delta_cycle_full(shell):
    shell.run("Set-ADSyncSchedulerConnectorOverride -ConnectorName contoso.com "
              "-FullSyncRequired $true")
    assert shell.run("Get-ADSyncSchedulerConnectorOverride -ConnectorName contoso.com") == (
        "\nConnectorIdentifier                  FullImportRequired FullSyncRequired\n"
        "-------------------                  ------------------ ----------------\n"
        "9e66e067-073e-4640-8700-5d08341180bc False              True\n\n")
    shell.run("Start-ADSyncSyncCycle")
    out = shell.run("(Get-ADSyncRunProfileResult -NumberRequested 6).RunProfileName")
    assert out.splitlines()[3] == "Full Synchronization"
    assert "False              False" in shell.run(
        "Get-ADSyncSchedulerConnectorOverride -ConnectorName contoso.com")


def test_override_unknown_connector(shell):
    out = shell.run("Set-ADSyncSchedulerConnectorOverride -ConnectorName nope "
                    "-FullImportRequired $true")
    assert out.startswith("Set-ADSyncSchedulerConnectorOverride : The specified connector "
                          "'nope' was not found.\n")
