"""Get-Recipient, Get-User, Set-User, Get-MailUser, Get-MailContact, Get-DistributionGroup,
Get-DistributionGroupMember: exact console text and the licensing workflow."""
from __future__ import annotations

import pytest

MORE = ("WARNING: There are more results available than are currently displayed. To view them, "
        "increase the value for the ResultSize parameter.\n")


@pytest.fixture
def exo(shell):
    shell.host.width = 120
    return shell


def test_get_recipient_table_and_type_filters(exo):
    assert exo.run("Get-Recipient -ResultSize 3") == (
        "\nName             RecipientType\n----             -------------\n"
        "Accounts Payable UserMailbox\nAdele Vance      UserMailbox\n"
        "Aisha Rahman     UserMailbox\n\n" + MORE)
    assert exo.run("Get-Recipient -RecipientTypeDetails MailContact | ForEach-Object Name") == (
        "Contoso Print Partner\nFabrikam Helpdesk (Cloud)\nJane Doe (Adventure Works)\n"
        "Litware Legal\nNorthwind Support\nWingtip Toys Orders\n")


def test_get_recipient_type_mismatch_error(exo):
    text = exo.run("Get-Recipient -RecipientType MailUser -RecipientTypeDetails UserMailbox")
    assert text.startswith("Write-ErrorMessage : ||None of the specified RecipientTypeDetails "
                           "are included in any specified recipient type.\n")
    assert "NotSpecified: (:) [Get-Recipient], TaskArgumentException" in text


def test_get_recipient_soft_deleted_hunt(exo):
    assert exo.run("Get-Recipient 'Pat Kowalczyk'").startswith("Write-ErrorMessage : ||")
    assert exo.run("Get-Recipient -IncludeSoftDeletedRecipients 8e2a4c6d-0f1b-4a3c-9e5d-"
                   "7b9f1a3c5e60 | Format-Table RecipientType,PrimarySmtpAddress,"
                   "WhenSoftDeleted") == (
        "\nRecipientType PrimarySmtpAddress        WhenSoftDeleted\n"
        "------------- ------------------        ---------------\n"
        "UserMailbox   pat.kowalczyk@contoso.com 12/20/2025 2:14:09 AM\n\n")


def test_get_recipient_finds_who_holds_an_address(exo):
    assert exo.run("Get-Recipient -ResultSize Unlimited | Where-Object {$_.EmailAddresses "
                   "-match 'ap@contoso.com'} | Format-List Name,RecipientType") == (
        "\nName          : Accounts Payable\nRecipientType : UserMailbox\n\n")


def test_get_user_table_not_found_and_plain_users(exo):
    assert exo.run("Get-User -RecipientTypeDetails User") == (
        "\nName                           RecipientType\n"
        "----                           -------------\n"
        "Backup Service                 User\n"
        "Emergency Access (Break Glass) User\n"
        "Harper Evans                   User\n"
        "Nora Lind (Guest)              User\n\n")
    text = exo.run("Get-User nobody")
    assert text.startswith("Write-ErrorMessage : ||The operation couldn't be performed because "
                           "object 'nobody' couldn't be found on "
                           "'CO1PR06A002DC02.NAMPR06A002.prod.outlook.com'.\n")
    assert "[Get-User], ManagementObjectNotFoundException" in text
    assert exo.run("Get-User 'Sales Team'").startswith("Write-ErrorMessage : ||")


def test_get_mail_user_shows_an_on_premises_mailbox(exo):
    assert exo.run("Get-MailUser -ResultSize 3") == (
        "\nName              RecipientType\n----              -------------\n"
        "Chloe Dubois      MailUser\nConf Room Crystal MailUser\nDaniel Kowalski   MailUser\n\n"
        + MORE)
    assert exo.run("Get-MailUser tyler_brennan | Format-List ExternalEmailAddress,ExchangeGuid,"
                   "SKUAssigned") == (
        "\nExternalEmailAddress : SMTP:tyler.brennan@litware.com\n"
        "ExchangeGuid         : 00000000-0000-0000-0000-000000000000\nSKUAssigned          :\n\n")


