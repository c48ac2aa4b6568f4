"""Get-Mailbox, Set-Mailbox, Enable-Mailbox -Archive and Remove-Mailbox (-PermanentlyDelete).

Thin adapters over tenant.exchange: identity lookup and listing come from connect.py and
query.py, records from records.py, V3 error records from errors.py. Knows nothing of the REPL.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from msolsh.runtime.cmdlet import ALL_SETS, Example, Parameter, Switch
from msolsh.runtime.help import typed
from msolsh.runtime.values import PSHashtable

from . import records
from .connect import ExoCmdlet, complete_recipients, exo_cmdlet, note_edit
from .errors import TASK, server_name, write_exo_error, write_tenant_error
from .query import MAILBOX_DETAILS, enum_values, listing

_SAMPLE_PROPS: list = []


def mailbox_properties() -> list:
    """Every property a Mailbox record has: what -Filter may name."""
    if not _SAMPLE_PROPS:
        from msolsh.tenant.exchange import ExchangeOnline, Recipient
        sample = Recipient(guid="x", name="x", recipient_type="UserMailbox",
                           recipient_type_details="UserMailbox")
        _SAMPLE_PROPS.extend(records.mailbox(ExchangeOnline(), sample).property_names())
    return _SAMPLE_PROPS


def identity_parameter(mandatory: bool, display: str = "MailboxIdParameter",
                       set_name: str = "Identity") -> Any:
    """-Identity, shown with the real *IdParameter type name in syntax and help. Get- cmdlets
    keep it in their Identity set; the others have it in every set (set_name=ALL_SETS)."""
    return typed(Parameter("object", position=0, mandatory=mandatory, set=set_name,
                           pipeline=True, complete=complete_recipients,
                           help="The recipient: name, alias, email address, GUID, DN or user "
                                "principal name."), display)


def result_size_parameter() -> Any:
    return typed(Parameter("object", help="How many results (default 1000), or Unlimited."),
                 "Unlimited")


def details_parameter(names: tuple, display: str = "RecipientTypeDetails[]") -> Any:
    return typed(Parameter("string[]", help="Filters by these types: " + ", ".join(names) + ".",
                           complete=lambda s, p: [v for v in names
                                                  if v.lower().startswith(p.lower())]), display)


@exo_cmdlet("Get-Mailbox", default_set="Identity", output_type=records.MAILBOX_TYPE)
class GetMailbox(ExoCmdlet):
    """Gets mailbox objects and attributes.

    Without -Identity it lists mailboxes: at most 1000 (-ResultSize Unlimited for all, with a
    warning when the list was cut). -SoftDeletedMailbox lists only soft-deleted mailboxes,
    -InactiveMailboxOnly only inactive (held) ones, -Archive only mailboxes with an archive."""
    examples = [Example("Get-Mailbox -ResultSize 3", "Lists the first three mailboxes."),
                Example("Get-Mailbox alex.wilber@contoso.com | Format-List Name,ExchangeGuid,"
                        "ArchiveGuid,ArchiveStatus", "Shows a mailbox's GUIDs."),
                Example("Get-Mailbox -SoftDeletedMailbox", "Lists the soft-deleted mailboxes."),
                Example("Get-Mailbox -Filter \"EmailAddresses -like 'smtp:megan*'\"",
                        "Finds mailboxes by an address (wildcards need the smtp: prefix).")]
    Identity = identity_parameter(False)
    Anr = Parameter(str, set="AnrSet", mandatory=True,
                    help="Ambiguous name resolution: names, aliases or addresses starting "
                         "with this text.")
    MailboxPlan = Parameter(str, set="MailboxPlanSet", mandatory=True,
                            help="Mailboxes of this mailbox plan.")
    Archive = Switch(help="Returns only mailboxes that have an archive.")
    Filter = Parameter(str, help="An OPATH filter, e.g. \"RecipientTypeDetails -eq "
                                 "'SharedMailbox'\".")
    GroupMailbox = Switch(help="Returns only Microsoft 365 group mailboxes.")
    InactiveMailboxOnly = Switch(help="Returns only inactive mailboxes.")
    IncludeInactiveMailbox = Switch(help="Includes inactive mailboxes in the results.")
    Migration = Switch(help="Returns only migration mailboxes.")
    OrganizationalUnit = Parameter(str, help="Returns only mailboxes in this OU.")
    PublicFolder = Switch(help="Returns only public folder mailboxes.")
    RecipientTypeDetails = details_parameter(MAILBOX_DETAILS)
    ResultSize = result_size_parameter()
    SoftDeletedMailbox = Switch(help="Returns only soft-deleted mailboxes.")
    SortBy = Parameter(str, help="Sorts by this property (Name, DisplayName, Alias).")

    def run(self) -> Optional[Iterable[Any]]:
        details = enum_values(self, "RecipientTypeDetails", self.RecipientTypeDetails,
                              MAILBOX_DETAILS, "RecipientTypeDetails")
        accept = self._acceptor(details)
        if self.Identity is not None:
            r = self.lookup(self.Identity, accept, soft_deleted=self.SoftDeletedMailbox,
                            include_inactive=self.InactiveMailboxOnly or
                            self.IncludeInactiveMailbox)
            return [records.mailbox(self.exchange, r)] if r is not None else None
        found = listing(self, self.exchange.recipients.values(),
                        lambda r: records.mailbox(self.exchange, r), accept, self.Filter,
                        mailbox_properties())
        return sort_records(found, self.SortBy)

    def _acceptor(self, details: Optional[set]):
        anr = (self.Anr or "").lower()

        def accept(r: Any) -> bool:
            if not r.is_mailbox or (details and r.recipient_type_details not in details):
                return False
            if self.GroupMailbox or self.PublicFolder or self.Migration or self.MailboxPlan:
                return False   # msolsh simulates none of these mailbox kinds
            if self.Archive and r.archive_status != "Active":
                return False
            if anr and not any((v or "").lower().startswith(anr) for v in (
                    r.name, r.alias, r.display_name, r.primary_smtp_address)):
                return False
            return _state_ok(self, r)
        return accept


def _state_ok(cmd: Any, r: Any) -> bool:
    if cmd.SoftDeletedMailbox:
        return r.when_soft_deleted is not None and not r.is_inactive
    if cmd.InactiveMailboxOnly:
        return r.is_inactive
    return r.is_active or (cmd.IncludeInactiveMailbox and r.is_inactive)


def sort_records(found: Iterable[Any], sort_by: Optional[str]) -> Iterable[Any]:
    if not sort_by:
        return found
    key = sort_by.strip().lstrip("+-")
    descending = sort_by.strip().startswith("-")
    return sorted(found, key=lambda rec: str(rec.get(key) or "").lower(), reverse=descending)


def _mailbox_only(r: Any) -> bool:
    return r.is_mailbox


@exo_cmdlet("Set-Mailbox", default_set="Identity", supports_should_process=True)
class SetMailbox(ExoCmdlet):
    """Modifies the settings of an existing mailbox.

    Addresses, names and visibility of a directory-synced mailbox are mastered on premises:
    changing them here fails with the write-scope error (use Set-RemoteMailbox or Set-ADUser
    on premises, then sync). Holds and the mailbox type can be changed in the cloud."""
    examples = [Example("Set-Mailbox -Identity helpdesk -HiddenFromAddressListsEnabled $true "
                        "-WhatIf", "Shows what hiding a mailbox would do."),
                Example("Set-Mailbox helpdesk -LitigationHoldEnabled $true",
                        "Puts a cloud mailbox on litigation hold.")]
    Identity = identity_parameter(True, set_name=ALL_SETS)
    Alias = Parameter(str, help="The alias (mailNickname).")
    DisplayName = Parameter(str, help="The display name.")
    EmailAddresses = typed(Parameter("object", help="All addresses, or @{Add=...; "
                                                     "Remove=...}."), "ProxyAddressCollection")
    HiddenFromAddressListsEnabled = Parameter("bool", help="Hides the mailbox from the GAL.")
    LitigationHoldEnabled = Parameter("bool", help="Puts the mailbox on litigation hold.")
    RemoveDelayHoldApplied = Switch(help="Removes the delay hold left after a hold ended.")
    Type = Parameter(str, validate_set=("Regular", "Room", "Equipment", "Shared"),
                     help="Converts the mailbox: Regular, Room, Equipment or Shared.")
    WindowsEmailAddress = Parameter(str, help="The windows email address (mail).")
    Force = Switch(help="Suppresses confirmation prompts.")

    MASTERED = ("Alias", "DisplayName", "EmailAddresses", "HiddenFromAddressListsEnabled",
                "WindowsEmailAddress")
    TYPES = {"Regular": "UserMailbox", "Room": "RoomMailbox", "Equipment": "EquipmentMailbox",
             "Shared": "SharedMailbox"}

    def run(self) -> None:
        r = self.lookup(self.Identity, _mailbox_only)
        if r is None:
            return None
        for prop in self.MASTERED:
            if self.is_bound(prop) and not self._writable(r, prop):
                return None
        changes = self._changes(r)
        if not self.should_process(r.name, "Set-Mailbox"):
            return None
        changes = {k: v for k, v in changes.items() if getattr(r, k) != v}
        if not changes:
            self.write_warning(f"The command completed successfully but no settings of "
                               f"'{r.name}' have been modified.")
            return None
        self.exchange.update(r, **changes)
        note_edit(self.session)
        return None

    def _writable(self, r: Any, prop: str) -> bool:
        from msolsh.tenant.errors import ExchangeError
        try:
            self.exchange.check_write_scope(r, server_name(self), prop)
        except ExchangeError as exc:
            write_tenant_error(self, exc)
            return False
        return True

    def _changes(self, r: Any) -> dict:
        changes: dict = {}
        simple = {"Alias": "alias", "DisplayName": "display_name",
                  "HiddenFromAddressListsEnabled": "hidden_from_address_lists",
                  "LitigationHoldEnabled": "litigation_hold_enabled",
                  "WindowsEmailAddress": "windows_email_address"}
        for prop, field in simple.items():
            if self.is_bound(prop):
                changes[field] = getattr(self, prop)
        if self.is_bound("EmailAddresses"):
            addresses = apply_multivalue(r.email_addresses, self.EmailAddresses)
            changes["email_addresses"] = addresses
            primary = next((a[5:] for a in addresses if a.startswith("SMTP:")), None)
            if primary:
                changes["primary_smtp_address"] = primary
        if self.RemoveDelayHoldApplied:
            changes["delay_hold_applied"] = False
        if self.Type:
            changes["recipient_type_details"] = self.TYPES[self.Type]
        return changes


def apply_multivalue(current: list, value: Any) -> list:
    """A multivalued property's new value: a plain list replaces it; @{Add=..;Remove=..}
    edits it (case-insensitively, as Exchange compares addresses)."""
    if not isinstance(value, PSHashtable):
        return [str(v) for v in (value if isinstance(value, list) else [value])]
    result = list(current)
    for key in value:
        items = value[key]
        items = [str(v) for v in (items if isinstance(items, list) else [items])]
        if str(key).lower() == "add":
            result += [i for i in items if i.lower() not in {x.lower() for x in result}]
        elif str(key).lower() == "remove":
            drop = {i.lower() for i in items}
            result = [x for x in result if x.lower() not in drop]
    return result


@exo_cmdlet("Enable-Mailbox", default_set="Archive", output_type=records.MAILBOX_TYPE,
            supports_should_process=True)
class EnableMailbox(ExoCmdlet):
    """Creates an archive for an existing mailbox.

    In Exchange Online Enable-Mailbox only enables archives (-Archive) or auto-expanding
    archiving (-AutoExpandingArchive). For a directory-synced user whose source of authority
    is on premises, the archive is normally enabled with Enable-RemoteMailbox -Archive."""
    examples = [Example("Enable-Mailbox -Identity helpdesk -Archive",
                        "Creates a cloud archive for the Helpdesk Operator mailbox.")]
    Identity = identity_parameter(True, set_name=ALL_SETS)
    Archive = Switch(set="Archive", mandatory=True, help="Creates an archive.")
    AutoExpandingArchive = Switch(set="AutoExpandingArchive", mandatory=True,
                                  help="Turns on auto-expanding archiving.")

    def run(self) -> Optional[Iterable[Any]]:
        from msolsh.tenant.errors import ExchangeError
        r = self.lookup(self.Identity, _mailbox_only)
        if r is None or not self.should_process(r.name, "Enable-Mailbox"):
            return None
        if self.AutoExpandingArchive:
            return None
        try:
            r = self.exchange.enable_archive(r.guid)
        except ExchangeError as exc:
            write_tenant_error(self, exc)
            return None
        note_edit(self.session)
        return [records.mailbox(self.exchange, r)]


@exo_cmdlet("Remove-Mailbox", default_set="Identity", supports_should_process=True,
            confirm_impact="High")
class RemoveMailbox(ExoCmdlet):
    """Removes a mailbox; with -PermanentlyDelete purges a soft-deleted mailbox.

    -PermanentlyDelete only works on soft-deleted mailboxes (pipe Get-Mailbox
    -SoftDeletedMailbox into it); active and inactive mailboxes refuse it. A mailbox whose
    Azure AD user is still in the recycle bin cannot be purged until that user is removed."""
    examples = [Example("Get-Mailbox -SoftDeletedMailbox pat.kowalczyk | Remove-Mailbox "
                        "-PermanentlyDelete -Confirm:$false",
                        "Purges Pat Kowalczyk's soft-deleted mailbox.")]
    Identity = identity_parameter(True, set_name=ALL_SETS)
    PermanentlyDelete = Switch(help="Purges the soft-deleted mailbox at once.")
    Force = Switch(help="Suppresses warnings.")

    def run(self) -> None:
        r = self.lookup(self.Identity, _mailbox_only, any_state=bool(self.PermanentlyDelete))
        if r is None:
            return None
        if not self.PermanentlyDelete and r.is_dir_synced:
            write_exo_error(self, "The operation couldn't be performed because it is outside "
                                  "the writing scope of this server", TASK)
            return None
        identity = records.recipient_identity(r)
        if not self.should_process(identity, "Remove-Mailbox"):
            return None
        self._remove(r)
        return None

    def _remove(self, r: Any) -> None:
        from msolsh.tenant.errors import ExchangeError
        if not self.PermanentlyDelete:
            self.exchange.update(r, when_soft_deleted=self.session.tenant.clock.now)
            note_edit(self.session)
            return
        user = self.session.tenant.aad.get(r.external_directory_object_id or "")
        if user is not None and user.is_deleted:
            write_exo_error(self, "The operation couldn't be performed because there is a soft "
                                  "deleted user; please remove the soft deleted user and then "
                                  "try again", TASK)
            return
        try:
            self.exchange.remove_permanently(r.guid)
        except ExchangeError as exc:
            write_tenant_error(self, exc)
            return
        note_edit(self.session)
