"""ADSync: a sync-rule error end to end, staging mode, pipeline binding, value completers."""
from msolsh.cmdlets.adsync.common import (complete_ad_dns, complete_connectors, complete_cs_dns,
                                          complete_rule_names, complete_run_profiles)

MEGAN = "CN=Megan Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com"
GET_MEGAN = f"Get-ADSyncCSObject -ConnectorName contoso.com -DistinguishedName '{MEGAN}'"


def _break_account_name(shell):
    """No userPrincipalName and no sAMAccountName: Error("AccountName is not present")."""
    shell.tenant.directory.set_attribute("megan.bowen", "userPrincipalName", None)
    shell.tenant.directory.set_attribute("megan.bowen", "sAMAccountName", None)


def test_sync_rule_error_in_run_history(shell):
    _break_account_name(shell)
    shell.run("Start-ADSyncSyncCycle")
    run = "(Get-ADSyncRunProfileResult -NumberRequested 6 -RunStepDetails)[3]"
    assert shell.run(f"{run}.Result") == "completed-sync-errors\n"
    assert shell.run(f"{run}.RunStepResults.SyncErrors | "
                     "Format-List ObjectDisplayName, ErrorType, AlgorithmStep, RetryCount") == (
        "\nObjectDisplayName : Megan Bowen\n"
        "ErrorType         : sync-rule-error-function-triggered\n"
        "AlgorithmStep     : Provisioning\nRetryCount        : 0\n\n")


def test_sync_rule_error_on_the_cs_object(shell):
    _break_account_name(shell)
    shell.run("Start-ADSyncSyncCycle")
    assert shell.run(f"({GET_MEGAN}).HasSyncError") == "True\n"
    assert shell.run(f"({GET_MEGAN}).SynchronizationError | "
                     "Format-List ErrorType, SynchronizationStep, StackTrace") == (
        "\nErrorType           : sync-rule-error-function-triggered\n"
        "SynchronizationStep : Provisioning\n"
        "StackTrace          : Microsoft.Azure.ActiveDirectory.Synchronization.Framework\n"
        "                      .SyncRulesEngineException: InnerException=> AccountName\n"
        "                      is not present\n\n")


def test_sync_rule_error_in_preview_and_diagnosis(shell):
    _break_account_name(shell)
    shell.run("Invoke-ADSyncRunProfile contoso.com 'Delta Import' | Out-Null")
    assert shell.run(f"Sync-ADSyncCSObject -ConnectorName contoso.com -DistinguishedName "
                     f"'{MEGAN}' | Format-List Status, OutboundAction, ErrorMessage") == (
        "\nStatus         : Error\nOutboundAction : None (error)\n"
        "ErrorMessage   : AccountName is not present\n\n")
    assert shell.run(f"(Invoke-ADSyncSingleObjectSync '{MEGAN}' -NoHtmlReport | "
                     "ConvertFrom-Json).provisioningSteps[-1].description") == \
        "sync-rule-error-function-triggered: AccountName is not present\n"


def test_fixing_the_error_clears_it_on_the_next_cycle(shell):
    _break_account_name(shell)
    shell.run("Start-ADSyncSyncCycle; Start-Sleep 60")
    shell.tenant.directory.set_attribute(MEGAN, "sAMAccountName", "megan.bowen")
    shell.run("Start-ADSyncSyncCycle")
    assert shell.run(f"({GET_MEGAN}).HasSyncError") == "False\n"
    assert shell.run("(Get-ADSyncRunProfileResult -NumberRequested 6)[3].Result") == \
        "success\n"


def test_staging_mode_runs_no_exports(shell):
    shell.tenant.config.staging_mode = True
    shell.run("Set-ADUser megan.bowen -Department Finance; Start-ADSyncSyncCycle")
    assert shell.run("(Get-ADSyncScheduler).StagingModeEnabled") == "True\n"
    assert shell.run("(Get-ADSyncRunProfileResult -NumberRequested 4).RunProfileName") == (
        "Delta Synchronization\nDelta Synchronization\nDelta Import\nDelta Import\n")
    assert shell.run("(Get-ADSyncConnectorStatistics 'contoso.onmicrosoft.com - AAD')"
                     ".ExportUpdates") == "1\n"
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).Department") \
        == "Executive\n"


def test_pipeline_binding(shell):
    assert shell.run("Get-ADUser megan.bowen | Get-ADSyncCSObject -ConnectorName contoso.com "
                     "| ForEach-Object ConnectedMVObjectId | Get-ADSyncMVObject | "
                     "ForEach-Object ObjectType") == "person\n"
    assert shell.run("Get-ADSyncRunProfileResult -NumberRequested 1 | Get-ADSyncRunStepResult "
                     "| ForEach-Object StepResult") == "success\n"
    assert shell.run("Get-ADUser megan.bowen | Invoke-ADSyncSingleObjectSync -NoHtmlReport | "
                     "ConvertFrom-Json | ForEach-Object provisioningAction") == "update\n"


def test_completers_answer_from_the_stores(shell):
    session = shell.session
    assert complete_connectors(session, "con") == ["contoso.com",
                                                   "contoso.onmicrosoft.com - AAD"]
    assert complete_connectors(session, "contoso.on") == ["contoso.onmicrosoft.com - AAD"]
    assert list(complete_run_profiles(session, "de")) == ["Delta Import",
                                                         "Delta Synchronization"]
    assert complete_cs_dns(session, "CN=Megan") == [MEGAN]
    assert complete_ad_dns(session, "cn=megan b") == [MEGAN]
    assert complete_rule_names(session, "Out to AAD - User J") == ["Out to AAD - User Join"]


def test_overrides_survive_save_and_restore(shell):
    from msolsh.tenant.tenant import Tenant
    shell.run("Set-ADSyncSchedulerConnectorOverride -ConnectorName contoso.com "
              "-FullImportRequired $true; Enable-ADSyncExportDeletionThreshold 750")
    restored = Tenant.restore(shell.tenant.snapshot())
    assert restored.config.connector_overrides == {"contoso.com": {"full_import_required": True}}
    assert restored.config.deletion_threshold == 750
