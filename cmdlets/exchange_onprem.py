"""The Exchange on-premises (hybrid) recipient cmdlets, module ExchangeOnPremises:
Get-RemoteMailbox, Set-RemoteMailbox, Enable-RemoteMailbox and Disable-RemoteMailbox.

A remote mailbox is an on-premises AD user whose mailbox lives in Exchange Online. These
cmdlets write only the on-premises attributes Exchange writes (msExchRecipientTypeDetails
2147483648, msExchRemoteRecipientType, msExchRecipientDisplayType, targetAddress,
msExchMailboxGuid, msExchArchiveGUID, proxyAddresses, mail, mailNickname); Azure AD Connect
carries them to the cloud on its next cycle. Unlike AD itself, Exchange refuses a proxy address
another recipient already has. Knows the tenant through tenant.directory only.
"""
from __future__ import annotations

import bisect
import hashlib
import uuid
from typing import Any, Dict, Iterator, List, Optional

from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.primitives import element_string
from msolsh.runtime.values import PSHashtable, PSObject
from msolsh.tenant.errors import DirectoryError

MODULE = "ExchangeOnPremises"
TASKS = "Microsoft.Exchange.Management.RecipientTasks."
REMOTE_MAILBOX = "Microsoft.Exchange.Data.Directory.Management.RemoteMailbox"
RECIPIENT_TYPES = {1: "UserMailbox", 2: "LinkedMailbox", 4: "SharedMailbox", 16: "RoomMailbox",
                   32: "EquipmentMailbox", 64: "MailContact", 128: "MailUser",
                   2147483648: "RemoteUserMailbox", 8589934592: "RemoteRoomMailbox",
                   17179869184: "RemoteEquipmentMailbox", 34359738368: "RemoteSharedMailbox"}
REMOTE = {2147483648: -2147483642, 8589934592: -2147481850, 17179869184: -2147481594,
          34359738368: -2147483642}   # msExchRecipientTypeDetails -> msExchRecipientDisplayType
REMOTE_FLAGS = [(1, "ProvisionMailbox"), (2, "ProvisionArchive"), (4, "Migrated"),
                (8, "DeprovisionMailbox"), (16, "DeprovisionArchive"), (32, "RoomMailbox"),
                (64, "EquipmentMailbox"), (96, "SharedMailbox"), (128, "TeamMailbox")]
EXCHANGE_ATTRIBUTES = ("msExchRecipientTypeDetails", "msExchRemoteRecipientType",
                       "msExchRecipientDisplayType", "targetAddress", "proxyAddresses", "mail",
                       "mailNickname", "msExchMailboxGuid", "msExchArchiveGUID",
                       "msExchArchiveName", "legacyExchangeDN")
USER_CLASSES = ("user", "inetOrgPerson")
MORE_RESULTS = ("By default, only the first {0} items are returned. Use the ResultSize parameter "
                "to specify the number of items returned. To return all items, specify "
                "\"-ResultSize Unlimited\". Be aware that, depending on the actual number of "
                "items, returning all items can take a long time and consume a large amount of "
                "memory. Also, we don't recommend storing the results in a variable. Instead, "
                "pipe the results to another task or script to perform batch changes.")


def remote_recipient_type(value: Any) -> str:
    """The flags enum as .NET prints it: largest matching values first, shown ascending."""
    value = int(value or 0)
    if value == 0:
        return "None"
    names, rest = [], value
    for bit, name in reversed(REMOTE_FLAGS):
        if rest & bit == bit:
            names.append((bit, name))
            rest &= ~bit
    return ", ".join(n for _, n in sorted(names)) if rest == 0 else str(value)


def canonical(obj: Any) -> str:
    """contoso.com/Contoso/Users/Sales/Alex Wilber: how Exchange shows Identity."""
    from msolsh.tenant import dn as dnlib
    parts = dnlib.split(obj.dn)
    fqdn = ".".join(p.split("=", 1)[1] for p in parts if p.upper().startswith("DC="))
    rest = [dnlib.unescape(p.split("=", 1)[1]) for p in parts if not p.upper().startswith("DC=")]
    return "/".join([fqdn] + list(reversed(rest)))


def _guid(value: Any) -> uuid.UUID:
    return uuid.UUID(str(value)) if value else uuid.UUID(int=0)


def _smtp(addresses: List[str], primary: bool) -> Optional[str]:
    for a in addresses:
        if a.startswith("SMTP:") if primary else a.lower().startswith("smtp:"):
            return a.split(":", 1)[1]
    return None


