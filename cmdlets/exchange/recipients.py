"""Get-Recipient, Get-User, Set-User, Get-MailUser, Get-MailContact, Get-DistributionGroup and
Get-DistributionGroupMember: the Exchange Online directory as recipients.

Thin adapters over tenant.exchange. Knows nothing of the REPL.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

from msolsh.runtime.cmdlet import ALL_SETS, Example, Parameter, Switch

from . import records
from .connect import ExoCmdlet, exo_cmdlet, note_edit
from .errors import server_name, write_exo_error, write_scope_message, write_tenant_error
from .mailboxes import (details_parameter, identity_parameter, result_size_parameter,
                        sort_records)
from .query import (RECIPIENT_DETAILS, RECIPIENT_TYPES, USER_DETAILS, by_name, enum_values,
                    limited, listing, result_size)

USER_RECIPIENT_TYPES = frozenset({"UserMailbox", "MailUser", "User"})
GROUP_DETAILS = ("MailNonUniversalGroup", "MailUniversalDistributionGroup",
                 "MailUniversalSecurityGroup", "RoomList")
CONTACT_DETAILS = ("MailContact", "MailForestContact")
_PROPS: dict = {}


def properties_of(build: Callable[[Any, Any], Any]) -> list:
    """The property names of a record kind, for -Filter validation (built once)."""
    if build not in _PROPS:
        from msolsh.tenant.exchange import ExchangeOnline, Recipient
        sample = Recipient(guid="x", name="x")
        _PROPS[build] = build(ExchangeOnline(), sample).property_names()
    return _PROPS[build]


class _Listing(ExoCmdlet):
    """A Get- cmdlet over one kind of recipient: by -Identity, or listed with -Filter,
    -ResultSize and the kind's -RecipientTypeDetails values."""

    build: Callable[[Any, Any], Any] = staticmethod(records.recipient)
    detail_names: tuple = ()
    soft_deleted_switch: Optional[str] = None
    Identity = identity_parameter(False)
    Anr = Parameter(str, set="AnrSet", mandatory=True,
                    help="Names, aliases or addresses starting with this text.")
    Filter = Parameter(str, help="An OPATH filter, e.g. \"RecipientTypeDetails -eq "
                                 "'MailUser'\".")
    OrganizationalUnit = Parameter(str, help="Only recipients in this OU.")
    ResultSize = result_size_parameter()
    SortBy = Parameter(str, help="Sorts by this property.")

    def kind(self, r: Any) -> bool:
        return True

    def run(self) -> Optional[Iterable[Any]]:
        details = enum_values(self, "RecipientTypeDetails",
                              getattr(self, "RecipientTypeDetails", None), self.detail_names,
                              "RecipientTypeDetails")
        soft = bool(self.soft_deleted_switch and getattr(self, self.soft_deleted_switch))
        accept = self.acceptor(details, soft)
        build = lambda r: type(self).build(self.exchange, r)  # noqa: E731
        if self.Identity is not None:
            r = self.lookup(self.Identity, accept, any_state=soft)
            return [build(r)] if r is not None else None
        return sort_records(listing(self, self.exchange.recipients.values(), build, accept,
                               self.Filter, properties_of(type(self).build)), self.SortBy)

    def acceptor(self, details: Optional[set], soft: bool):
        anr = (getattr(self, "Anr", None) or "").lower()

        def accept(r: Any) -> bool:
            if not self.kind(r) or (details and r.recipient_type_details not in details):
                return False
            if anr and not any((v or "").lower().startswith(anr) for v in (
                    r.name, r.alias, r.display_name, r.primary_smtp_address)):
                return False
            return r.is_active or (soft and r.when_soft_deleted is not None)
        return accept