def test_contacts_and_groups(exo):
    assert exo.run("Get-MailContact -ResultSize 2") == (
        "\nName                      Alias        RecipientType\n"
        "----                      -----        -------------\n"
        "Contoso Print Partner     printpartner MailContact\n"
        "Fabrikam Helpdesk (Cloud)              MailContact\n\n" + MORE)
    assert exo.run("Get-DistributionGroup -ResultSize 2") == (
        "\nName                  DisplayName           GroupType PrimarySmtpAddress\n"
        "----                  -----------           --------- ------------------\n"
        "All Contoso           All Contoso           Universal all@contoso.com\n"
        "Contoso Announcements Contoso Announcements Universal\n\n" + MORE)
    assert exo.run("(Get-DistributionGroup 'Finance Approvers').GroupType") == \
        "Universal, SecurityEnabled\n"
    assert exo.run("Get-DistributionGroupMember 'Contoso Leadership' | Select-Object -First 3") == (
        "\nName         RecipientType\n----         -------------\n"
        "Alex Wilber  UserMailbox\nArjun Mehta  UserMailbox\nDebra Berger UserMailbox\n\n")
    assert "[Get-DistributionGroupMember], ManagementObjectNotFoundException" in \
        exo.run("Get-DistributionGroupMember nobody")


def test_set_user_write_scope_and_prompt(exo):
    assert exo.run("Set-User megan.bowen -DisplayName X").startswith(
        "Write-ErrorMessage : ||The operation on mailbox \"Megan Bowen\" failed because it's out "
        "of the current user's write scope. The action 'Set-User', 'DisplayName', can't be "
        "performed on the object 'Megan Bowen' because the object is being synchronized")
    exo.host.answers = ["N"]
    exo.host.interactive = True
    assert exo.run("Set-User tyler_brennan -PermanentlyClearPreviousMailboxInfo") == (
        "Confirm\nAre you sure you want to perform this action?\n"
        "Delete all existing information about user \"Tyler Brennan\"?. This operation will clear "
        "existing values from Previous home MDB and Previous Mailbox GUID of the user. After "
        "deletion, reconnecting to the previous mailbox that existed in the cloud will not be "
        "possible and any content it had will be unrecoverable PERMANENTLY.\n"
        "Do you want to continue?\n"
        "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help (default is \"Y\"): N\n")


def test_licensing_a_mail_user_then_clearing_previous_mailbox_info(exo):
    """S20 / S7: licensing an on-premises mail user makes a cloud mailbox; removing the licence
    turns it back into a MailUser with PreviousRecipientTypeDetails; clearing that is final."""
    table = "Get-User tyler_brennan | Format-Table Name,PreviousRecipientTypeDetails," \
            "RecipientType,RecipientTypeDetails"
    exo.run("Set-MsolUserLicense -UserPrincipalName tyler.brennan@contoso.com -AddLicenses "
            "contoso:ENTERPRISEPACK; Start-Sleep -Seconds 180")
    assert exo.run("(Get-Mailbox tyler_brennan).RecipientTypeDetails") == "UserMailbox\n"
    exo.run("Set-MsolUserLicense -UserPrincipalName tyler.brennan@contoso.com -RemoveLicenses "
            "contoso:ENTERPRISEPACK; Start-Sleep -Seconds 180")
    assert exo.run(table) == (
        "\nName          PreviousRecipientTypeDetails RecipientType RecipientTypeDetails\n"
        "----          ---------------------------- ------------- --------------------\n"
        "Tyler Brennan UserMailbox                  MailUser      MailUser\n\n")
    exo.run("Set-User tyler_brennan -PermanentlyClearPreviousMailboxInfo -Confirm:$false")
    assert exo.run(table).endswith("Tyler Brennan None                         MailUser      "
                                   "MailUser\n\n")


def test_get_user_shows_person_properties_that_follow_a_change_on_premises(shell):
    assert shell.run("(Get-User adele.vance@contoso.com).Title") == "Retail Manager\n"
    shell.run("Set-ADUser adele.vance -Title 'Chief Seller'; Start-ADSyncSyncCycle | Out-Null")
    assert shell.run("(Get-User adele.vance@contoso.com).Title") == "Retail Manager\n"
    shell.run("Start-Sleep -Seconds 300")   # forward sync to Exchange Online
    assert shell.run("Get-User adele.vance@contoso.com | Format-List Title, City") == \
        "\nTitle : Chief Seller\nCity  : Redmond\n\n"