def remote_mailbox_record(obj: Any) -> PSObject:
    a = obj.attrs
    rtd = int(a.get("msExchRecipientTypeDetails") or 0)
    remote = int(a.get("msExchRemoteRecipientType") or 0)
    addresses = list(a.get("proxyAddresses") or [])
    archive = a.get("msExchArchiveGUID")
    ou = canonical(obj).rsplit("/", 1)[0]
    pairs = [
        ("RemoteRoutingAddress", a.get("targetAddress")),
        ("RemoteRecipientType", remote_recipient_type(remote)),
        ("OnPremisesOrganizationalUnit", ou),
        ("ArchiveGuid", _guid(archive)),
        ("ArchiveName", [a["msExchArchiveName"]] if a.get("msExchArchiveName") else []),
        ("ArchiveState", "HostedProvisioned" if archive or remote & 2 else "None"),
        ("ExchangeGuid", _guid(a.get("msExchMailboxGuid"))),
        ("Alias", a.get("mailNickname")),
        ("DisplayName", a.get("displayName")),
        ("EmailAddresses", addresses),
        ("HiddenFromAddressListsEnabled", bool(a.get("msExchHideFromAddressLists", False))),
        ("LegacyExchangeDN", a.get("legacyExchangeDN")),
        ("PrimarySmtpAddress", _smtp(addresses, True) or a.get("mail")),
        ("RecipientType", "MailUser"),
        ("RecipientTypeDetails", RECIPIENT_TYPES.get(rtd, str(rtd))),
        ("SamAccountName", a.get("sAMAccountName")),
        ("UserPrincipalName", a.get("userPrincipalName")),
        ("WindowsEmailAddress", a.get("mail")),
        ("Name", obj.cn),
        ("DistinguishedName", obj.dn),
        ("Identity", canonical(obj)),
        ("Guid", uuid.UUID(obj.guid)),
        ("OrganizationalUnit", ou),
        ("IsValid", True),
    ]
    return PSObject(pairs, [REMOTE_MAILBOX, "Microsoft.Exchange.Data.Directory.Management.MailUser",
                            "Microsoft.Exchange.Data.Directory.ADPresentationObject",
                            "System.Object"])


def is_remote(obj: Any) -> bool:
    return int(obj.attrs.get("msExchRecipientTypeDetails") or 0) in REMOTE


_ALIASES: dict = {}


def complete_remote(session: Any, prefix: str) -> List[str]:
    """Remote mailbox aliases, from a sorted list rebuilt only when the directory changed."""
    directory = session.tenant.directory
    stamp = (id(directory), directory.usn)
    if _ALIASES.get("stamp") != stamp:
        values = sorted((o.attrs["mailNickname"] for o in directory.live_objects()
                         if is_remote(o) and o.attrs.get("mailNickname")), key=str.lower)
        _ALIASES.update(stamp=stamp, values=values, folded=[v.lower() for v in values])
    low = prefix.lower()
    values, folded = _ALIASES["values"], _ALIASES["folded"]
    start = bisect.bisect_left(folded, low)
    end = bisect.bisect_left(folded, low + "\uffff")
    return values[start:end]


def exchange_cmdlet(name: str, **kwargs: Any):
    """@cmdlet for ExchangeOnPremises; binding errors name the real task class too."""
    def decorate(cls: type) -> type:
        cls.fq_class = TASKS + name.replace("-", "")
        return cmdlet(name, module=MODULE, **kwargs)(cls)
    return decorate


def result_size(value: Any) -> Optional[int]:
    """-ResultSize: a number or Unlimited (None); ValueError otherwise."""
    if value is None:
        return 1000
    if str(value).strip().lower() == "unlimited":
        return None
    number = int(str(value).strip())
    if number < 1:
        raise ValueError(value)
    return number