@exo_cmdlet("Get-Recipient", default_set="Identity", output_type=records.RECIPIENT_TYPE)
class GetRecipient(_Listing):
    """Gets every kind of recipient: mailboxes, mail users, contacts, groups.

    -IncludeSoftDeletedRecipients takes soft-deleted recipients into account: the standard
    hunt for who holds a GUID or an address."""
    examples = [Example("Get-Recipient -ResultSize 5", "Lists five recipients."),
                Example("Get-Recipient -IncludeSoftDeletedRecipients pat.kowalczyk | "
                        "Format-Table RecipientType,PrimarySmtpAddress,WhenSoftDeleted",
                        "Finds a soft-deleted recipient."),
                Example("Get-Recipient | Where-Object {$_.EmailAddresses -match "
                        "'bob@contoso.com'} | Format-List Name,RecipientType,EmailAddresses",
                        "Finds who holds an address.")]
    Identity = identity_parameter(False, "RecipientIdParameter")
    RecipientTypeDetails = details_parameter(RECIPIENT_DETAILS)
    RecipientType = details_parameter(RECIPIENT_TYPES, "RecipientType[]")
    IncludeSoftDeletedRecipients = Switch(help="Includes soft-deleted recipients.")
    Properties = Parameter("string[]", help="Extra properties to return (all are returned).")
    detail_names = RECIPIENT_DETAILS
    soft_deleted_switch = "IncludeSoftDeletedRecipients"

    def run(self) -> Optional[Iterable[Any]]:
        types = enum_values(self, "RecipientType", self.RecipientType, RECIPIENT_TYPES,
                            "RecipientType")
        self.types = types
        if types and self.RecipientTypeDetails:
            details = enum_values(self, "RecipientTypeDetails", self.RecipientTypeDetails,
                                  RECIPIENT_DETAILS, "RecipientTypeDetails")
            if not any(_type_of(d) in types for d in details):
                write_exo_error(self, "None of the specified RecipientTypeDetails are included "
                                      "in any specified recipient type.", "TaskArgumentException")
                return None
        return super().run()

    def kind(self, r: Any) -> bool:
        types = getattr(self, "types", None)
        return r.recipient_type != "User" and (not types or r.recipient_type in types)

    def acceptor(self, details: Optional[set], soft: bool):
        accept = super().acceptor(details, soft)
        return lambda r: accept(r) or (soft and self.kind(r) and r.is_inactive)


def _type_of(details: str) -> str:
    if details in ("MailUser", "GuestMailUser", "SharedWithMailUser") or \
            details.startswith("Remote"):
        return "MailUser"
    if details in CONTACT_DETAILS:
        return "MailContact"
    if details in GROUP_DETAILS or details == "DynamicDistributionGroup":
        return details if details != "RoomList" else "MailUniversalDistributionGroup"
    if details in ("PublicFolder",):
        return "PublicFolder"
    return "UserMailbox"


@exo_cmdlet("Get-User", default_set="Identity", output_type=records.USER_TYPE)
class GetUser(_Listing):
    """Gets user objects, mail-enabled or not (no mail properties).

    A synced user with no Exchange attributes is a plain User here; a user missing from
    Get-User while present in Azure AD has not been forward-synced."""
    examples = [Example("Get-User -ResultSize 5", "Lists five users."),
                Example("Get-User harper.evans@contoso.com | Format-List Name,RecipientType,"
                        "RecipientTypeDetails,PreviousRecipientTypeDetails",
                        "Shows a user's recipient type.")]
    Identity = identity_parameter(False, "UserIdParameter")
    RecipientTypeDetails = details_parameter(USER_DETAILS)
    IsVIP = Switch(help="Only priority accounts.")
    build = staticmethod(records.user)
    detail_names = USER_DETAILS

    def kind(self, r: Any) -> bool:
        return r.recipient_type in USER_RECIPIENT_TYPES and not self.IsVIP


@exo_cmdlet("Get-MailUser", default_set="Identity", output_type=records.MAILUSER_TYPE)
class GetMailUser(_Listing):
    """Gets mail users: mail-enabled users whose mailbox is elsewhere.

    A synced on-premises mailbox appears here as a MailUser whose ExchangeGuid is the
    on-premises mailbox GUID; licensing it does not create a cloud mailbox."""
    examples = [Example("Get-MailUser -ResultSize 5", "Lists five mail users."),
                Example("Get-MailUser joni.sherman | Format-List Name,ExternalEmailAddress,"
                        "ExchangeGuid,SKUAssigned", "Shows where a mail user's mailbox is.")]
    Identity = identity_parameter(False, "MailUserIdParameter")
    SoftDeletedMailUser = Switch(help="Returns soft-deleted mail users only.")
    build = staticmethod(records.mail_user)
    soft_deleted_switch = "SoftDeletedMailUser"

    def kind(self, r: Any) -> bool:
        return r.recipient_type_details in ("MailUser", "GuestMailUser") and \
            (not self.SoftDeletedMailUser or r.when_soft_deleted is not None)


@exo_cmdlet("Get-MailContact", default_set="Identity", output_type=records.CONTACT_TYPE)
class GetMailContact(_Listing):
    """Gets mail contacts: recipients with an external address."""
    examples = [Example("Get-MailContact", "Lists the mail contacts.")]
    Identity = identity_parameter(False, "MailContactIdParameter")
    RecipientTypeDetails = details_parameter(CONTACT_DETAILS)
    build = staticmethod(records.mail_contact)
    detail_names = CONTACT_DETAILS

    def kind(self, r: Any) -> bool:
        return r.recipient_type_details in CONTACT_DETAILS


