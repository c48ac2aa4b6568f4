"""Forward sync: Azure AD objects become Exchange Online recipients after a short delay.

Every Azure AD change queues the object; FORWARD_SYNC_DELAY simulated seconds later the queue
is processed. The recipient type follows sync-engine.md §11 / cmdlets.md §4.1 (licence with an
Exchange plan and no ExchangeGuid -> UserMailbox; synced msExchMailboxGuid -> MailUser; resource
types from the remote recipient type). Objects Exchange cannot accept get validation errors on
the Azure AD object and stay stuck, ignoring later changes, until request() re-validates them
(the Request-ForwardSync / Redo-MsolProvisionUser stand-in).

A batch is processed in the order the changes happened (an object changed again moves to the
end), after a first pass that lets go of what the batch gives up: deleted objects leave and
addresses removed from one object are released before another object of the batch claims them.
A group whose member has no recipient yet waits for it: when the member arrives, the group is
processed again (its Exchange Online member list is complete once every member has arrived).
Knows nothing of the shell or of AD.
"""
from __future__ import annotations

from datetime import timedelta

from .aad import primary_smtp
from .exchange import EXO_FOREST, Recipient
from .exchange_person import hidden_from_address_lists, person_fields
from .ids import EMPTY_GUID, normalize_guid

FORWARD_SYNC_DELAY = 180  # 3 simulated minutes: a documented simplification
SERVICE_INSTANCE = "exchange/NAMPR06A002-001-01"
REMOTE_SHARED, REMOTE_ROOM, REMOTE_EQUIPMENT = 96, 32, 64
PROVISION_ARCHIVE, MIGRATED = 2, 4
RESOURCE_DETAILS = {4: "SharedMailbox", 34359738368: "SharedMailbox", 16: "RoomMailbox",
                    8589934592: "RoomMailbox", 32: "EquipmentMailbox",
                    17179869184: "EquipmentMailbox"}
ON_PREM_MAILBOX_DETAILS = frozenset({1, 2, 4, 16, 32})  # mailboxes living on premises
DISABLED_MAILBOX_RETENTION = timedelta(days=30)


class ValidationFailure(Exception):
    def __init__(self, description: str):
        super().__init__(description)
        self.description = description


