"""Get/Set/Enable/Disable-RemoteMailbox: exact output, Exchange's errors, the on-premises
attributes each writes, and the hybrid workflow they start."""
TASKS = "Microsoft.Exchange.Management.RecipientTasks"
SYNC = "Start-ADSyncSyncCycle -PolicyType Delta | Out-Null; Start-Sleep -Seconds 300"


def attrs(shell, sam):
    return shell.tenant.directory.get(sam).attrs


def test_default_table(shell):
    assert shell.run("Get-RemoteMailbox | Select-Object -First 2") == """
Name         RecipientTypeDetails RemoteRecipientType
----         -------------------- -------------------
Megan Bowen  RemoteUserMailbox    ProvisionArchive, Migrated
Nestor Wilke RemoteUserMailbox    Migrated

"""
    assert shell.run("Get-RemoteMailbox info") == """
Name         RecipientTypeDetails RemoteRecipientType
----         -------------------- -------------------
Contoso Info RemoteSharedMailbox  Migrated, SharedMailbox

"""


def test_identity_forms_and_properties(shell):
    fields = "Format-List Name,Alias,RemoteRoutingAddress,PrimarySmtpAddress,Identity"
    expected = ("\nName                 : Megan Bowen\nAlias                : megan.bowen\n"
                "RemoteRoutingAddress : SMTP:megan.bowen@contoso.mail.onmicrosoft.com\n"
                "PrimarySmtpAddress   : megan.bowen@contoso.com\n"
                "Identity             : contoso.com/Contoso/Users/Executive/Megan Bowen\n\n")
    for identity in ("megan.bowen", "'Megan Bowen'", "megan.bowen@contoso.com",
                     "megan.bowen@contoso.mail.onmicrosoft.com"):
        assert shell.run(f"Get-RemoteMailbox {identity} | {fields}") == expected


def test_not_found_for_a_user_that_is_not_a_remote_mailbox(shell):
    cmd = "Get-RemoteMailbox harper.evans"
    out = shell.run(cmd)
    assert out == (
        "Get-RemoteMailbox : The operation couldn't be performed because object 'harper.evans' "
        f"couldn't be found on 'DC01.contoso.com'.\nAt line:1 char:1\n+ {cmd}\n+ {'~' * len(cmd)}\n"
        "    + CategoryInfo          : NotSpecified: (:) [Get-RemoteMailbox], "
        "ManagementObjectNotFoundException\n"
        f"    + FullyQualifiedErrorId : {out.split('FullyQualifiedErrorId : ')[1][:8]},"
        f"{TASKS}.GetRemoteMailbox\n\n")


def test_result_size_default_and_warning(shell):
    assert shell.run("@(Get-RemoteMailbox).Count") == "61\n"
    assert "WARNING" not in shell.run("Get-RemoteMailbox -ResultSize 1")
    assert shell.run("@(Get-RemoteMailbox -ResultSize Unlimited).Count") == "61\n"


def test_enable_remote_mailbox_writes_the_hybrid_attributes(shell):
    out = shell.run("Enable-RemoteMailbox harper.evans "
                    "-RemoteRoutingAddress harper.evans@contoso.mail.onmicrosoft.com")
    assert out == """
Name         RecipientTypeDetails RemoteRecipientType
----         -------------------- -------------------
Harper Evans RemoteUserMailbox    ProvisionMailbox

"""
    a = attrs(shell, "harper.evans")
    assert (a["msExchRecipientTypeDetails"], a["msExchRemoteRecipientType"],
            a["msExchRecipientDisplayType"]) == (2147483648, 1, -2147483642)
    assert a["targetAddress"] == "SMTP:harper.evans@contoso.mail.onmicrosoft.com"
    assert a["proxyAddresses"] == ["SMTP:harper.evans@contoso.com",
                                   "smtp:harper.evans@contoso.mail.onmicrosoft.com"]
    assert (a["mail"], a["mailNickname"]) == ("harper.evans@contoso.com", "harper.evans")
    assert "msExchMailboxGuid" not in a


def test_enable_twice_and_enable_archive(shell):
    shell.run("Enable-RemoteMailbox harper.evans")
    out = shell.run("Enable-RemoteMailbox harper.evans")
    assert out.startswith("Enable-RemoteMailbox : The user 'contoso.com/Contoso/Users/Support/Harper Evans' "
                          "is already mail-enabled.\n")
    assert shell.run("Enable-RemoteMailbox nestor.wilke -Archive | ForEach-Object RemoteRecipientType") == (
        "ProvisionArchive, Migrated\n")
    assert attrs(shell, "nestor.wilke")["msExchArchiveName"] == "In-Place Archive - Nestor Wilke"


def test_set_remote_mailbox_guids_routing_and_addresses(shell):
    shell.run("Set-RemoteMailbox nestor.wilke -ArchiveGuid 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d "
              "-ExchangeGuid 11111111-2222-4333-8444-555555555555 "
              "-RemoteRoutingAddress nw@contoso.mail.onmicrosoft.com")
    a = attrs(shell, "nestor.wilke")
    assert str(a["msExchArchiveGUID"]) == "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"
    assert str(a["msExchMailboxGuid"]) == "11111111-2222-4333-8444-555555555555"
    assert a["targetAddress"] == "SMTP:nw@contoso.mail.onmicrosoft.com"
    shell.run("Set-RemoteMailbox nestor.wilke -EmailAddresses @{Add='smtp:coo@contoso.com'; "
              "Remove='smtp:nestor.wilke@contoso.mail.onmicrosoft.com'}")
    assert attrs(shell, "nestor.wilke")["proxyAddresses"] == ["SMTP:nestor.wilke@contoso.com",
                                                             "smtp:coo@contoso.com"]
    shell.run("Set-RemoteMailbox nestor.wilke -PrimarySmtpAddress coo@contoso.com")
    assert attrs(shell, "nestor.wilke")["proxyAddresses"] == ["SMTP:coo@contoso.com",
                                                             "smtp:nestor.wilke@contoso.com"]
    assert attrs(shell, "nestor.wilke")["mail"] == "coo@contoso.com"


