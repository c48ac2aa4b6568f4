"""ADSync: Start-ADSyncSyncCycle / Start-Sync, Stop-ADSyncSyncCycle, Invoke-ADSyncRunProfile,
Get-ADSyncConnectorRunStatus, and the workflow AD -> cycle -> Azure AD -> Exchange Online."""

BUSY = """\
Start-ADSyncSyncCycle : System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.
   at Microsoft.MetadirectoryServices.Scheduler.Scheduler.StartSyncCycle(String overridePolicy, Boolean interactiveMode)
   at SchedulerUtils.StartSyncCycle(SchedulerUtils* , Char* policyType, Int32 interactiveMode, Char** errorString)
At line:1 char:1
+ Start-ADSyncSyncCycle -PolicyType Delta
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : WriteError: (Microsoft.Ident...ADSyncSyncCycle:StartADSyncSyncCycle) [Start-ADSyncSyncCycle], InvalidOperationException
    + FullyQualifiedErrorId : System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.
   at Microsoft.MetadirectoryServices.Scheduler.Scheduler.StartSyncCycle(String overridePolicy, Boolean interactiveMode)
   at SchedulerUtils.StartSyncCycle(SchedulerUtils* , Char* policyType, Int32 interactiveMode, Char** errorString),Microsoft.IdentityManagement.PowerShell.Cmdlet.StartADSyncSyncCycle

"""

LAST_CYCLE = """
ConnectorName                 RunProfileName        Result
-------------                 --------------        ------
contoso.com                   Export                success
contoso.onmicrosoft.com - AAD Export                success
contoso.onmicrosoft.com - AAD Delta Synchronization success
contoso.com                   Delta Synchronization success
contoso.onmicrosoft.com - AAD Delta Import          success
contoso.com                   Delta Import          success

"""


def test_start_cycle_prints_the_result_table(shell):
    assert shell.run("Start-ADSyncSyncCycle") == "\nResult\n------\nSuccess\n\n"


def test_delta_cycle_runs_the_documented_order(shell):
    shell.run("Start-ADSyncSyncCycle -PolicyType Delta")
    assert shell.run("Get-ADSyncRunProfileResult -NumberRequested 6 | "
                     "Format-Table ConnectorName, RunProfileName, Result -AutoSize") == LAST_CYCLE


def test_initial_cycle_runs_full_import_and_full_sync(shell):
    shell.run("Start-ADSyncSyncCycle -PolicyType Initial")
    out = shell.run("(Get-ADSyncRunProfileResult -NumberRequested 6).RunProfileName")
    assert out.splitlines() == ["Export", "Export", "Full Synchronization",
                                "Full Synchronization", "Full Import", "Full Import"]


def test_second_start_while_busy_gives_the_real_error(shell):
    shell.run("Start-ADSyncSyncCycle")
    assert shell.run("Start-ADSyncSyncCycle -PolicyType Delta") == BUSY


def test_busy_ends_with_simulated_time_or_stop(shell):
    shell.run("Start-ADSyncSyncCycle")
    assert shell.run("Start-Sleep 60; (Start-Sync).Result") == "Success\n"
    assert shell.run("Stop-ADSyncSyncCycle; (Start-Sync).Result") == "Success\n"


def test_policy_type_is_an_enum(shell):
    out = shell.run("Start-ADSyncSyncCycle -PolicyType Full")
    assert out.startswith(
        "Start-ADSyncSyncCycle : Cannot bind parameter 'PolicyType'. Cannot convert value "
        "\"Full\" to type \"Microsoft.IdentityManagement.PowerShell.ObjectModel."
        "SynchronizationPolicyType\".")
    assert "CannotConvertArgumentNoMessage,Microsoft.IdentityManagement.PowerShell.Cmdlet." \
           "StartADSyncSyncCycle" in out


def test_run_status_shows_the_busy_connector_then_nothing(shell):
    assert shell.run("Get-ADSyncConnectorRunStatus") == ""
    assert shell.run("Start-ADSyncSyncCycle | Out-Null; Get-ADSyncConnectorRunStatus") == (
        "\nRunState ConnectorName\n-------- -------------\nBusy     contoso.com\n\n")
    assert shell.run("Start-Sleep 60; Get-ADSyncConnectorRunStatus") == ""


def test_invoke_run_profile_records_a_run(shell):
    out = shell.run("Invoke-ADSyncRunProfile -ConnectorName contoso.com "
                    "-RunProfileName 'delta import'")
    assert out == "\nResult\n------\nsuccess\n\n"
    assert shell.run("$r = Get-ADSyncRunProfileResult -NumberRequested 1; "
                     "'{0} {1} {2}' -f $r.ConnectorName, $r.RunProfileName, $r.RunNumber") == \
        "contoso.com Delta Import 4\n"


def test_invoke_run_profile_errors(shell):
    assert shell.run("Invoke-ADSyncRunProfile -ConnectorName foo -RunProfileName Export") == (
        "Invoke-ADSyncRunProfile : The specified connector 'foo' was not found.\n"
        "At line:1 char:1\n"
        "+ Invoke-ADSyncRunProfile -ConnectorName foo -RunProfileName Export\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (foo:String) [Invoke-ADSyncRunProfile], "
        "ArgumentException\n"
        "    + FullyQualifiedErrorId : ArgumentException,Microsoft.IdentityManagement.PowerShell."
        "Cmdlet.InvokeADSyncRunProfile\n\n")
    out = shell.run("Invoke-ADSyncRunProfile contoso.com Bogus")
    assert out.startswith("Invoke-ADSyncRunProfile : The run profile 'Bogus' was not found on "
                          "connector 'contoso.com'.\n")


def test_invoke_run_profile_refused_while_a_cycle_runs(shell):
    out = shell.run("Start-Sync | Out-Null; Invoke-ADSyncRunProfile contoso.com Export")
    assert out.startswith("Invoke-ADSyncRunProfile : Connector: contoso.com is busy.\n")


def test_workflow_ad_change_reaches_azure_ad_then_exchange_online(shell):
    shell.run('Set-ADUser megan.bowen -DisplayName "Megan B. Bowen"')
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).DisplayName") \
        == "Megan Bowen\n"
    shell.run("Start-ADSyncSyncCycle")
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).DisplayName") \
        == "Megan B. Bowen\n"
    assert shell.run("(Get-Mailbox megan.bowen).DisplayName") == "Megan Bowen\n"
    shell.run("Start-Sleep 600")  # forward sync follows on the simulated clock
    assert shell.run("(Get-Mailbox megan.bowen).DisplayName") == "Megan B. Bowen\n"


def test_workflow_manual_run_profiles_in_the_scheduler_order(shell):
    shell.run('Set-ADUser megan.bowen -Department Finance')
    for connector, profile in (("contoso.com", "Delta Import"),
                               ("contoso.com", "Delta Synchronization"),
                               ("contoso.onmicrosoft.com - AAD", "Export")):
        assert shell.run(f"(Invoke-ADSyncRunProfile '{connector}' '{profile}').Result") == \
            "success\n"
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).Department") \
        == "Finance\n"