class ExchangeCmdlet(Cmdlet):
    """Exchange on-premises run as a local EMS session: 'Cmdlet : message' with position."""

    @property
    def directory(self) -> Any:
        return self.session.tenant.directory

    def fail(self, message: str, exception: str, category: str = "NotSpecified",
             target: Any = None, error_id: Optional[str] = None) -> None:
        """Exchange's ids are an 8-hex token per error site; ours is derived from the site."""
        site = f"{self.name}:{exception}".encode()
        token = error_id or hashlib.sha256(site).hexdigest()[:8].upper()
        record = self.error_record(message, token, category, target=target,
                                   exception_type=exception, fq_class=self.fq_class)
        self.throw_terminating(record)

    def find(self, identity: Any, remote_only: bool = True) -> Any:
        """Exchange identity: DN, GUID, sAMAccountName, UPN, alias, name or e-mail address."""
        matches = self._matches(identity)
        identity = element_string(identity)   # .NET's ToString in messages, never a Python repr
        if remote_only:
            matches = [m for m in matches if is_remote(m)]
        if len(matches) > 1:
            self.fail(f"The operation couldn't be performed because '{identity}' matches "
                      f"multiple entries.", "Microsoft.Exchange.Configuration.Tasks."
                                            "ManagementObjectAmbiguousException")
        if not matches:
            self.fail(f"The operation couldn't be performed because object '{identity}' couldn't "
                      f"be found on '{self._dc()}'.", "Microsoft.Exchange.Configuration.Tasks."
                                                     "ManagementObjectNotFoundException")
        return matches[0]

    def _dc(self) -> str:
        return f"DC01.{self.directory.domains[-1]['fqdn']}"

    def _matches(self, identity: Any) -> List[Any]:
        if isinstance(identity, PSObject):
            identity = (identity.get("Guid") or identity.get("ObjectGUID")
                        or identity.get("DistinguishedName"))
        text = element_string(identity).strip()
        d = self.directory
        direct = d.find(text) or d.by_upn(text) or (d.by_proxy("smtp:" + text) or [None])[0]
        if direct is not None and direct.object_class in USER_CLASSES:
            return [direct]
        low = text.lower()
        return [o for o in d.search(text) if o.object_class in USER_CLASSES and low in (
            str(o.attrs.get("mailNickname", "")).lower(), o.cn.lower(),
            str(o.attrs.get("displayName", "")).lower())]

    def write(self, obj: Any, values: Dict[str, Any]) -> Any:
        for name, value in values.items():
            obj = self.directory.set_attribute(obj, name, value)
        return obj

    def check_addresses(self, obj: Any, addresses: List[str]) -> None:
        """Exchange (unlike AD) refuses an address another recipient already holds."""
        for address in addresses:
            if ":" in address and not address.lower().startswith("smtp:"):
                continue
            for other in self.directory.by_proxy("smtp:" + address.split(":", 1)[-1]):
                if other.guid != obj.guid:
                    self.fail(f'The proxy address "{address}" is already being used by the proxy '
                              f'addresses or LegacyExchangeDN of "{canonical(other)}". Please '
                              f'choose another proxy address.',
                              "Microsoft.Exchange.Data.Directory.ProxyAddressExistsException")


@exchange_cmdlet("Get-RemoteMailbox", output_type=REMOTE_MAILBOX)
class GetRemoteMailbox(ExchangeCmdlet):
    """Gets the on-premises mail users whose mailbox is in Exchange Online.

    A remote mailbox has msExchRecipientTypeDetails 2147483648 (RemoteUserMailbox; rooms,
    equipment and shared mailboxes have their own values) and a targetAddress, its
    RemoteRoutingAddress, at the tenant's mail.onmicrosoft.com domain. ExchangeGuid must equal
    the Exchange Online mailbox's, or licensing the user creates a second mailbox."""
    examples = [
        Example("Get-RemoteMailbox", "Lists the remote mailboxes."),
        Example("Get-RemoteMailbox megan.bowen | Format-List Name,RemoteRoutingAddress,"
                "ExchangeGuid,ArchiveGuid,RemoteRecipientType",
                "The attributes a hybrid mailbox needs to match Exchange Online."),
    ]
    Identity = Parameter("object", position=0, pipeline=True, complete=complete_remote,
                         help="Specifies the remote mailbox: name, alias, DN, GUID, UPN or "
                              "e-mail address.")
    ResultSize = Parameter("object", help="Specifies the maximum number of results (1000 by "
                                          "default; Unlimited for all).")
    OnPremisesOrganizationalUnit = Parameter(str, help="Limits the results to one OU.")
    Archive = Switch(help="Returns only remote mailboxes with an archive.")
    DomainController = Parameter(str, help="Specifies the domain controller to use.")

    def process(self) -> Iterator[Any]:
        if self.Identity is not None:
            yield remote_mailbox_record(self.find(self.Identity))
            return
        try:
            limit = result_size(self.ResultSize)
        except ValueError:
            self.fail(f"Cannot bind parameter 'ResultSize'. Cannot convert value "
                      f"\"{element_string(self.ResultSize)}\" "
                      f"to type \"Microsoft.Exchange.Data.Unlimited`1[System.UInt32]\". Error: "
                      f"\"The value must be a positive integer or Unlimited.\"",
                      "System.Management.Automation.ParameterBindingException", "InvalidArgument",
                      error_id="CannotConvertArgumentNoMessage")
            return
        count = 0
        for obj in list(self.directory.live_objects()):
            if not is_remote(obj) or (self.Archive and not obj.attrs.get("msExchArchiveGUID")):
                continue
            if self.OnPremisesOrganizationalUnit and not obj.dn.lower().endswith(
                    "," + str(self.OnPremisesOrganizationalUnit).lower()):
                continue
            if limit is not None and count >= limit:
                if not self.is_bound("ResultSize"):
                        self.write_warning(MORE_RESULTS.format(limit))
                return
            count += 1
            yield remote_mailbox_record(obj)


