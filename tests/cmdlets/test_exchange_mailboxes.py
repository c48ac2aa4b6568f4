"""Get-Mailbox, Set-Mailbox, Enable-Mailbox -Archive, Remove-Mailbox: exact console text."""
from __future__ import annotations

import pytest

NOT_FOUND_AT = (
    "At C:\\Users\\admin\\AppData\\Local\\Temp\\tmpEXO_nincikfa.nap\\tmpEXO_nincikfa.nap.psm1:1121"
    " char:13\n"
    "+             Write-ErrorMessage $ErrorObject\n"
    "+             ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n")
MORE = ("WARNING: There are more results available than are currently displayed. To view them, "
        "increase the value for the ResultSize parameter.\n")


@pytest.fixture
def exo(shell):
    shell.host.width = 120   # the Windows PowerShell console's default width
    return shell


def test_default_table_and_result_size_warning(exo):
    assert exo.run("Get-Mailbox -ResultSize 3") == (
        "\n"
        "Name                      Alias           Database                       ProhibitSendQuota"
        "    ExternalDirectoryObjectId\n"
        "----                      -----           --------                       -----------------"
        "    -------------------------\n"
        "Accounts Payable          accountspayable NAMPR06DG028-db282             "
        "49.5 GB (53,150,2... 678e6b16-f6eb-42b1-983...\n"
        "Adele Vance               adele.vance     NAMPR06DG028-db282             "
        "99 GB (106,300,44... b272cb65-079f-4a38-b60...\n"
        "Aisha Rahman              aisha.rahman    NAMPR06DG028-db282             "
        "99 GB (106,300,44... 288291e9-bd24-47ce-9cd...\n"
        "\n" + MORE)


def test_default_result_size_is_1000_with_the_real_warning(exo):
    for i in range(1001):
        exo.tenant.exchange.add_cloud_recipient("UserMailbox", f"Bulk {i:04}",
                                                database="NAMPR06DG028-db282")
    assert exo.run("(Get-Mailbox | Measure-Object).Count") == (
        "WARNING: By default, only the first 1000 items are returned. Use the ResultSize parameter"
        " to specify the number of items returned. To return all items, specify \"-ResultSize "
        "Unlimited\". Be aware that, depending on the actual number of items, returning all items"
        " can take a long time and consume a large amount of memory. Also, we don't recommend "
        "storing the results in a variable. Instead, pipe the results to another task or script to"
        " perform batch changes.\n1000\n")
    assert exo.run("(Get-Mailbox -ResultSize Unlimited | Measure-Object).Count") == "1066\n"


def test_not_found_in_the_v3_form(exo):
    text = exo.run("Get-Mailbox nobody@contoso.com")
    assert text.startswith(
        "Write-ErrorMessage : ||The operation couldn't be performed because object "
        "'nobody@contoso.com' couldn't be found on 'CO1PR06A002DC02.NAMPR06A002.prod.outlook.com'"
        ".\n" + NOT_FOUND_AT +
        "    + CategoryInfo          : NotSpecified: (:) [Get-Mailbox], "
        "ManagementObjectNotFoundException\n"
        "    + FullyQualifiedErrorId : [Server=AM6PR06MB5795,RequestId=")
    assert text.endswith(",TimeStamp=Mon, 05 Jan 2026 09:03:00 GMT],Write-ErrorMessage\n\n")


def test_a_mail_user_is_not_a_mailbox(exo):
    assert "couldn't be found" in exo.run("Get-Mailbox joni.sherman")


def test_ambiguous_identity(exo):
    exo.tenant.exchange.add_cloud_recipient("SharedMailbox", "Shared One", alias="twin1",
                                            display_name="Twin")
    exo.tenant.exchange.add_cloud_recipient("SharedMailbox", "Shared Two", alias="twin2",
                                            display_name="Twin")
    assert exo.run("Get-Mailbox Twin").startswith(
        "Write-ErrorMessage : ||The operation couldn't be performed because 'Twin' matches "
        "multiple entries.\n")
    assert "[Get-Mailbox], ManagementObjectAmbiguousException" in exo.run("Get-Mailbox Twin")


