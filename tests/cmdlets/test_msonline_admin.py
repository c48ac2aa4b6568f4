"""Changing users and licences: Set-/New-/Remove-/Restore-MsolUser, Set-MsolUserPrincipalName,
Set-MsolUserLicense, New-MsolLicenseOptions, Get-MsolAccountSku."""
from __future__ import annotations

from tests.cmdlets.test_msonline_users import msol_error


def upn_of(shell, command: str) -> str:
    return shell.run(f"({command}).UserPrincipalName").strip()


# -- Set-MsolUser ---------------------------------------------------------------------------------

def test_set_msol_user_on_cloud_user(shell):
    assert shell.run("Set-MsolUser -UserPrincipalName kiosk.lobby@contoso.com -Title 'Kiosk' "
                     "-City Seattle -BlockCredential $true") == ""
    assert shell.run("Get-MsolUser -UserPrincipalName kiosk.lobby@contoso.com | "
                     "fl Title,City,BlockCredential") == (
        "\nTitle           : Kiosk\nCity            : Seattle\nBlockCredential : True\n\n")


def test_set_msol_user_synced_attribute_is_refused(shell):
    command = "Set-MsolUser -UserPrincipalName megan.bowen@contoso.com -City Paris"
    assert shell.run(command) == msol_error(
        "Set-MsolUser", command, "Unable to update parameter. Parameter name: CITY.",
        "PropertyNotSettableException", "SetUser")
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).City") == "Redmond\n"


def test_set_msol_user_cloud_writable_on_synced_user(shell):
    assert shell.run("Set-MsolUser -UserPrincipalName megan.bowen@contoso.com "
                     "-UsageLocation GB") == ""
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com)."
                     "UsageLocation") == "GB\n"


def test_set_msol_user_empty_upn_is_the_real_capture(shell):
    command = 'Set-MsolUser -UserPrincipalName "" -City x'
    assert shell.run(command) == msol_error(
        "Set-MsolUser", command, "User Not Found.  User: .", "UserNotFoundException", "SetUser")


def test_set_msol_user_by_pipeline(shell):
    assert shell.run("Get-MsolUser -UserPrincipalName kiosk.lobby@contoso.com | "
                     "Set-MsolUser -Department Lobby") == ""
    assert shell.run("(Get-MsolUser -UserPrincipalName kiosk.lobby@contoso.com)."
                     "Department") == "Lobby\n"


# -- New-MsolUser ---------------------------------------------------------------------------------

def test_new_msol_user_shows_password(shell):
    assert shell.run("New-MsolUser -UserPrincipalName dana@contoso.com -DisplayName 'Dana Cloud' "
                     "-Password 'P@ssw0rd!' -UsageLocation US") == (
        "\n"
        "Password  UserPrincipalName DisplayName isLicensed\n"
        "--------  ----------------- ----------- ----------\n"
        "P@ssw0rd! dana@contoso.com  Dana Cloud  False\n"
        "\n")
    assert upn_of(shell, "Get-MsolUser -UserPrincipalName dana@contoso.com") == "dana@contoso.com"
    assert shell.run("(Get-MsolUser -UserPrincipalName dana@contoso.com).ImmutableId") == ""


def test_new_msol_user_temporary_password_and_licence(shell):
    text = shell.run("$u = New-MsolUser -UserPrincipalName ed@contoso.com -DisplayName Ed "
                     "-UsageLocation US -LicenseAssignment contoso:ENTERPRISEPACK; "
                     "$u.Password.Length; $u.IsLicensed")
    assert text == "8\nTrue\n"


def test_new_msol_user_unverified_domain(shell):
    command = "New-MsolUser -UserPrincipalName dana@contoso.net -DisplayName Dana"
    assert shell.run(command) == msol_error(
        "New-MsolUser", command, "The domain portion of the userPrincipalName property is "
        "invalid. You must use one of the verified domain names in your organization.",
        "InvalidUserPrincipalNameException", "NewUser")


# -- Remove-MsolUser / Restore-MsolUser -------------------------------------------------------------

