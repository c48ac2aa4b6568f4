"""Get-MsolUser and Connect-MsolService: default views, parameter sets, filters, limits and
the real error records, on the Contoso tenant."""
from __future__ import annotations


def msol_error(cmdlet: str, command: str, message: str, exception: str, cls: str) -> str:
    """A MicrosoftOnlineException record for a command typed alone at the prompt (5.1 cuts
    a source line longer than 69 characters with ' ...')."""
    shown = command if len(command) <= 69 else command[:69] + " ..."
    return (f"{cmdlet} : {message}\n"
            "At line:1 char:1\n"
            f"+ {shown}\n"
            f"+ {'~' * min(len(command), 69)}\n"
            f"    + CategoryInfo          : OperationStopped: (:) [{cmdlet}], MicrosoftOnlineException\n"
            "    + FullyQualifiedErrorId : Microsoft.Online.Administration.Automation."
            f"{exception},Microsoft.Online.Administration.Automation.{cls}\n\n")


def test_not_connected_error(shell_disconnected):
    assert shell_disconnected.run("Get-MsolUser") == (
        "Get-MsolUser : You must call the Connect-MsolService cmdlet before calling any other "
        "cmdlets.\n"
        "At line:1 char:1\n"
        "+ Get-MsolUser\n"
        "+ ~~~~~~~~~~~~\n"
        "    + CategoryInfo          : OperationStopped: (:) [Get-MsolUser], MicrosoftOnlineException\n"
        "    + FullyQualifiedErrorId : Microsoft.Online.Administration.Automation."
        "MicrosoftOnlineException,Microsoft.Online.Administration.Automation.GetUser\n\n")


def test_connect_prints_nothing_then_cmdlets_work(shell_disconnected):
    assert shell_disconnected.run("Connect-MsolService") == ""
    assert shell_disconnected.session.extensions["MSOnline"]["connected"] is True
    assert "megan.bowen@contoso.com" in shell_disconnected.run(
        "Get-MsolUser -UserPrincipalName megan.bowen@contoso.com")


def test_not_connected_for_every_msol_cmdlet(shell_disconnected):
    for command in ("Get-MsolAccountSku", "Get-MsolDomain", "Get-MsolGroup",
                    "Get-MsolCompanyInformation", "Get-MsolDirSyncFeatures"):
        text = shell_disconnected.run(command)
        assert "You must call the Connect-MsolService cmdlet" in text, command


def test_connect_rejects_unknown_environment(shell_disconnected):
    text = shell_disconnected.run("Connect-MsolService -AzureEnvironment Mars")
    assert text.startswith("Connect-MsolService : Cannot validate argument on parameter "
                           "'AzureEnvironment'. The argument \"Mars\" does not belong to the set")


def test_default_table(shell):
    assert shell.run("Get-MsolUser -MaxResults 3") == (
        "\n"
        "UserPrincipalName                     DisplayName           isLicensed\n"
        "-----------------                     -----------           ----------\n"
        "admin@contoso.onmicrosoft.com         MOD Administrator     True\n"
        "breakglass@contoso.onmicrosoft.com    Emergency Access (... False\n"
        "helpdesk@contoso.onmicrosoft.com      Helpdesk Operator     True\n"
        "\n")


def test_user_by_upn(shell):
    assert shell.run("Get-MsolUser -UserPrincipalName megan.bowen@contoso.com") == (
        "\n"
        "UserPrincipalName                     DisplayName           isLicensed\n"
        "-----------------                     -----------           ----------\n"
        "megan.bowen@contoso.com               Megan Bowen           True\n"
        "\n")


def test_user_not_found(shell):
    command = "Get-MsolUser -UserPrincipalName nobody@contoso.com"
    assert shell.run(command) == msol_error(
        "Get-MsolUser", command, "User Not Found.  User: nobody@contoso.com.",
        "UserNotFoundException", "GetUser")