def test_identity_forms(exo):
    for identity in ("alex.wilber", "alex.wilber@contoso.com", "Alex Wilber",
                     "smtp:ALEX.WILBER@contoso.mail.onmicrosoft.com",
                     "520487e1-7797-4648-ba02-ded4ac852aea",
                     "CN=Alex Wilber,OU=contoso.onmicrosoft.com,OU=Microsoft Exchange Hosted "
                     "Organizations,DC=NAMPR06A002,DC=prod,DC=outlook,DC=com"):
        assert exo.run(f"(Get-Mailbox '{identity}').Alias") == "alex.wilber\n", identity


def test_archive_soft_deleted_and_inactive_switches(exo):
    assert exo.run("Get-Mailbox -Archive | Select-Object -First 2 -ExpandProperty Name") == \
        "Alex Wilber\nArjun Mehta\n"
    assert exo.run("Get-Mailbox -SoftDeletedMailbox | Format-Table Name,Identity,"
                   "WhenSoftDeleted") == (
        "\nName          Identity                           WhenSoftDeleted\n"
        "----          --------                           ---------------\n"
        "Pat Kowalczyk Soft Deleted Objects\\Pat Kowalczyk 12/20/2025 2:14:09 AM\n\n")
    assert exo.run("Get-Mailbox -InactiveMailboxOnly | Format-Table Name,IsInactiveMailbox,"
                   "LitigationHoldEnabled") == (
        "\nName      IsInactiveMailbox LitigationHoldEnabled\n"
        "----      ----------------- ---------------------\n"
        "Rob Young True              True\n\n")
    assert exo.run("Get-Mailbox 'Rob Young'").startswith("Write-ErrorMessage : ||")
    assert exo.run("(Get-Mailbox 'Rob Young' -IncludeInactiveMailbox).Name") == "Rob Young\n"


def test_recipient_type_details_and_its_binding_error(exo):
    assert exo.run("Get-Mailbox -RecipientTypeDetails SharedMailbox,RoomMailbox | "
                   "ForEach-Object Name") == \
        "Accounts Payable\nConf Room Adams\nConf Room Baker\nContoso Info\n"
    assert exo.run("Get-Mailbox -RecipientTypeDetails Foo") == (
        "Get-Mailbox : Cannot process argument transformation on parameter "
        "'RecipientTypeDetails'. Cannot convert value \"Foo\" to type \"Microsoft.Exchange.Data."
        "Directory.Recipient.RecipientTypeDetails[]\". Error: \"Unable to match the identifier "
        "name Foo to a valid enumerator name. Specify one of the following enumerator names and "
        "try again:\nDiscoveryMailbox, EquipmentMailbox, GroupMailbox, LegacyMailbox, "
        "LinkedMailbox, LinkedRoomMailbox, RoomMailbox, SchedulingMailbox, SharedMailbox, "
        "TeamMailbox, UserMailbox\"\n"
        "At line:1 char:1\n"
        "+ Get-Mailbox -RecipientTypeDetails Foo\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : InvalidData: (:) [Get-Mailbox], "
        "ParameterBindingArgumentTransformationException\n"
        "    + FullyQualifiedErrorId : ParameterArgumentTransformationError,Get-Mailbox\n\n")


def test_filter(exo):
    assert exo.run("Get-Mailbox -Filter \"EmailAddresses -like 'smtp:megan*'\" | "
                   "ForEach-Object Name") == "Megan Bowen\n"
    # An exact address matches without the prefix; a wildcard needs it.
    assert exo.run("Get-Mailbox -Filter \"EmailAddresses -eq 'megan.bowen@contoso.com'\" | "
                   "ForEach-Object Name") == "Megan Bowen\n"
    assert exo.run("Get-Mailbox -Filter \"EmailAddresses -like 'megan*'\"") == ""
    assert exo.run("Get-Mailbox -Filter {IsDirSynced -eq $false -and RecipientTypeDetails -eq "
                   "'UserMailbox'} | ForEach-Object Alias") == \
        "exoadmin\nhelpdesk\nkiosk.lobby\nadmin\n"
    text = exo.run("Get-Mailbox -Filter \"Name -eq\"")
    assert text.startswith(
        "Write-ErrorMessage : ||Cannot bind parameter 'Filter' to the target. Exception setting "
        "\"Filter\": \"Invalid filter syntax. For a description of the filter parameter syntax "
        "see the command help.\n\"Name -eq\" at position 9.\"\n")
    assert "InvalidArgument: (:) [Get-Mailbox], ParameterBindingException" in text
    assert exo.run("Get-Mailbox -Filter \"Colour -eq 'red'\"").startswith(
        "Write-ErrorMessage : ||Cannot bind parameter 'Filter' to the target. Exception setting "
        "\"Filter\": \"'Colour' is not a recognized filterable property. For a list of "
        "filterable properties see the command help.\"\n")