@exo_cmdlet("Get-DistributionGroup", default_set="Identity", output_type=records.GROUP_TYPE)
class GetDistributionGroup(_Listing):
    """Gets distribution groups and mail-enabled security groups."""
    examples = [Example("Get-DistributionGroup", "Lists the distribution groups."),
                Example("Get-DistributionGroup 'Sales Team' | Format-List Name,GroupType,"
                        "PrimarySmtpAddress,IsDirSynced", "Shows one group.")]
    Identity = identity_parameter(False, "DistributionGroupIdParameter")
    RecipientTypeDetails = details_parameter(GROUP_DETAILS)
    ManagedBy = Parameter(str, set="ManagedBySet", mandatory=True,
                          help="Groups managed by this user.")
    build = staticmethod(records.distribution_group)
    detail_names = GROUP_DETAILS

    def kind(self, r: Any) -> bool:
        return r.recipient_type_details in GROUP_DETAILS and not self.ManagedBy


@exo_cmdlet("Get-DistributionGroupMember", default_set="Default",
            output_type=records.RECIPIENT_TYPE)
class GetDistributionGroupMember(ExoCmdlet):
    """Gets the members of a distribution group.

    Only members that reached Exchange Online show: a member present in Azure AD but never
    forward-synced is missing here (KB 4052041)."""
    examples = [Example("Get-DistributionGroupMember 'Sales Team'",
                        "Lists the members of Sales Team.")]
    Identity = identity_parameter(True, "DistributionGroupMemberIdParameter", ALL_SETS)
    ResultSize = result_size_parameter()
    IncludeSoftDeletedObjects = Switch(help="Includes soft-deleted members.")

    def run(self) -> Optional[Iterable[Any]]:
        group = self.lookup(self.Identity, lambda r: r.recipient_type_details in GROUP_DETAILS)
        if group is None:
            return None
        size = result_size(self, self.ResultSize)
        members = (self.exchange.recipients.get(g) for g in group.members)
        alive = [m for m in members if m is not None and (
            m.is_active or (self.IncludeSoftDeletedObjects and not m.is_active))]
        return limited(self, (records.recipient(self.exchange, m) for m in by_name(alive)), size)


@exo_cmdlet("Set-User", default_set="Identity", supports_should_process=True)
class SetUser(ExoCmdlet):
    """Modifies user objects; -PermanentlyClearPreviousMailboxInfo clears the previous mailbox.

    -PermanentlyClearPreviousMailboxInfo clears the Previous home MDB and Previous Mailbox GUID
    of the user, so licensing it again does not reconnect the old cloud mailbox. It cannot be
    undone and asks for confirmation (-Confirm:$false skips the prompt)."""
    examples = [Example("Set-User joni.sherman -PermanentlyClearPreviousMailboxInfo "
                        "-Confirm:$false", "Clears Joni Sherman's previous mailbox pointers.")]
    Identity = identity_parameter(True, "UserIdParameter", ALL_SETS)
    PermanentlyClearPreviousMailboxInfo = Switch(help="Clears the previous mailbox pointers "
                                                      "(cannot be undone).")
    DisplayName = Parameter(str, help="The display name.")
    FirstName = Parameter(str, help="The first name.")
    LastName = Parameter(str, help="The last name.")
    Force = Switch(help="Suppresses confirmation prompts.")

    def run(self) -> None:
        r = self.lookup(self.Identity, lambda x: x.recipient_type in USER_RECIPIENT_TYPES)
        if r is None:
            return None
        for prop in ("DisplayName", "FirstName", "LastName"):
            if self.is_bound(prop) and r.is_dir_synced:
                write_exo_error(self, write_scope_message(r.name, server_name(self), prop),
                                "TaskException")
                return None
        if self.PermanentlyClearPreviousMailboxInfo and not self._confirm_clear(r):
            return None
        self._apply(r)
        return None

    def _confirm_clear(self, r: Any) -> bool:
        from .confirm import confirm
        return confirm(self, f"Delete all existing information about user \"{r.name}\"?. This "
                             "operation will clear existing values from Previous home MDB and "
                             "Previous Mailbox GUID of the user. After deletion, reconnecting "
                             "to the previous mailbox that existed in the cloud will not be "
                             "possible and any content it had will be unrecoverable "
                             "PERMANENTLY.", f'Set-User "{r.name}"')

    def _apply(self, r: Any) -> None:
        from msolsh.tenant.errors import ExchangeError
        try:
            if self.PermanentlyClearPreviousMailboxInfo:
                self.exchange.clear_previous_mailbox_info(r.guid)
            if self.is_bound("DisplayName"):
                self.exchange.update(r, display_name=self.DisplayName)
        except ExchangeError as exc:
            write_tenant_error(self, exc)
            return
        note_edit(self.session)