def test_user_not_found_is_catchable_by_its_id(shell):
    text = shell.run("try { Get-MsolUser -UserPrincipalName x@contoso.com -ErrorAction Stop } "
                     "catch { $_.FullyQualifiedErrorId }")
    assert text == ("Microsoft.Online.Administration.Automation.UserNotFoundException,"
                    "Microsoft.Online.Administration.Automation.GetUser\n")
    assert shell.run("Get-MsolUser -UserPrincipalName x@contoso.com -ErrorAction "
                     "SilentlyContinue; 'quiet'") == "quiet\n"


def test_user_by_object_id_and_bad_guid(shell):
    oid = shell.tenant.aad.by_upn("megan.bowen@contoso.com").object_id
    assert "Megan Bowen" in shell.run(f"Get-MsolUser -ObjectId {oid}")
    text = shell.run("Get-MsolUser -ObjectId abc")
    assert text.startswith("Get-MsolUser : Cannot bind parameter 'ObjectId'. Cannot convert "
                           "value \"abc\" to type \"System.Guid\".")
    assert "CannotConvertArgumentNoMessage,Microsoft.Online.Administration.Automation.GetUser" in text


def test_all_and_max_results_conflict(shell):
    text = shell.run("Get-MsolUser -All -MaxResults 3")
    assert text.startswith("Get-MsolUser : Parameter set cannot be resolved using the specified "
                           "named parameters.")
    assert "AmbiguousParameterSet" in text


def test_unknown_parameter_is_agodays(shell):
    text = shell.run("Get-MsolUser -IsAgoDays 3")
    assert text.startswith("Get-MsolUser : A parameter cannot be found that matches parameter "
                           "name 'IsAgoDays'.")


def test_enabled_filter_enum_error(shell):
    text = shell.run("Get-MsolUser -EnabledFilter Sometimes")
    assert text.startswith(
        "Get-MsolUser : Cannot bind parameter 'EnabledFilter'. Cannot convert value \"Sometimes\" "
        "to type \"Microsoft.Online.Administration.UserEnabledFilter\". Error: \"Unable to match "
        "the identifier name Sometimes to a valid enumerator name. Specify one of the following "
        "enumerator names and try again:\nAll, EnabledOnly, DisabledOnly\"\n")


def test_500_default_and_warning(shell):
    for i in range(430):
        shell.tenant.aad.add_cloud_user(f"bulk{i:03d}@contoso.com", f"Bulk {i:03d}")
    text = shell.run("Get-MsolUser")
    assert len([l for l in text.splitlines() if "@" in l]) == 500
    assert text.endswith("\n\nWARNING: More results are available. Please specify one of the "
                         "All or MaxResults parameters.\n")
    assert shell.run("(Get-MsolUser -All).Count") == "509\n"
    assert shell.run("(Get-MsolUser -MaxResults 600).Count") == "509\n"
    assert shell.run("(Get-MsolUser -MaxResults 10).Count") == "10\n"   # no warning when asked


def test_filters(shell):
    def upns(command: str) -> list:
        return shell.run(f"{command} | ForEach-Object UserPrincipalName").split()
    assert upns("Get-MsolUser -SearchString nora") == [
        "nora.lind_fabrikam.net#EXT#@contoso.onmicrosoft.com"]
    assert upns("Get-MsolUser -SearchString Bowen") == ["megan.bowen@contoso.com"]
    assert upns("Get-MsolUser -DomainName fabrikam.com") == [
        "julia.ortiz@fabrikam.com", "kevin.fowler@fabrikam.com", "paul.west@fabrikam.com",
        "sara.davis@fabrikam.com"]
    synced = upns("Get-MsolUser -Synchronized -All")
    assert "megan.bowen@contoso.com" in synced and "admin@contoso.onmicrosoft.com" not in synced
    unlicensed = upns("Get-MsolUser -UnlicensedUsersOnly")
    assert "breakglass@contoso.onmicrosoft.com" in unlicensed
    assert "megan.bowen@contoso.com" not in unlicensed
    assert upns("Get-MsolUser -Title 'chief executive officer'") == ["megan.bowen@contoso.com"]
    assert upns("Get-MsolUser -HasErrorsOnly") == []
    assert "kiosk.lobby@contoso.com" not in upns("Get-MsolUser -EnabledFilter DisabledOnly")
    shell.run("Set-MsolUser -UserPrincipalName kiosk.lobby@contoso.com -BlockCredential $true")
    assert "kiosk.lobby@contoso.com" in upns("Get-MsolUser -EnabledFilter DisabledOnly")
    assert "kiosk.lobby@contoso.com" not in upns("Get-MsolUser -EnabledFilter EnabledOnly")


