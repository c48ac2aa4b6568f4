"""Groups, contacts, domains, company information, dir-sync features and provisioning errors."""
from __future__ import annotations

from tests.cmdlets.test_msonline_users import msol_error


def test_group_table_and_filters(shell):
    assert shell.run("Get-MsolGroup -MaxResults 2") == (
        "\n"
        "ObjectId                             DisplayName           GroupType\n"
        "--------                             -----------           ---------\n"
        "39f3fae2-0aaa-4c78-8f83-517be6054e06 Project Falcon        Security\n"
        "adb3f88c-e63e-4925-a162-43f664d98593 Contoso Announcements DistributionList\n"
        "\n")
    assert shell.run("Get-MsolGroup -GroupType MailEnabledSecurity | % DisplayName") == \
        "Finance Approvers\n"
    assert shell.run("Get-MsolGroup -SearchString sg-h | % DisplayName") == "SG-HR\n"
    names = shell.run("Get-MsolGroup -UserPrincipalName diego.siciliani@contoso.com | "
                      "% DisplayName")
    assert names == "Project Falcon\nContoso Leadership\nSG-All Staff\n"


def test_group_errors(shell):
    text = shell.run("Get-MsolGroup -GroupType Mail")
    assert "Microsoft.Online.Administration.GroupType" in text
    assert "Security, MailEnabledSecurity, DistributionList" in text
    command = "Get-MsolGroup -ObjectId 00000000-0000-0000-0000-000000000001"
    assert shell.run(command) == msol_error(
        "Get-MsolGroup", command, "Invalid value for parameter. Parameter Name: ObjectId.",
        "InvalidParameterException", "GetGroup")


def test_group_members(shell):
    assert shell.run("Get-MsolGroupMember -GroupObjectId "
                     "(Get-MsolGroup -SearchString 'Project Falcon').ObjectId") == (
        "\n"
        "GroupMemberType EmailAddress                  DisplayName\n"
        "--------------- ------------                  -----------\n"
        "User            admin@contoso.onmicrosoft.com MOD Administrator\n"
        "User            diego.siciliani@contoso.com   Diego Siciliani\n"
        "User            aisha.rahman@contoso.com      Aisha Rahman\n"
        "\n")
    # A group's ObjectId does not bind to GroupObjectId by property name, as in the real module.
    assert shell.run("Get-MsolGroup -SearchString 'Project Falcon' | Get-MsolGroupMember").startswith(
        "Get-MsolGroupMember : The input object cannot be bound to any parameters for the command")
    assert shell.run("Get-MsolGroupMember -GroupObjectId "
                     "(Get-MsolGroup -SearchString 'Project Falcon').ObjectId -MemberObjectTypes "
                     "Contact") == ""


def test_contacts(shell):
    assert shell.run("Get-MsolContact -MaxResults 2") == (
        "\n"
        "EmailAddress          DisplayName\n"
        "------------          -----------\n"
        "helpdesk@fabrikam.net Fabrikam Helpdesk (Cloud)\n"
        "legal@litwareinc.com  Litware Legal\n"
        "\n")
    assert shell.run("Get-MsolContact -SearchString jane | % EmailAddress") == \
        "jane.doe@adventure-works.com\n"
    assert shell.run("Get-MsolContact -HasErrorsOnly $true") == ""


def test_domains(shell):
    assert shell.run("Get-MsolDomain") == (
        "\n"
        "Name                         Status   Authentication\n"
        "----                         ------   --------------\n"
        "contoso.onmicrosoft.com      Verified Managed\n"
        "contoso.com                  Verified Managed\n"
        "fabrikam.com                 Verified Federated\n"
        "contoso.mail.onmicrosoft.com Verified Managed\n"
        "\n")
    assert shell.run("Get-MsolDomain -Authentication Federated | % Name") == "fabrikam.com\n"
    assert shell.run("(Get-MsolDomain -DomainName contoso.com).IsDefault") == "True\n"
    command = "Get-MsolDomain -DomainName contoso.net"
    assert shell.run(command) == msol_error(
        "Get-MsolDomain", command, "Domain contoso.net does not exist.",
        "DomainNotFoundException", "GetDomain")


def test_company_information(shell):
    text = shell.run("Get-MsolCompanyInformation")
    assert text.startswith("\nDisplayName                              : Contoso\n")
    assert "DirectorySynchronizationEnabled          : True\n" in text
    assert "DirSyncServiceAccount                    : Sync_AADCONNECT01_" in text
    assert "LastDirSyncTime                          : 1/5/2026 9:00:00 AM\n" in text
    assert shell.run("(Get-MsolCompanyInformation).InitialDomain") == "contoso.onmicrosoft.com\n"


def test_dir_sync_enabled_switch(shell):
    shell.host.answers = ["N"]
    assert shell.run("Set-MsolDirSyncEnabled -EnableDirSync $false").startswith(
        "Confirm\nContinue with this operation?\n")
    assert shell.run("(Get-MsolCompanyInformation).DirectorySynchronizationEnabled") == "True\n"
    assert shell.run("Set-MsolDirSyncEnabled -EnableDirSync $false -Force") == ""
    assert shell.run("(Get-MsolCompanyInformation).DirectorySynchronizationEnabled") == "False\n"


def test_dir_sync_features(shell):
    text = shell.run("Get-MsolDirSyncFeatures")
    assert text.startswith(
        "\n"
        "DirSyncFeature                           Enabled\n"
        "--------------                           -------\n"
        "BlockCloudObjectTakeoverThroughHardMatch False\n")
    assert "DuplicateUPNResiliency                   True\n" in text
    assert shell.run("Get-MsolDirSyncFeatures -Feature duplicateupnresiliency | % Enabled") == \
        "True\n"
    assert shell.run("Set-MsolDirSyncFeature -Feature BlockSoftMatch -Enable $true -Force") == ""
    assert shell.tenant.aad.features["BlockSoftMatch"] is True
    text = shell.run("Set-MsolDirSyncFeature -Feature EnableSoftMatchOnUpn -Enable $false -Force")
    assert text.startswith("Set-MsolDirSyncFeature : The EnableSoftMatchOnUpn feature cannot be "
                           "disabled once it has been enabled.\n")
    text = shell.run("Set-MsolDirSyncFeature -Feature DuplicateUPNResiliency -Enable $false -Force")
    assert "managed by Azure AD Connect" in text
    assert shell.tenant.aad.features["DuplicateUPNResiliency"] is True


def test_redo_provision_unknown_objects(shell):
    command = "Redo-MsolProvisionUser -ObjectId 00000000-0000-0000-0000-000000000001"
    assert shell.run(command) == msol_error(
        "Redo-MsolProvisionUser", command,
        "User Not Found.  User: 00000000-0000-0000-0000-000000000001.",
        "UserNotFoundException", "RedoProvisionUser")
    assert "Invalid value for parameter. Parameter Name: ObjectId." in shell.run(
        "Redo-MsolProvisionGroup -ObjectId 00000000-0000-0000-0000-000000000001")


def test_provisioning_errors_none_at_start(shell):
    assert shell.run("Get-MsolHasObjectsWithDirSyncProvisioningErrors") == "False\n"
    assert shell.run("Get-MsolDirSyncProvisioningError -ErrorCategory PropertyConflict") == ""
