"""MSOnline cmdlets along the hybrid workflow: a change on premises, a sync cycle, the result
in Azure AD (Get-MsolUser ...) and in Exchange Online.

On-premises changes go through the tenant API so these tests do not depend on the
ActiveDirectory module; the sync cycle uses Start-ADSyncSyncCycle when the ADSync module is
loaded, else the scheduler call behind it.
"""
from __future__ import annotations

import uuid

from msolsh.runtime.cmdlet import REGISTRY

SALES = "OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com"
PAT_EXCHANGE_GUID = "8e2a4c6d-0f1b-4a3c-9e5d-7b9f1a3c5e60"   # Pat Kowalczyk's soft-deleted mailbox


def sync_and_wait(shell) -> None:
    """A delta cycle, then ten simulated minutes so forward sync runs too."""
    if REGISTRY.get("Start-ADSyncSyncCycle") is not None:
        shell.run("Start-ADSyncSyncCycle -PolicyType Delta | Out-Null")
    else:
        shell.tenant.scheduler.start_cycle("Delta")
    shell.run("Start-Sleep -Seconds 600")


def add_remote_mailbox_user(shell, sam: str, name: str, **extra) -> None:
    attrs = {"sAMAccountName": sam, "userPrincipalName": f"{sam}@contoso.com",
             "displayName": name, "givenName": name.split()[0], "sn": name.split()[-1],
             "mailNickname": sam, "mail": f"{sam}@contoso.com",
             "proxyAddresses": [f"SMTP:{sam}@contoso.com"],
             "targetAddress": f"SMTP:{sam}@contoso.mail.onmicrosoft.com",
             "msExchRecipientTypeDetails": 2147483648, "msExchRemoteRecipientType": 4,
             "msExchUsageLocation": "US", "msExchMailboxGuid": uuid.uuid5(uuid.NAMESPACE_DNS, sam)}
    attrs.update(extra)
    shell.tenant.directory.add_user(f"CN={name},{SALES}", attrs)


def test_attribute_change_on_premises_reaches_get_msoluser(shell):
    shell.tenant.directory.set_attribute("megan.bowen", "title", "Chair of the Board")
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).Title") == \
        "Chief Executive Officer\n"
    sync_and_wait(shell)
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).Title") == \
        "Chair of the Board\n"
    assert shell.run('"$((Get-MsolUser -UserPrincipalName megan.bowen@contoso.com)'
                     '.LastDirSyncTime)"') == "01/05/2026 09:03:00\n"


def test_new_on_premises_user_appears_synced(shell):
    add_remote_mailbox_user(shell, "tom.new", "Tom New")
    assert "User Not Found.  User: tom.new@contoso.com." in shell.run(
        "Get-MsolUser -UserPrincipalName tom.new@contoso.com")
    sync_and_wait(shell)
    text = shell.run("Get-MsolUser -UserPrincipalName tom.new@contoso.com | "
                     "fl UserPrincipalName,ImmutableId,ValidationStatus,IsLicensed")
    assert "UserPrincipalName : tom.new@contoso.com\n" in text
    assert "ValidationStatus  : Healthy\n" in text
    user = shell.tenant.aad.by_upn("tom.new@contoso.com")
    assert user.immutable_id and f"ImmutableId       : {user.immutable_id}\n" in text
    assert "tom.new@contoso.com" in shell.run("Get-MsolUser -Synchronized -SearchString tom | "
                                              "% UserPrincipalName")
    # A migrated mailbox without a licence: Exchange Online keeps it, reconciliation is needed.
    recipient = shell.tenant.exchange.by_external_id(user.object_id)
    assert recipient is not None and recipient.recipient_type_details == "UserMailbox"
    assert shell.run("Get-MsolUser -LicenseReconciliationNeededOnly | % UserPrincipalName") == \
        "tom.new@contoso.com\n"
    shell.run("Set-MsolUserLicense -UserPrincipalName tom.new@contoso.com "
              "-AddLicenses contoso:ENTERPRISEPACK")
    shell.run("Start-Sleep -Seconds 600")
    assert shell.run("Get-MsolUser -UserPrincipalName tom.new@contoso.com | "
                     "fl IsLicensed,LicenseReconciliationNeeded,OverallProvisioningStatus") == (
        "\nIsLicensed                  : True\nLicenseReconciliationNeeded : False\n"
        "OverallProvisioningStatus   : Success\n\n")