def test_remove_asks_for_confirmation(shell):
    shell.host.answers = ["N"]
    assert shell.run("Remove-MsolUser -UserPrincipalName kiosk.lobby@contoso.com") == (
        "Confirm\n"
        "Continue with this operation?\n"
        '[Y] Yes  [N] No  [S] Suspend  [?] Help (default is "Y"): N\n')
    assert upn_of(shell, "Get-MsolUser -UserPrincipalName kiosk.lobby@contoso.com") == \
        "kiosk.lobby@contoso.com"
    shell.host.answers = ["Y"]
    shell.run("Remove-MsolUser -UserPrincipalName kiosk.lobby@contoso.com")
    assert upn_of(shell, "Get-MsolUser -ReturnDeletedUsers") == "kiosk.lobby@contoso.com"


def test_remove_from_recycle_bin_then_restore_fails(shell):
    assert shell.run("Remove-MsolUser -UserPrincipalName kiosk.lobby@contoso.com -Force") == ""
    assert shell.run("Remove-MsolUser -UserPrincipalName kiosk.lobby@contoso.com "
                     "-RemoveFromRecycleBin -Force") == ""
    assert shell.run("Get-MsolUser -ReturnDeletedUsers") == ""
    command = "Restore-MsolUser -UserPrincipalName kiosk.lobby@contoso.com"
    assert shell.run(command) == msol_error(
        "Restore-MsolUser", command, "User Not Found.  User: kiosk.lobby@contoso.com.",
        "UserNotFoundException", "RestoreUser")


def test_restore_conflicts_s17(shell):
    shell.run("Remove-MsolUser -UserPrincipalName grady.archie@contoso.com -Force")
    shell.tenant.aad.add_cloud_user("grady.archie@contoso.com", "Grady New")
    shell.tenant.aad.add_cloud_user("g.other@contoso.com", "G Other",
                                    proxy_addresses=["SMTP:grady.archie@contoso.com"])
    command = "Restore-MsolUser -UserPrincipalName grady.archie@contoso.com"
    assert shell.run(command) == msol_error(
        "Restore-MsolUser", command, "The specified user account cannot be restored because of "
        "the following error: Error Type UserPrincipalName", "UserRestoreException", "RestoreUser")
    command += " -NewUserPrincipalName grady2@contoso.com"
    assert shell.run(command).startswith(
        "Restore-MsolUser : The specified user account cannot be restored because of the "
        "following error: Error Type proxyAddress\n")
    assert shell.run(command + " -AutoReconcileProxyConflicts") == ""
    assert shell.run("(Get-MsolUser -UserPrincipalName grady2@contoso.com).ProxyAddresses") == \
        "smtp:grady.archie@contoso.mail.onmicrosoft.com\n"


# -- Set-MsolUserPrincipalName ----------------------------------------------------------------------

def test_set_upn_to_initial_domain(shell):
    assert shell.run("Set-MsolUserPrincipalName -UserPrincipalName kevin.fowler@fabrikam.com "
                     "-NewUserPrincipalName kevin.fowler@contoso.onmicrosoft.com") == ""
    assert upn_of(shell, "Get-MsolUser -SearchString kevin") == \
        "kevin.fowler@contoso.onmicrosoft.com"


def test_set_upn_to_federated_needs_immutable_id(shell):
    command = ("Set-MsolUserPrincipalName -UserPrincipalName kiosk.lobby@contoso.com "
               "-NewUserPrincipalName kiosk@fabrikam.com")
    text = shell.run(command)
    assert text.startswith("Set-MsolUserPrincipalName : You must provide a required property: "
                           "Parameter name: FederatedUser.SourceAnchor\n")
    assert text.endswith("Microsoft.Online.Administration.Automation.RequiredPropertyNotSet"
                         "Exception,Microsoft.Online.Administration.Automation."
                         "SetUserPrincipalName\n\n")
    assert shell.run(command + " -ImmutableId 'a2lvc2sxMjM0NTY3ODkwMQ=='") == ""
    assert upn_of(shell, "Get-MsolUser -SearchString kiosk") == "kiosk@fabrikam.com"


# -- licences ------------------------------------------------------------------------------------

def test_account_sku_table(shell):
    assert shell.run("Get-MsolAccountSku") == (
        "\n"
        "AccountSkuId              ActiveUnits WarningUnits ConsumedUnits\n"
        "------------              ----------- ------------ -------------\n"
        "contoso:ENTERPRISEPACK            100            0            64\n"
        "contoso:EMS                        25            0            19\n"
        "contoso:EXCHANGESTANDARD           10            0             3\n"
        "contoso:POWER_BI_STANDARD     1000000            0             1\n"
        "\n")


