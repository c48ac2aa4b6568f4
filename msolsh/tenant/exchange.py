"""Exchange Online recipients: mailboxes, mail users, contacts, mail-enabled groups.

The store, its indexes (address, ExchangeGuid, ArchiveGuid, ExternalDirectoryObjectId, alias)
and what an Exchange admin can do directly (soft-delete purge, holds, archive, the dir-sync
write-scope refusal). How Azure AD objects become recipients is forward_sync.py.
Knows nothing of the shell, of AD or of the sync engine.
"""
from __future__ import annotations

from .errors import ExchangeError
from .ids import EMPTY_GUID
from .records import Record

EXO_DC = "CO1PR06A002DC02.NAMPR06A002.prod.outlook.com"
EXO_FOREST = "NAMPR06A002.prod.outlook.com"
MAILBOX_TYPES = frozenset({"UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox"})
# Properties mastered on premises for a dir-synced recipient (write-scope refusal otherwise).
ONPREM_MASTERED = frozenset({"EmailAddresses", "HiddenFromAddressListsEnabled", "Alias",
                             "DisplayName", "PrimarySmtpAddress", "WindowsEmailAddress",
                             "ExternalEmailAddress", "Name", "ExchangeGuid", "ArchiveGuid",
                             "FirstName", "LastName", "Title", "Department", "Company",
                             "Office", "Phone", "MobilePhone", "Fax", "StreetAddress", "City",
                             "StateOrProvince", "PostalCode", "CountryOrRegion"})


class Recipient(Record):
    FIELDS = {
        "guid": None, "name": None, "alias": None, "display_name": None,
        "user_principal_name": None, "recipient_type": "User",
        "recipient_type_details": "User", "email_addresses": list,
        "primary_smtp_address": None, "windows_email_address": None,
        "external_email_address": None, "exchange_guid": EMPTY_GUID,
        "archive_guid": EMPTY_GUID, "archive_status": "None", "archive_name": None,
        "external_directory_object_id": None, "immutable_id": None, "is_dir_synced": False,
        "sku_assigned": None, "when_created": None, "when_changed": None,
        "when_soft_deleted": None, "is_inactive": False, "disabled_at": None,
        "litigation_hold_enabled": False, "in_place_holds": list, "delay_hold_applied": False,
        "previous_recipient_type_details": None, "previous_exchange_guid": None,
        "remote_recipient_type": None, "members": list, "group_type": None,
        "hidden_from_address_lists": False, "legacy_exchange_dn": None,
        "database": None,
        # person properties Get-User shows (forward-synced from Azure AD, exchange_person.py)
        "first_name": None, "last_name": None, "title": None, "department": None,
        "company": None, "office": None, "phone": None, "mobile_phone": None, "fax": None,
        "street_address": None, "city": None, "state_or_province": None, "postal_code": None,
        "country_or_region": None,
    }
    __slots__ = tuple(FIELDS)

    @property
    def is_mailbox(self) -> bool:
        return self.recipient_type_details in MAILBOX_TYPES

    @property
    def is_active(self) -> bool:
        return self.when_soft_deleted is None and not self.is_inactive and self.disabled_at is None

    @property
    def on_hold(self) -> bool:
        return self.litigation_hold_enabled or bool(self.in_place_holds) or self.delay_hold_applied


def not_found(identity) -> ExchangeError:
    return ExchangeError(f"The operation couldn't be performed because object '{identity}' "
                         f"couldn't be found on '{EXO_DC}'.")