class ForwardSync:
    def __init__(self, aad, exchange, clock, ids):
        self.aad, self.exchange, self.clock, self.ids = aad, exchange, clock, ids
        self.queue: dict[str, None] = {}  # insertion-ordered: the order changes happened
        self.stuck: set[str] = set()
        self.awaiting: dict[str, set[str]] = {}  # member object id -> groups waiting for it
        self._writing = False
        aad.listeners.append(self.enqueue)
        clock.on("forward-sync", self.run)

    # ----- queueing ----------------------------------------------------------------------------
    def enqueue(self, object_id: str) -> None:
        if self._writing or object_id in self.stuck:
            return
        if not self.queue and not self.clock.pending("forward-sync"):
            self.clock.schedule_in(FORWARD_SYNC_DELAY, "forward-sync")
        self.queue.pop(object_id, None)  # a later change: the object's state is as of now
        self.queue[object_id] = None

    def request(self, object_id: str) -> None:
        """Request-ForwardSync: re-validate a stuck object on the next forward sync."""
        self.stuck.discard(str(object_id))
        self.enqueue(str(object_id))

    def hold(self, object_id: str) -> None:
        """Leave an object out of forward sync until request() (a fixture's stuck object)."""
        self.queue.pop(str(object_id), None)
        self.stuck.add(str(object_id))

    def fail(self, object_id: str, description: str) -> None:
        """Put a validation error on an object and hold it (a fixture's broken state)."""
        obj = self.aad.get(object_id)
        if obj is not None:
            self._record_error(obj, description)
        self.hold(object_id)

    def run(self, _key=None) -> None:
        batch, self.queue = list(self.queue), {}
        done = self._let_go(batch)
        remaining = set(batch) - done
        i = 0
        while i < len(batch):
            object_id = batch[i]
            i += 1
            if object_id in done:
                continue
            remaining.discard(object_id)
            self.process(object_id)
            for group_id in self._arrived(object_id):
                if group_id not in remaining and group_id not in self.stuck:
                    batch.append(group_id)
                    remaining.add(group_id)

    # ----- ordering within a batch ---------------------------------------------------------------
    def _let_go(self, batch: list[str]) -> set[str]:
        """Deletes first, then release the addresses objects of the batch no longer have but
        another object of the batch claims. Returns the object ids already processed."""
        done, claims, owners = set(), {}, {}
        for object_id in batch:
            obj = self.aad.get(object_id)
            if obj is None or obj.is_deleted:
                self.process(object_id)
                done.add(object_id)
                continue
            for value in obj.proxy_addresses:
                if value.lower().startswith("smtp:"):
                    claims.setdefault(value[5:].lower(), set()).add(object_id)
            owners[object_id] = obj
        for object_id, obj in owners.items():
            r = self.exchange.by_external_id(object_id)
            if r is not None and r.is_active:
                self._release(obj, r, claims)
        return done

    def _release(self, obj, r: Recipient, claims: dict) -> None:
        kept = {a.lower() for a in obj.proxy_addresses}
        released = [a for a in r.email_addresses if a.lower().startswith("smtp:") and
                    a.lower() not in kept and claims.get(a[5:].lower(), set()) - {obj.object_id}]
        if not released:
            return
        addresses = [a for a in r.email_addresses if a not in released]
        primary = r.primary_smtp_address
        if primary and f"smtp:{primary.lower()}" in {a.lower() for a in released}:
            primary = next((a[5:] for a in addresses if a.startswith("SMTP:")), None)
        self.exchange.update(r, email_addresses=addresses, primary_smtp_address=primary)

    def _arrived(self, object_id: str) -> list[str]:
        """Groups to process again now that `object_id` has an active recipient."""
        if object_id not in self.awaiting:
            return []
        r = self.exchange.by_external_id(object_id)
        if r is None or not r.is_active:
            return []
        groups = (self.aad.get(g) for g in sorted(self.awaiting.pop(object_id)))
        return [g.object_id for g in groups if g is not None and object_id in g.members]

    # ----- one object --------------------------------------------------------------------------
    def process(self, object_id: str) -> None:
        obj = self.aad.get(object_id)
        if obj is None:
            self.exchange.unlink(object_id)
            return
        recipient = self.exchange.by_external_id(object_id)
        if obj.is_deleted:
            self._soft_delete(recipient)
            return
        try:
            if obj.object_type == "User":
                self._user(obj, recipient)
            elif obj.object_type == "Group":
                self._group(obj, recipient)
            else:
                self._contact(obj, recipient)
        except ValidationFailure as failure:
            self._record_error(obj, failure.description)
            self.stuck.add(object_id)
            return
        if obj.errors:
            self._write(obj, errors=[])

    def _write(self, obj, **changes) -> None:
        self._writing = True
        try:
            self.aad.update(obj, **changes)
        finally:
            self._writing = False

    def _record_error(self, obj, description: str) -> None:
        error = {"ErrorDetail": {"Name": "Exchange/" + SERVICE_INSTANCE.split("/")[1],
                                 "ObjectErrors": {"ErrorRecord": {
                                     "ErrorCode": "ExDirectoryValidationError",
                                     "ErrorDescription": description,
                                     "ErrorParameters": None}}},
                 "Resolved": False, "ServiceInstance": SERVICE_INSTANCE,
                 "Timestamp": self.clock.now}
        self._write(obj, errors=[error])

    def _soft_delete(self, r: Recipient | None) -> None:
        if r is None or not r.is_active:
            return
        if r.is_mailbox and r.on_hold:
            self.exchange.update(r, is_inactive=True)
        else:
            self.exchange.update(r, when_soft_deleted=self.clock.now)

    # ----- users -------------------------------------------------------------------------------
    def _user(self, obj, r: Recipient | None) -> None:
        ex = obj.exchange or {}
        mailbox_guid = normalize_guid(ex.get("msExchMailboxGuid"))
        archive_guid = normalize_guid(ex.get("msExchArchiveGUID"))
        rtd = int(ex.get("msExchRecipientTypeDetails") or 0)
        rrt = int(ex.get("msExchRemoteRecipientType") or 0)
        licensed = self.aad.has_exchange_plan(obj)
        self._check_guids(r, mailbox_guid, archive_guid)
        self._check_addresses(obj, r)
        details = self._decide(obj, r, mailbox_guid, rtd, rrt, licensed, archive_guid)
        if r is not None and not r.is_active and r.when_soft_deleted:
            r = self.exchange.update(r, when_soft_deleted=None)  # the user came back
        fields = self._common(obj, r)
        fields.update(details)
        if fields.get("recipient_type") in ("UserMailbox", "MailUser") and \
                not any(a.startswith("SMTP:") for a in fields["email_addresses"]):
            # Exchange gives every mail recipient a primary address: the UPN by default
            fields["email_addresses"] = [f"SMTP:{obj.user_principal_name}"] + \
                fields["email_addresses"]
        elif fields.get("recipient_type") == "User":
            fields["email_addresses"], fields["primary_smtp_address"] = [], None
        fields["sku_assigned"] = True if licensed else (None if r is None else False)
        fields["remote_recipient_type"] = rrt or None
        fields.update(person_fields(obj))
        if r is None:
            self.exchange.insert(Recipient(**fields))
        else:
            self.exchange.update(r, **fields)

    def _decide(self, obj, r, mailbox_guid, rtd, rrt, licensed, archive_guid) -> dict:
        resource = self._resource_type(rtd, rrt)
        migrated = bool(mailbox_guid) and rrt & MIGRATED
        on_prem = bool(mailbox_guid) and not migrated
        has_mailbox = r is not None and r.is_mailbox and r.when_soft_deleted is None
        if r is not None and r.is_mailbox and r.when_soft_deleted is not None:
            # a restored user reconnects its soft-deleted mailbox (cmdlets.md §4.1); deleting
            # took its licences, so it is in the 30-day licence grace until relicensed
            return self._mailbox(r, r.recipient_type_details, r.exchange_guid, archive_guid)
        if has_mailbox and r.disabled_at is None:
            if licensed or resource or migrated:
                return self._mailbox(r, r.recipient_type_details, r.exchange_guid, archive_guid)
            return self._unlicensed_mailbox(obj, r, rtd, rrt)
        if licensed and r is not None and r.previous_exchange_guid and (
                r.disabled_at is None or self.clock.now - r.disabled_at <=
                DISABLED_MAILBOX_RETENTION):  # a disabled mailbox reconnects within 30 days
            return self._mailbox(r, "UserMailbox", r.previous_exchange_guid, archive_guid)
        if migrated or ((licensed or resource) and not on_prem):
            guid = mailbox_guid if migrated else (
                r.exchange_guid if has_mailbox and r.disabled_at is None else self.ids.guid())
            return self._mailbox(r, resource or "UserMailbox", guid, archive_guid)
        if mailbox_guid or rtd or rrt or (obj.exchange or {}).get("targetAddress"):
            return {"recipient_type": "MailUser", "recipient_type_details": "MailUser",
                    "exchange_guid": mailbox_guid or EMPTY_GUID,
                    "archive_guid": archive_guid or EMPTY_GUID,
                    "external_email_address": (obj.exchange or {}).get("targetAddress"),
                    "disabled_at": None}
        return {"recipient_type": "User", "recipient_type_details": "User",
                "exchange_guid": EMPTY_GUID}

    @staticmethod
    def _resource_type(rtd: int, rrt: int) -> str | None:
        if rrt & REMOTE_SHARED == REMOTE_SHARED:
            return "SharedMailbox"
        if rrt & REMOTE_ROOM:
            return "RoomMailbox"
        if rrt & REMOTE_EQUIPMENT:
            return "EquipmentMailbox"
        return RESOURCE_DETAILS.get(rtd) if rtd not in ON_PREM_MAILBOX_DETAILS else None

    def _mailbox(self, r, details: str, exchange_guid: str, archive_guid) -> dict:
        fields = {"recipient_type": "UserMailbox", "recipient_type_details": details,
                  "exchange_guid": exchange_guid, "disabled_at": None,
                  "previous_exchange_guid": None, "database": "NAMPR06DG028-db282"}
        if archive_guid:
            fields.update(archive_guid=archive_guid, archive_status="Active")
        if r is not None and r.recipient_type_details == "MailUser":
            fields["previous_recipient_type_details"] = "MailUser"
        return fields

    def _unlicensed_mailbox(self, obj, r, rtd, rrt) -> dict:
        """The Exchange licence went away from a mailbox."""
        if r.on_hold:
            reason = "litigation hold" if r.litigation_hold_enabled else "In-Place Hold."
            raise ValidationFailure(
                f"Exchange can't disable the mailbox \"{EXO_FOREST}/Microsoft Exchange Hosted "
                f"Organizations/{self.exchange.organization}/{r.name}\" because it is on {reason}")
        if obj.dirsync_enabled and (rtd or rrt or (obj.exchange or {}).get("targetAddress")):
            return {"recipient_type": "MailUser", "recipient_type_details": "MailUser",
                    "previous_recipient_type_details": "UserMailbox",
                    "previous_exchange_guid": r.exchange_guid, "exchange_guid": EMPTY_GUID,
                    "external_email_address": (obj.exchange or {}).get("targetAddress")}
        return {"disabled_at": self.clock.now, "previous_exchange_guid": r.exchange_guid}

    def _check_guids(self, r, mailbox_guid, archive_guid) -> None:
        for prop, guid, holders in (
                ("ExchangeGuid", mailbox_guid, self.exchange.holders_of_exchange_guid),
                ("ArchiveGuid", archive_guid, self.exchange.holders_of_archive_guid)):
            if guid and any(h is not r for h in holders(guid)):
                raise ValidationFailure(f"The value \"{guid}\" of property \"{prop}\" is used by "
                                        "another recipient object. Please specify a unique value.")
        if r is not None and r.is_mailbox and r.archive_status == "Active":
            if archive_guid and archive_guid != r.archive_guid:
                raise ValidationFailure(
                    f"Failed to sync the ArchiveGuid {archive_guid} of mailbox {r.exchange_guid} "
                    f"because one cloud archive {r.archive_guid} exists.")
            if not archive_guid and (r.remote_recipient_type or 0) & PROVISION_ARCHIVE:
                raise ValidationFailure(
                    "Cannot validate argument on parameter 'ArchiveGuid'. The argument is empty."
                    " Supply an argument that isn't empty, and try the command again.")

    def _check_addresses(self, obj, r) -> None:
        for value in obj.proxy_addresses:
            if not value.lower().startswith("smtp:"):
                continue
            holder = self.exchange.by_address(value)
            if holder is not None and holder is not r and \
                    holder.external_directory_object_id != obj.object_id:
                raise ValidationFailure(
                    f"The proxy address \"{value}\" is already being used by the proxy addresses "
                    f"or LegacyExchangeDN of \"{holder.name}\". Please choose another proxy "
                    "address.")
        name = self._name(obj, r)
        for other in self.exchange.find(name):
            if other is not r and other.external_directory_object_id != obj.object_id and \
                    (other.name or "").lower() == name.lower():
                raise ValidationFailure(f"The name \"{name}\" is already being used. Please try "
                                        "another name.")

    @staticmethod
    def _name(obj, r) -> str:
        if r is not None and r.name:
            return r.name
        return (obj.on_premises or {}).get("commonName") or obj.display_name or obj.object_id

    def _common(self, obj, r) -> dict:
        primary = primary_smtp(obj.proxy_addresses) or obj.user_principal_name
        return {"name": self._name(obj, r), "alias": obj.mail_nickname,
                "display_name": obj.display_name, "user_principal_name": obj.user_principal_name,
                "email_addresses": list(obj.proxy_addresses), "primary_smtp_address": primary,
                "windows_email_address": obj.mail or primary,
                "external_directory_object_id": obj.object_id, "immutable_id": obj.immutable_id,
                "is_dir_synced": obj.dirsync_enabled,
                "hidden_from_address_lists": hidden_from_address_lists(obj, r)}

    # ----- groups and contacts ------------------------------------------------------------------
    def _group(self, obj, r) -> None:
        if not obj.mail_enabled:
            if r is not None:
                self.exchange.remove(r)
            return
        self._check_addresses(obj, r)
        members = self._members(obj)
        details = "MailUniversalSecurityGroup" if obj.security_enabled \
            else "MailUniversalDistributionGroup"
        fields = self._common(obj, r)
        fields.update(recipient_type=details, recipient_type_details=details, members=members,
                      group_type="Universal, SecurityEnabled" if obj.security_enabled
                      else "Universal")
        self._save(r, fields)

    def _members(self, group) -> list[str]:
        """Recipient GUIDs of the members that reached Exchange Online; the group waits for
        the others (KB 4052041: until then they are missing from the EXO member list)."""
        members = []
        for member_id in group.members:
            m = self.exchange.by_external_id(member_id)
            if m is not None and m.is_active:
                members.append(m.guid)
            else:
                self.awaiting.setdefault(member_id, set()).add(group.object_id)
        return members

    def _contact(self, obj, r) -> None:
        self._check_addresses(obj, r)
        fields = self._common(obj, r)
        target = (obj.exchange or {}).get("targetAddress") or (
            f"SMTP:{obj.mail}" if obj.mail else None)
        fields.update(recipient_type="MailContact", recipient_type_details="MailContact",
                      external_email_address=target)
        fields.update(person_fields(obj))
        self._save(r, fields)

    def _save(self, r, fields: dict) -> None:
        if r is None:
            self.exchange.insert(Recipient(**fields))
        else:
            self.exchange.update(r, **fields)

    def to_data(self) -> dict:
        return {"queue": list(self.queue), "stuck": sorted(self.stuck),
                "awaiting": {m: sorted(g) for m, g in sorted(self.awaiting.items())}}

    def load_data(self, data: dict) -> None:
        self.queue, self.stuck = dict.fromkeys(data["queue"]), set(data["stuck"])
        self.awaiting = {m: set(g) for m, g in (data.get("awaiting") or {}).items()}