def test_add_and_remove_licence(shell):
    assert shell.run("Set-MsolUserLicense -UserPrincipalName breakglass@contoso.onmicrosoft.com "
                     "-AddLicenses contoso:EMS") == ""
    assert shell.run("(Get-MsolUser -UserPrincipalName breakglass@contoso.onmicrosoft.com)."
                     "Licenses.AccountSkuId") == "contoso:EMS\n"
    assert shell.run("(Get-MsolAccountSku | ? AccountSkuId -eq contoso:EMS).ConsumedUnits") == "20\n"
    shell.run("Set-MsolUserLicense -UserPrincipalName breakglass@contoso.onmicrosoft.com "
              "-RemoveLicenses contoso:EMS")
    assert shell.run("(Get-MsolUser -UserPrincipalName breakglass@contoso.onmicrosoft.com)."
                     "IsLicensed") == "False\n"


def test_licence_errors(shell):
    command = ("Set-MsolUserLicense -UserPrincipalName megan.bowen@contoso.com "
               "-AddLicenses contoso:EMS")
    assert shell.run(command) == msol_error(
        "Set-MsolUserLicense", command, "Unable to assign this license because it is invalid. "
        "Use the Get-MsolAccountSku cmdlet to retrieve a list of valid licenses.",
        "InvalidLicenseException", "SetUserLicense")
    shell.run("New-MsolUser -UserPrincipalName nul@contoso.com -DisplayName Nul | Out-Null")
    text = shell.run("Set-MsolUserLicense -UserPrincipalName nul@contoso.com "
                     "-AddLicenses contoso:EMS")
    assert text.startswith("Set-MsolUserLicense : You must provide a required property: "
                           "Parameter name: UsageLocation\n")
    text = shell.run('Set-MsolUserLicense -UserPrincipalName nul@contoso.com -LicenseOptions ""')
    assert text.startswith("Set-MsolUserLicense : Cannot bind parameter 'LicenseOptions'. Cannot "
                           "convert the \"\" value of type \"System.String\" to type "
                           "\"Microsoft.Online.Administration.LicenseOption\".\n")


def test_licence_options_disable_a_plan(shell):
    text = shell.run("$o = New-MsolLicenseOptions -AccountSkuId contoso:ENTERPRISEPACK "
                     "-DisabledPlans EXCHANGE_S_ENTERPRISE; $o.DisabledServicePlans; "
                     "$o.AccountSkuId.SkuPartNumber; "
                     "Set-MsolUserLicense -UserPrincipalName megan.bowen@contoso.com "
                     "-LicenseOptions $o; "
                     "(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).Licenses[0]."
                     "ServiceStatus[0] | % { $_.ServicePlan.ServiceName + ' ' + "
                     "$_.ProvisioningStatus }")
    assert text == "EXCHANGE_S_ENTERPRISE\nENTERPRISEPACK\nEXCHANGE_S_ENTERPRISE Disabled\n"
    assert shell.run("New-MsolLicenseOptions -AccountSkuId contoso:NOPE").startswith(
        "New-MsolLicenseOptions : Unable to assign this license because it is invalid.")


def test_license_options_of_another_kind_are_named_as_dotnet_shows_them(shell):
    # Found by tests/test_cmdlet_fuzz.py: the message showed Python's repr of the value.
    cmd = "Set-MsolUserLicense -UserPrincipalName admin@contoso.onmicrosoft.com -LicenseOptions "
    prefix = "Set-MsolUserLicense : Cannot bind parameter 'LicenseOptions'. Cannot convert the "
    option = 'to type "Microsoft.Online.Administration.LicenseOption".\n'
    assert shell.run(cmd + "@{a = 1}").startswith(
        prefix + '"System.Collections.Hashtable" value of type "System.Collections.Hashtable" '
        + option)
    assert shell.run(cmd + "(Get-ADUser megan.bowen)").startswith(
        prefix + '"CN=Megan Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com" value of '
        'type "Microsoft.ActiveDirectory.Management.ADUser" ' + option)
    assert shell.run(cmd + "5").startswith(prefix + '"5" value of type "System.Int32" ' + option)
