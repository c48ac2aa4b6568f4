"""Exchange Online recipients as the records the real cmdlets return: type names, the real
property names in a plausible order (a subset of the ~250 real ones), realistic values.

One function per record kind; the OPATH filter reads the same records, so a property a view
shows is a property a -Filter can test. Knows the tenant's Recipient fields, nothing else.
"""
from __future__ import annotations

from typing import Any, List, Tuple

from msolsh.runtime.values import PSObject

from .connect import distinguished_name, recipient_identity

NS = "Microsoft.Exchange.Data.Directory.Management."
MAILBOX_TYPE = NS + "Mailbox"
MAILUSER_TYPE = NS + "MailUser"
USER_TYPE = NS + "User"
RECIPIENT_TYPE = NS + "ReducedRecipient"
CONTACT_TYPE = NS + "MailContact"
GROUP_TYPE = NS + "DistributionGroup"
EMPTY_GUID = "00000000-0000-0000-0000-000000000000"
# Quotas of a licensed user mailbox and of an unlicensed shared/resource mailbox.
USER_QUOTAS = ("99 GB (106,300,440,576 bytes)", "100 GB (107,374,182,400 bytes)",
               "98 GB (105,226,698,752 bytes)")
RESOURCE_QUOTAS = ("49.5 GB (53,150,220,288 bytes)", "50 GB (53,687,091,200 bytes)",
                   "49 GB (52,613,349,376 bytes)")


def _naive(value: Any) -> Any:
    """The runtime shows naive datetimes; the tenant keeps aware UTC ones."""
    return value.replace(tzinfo=None) if hasattr(value, "tzinfo") and value.tzinfo else value


def _tail(exchange: Any, r: Any) -> List[Tuple[str, Any]]:
    """The identity properties every recipient record ends with."""
    return [("Identity", recipient_identity(r)), ("Id", recipient_identity(r)),
            ("Name", r.name), ("DistinguishedName", distinguished_name(exchange, r)),
            ("Guid", r.guid), ("OrganizationId", exchange.organization),
            ("WhenChanged", _naive(r.when_changed)), ("WhenCreated", _naive(r.when_created)),
            ("WhenChangedUTC", _naive(r.when_changed)), ("WhenCreatedUTC", _naive(r.when_created))]


def _mail(r: Any) -> List[Tuple[str, Any]]:
    return [("Alias", r.alias), ("DisplayName", r.display_name),
            ("EmailAddresses", list(r.email_addresses)),
            ("HiddenFromAddressListsEnabled", bool(r.hidden_from_address_lists)),
            ("LegacyExchangeDN", r.legacy_exchange_dn), ("PrimarySmtpAddress",
                                                           r.primary_smtp_address),
            ("RecipientType", r.recipient_type), ("RecipientTypeDetails",
                                                  r.recipient_type_details),
            ("WindowsEmailAddress", r.windows_email_address or r.primary_smtp_address)]


def _sync(r: Any) -> List[Tuple[str, Any]]:
    return [("ExternalDirectoryObjectId", r.external_directory_object_id or ""),
            ("ImmutableId", r.immutable_id or ""), ("IsDirSynced", bool(r.is_dir_synced))]


def _archive(r: Any) -> List[Tuple[str, Any]]:
    active = r.archive_status == "Active"
    return [("ArchiveGuid", r.archive_guid or EMPTY_GUID),
            ("ArchiveName", [r.archive_name or f"In-Place Archive - {r.display_name or r.name}"]
             if active else []),
            ("ArchiveStatus", r.archive_status or "None"),
            ("ArchiveState", "HostedProvisioned" if active else "None"),
            ("ArchiveDatabase", r.database if active else None)]


def mailbox(exchange: Any, r: Any) -> PSObject:
    quotas = USER_QUOTAS if r.recipient_type_details == "UserMailbox" else RESOURCE_QUOTAS
    props = [("Database", r.database), ("ProhibitSendQuota", quotas[0]),
             ("ProhibitSendReceiveQuota", quotas[1]), ("IssueWarningQuota", quotas[2]),
             ("LitigationHoldEnabled", bool(r.litigation_hold_enabled)),
             ("InPlaceHolds", list(r.in_place_holds)),
             ("DelayHoldApplied", bool(r.delay_hold_applied)),
             ("IsInactiveMailbox", bool(r.is_inactive)),
             ("IsSoftDeletedByRemove", r.when_soft_deleted is not None),
             ("ExchangeGuid", r.exchange_guid or EMPTY_GUID)]
    props += _archive(r)
    props += [("RemoteRecipientType", _remote_type(r.remote_recipient_type)),
              ("SKUAssigned", r.sku_assigned),
              ("WhenSoftDeleted", _naive(r.when_soft_deleted)),
              ("WhenMailboxCreated", _naive(r.when_created)),
              ("UserPrincipalName", r.user_principal_name)]
    props += _mail(r) + _sync(r) + _tail(exchange, r)
    return PSObject(props, [MAILBOX_TYPE, NS + "MailEnabledOrgPerson",
                            NS + "MailEnabledRecipient", "System.Object"])