def test_format_list_shows_the_guids_and_links(exo):
    assert exo.run("Get-Mailbox alex.wilber | Format-List Name,ExchangeGuid,ArchiveGuid,"
                   "ArchiveStatus,ExternalDirectoryObjectId,IsDirSynced,Identity") == (
        "\nName                      : Alex Wilber\n"
        "ExchangeGuid              : 12c9e350-7933-4d25-874d-a50006a04918\n"
        "ArchiveGuid               : b04b640d-1db0-4990-ada5-91c1260ad1f2\n"
        "ArchiveStatus             : Active\n"
        "ExternalDirectoryObjectId : 520487e1-7797-4648-ba02-ded4ac852aea\n"
        "IsDirSynced               : True\n"
        "Identity                  : Alex Wilber\n\n")


def test_set_mailbox_on_a_synced_mailbox_is_refused(exo):
    text = exo.run("Set-Mailbox alex.wilber -EmailAddresses @{add='smtp:a2@contoso.com'}")
    assert text.startswith(
        "Write-ErrorMessage : ||The operation on mailbox \"Alex Wilber\" failed because it's out "
        "of the current user's write scope. The action 'Set-Mailbox', 'EmailAddresses', can't be "
        "performed on the object 'Alex Wilber' because the object is being synchronized from "
        "your on-premises organization. This action should be performed on the object in your "
        "on-premises organization.\n")
    assert "NotSpecified: (:) [Set-Mailbox], TaskException" in text
    assert "a2@contoso.com" not in exo.run("(Get-Mailbox alex.wilber).EmailAddresses")


def test_set_mailbox_cloud_changes_and_the_no_change_warning(exo):
    assert exo.run("Set-Mailbox helpdesk -EmailAddresses @{add='smtp:hd@contoso.com'}; "
                   "(Get-Mailbox helpdesk).EmailAddresses -join ','").endswith(
        ",smtp:hd@contoso.com\n")
    assert exo.run("Set-Mailbox alex.wilber -LitigationHoldEnabled $true; "
                   "(Get-Mailbox alex.wilber).LitigationHoldEnabled") == "True\n"
    assert exo.run("Set-Mailbox alex.wilber -LitigationHoldEnabled $true") == (
        "WARNING: The command completed successfully but no settings of 'Alex Wilber' have been "
        "modified.\n")
    assert exo.run("Set-Mailbox helpdesk -Type Shared; (Get-Mailbox helpdesk)."
                   "RecipientTypeDetails") == "SharedMailbox\n"


def test_enable_mailbox_archive(exo):
    assert exo.run("Enable-Mailbox helpdesk -Archive | Format-List Name,ArchiveStatus,"
                   "ArchiveName") == (
        "\nName          : Helpdesk Operator\nArchiveStatus : Active\n"
        "ArchiveName   : {In-Place Archive - Helpdesk Operator}\n\n")
    assert exo.run("Enable-Mailbox helpdesk -Archive").startswith(
        "Write-ErrorMessage : ||The mailbox 'Helpdesk Operator' already has an archive.\n")


def test_remove_mailbox_permanently_delete(exo):
    assert exo.run("Get-Mailbox -SoftDeletedMailbox 'Pat Kowalczyk' | Remove-Mailbox "
                   "-PermanentlyDelete -Confirm:$false; Get-Mailbox -SoftDeletedMailbox") == ""
    text = exo.run("Remove-Mailbox alex.wilber -PermanentlyDelete -Confirm:$false")
    assert text.startswith("Write-ErrorMessage : ||The operation couldn't be performed because "
                           "it is outside the writing scope of this server\n")
    assert exo.run("Remove-Mailbox 'Rob Young' -PermanentlyDelete -Confirm:$false").startswith(
        "Write-ErrorMessage : ||The operation couldn't be performed because it is outside the "
        "writing scope of this server\n")