def test_troubleshooting_list_view(shell):
    assert shell.run("Get-MsolUser -UserPrincipalName megan.bowen@contoso.com | "
                     "fl ValidationStatus,UsageLocation,*error*") == (
        "\n"
        "ValidationStatus          : Healthy\n"
        "UsageLocation             : US\n"
        "DirSyncProvisioningErrors : {}\n"
        "Errors                    :\n"
        "IndirectLicenseErrors     : {}\n"
        "\n")


def test_user_record_properties_in_real_order(shell):
    names = shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).psobject."
                      "Properties.Name").split()
    assert names[:4] == ["ExtensionData", "AlternateEmailAddresses", "AlternateMobilePhones",
                         "AlternativeSecurityIds"]
    for name in ("DirSyncProvisioningErrors", "Errors", "ImmutableId", "LastDirSyncTime",
                 "Licenses", "ValidationStatus", "SoftDeletionTimestamp", "WhenCreated"):
        assert name in names
    assert names.index("LiveId") < names.index("MSExchRecipientTypeDetails") < \
        names.index("MobilePhone")
    assert shell.run("$u = Get-MsolUser -UserPrincipalName megan.bowen@contoso.com; "
                     "$u.ImmutableId; \"$($u.LastDirSyncTime)\"; $u.ObjectId.GetType().FullName") == (
        "QG95K068PU6cIkySJn9ldg==\n01/05/2026 09:00:00\nSystem.Guid\n")


def test_licenses_with_service_status(shell):
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).Licenses."
                     "AccountSkuId") == "contoso:ENTERPRISEPACK\ncontoso:EMS\n"
    assert shell.run("(Get-MsolUser -UserPrincipalName joni.sherman@contoso.com).Licenses."
                     "ServiceStatus | Where-Object { $_.ServicePlan.ServiceName -eq "
                     "'EXCHANGE_S_ENTERPRISE' } | ForEach-Object ProvisioningStatus") == "Disabled\n"


def test_return_deleted_users(shell):
    assert shell.run("Get-MsolUser -ReturnDeletedUsers") == ""
    shell.run("Remove-MsolUser -UserPrincipalName kiosk.lobby@contoso.com -Force")
    text = shell.run("Get-MsolUser -ReturnDeletedUsers")
    # Deleting a user removes its licences (cmdlets.md 2.4), so the recycle bin shows it unlicensed.
    assert "kiosk.lobby@contoso.com               Lobby Kiosk           False" in text
    assert shell.run("\"$((Get-MsolUser -ReturnDeletedUsers -UserPrincipalName "
                     "kiosk.lobby@contoso.com).SoftDeletionTimestamp)\"") == "01/05/2026 09:03:00\n"
    assert "User Not Found.  User: kiosk.lobby@contoso.com." in shell.run(
        "Get-MsolUser -UserPrincipalName kiosk.lobby@contoso.com")


def test_completers_answer_from_the_tenant(shell):
    from msolsh.cmdlets.msonline.connect import (complete_domains, complete_group_names,
                                                 complete_skus, complete_upns)
    assert complete_group_names(shell.session, "sg-s") == ["SG-Sales", "SG-Support"]
    assert complete_upns(shell.session, "MEGAN") == ["megan.bowen@contoso.com"]
    assert complete_skus(shell.session, "contoso:E") == ["contoso:EMS", "contoso:ENTERPRISEPACK",
                                                          "contoso:EXCHANGESTANDARD"]
    assert complete_domains(shell.session, "fab") == ["fabrikam.com"]
    shell.run("New-MsolUser -UserPrincipalName meg.new@contoso.com -DisplayName Meg")
    assert complete_upns(shell.session, "meg") == ["meg.new@contoso.com", "megan.bowen@contoso.com"]