class ExchangeOnline:
    def __init__(self, organization: str = "contoso.onmicrosoft.com", clock=None, ids=None):
        self.organization = organization
        self.clock, self.ids = clock, ids
        self.recipients: dict[str, Recipient] = {}
        self._reindex()

    # ----- indexes ----------------------------------------------------------------------------
    def _reindex(self):
        self._by_edoid, self._by_address, self._by_alias = {}, {}, {}
        self._by_identity: dict[str, set] = {}
        self._by_exchange_guid: dict[str, set] = {}
        self._by_archive_guid: dict[str, set] = {}
        for r in self.recipients.values():
            self._index(r)

    @staticmethod
    def _identity_keys(r: Recipient) -> set:
        keys = {(r.name or "").lower(), (r.alias or "").lower(), r.guid,
                (r.user_principal_name or "").lower(), r.exchange_guid,
                (r.external_directory_object_id or ""), (r.display_name or "").lower()}
        keys.update(a.split(":", 1)[-1].lower() for a in r.email_addresses)
        keys.discard("")
        keys.discard(EMPTY_GUID)
        return keys

    def _index(self, r: Recipient):
        for key in self._identity_keys(r):
            self._by_identity.setdefault(key, set()).add(r.guid)
        if r.external_directory_object_id:
            self._by_edoid[r.external_directory_object_id] = r.guid
        for g, index in ((r.exchange_guid, self._by_exchange_guid),
                         (r.archive_guid, self._by_archive_guid)):
            if g and g != EMPTY_GUID:
                index.setdefault(g, set()).add(r.guid)
        if not r.is_active:
            return
        for a in r.email_addresses:
            if a.lower().startswith("smtp:"):
                self._by_address[a[5:].lower()] = r.guid
        if r.alias:
            self._by_alias[r.alias.lower()] = r.guid

    def _unindex(self, r: Recipient):
        for key in self._identity_keys(r):
            self._by_identity.get(key, set()).discard(r.guid)
        if self._by_edoid.get(r.external_directory_object_id) == r.guid:
            del self._by_edoid[r.external_directory_object_id]
        for g, index in ((r.exchange_guid, self._by_exchange_guid),
                         (r.archive_guid, self._by_archive_guid)):
            index.get(g, set()).discard(r.guid)
        for a in r.email_addresses:
            if self._by_address.get(a[5:].lower()) == r.guid:
                del self._by_address[a[5:].lower()]
        if r.alias and self._by_alias.get(r.alias.lower()) == r.guid:
            del self._by_alias[r.alias.lower()]

    def update(self, r: Recipient, **changes) -> Recipient:
        self._unindex(r)
        for name, value in changes.items():
            setattr(r, name, value)
        r.when_changed = self.clock.now
        self._index(r)
        return r

    def insert(self, r: Recipient) -> Recipient:
        r.guid = r.guid or self.ids.guid()
        r.when_created = r.when_created or self.clock.now
        r.when_changed = r.when_changed or r.when_created
        r.name = r.name or r.alias or r.guid
        self.recipients[r.guid] = r
        self._index(r)
        return r

    def remove(self, r: Recipient) -> None:
        self._unindex(r)
        del self.recipients[r.guid]

    # ----- lookup ----------------------------------------------------------------------------
    def by_external_id(self, object_id: str) -> Recipient | None:
        guid = self._by_edoid.get(object_id)
        return self.recipients.get(guid) if guid else None

    def by_address(self, address: str) -> Recipient | None:
        guid = self._by_address.get(address.lower().split(":", 1)[-1])
        return self.recipients.get(guid) if guid else None

    def holders_of_exchange_guid(self, guid: str) -> list[Recipient]:
        return [self.recipients[g] for g in sorted(self._by_exchange_guid.get(guid, ()))]

    def holders_of_archive_guid(self, guid: str) -> list[Recipient]:
        return [self.recipients[g] for g in sorted(self._by_archive_guid.get(guid, ()))]

    def find(self, identity, include_soft_deleted: bool = False) -> list[Recipient]:
        """Name, alias, email address, GUID, ExchangeGuid, UPN or EDOID (case-insensitive)."""
        guids = sorted(self._by_identity.get(str(identity).lower().split(":", 1)[-1]
                                             if str(identity).lower().startswith("smtp:")
                                             else str(identity).lower(), ()))
        hits = [self.recipients[g] for g in guids]
        return [r for r in hits if include_soft_deleted or r.is_active]

    def by_alias(self, alias: str) -> Recipient | None:
        guid = self._by_alias.get(alias.lower())
        return self.recipients.get(guid) if guid else None

    def get(self, identity, include_soft_deleted: bool = False) -> Recipient:
        hits = self.find(identity, include_soft_deleted)
        if not hits:
            raise not_found(identity)
        if len(hits) > 1:
            raise ExchangeError(f"The operation couldn't be performed because '{identity}' "
                                "matches multiple entries.", "ManagementObjectAmbiguousException")
        return hits[0]

    def active(self):
        return (r for r in self.recipients.values() if r.is_active)

    # ----- admin operations ------------------------------------------------------------------
    def add_cloud_recipient(self, recipient_type_details: str, name: str, **props) -> Recipient:
        """Exchange-only state from a fixture or an admin (cloud mail contact, shared mailbox)."""
        rtype = "UserMailbox" if recipient_type_details in MAILBOX_TYPES else recipient_type_details
        if recipient_type_details in ("MailUniversalDistributionGroup",
                                      "MailUniversalSecurityGroup"):
            rtype = recipient_type_details
        props.setdefault("alias", name.replace(" ", ""))
        r = Recipient(name=name, recipient_type=rtype,
                      recipient_type_details=recipient_type_details, **props)
        if r.email_addresses and not r.primary_smtp_address:
            r.primary_smtp_address = next((a[5:] for a in r.email_addresses
                                           if a.startswith("SMTP:")), None)
        return self.insert(r)

    def check_write_scope(self, r: Recipient, cmdlet: str, prop: str) -> None:
        if r.is_dir_synced and prop in ONPREM_MASTERED:
            ident = r.name
            raise ExchangeError(
                f"The operation on mailbox \"{ident}\" failed because it's out of the current "
                f"user's write scope. The action '{cmdlet}', '{prop}', can't be performed on the "
                f"object '{ident}' because the object is being synchronized from your on-premises"
                " organization. This action should be performed on the object in your "
                "on-premises organization.", "TaskException")

    def set_recipient(self, identity, cmdlet: str = "Set-Mailbox", **props) -> Recipient:
        """Set-Mailbox / Set-MailUser / Set-MailContact with EXO property names."""
        r = self.get(identity)
        for prop in props:
            self.check_write_scope(r, cmdlet, prop)
        return self.update(r, **{_field(k): v for k, v in props.items()})

    def remove_permanently(self, identity) -> None:
        """Remove-Mailbox -PermanentlyDelete: only soft-deleted, never active or inactive."""
        r = self.get(identity, include_soft_deleted=True)
        if r.is_inactive or r.when_soft_deleted is None:
            raise ExchangeError("The operation couldn't be performed because it is outside the "
                                "writing scope of this server", "TaskException")
        self.remove(r)

    def enable_archive(self, identity) -> Recipient:
        """Enable-Mailbox -Archive: a new cloud archive for a mailbox that has none."""
        r = self.get(identity)
        if not r.is_mailbox:
            raise ExchangeError(f"The operation couldn't be performed because object "
                                f"'{identity}' couldn't be found on '{EXO_DC}'.")
        if r.archive_status == "Active":
            raise ExchangeError(f"The mailbox '{r.name}' already has an archive.",
                                "TaskException")
        return self.update(r, archive_guid=self.ids.guid(), archive_status="Active",
                           archive_name=f"In-Place Archive - {r.display_name or r.name}")

    def undo_soft_delete(self, identity) -> Recipient:
        """Undo-SoftDeletedMailbox: bring back a mailbox deleted less than 30 days ago."""
        r = self.get(identity, include_soft_deleted=True)
        if r.when_soft_deleted is None:
            raise not_found(identity)
        return self.update(r, when_soft_deleted=None)

    def clear_previous_mailbox_info(self, identity) -> Recipient:
        """Set-User -PermanentlyClearPreviousMailboxInfo."""
        r = self.get(identity)
        return self.update(r, previous_exchange_guid=None, previous_recipient_type_details=None,
                           disabled_at=None)

    def unlink(self, object_id: str) -> None:
        """The Azure AD user was purged: its soft-deleted recipient loses the link."""
        r = self.by_external_id(object_id)
        if r is not None and not r.is_active:
            self.update(r, external_directory_object_id=None)
        elif r is not None:
            self.remove(r)

    # ----- snapshot ---------------------------------------------------------------------------
    def to_data(self) -> dict:
        return {"organization": self.organization,
                "recipients": [r.to_data() for r in self.recipients.values()]}

    @classmethod
    def from_data(cls, data: dict, clock, ids) -> "ExchangeOnline":
        exo = cls(data["organization"], clock, ids)
        exo.recipients = {r["guid"]: Recipient.from_data(r) for r in data["recipients"]}
        exo._reindex()
        return exo


def _field(exo_name: str) -> str:
    special = {"HiddenFromAddressListsEnabled": "hidden_from_address_lists"}
    if exo_name in special:
        return special[exo_name]
    return "".join("_" + c.lower() if c.isupper() else c for c in exo_name).lstrip("_")