def test_remove_mailbox_asks_for_confirmation(exo):
    exo.host.answers = ["N"]
    exo.host.interactive = True
    text = exo.run("Remove-Mailbox 'Soft Deleted Objects\\Pat Kowalczyk' -PermanentlyDelete")
    assert text.startswith("Confirm\nAre you sure you want to perform this action?\n"
                           "Performing the operation \"Remove-Mailbox\" on target \"Soft Deleted "
                           "Objects\\Pat Kowalczyk\".\n")
    assert exo.run("(Get-Mailbox -SoftDeletedMailbox).Name") == "Pat Kowalczyk\n"


def test_synced_change_reaches_the_mailbox_after_sync_and_forward_sync(exo):
    exo.run("Set-ADUser megan.bowen -DisplayName 'Megan Bowen-Smith'")
    assert exo.run("(Get-Mailbox megan.bowen).DisplayName") == "Megan Bowen\n"
    exo.run("Start-ADSyncSyncCycle")
    assert exo.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).DisplayName") == \
        "Megan Bowen-Smith\n"
    assert exo.run("(Get-Mailbox megan.bowen).DisplayName") == "Megan Bowen\n"
    exo.run("Start-Sleep -Seconds 180")
    assert exo.run("(Get-Mailbox megan.bowen).DisplayName") == "Megan Bowen-Smith\n"


def test_pipeline_input_and_result_size_binding_error(exo):
    assert exo.run("'alex.wilber','megan.bowen' | Get-Mailbox | ForEach-Object Name") == \
        "Alex Wilber\nMegan Bowen\n"
    assert exo.run("Get-MsolUser -UserPrincipalName megan.bowen@contoso.com | Get-Mailbox | "
                   "ForEach-Object Alias") == "megan.bowen\n"
    assert exo.run("Get-Mailbox helpdesk | Set-Mailbox -LitigationHoldEnabled $true; "
                   "(Get-Mailbox helpdesk).LitigationHoldEnabled") == "True\n"
    assert exo.run("Get-Mailbox -ResultSize 0") == (
        "Get-Mailbox : Cannot process argument transformation on parameter 'ResultSize'. Cannot "
        "convert value \"0\" to type \"Microsoft.Exchange.Data.Unlimited`1[System.UInt32]\". "
        "Error: \"Unlimited or a positive number is expected.\"\n"
        "At line:1 char:1\n+ Get-Mailbox -ResultSize 0\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : InvalidData: (:) [Get-Mailbox], "
        "ParameterBindingArgumentTransformationException\n"
        "    + FullyQualifiedErrorId : ParameterArgumentTransformationError,Get-Mailbox\n\n")


def test_identity_of_another_kind_is_named_as_powershell_shows_it(exo):
    # Found by tests/test_cmdlet_fuzz.py: the message showed Python's repr of the value.
    for identity, shown in (("'a', 'b'", "a b"), ("@{a = 1}", "System.Collections.Hashtable")):
        text = exo.run(f"Remove-Mailbox -Identity {identity} -Confirm:$false")
        assert text.startswith("Write-ErrorMessage : ||The operation couldn't be performed because "
                               f"object '{shown}' couldn't be found on ")


def test_result_size_of_another_kind_is_named_as_dotnet_shows_it(exo):
    # Found by tests/test_cmdlet_fuzz.py: the message showed Python's repr of the hashtable.
    assert exo.run("Get-Mailbox -ResultSize @{a = 1}").startswith(
        "Get-Mailbox : Cannot process argument transformation on parameter 'ResultSize'. Cannot "
        "convert value \"System.Collections.Hashtable\" to type \"Microsoft.Exchange.Data."
        "Unlimited`1[System.UInt32]\". Error: \"Unlimited or a positive number is expected.\"\n")
    assert exo.run("Get-Recipient -RecipientTypeDetails @{a = 1}").startswith(
        "Get-Recipient : Cannot process argument transformation on parameter "
        "'RecipientTypeDetails'. Cannot convert value \"System.Collections.Hashtable\" to type ")