def test_validation_error_from_exchange_online_and_its_fix(shell):
    """S11: the on-premises ExchangeGuid is held by a soft-deleted mailbox in EXO."""
    add_remote_mailbox_user(shell, "pat.k2", "Pat Returning",
                            msExchMailboxGuid=uuid.UUID(PAT_EXCHANGE_GUID))
    sync_and_wait(shell)
    assert shell.run("Get-MsolUser -HasErrorsOnly | % UserPrincipalName") == "pat.k2@contoso.com\n"
    description = (f'The value "{PAT_EXCHANGE_GUID}" of property "ExchangeGuid" is used by '
                   "another recipient object. Please specify a unique value.")
    assert shell.run("(Get-MsolUser -UserPrincipalName pat.k2@contoso.com).Errors.ErrorDetail."
                     "ObjectErrors.ErrorRecord.ErrorDescription") == description + "\n"
    assert shell.run("Get-MsolUser -UserPrincipalName pat.k2@contoso.com | "
                     "fl ValidationStatus,UsageLocation,*error*") == (
        "\n"
        "ValidationStatus          : Error\n"
        "UsageLocation             : US\n"
        "DirSyncProvisioningErrors : {}\n"
        "Errors                    : {Microsoft.Online.Administration.ValidationError}\n"
        "IndirectLicenseErrors     : {}\n"
        "\n")
    assert shell.run(
        '$errors = (Get-MsolUser -UserPrincipalName pat.k2@contoso.com).Errors; $errors | '
        'foreach-object {"`nService: " + $_.ErrorDetail.Name.split("/")[0]; "Error Message: " + '
        '$_.ErrorDetail.ObjectErrors.ErrorRecord.ErrorDescription}') == (
        "\nService: Exchange\n" f"Error Message: {description}\n")
    # The fix: clear the GUID on premises, sync, and ask for a new forward sync.
    shell.tenant.directory.set_attribute("pat.k2", "msExchMailboxGuid", None)
    sync_and_wait(shell)
    assert shell.run("(Get-MsolUser -UserPrincipalName pat.k2@contoso.com).ValidationStatus") == \
        "Error\n"   # stuck until resubmitted
    assert shell.run("Get-MsolUser -UserPrincipalName pat.k2@contoso.com | "
                     "Redo-MsolProvisionUser") == ""
    shell.run("Start-Sleep -Seconds 600")
    assert shell.run("(Get-MsolUser -UserPrincipalName pat.k2@contoso.com).ValidationStatus") == \
        "Healthy\n"
    assert shell.run("Get-MsolUser -HasErrorsOnly") == ""


