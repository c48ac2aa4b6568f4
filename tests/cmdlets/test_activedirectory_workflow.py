"""AD changes travel the hybrid pipeline only when a sync cycle runs: AD -> Start-ADSyncSyncCycle
-> Azure AD (Get-MsolUser) -> forward sync -> Exchange Online (Get-Mailbox)."""
SYNC = "Start-ADSyncSyncCycle -PolicyType Delta | Out-Null; Start-Sleep -Seconds 300"


def test_proxy_address_added_in_ad_reaches_azure_ad_then_exchange_online(shell):
    shell.run("Set-ADUser alex.wilber -Add @{proxyAddresses='smtp:alex@contoso.com'}")
    aad = "(Get-MsolUser -UserPrincipalName alex.wilber@contoso.com).ProxyAddresses -join ','"
    assert shell.run(aad) == "SMTP:alex.wilber@contoso.com,smtp:alex.wilber@contoso.mail.onmicrosoft.com\n"
    shell.run(SYNC)
    assert shell.run(aad) == ("SMTP:alex.wilber@contoso.com,smtp:alex.wilber@contoso.mail.onmicrosoft.com,"
                              "smtp:alex@contoso.com\n")
    assert shell.run("(Get-Mailbox alex.wilber).EmailAddresses -contains 'smtp:alex@contoso.com'") == "True\n"


def test_title_change_waits_for_the_sync_cycle(shell):
    shell.run("Set-ADUser alex.wilber -Title 'Regional Director'")
    title = "(Get-MsolUser -UserPrincipalName alex.wilber@contoso.com).Title"
    assert shell.run(title) == "Director of Sales\n"
    shell.run(SYNC)
    assert shell.run(title) == "Regional Director\n"


def test_moving_out_of_sync_scope_deletes_in_azure_ad_and_moving_back_restores(shell):
    shell.run("Get-ADUser alex.wilber | Move-ADObject -TargetPath "
              "'OU=Disabled Users,OU=Contoso,DC=contoso,DC=com'; " + SYNC)
    assert shell.run("(Get-MsolUser -ReturnDeletedUsers -UserPrincipalName alex.wilber@contoso.com)"
                     ".UserPrincipalName") == "alex.wilber@contoso.com\n"
    shell.run("Get-ADUser alex.wilber | Move-ADObject -TargetPath "
              "'OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com'; " + SYNC)
    assert shell.run("(Get-MsolUser -UserPrincipalName alex.wilber@contoso.com).UserPrincipalName") == (
        "alex.wilber@contoso.com\n")


def test_recycle_bin_restore_keeps_the_anchor_and_hard_matches(shell):
    anchor = shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).ImmutableId")
    shell.run("Remove-ADUser megan.bowen -Confirm:$false; " + SYNC)
    assert shell.run("(Get-MsolUser -ReturnDeletedUsers -UserPrincipalName megan.bowen@contoso.com)"
                     ".ImmutableId") == anchor
    shell.run("Get-ADObject -Filter \"samAccountName -eq 'megan.bowen'\" -IncludeDeletedObjects | "
              "Restore-ADObject; " + SYNC)
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).ImmutableId") == anchor
    guid = shell.tenant.directory.get("megan.bowen").guid
    assert shell.run("(Get-ADUser megan.bowen).ObjectGUID.Guid") == guid + "\n"


def test_new_user_in_a_synced_ou_appears_in_azure_ad(shell):
    shell.run("New-ADUser 'Ruth Baker' -SamAccountName ruth.baker -UserPrincipalName ruth.baker@contoso.com "
              "-Path 'OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com' -Enabled $true; " + SYNC)
    assert shell.run("(Get-MsolUser -UserPrincipalName ruth.baker@contoso.com).DisplayName") != ""
    assert "User Not Found" not in shell.run("Get-MsolUser -UserPrincipalName ruth.baker@contoso.com")


def test_disabled_account_blocks_sign_in_after_sync(shell):
    shell.run("Disable-ADAccount alex.wilber; " + SYNC)
    assert shell.run("(Get-MsolUser -UserPrincipalName alex.wilber@contoso.com).BlockCredential") == "True\n"


def test_kb4053483_archive_guid_written_with_ad_tools_reaches_exchange_online(shell):
    # The KB's own command, attribute name in its lower-case spelling
    shell.run('[guid]$guid = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"; Get-ADUser nestor.wilke | '
              'Set-ADUser -Replace @{msExchArchiveguid=$guid.tobytearray()}')
    assert "msExchArchiveGUID" in shell.tenant.directory.get("nestor.wilke").attrs
    assert shell.run('"$((Get-Mailbox nestor.wilke).ArchiveGuid)"') == "00000000-0000-0000-0000-000000000000\n"
    shell.run(SYNC)
    assert shell.run('"$((Get-Mailbox nestor.wilke).ArchiveGuid)"') == "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\n"