@exchange_cmdlet("Set-RemoteMailbox", supports_should_process=True)
class SetRemoteMailbox(ExchangeCmdlet):
    """Modifies a remote mailbox's on-premises attributes.

    -ExchangeGuid writes msExchMailboxGuid and -ArchiveGuid msExchArchiveGUID (set them to the
    Exchange Online values to fix duplicate-mailbox and archive GUID validation errors);
    -EmailAddresses replaces proxyAddresses, or edits them with @{Add=...; Remove=...};
    -RemoteRoutingAddress writes targetAddress. Silent; the next sync cycle carries it."""
    examples = [
        Example("Set-RemoteMailbox megan.bowen -EmailAddresses @{Add='smtp:ceo@contoso.com'}",
                "Adds a secondary address."),
        Example("Set-RemoteMailbox nestor.wilke -ArchiveGuid 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
                "Stamps the cloud archive's GUID on premises (KB 4053483)."),
    ]
    Identity = Parameter("object", mandatory=True, position=0, pipeline=True,
                         complete=complete_remote, help="Specifies the remote mailbox.")
    ExchangeGuid = Parameter("guid", help="Specifies the ExchangeGuid (msExchMailboxGuid).")
    ArchiveGuid = Parameter("guid", help="Specifies the archive GUID (msExchArchiveGUID).")
    ArchiveName = Parameter("string[]", help="Specifies the archive name.")
    EmailAddresses = Parameter("object", help="Specifies every proxy address, or "
                                              "@{Add=...; Remove=...}.")
    PrimarySmtpAddress = Parameter(str, help="Specifies the primary SMTP address.")
    RemoteRoutingAddress = Parameter(str, help="Specifies the targetAddress "
                                               "(alias@tenant.mail.onmicrosoft.com).")
    Alias = Parameter(str, help="Specifies the alias (mailNickname).")
    DisplayName = Parameter(str, help="Specifies the display name.")
    EmailAddressPolicyEnabled = Parameter("bool", help="Applies the e-mail address policy.")
    DomainController = Parameter(str, help="Specifies the domain controller to use.")

    def process(self) -> None:
        obj = self.find(self.Identity)
        values = self._values(obj)
        if not self.should_process(canonical(obj), "Set-RemoteMailbox"):
            return
        try:
            self.write(obj, values)
        except DirectoryError as exc:
            self.fail(exc.message, "Microsoft.Exchange.Data.Directory.ADOperationException")

    def _values(self, obj: Any) -> Dict[str, Any]:
        values: Dict[str, Any] = {}
        for param, attr in (("ExchangeGuid", "msExchMailboxGuid"),
                            ("ArchiveGuid", "msExchArchiveGUID")):
            if self.is_bound(param):
                value = getattr(self, param)
                values[attr] = uuid.UUID(str(value)) if value else None
        if self.ArchiveName:
            values["msExchArchiveName"] = list(self.ArchiveName)[0]
        if self.RemoteRoutingAddress:
            values["targetAddress"] = "SMTP:" + self.RemoteRoutingAddress.split(":", 1)[-1]
        if self.Alias:
            values["mailNickname"] = self.Alias
        if self.DisplayName:
            values["displayName"] = self.DisplayName
        addresses = self._addresses(obj)
        if addresses is not None:
            self.check_addresses(obj, addresses)
            values["proxyAddresses"] = addresses
            values["mail"] = _smtp(addresses, True)
        return values

    def _addresses(self, obj: Any) -> Optional[List[str]]:
        if self.EmailAddresses is None and not self.PrimarySmtpAddress:
            return None
        current = list(obj.attrs.get("proxyAddresses") or [])
        change = self.EmailAddresses
        if isinstance(change, PSHashtable):
            drop = {_proxy(a).lower() for a in _list(change["Remove"])}
            current = [a for a in current if a.lower() not in drop]
            current += [_proxy(a) for a in _list(change["Add"]) if _proxy(a).lower()
                        not in {c.lower() for c in current}]
        elif change is not None:
            current = [_proxy(a) for a in _list(change)]
        if self.PrimarySmtpAddress:
            current = _with_primary(current, self.PrimarySmtpAddress)
        elif current and _smtp(current, True) is None:
            current = _with_primary(current, _smtp(current, False) or current[0].split(":", 1)[-1])
        return current


def _list(value: Any) -> List[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _proxy(address: Any) -> str:
    text = str(address)
    return text if ":" in text else "smtp:" + text


def _with_primary(addresses: List[str], primary: str) -> List[str]:
    """One primary SMTP: the given one; the old primary becomes secondary."""
    out = ["smtp:" + a[5:] if a.startswith("SMTP:") else a for a in addresses]
    out = [a for a in out if a.lower() != "smtp:" + primary.lower()]
    return ["SMTP:" + primary] + out