def test_duplicate_proxy_address_is_quarantined_s14(shell):
    add_remote_mailbox_user(shell, "bob.taylor", "Bob Taylor",
                            proxyAddresses=["SMTP:bob.taylor@contoso.com",
                                            "smtp:alex.wilber@contoso.com"])
    sync_and_wait(shell)
    assert shell.run("Get-MsolHasObjectsWithDirSyncProvisioningErrors") == "True\n"
    text = shell.run("Get-MsolDirSyncProvisioningError -ErrorCategory PropertyConflict "
                     "-PropertyName ProxyAddresses")
    assert "DisplayName        : Bob Taylor\n" in text
    assert "UserPrincipalName  : bob.taylor@contoso.com\n" in text
    assert "ObjectType         : User\n" in text
    assert "ProvisioningErrors : {Microsoft.Online.Administration.DirSyncProvisioningError}" in text
    assert shell.run("Get-MsolDirSyncProvisioningError -ErrorCategory propertyconflict") == ""
    assert shell.run("(Get-MsolUser -UserPrincipalName bob.taylor@contoso.com)."
                     "DirSyncProvisioningErrors | % { $_.PropertyName + ' ' + $_.PropertyValue }"
                     ) == "ProxyAddresses smtp:alex.wilber@contoso.com\n"
    assert shell.run("(Get-MsolUser -UserPrincipalName bob.taylor@contoso.com)."
                     "ProxyAddresses") == "SMTP:bob.taylor@contoso.com\n"
    # Fix on premises where the wrong value lives, then sync.
    shell.tenant.directory.set_attribute("bob.taylor", "proxyAddresses",
                                         ["SMTP:bob.taylor@contoso.com"])
    sync_and_wait(shell)
    assert shell.run("Get-MsolHasObjectsWithDirSyncProvisioningErrors") == "False\n"


def test_synced_user_must_be_changed_on_premises_s21(shell):
    assert "Unable to update parameter. Parameter name: DEPARTMENT." in shell.run(
        "Set-MsolUser -UserPrincipalName alex.wilber@contoso.com -Department Marketing")
    shell.tenant.directory.set_attribute("alex.wilber", "department", "Marketing")
    sync_and_wait(shell)
    assert shell.run("(Get-MsolUser -UserPrincipalName alex.wilber@contoso.com).Department") == \
        "Marketing\n"


def test_whole_chain_through_the_shell(shell):
    """Set-ADUser -> Start-ADSyncSyncCycle -> Get-MsolUser -> Get-Mailbox, all typed."""
    import pytest
    for name in ("Set-ADUser", "Start-ADSyncSyncCycle", "Get-Mailbox"):
        if REGISTRY.get(name) is None:
            pytest.skip(f"{name} is not loaded")
    shell.run("Set-ADUser alex.wilber -Add @{proxyAddresses='smtp:alex.w@contoso.com'}")
    assert "smtp:alex.w@contoso.com" not in shell.run(
        "(Get-MsolUser -UserPrincipalName alex.wilber@contoso.com).ProxyAddresses")
    shell.run("Start-ADSyncSyncCycle | Out-Null")
    assert shell.run("(Get-MsolUser -UserPrincipalName alex.wilber@contoso.com)."
                     "ProxyAddresses") == ("SMTP:alex.wilber@contoso.com\n"
                                           "smtp:alex.wilber@contoso.mail.onmicrosoft.com\n"
                                           "smtp:alex.w@contoso.com\n")
    shell.run("Start-Sleep -Seconds 600")
    assert "smtp:alex.w@contoso.com" in shell.run("(Get-Mailbox alex.wilber).EmailAddresses")


def test_duplicate_upn_is_quarantined_s15(shell):
    shell.tenant.aad.add_cloud_user("alex@contoso.com", "Alex Cloud",
                                    immutable_id="Y2xvdWRhbGV4MTIzNDU2Nw==")
    add_remote_mailbox_user(shell, "alex", "Alex Onprem")
    sync_and_wait(shell)
    text = shell.run("Get-MsolDirSyncProvisioningError -ErrorCategory PropertyConflict "
                     "-PropertyName UserPrincipalName")
    assert "DisplayName        : Alex Onprem\n" in text
    placeholder = shell.run("Get-MsolUser -SearchString 'Alex Onprem' | % UserPrincipalName").strip()
    assert placeholder.startswith("alex") and placeholder.endswith("@contoso.onmicrosoft.com")
    assert shell.run("Get-MsolUser -SearchString 'Alex Onprem' | % { $_.DirSyncProvisioningErrors"
                     " } | % { $_.PropertyName + ' ' + $_.PropertyValue }") == \
        "UserPrincipalName alex@contoso.com\n"