def test_exchange_refuses_a_proxy_address_in_use(shell):
    cmd = "Set-RemoteMailbox megan.bowen -EmailAddresses @{Add='smtp:nestor.wilke@contoso.com'}"
    out = shell.run(cmd)
    assert out.startswith(
        'Set-RemoteMailbox : The proxy address "smtp:nestor.wilke@contoso.com" is already being used by '
        'the proxy addresses or LegacyExchangeDN of "contoso.com/Contoso/Users/Executive/Nestor Wilke". '
        "Please choose another proxy address.\n")
    assert "[Set-RemoteMailbox], ProxyAddressExistsException" in out
    assert "smtp:nestor.wilke@contoso.com" not in attrs(shell, "megan.bowen")["proxyAddresses"]


def test_disable_remote_mailbox_and_archive(shell):
    shell.run("Disable-RemoteMailbox megan.bowen -Archive -Confirm:$false")
    a = attrs(shell, "megan.bowen")
    assert "msExchArchiveGUID" not in a and a["msExchRemoteRecipientType"] == 4 | 16
    assert 'Performing the operation "Disable-RemoteMailbox" on target' in shell.run(
        "Disable-RemoteMailbox megan.bowen -WhatIf")
    shell.run("Disable-RemoteMailbox megan.bowen -Confirm:$false")
    a = attrs(shell, "megan.bowen")
    assert [k for k in a if k.startswith("msExch") and k != "msExchUsageLocation"] == []
    assert "targetAddress" not in a and "proxyAddresses" not in a


def test_enable_sync_license_then_stamp_the_cloud_exchange_guid(shell):
    shell.run("Enable-RemoteMailbox harper.evans; " + SYNC)
    assert shell.run("(Get-MsolUser -UserPrincipalName harper.evans@contoso.com).ProxyAddresses -join ','") == (
        "SMTP:harper.evans@contoso.com,smtp:harper.evans@contoso.mail.onmicrosoft.com\n")
    assert shell.run("(Get-Recipient harper.evans).RecipientTypeDetails") == "MailUser\n"
    shell.run("Set-MsolUser -UserPrincipalName harper.evans@contoso.com -UsageLocation US; "
              "Set-MsolUserLicense -UserPrincipalName harper.evans@contoso.com "
              "-AddLicenses contoso:ENTERPRISEPACK; Start-Sleep -Seconds 300")
    cloud = shell.run('"$((Get-Mailbox harper.evans).ExchangeGuid)"').strip()
    assert len(cloud) == 36 and cloud != "00000000-0000-0000-0000-000000000000"
    shell.run(f"Set-RemoteMailbox harper.evans -ExchangeGuid {cloud}")
    assert shell.run("(Get-RemoteMailbox harper.evans).ExchangeGuid.Guid") == cloud + "\n"
    assert shell.run("[guid](Get-ADUser harper.evans -Properties msExchMailboxGuid).msExchMailboxGuid") \
        .endswith(cloud + "\n\n")


def test_result_size_must_be_a_number_or_unlimited(shell):
    out = shell.run("Get-RemoteMailbox -ResultSize abc")
    assert out.startswith("Get-RemoteMailbox : Cannot bind parameter 'ResultSize'. Cannot convert value "
                          "\"abc\" to type \"Microsoft.Exchange.Data.Unlimited`1[System.UInt32]\".")
    assert f"CannotConvertArgumentNoMessage,{TASKS}.GetRemoteMailbox\n" in out


def test_completer_answers_remote_mailbox_aliases(shell):
    from msolsh.runtime.cmdlet import REGISTRY
    complete = REGISTRY.get("Set-RemoteMailbox").parameters["Identity"].complete
    assert complete(shell.session, "conf") == []          # rooms have their own aliases
    assert complete(shell.session, "ME") == ["megan.bowen"]


def test_pipeline_from_get_remotemailbox_and_get_aduser(shell):
    shell.run("Get-RemoteMailbox megan.bowen | Set-RemoteMailbox -DisplayName 'Megan B.'")
    assert attrs(shell, "megan.bowen")["displayName"] == "Megan B."
    assert shell.run("Get-ADUser harper.evans | Enable-RemoteMailbox | ForEach-Object Identity") == (
        "contoso.com/Contoso/Users/Support/Harper Evans\n")


def test_values_of_another_kind_are_named_as_dotnet_shows_them(shell):
    # Found by tests/test_cmdlet_fuzz.py: the messages showed Python's repr of the value.
    out = shell.run("Get-MsolUser -All | Select-Object -First 1 | Get-RemoteMailbox")
    assert out.startswith("Get-RemoteMailbox : The operation couldn't be performed because object "
                          "'Microsoft.Online.Administration.User' couldn't be found on "
                          "'DC01.contoso.com'.\n")
    out = shell.run("Get-RemoteMailbox -ResultSize ' ', 'x'")
    assert out.startswith("Get-RemoteMailbox : Cannot bind parameter 'ResultSize'. Cannot convert "
                          "value \"System.Object[]\" to type ")