def mail_user(exchange: Any, r: Any) -> PSObject:
    props = [("ExternalEmailAddress", r.external_email_address),
             ("ExchangeGuid", r.exchange_guid or EMPTY_GUID)]
    props += _archive(r)[:3]
    props += [("SKUAssigned", r.sku_assigned), ("UserPrincipalName", r.user_principal_name),
              ("WhenSoftDeleted", _naive(r.when_soft_deleted))]
    props += _mail(r) + _sync(r) + _tail(exchange, r)
    return PSObject(props, [MAILUSER_TYPE, NS + "MailEnabledOrgPerson",
                            NS + "MailEnabledRecipient", "System.Object"])


# Get-User's person properties, filled by forward sync (msolsh/tenant/exchange_person.py).
PERSON_PROPERTIES = [
    ("FirstName", "first_name"), ("LastName", "last_name"), ("Title", "title"),
    ("Department", "department"), ("Company", "company"), ("Office", "office"),
    ("Phone", "phone"), ("MobilePhone", "mobile_phone"), ("Fax", "fax"),
    ("StreetAddress", "street_address"), ("City", "city"),
    ("StateOrProvince", "state_or_province"), ("PostalCode", "postal_code"),
    ("CountryOrRegion", "country_or_region"),
]


def user(exchange: Any, r: Any) -> PSObject:
    props = [("UserPrincipalName", r.user_principal_name), ("DisplayName", r.display_name),
             ("WindowsEmailAddress", r.windows_email_address or r.primary_smtp_address),
             ("PreviousRecipientTypeDetails", r.previous_recipient_type_details or "None"),
             ("RecipientType", r.recipient_type), ("RecipientTypeDetails",
                                                   r.recipient_type_details),
             ("SKUAssigned", r.sku_assigned), ("WhenSoftDeleted", _naive(r.when_soft_deleted))]
    props += [(name, getattr(r, field, None)) for name, field in PERSON_PROPERTIES]
    props += _sync(r) + _tail(exchange, r)
    return PSObject(props, [USER_TYPE, NS + "ADPresentationObject", "System.Object"])


def recipient(exchange: Any, r: Any) -> PSObject:
    props = [("ExchangeGuid", r.exchange_guid or EMPTY_GUID)]
    props += _archive(r)[:3]
    props += [("ExternalEmailAddress", r.external_email_address),
              ("SKUAssigned", r.sku_assigned), ("UserPrincipalName", r.user_principal_name),
              ("WhenSoftDeleted", _naive(r.when_soft_deleted))]
    props += _mail(r) + _sync(r) + _tail(exchange, r)
    return PSObject(props, [RECIPIENT_TYPE, "System.Object"])


def mail_contact(exchange: Any, r: Any) -> PSObject:
    props = [("ExternalEmailAddress", r.external_email_address)]
    props += _mail(r) + _sync(r) + _tail(exchange, r)
    return PSObject(props, [CONTACT_TYPE, NS + "MailEnabledOrgPerson",
                            NS + "MailEnabledRecipient", "System.Object"])


def distribution_group(exchange: Any, r: Any) -> PSObject:
    props = [("GroupType", r.group_type or "Universal"),
             ("ManagedBy", []), ("MemberJoinRestriction", "Closed"),
             ("MemberDepartRestriction", "Closed")]
    props += _mail(r) + _sync(r) + _tail(exchange, r)
    return PSObject(props, [GROUP_TYPE, NS + "MailEnabledRecipient", "System.Object"])


def _remote_type(value: Any) -> str:
    """msExchRemoteRecipientType as the EXO flags enum prints it ('Migrated, ProvisionArchive')."""
    flags = [(1, "ProvisionMailbox"), (2, "ProvisionArchive"), (4, "Migrated"),
             (8, "DeprovisionMailbox"), (16, "DeprovisionArchive"), (128, "TeamMailbox")]
    number = int(value or 0)
    if not number:
        return "None"
    names = []
    if number & 96 == 96:
        names.append("SharedMailbox")
    elif number & 32:
        names.append("RoomMailbox")
    elif number & 64:
        names.append("EquipmentMailbox")
    names = [name for bit, name in flags if number & bit] + names
    return ", ".join(names)


def for_recipient(exchange: Any, r: Any) -> PSObject:
    """The record Get-Mailbox, Get-MailUser or Get-MailContact would return for `r`."""
    if r.is_mailbox:
        return mailbox(exchange, r)
    if r.recipient_type_details in ("MailUser", "GuestMailUser"):
        return mail_user(exchange, r)
    if r.recipient_type_details == "MailContact":
        return mail_contact(exchange, r)
    if r.recipient_type.startswith("MailUniversal"):
        return distribution_group(exchange, r)
    return user(exchange, r)
