"""Enable-RemoteMailbox and Disable-RemoteMailbox (module ExchangeOnPremises): turning an
on-premises user into a remote mailbox, adding its archive, and taking the Exchange attributes
off again. Shares the identity, errors and records of exchange_onprem.py.

Enable writes what on-premises Exchange writes: msExchRecipientTypeDetails 2147483648 (or the
room/equipment/shared values), msExchRemoteRecipientType ProvisionMailbox (1, plus
ProvisionArchive 2 with -Archive), msExchRecipientDisplayType, targetAddress (the remote routing
address), mailNickname, mail and proxyAddresses. msExchMailboxGuid stays empty until a mailbox
is moved (Exchange Online creates the mailbox when the licensed user syncs).
"""
from __future__ import annotations

from typing import Any, Dict, Iterator

from msolsh.runtime.cmdlet import Example, Parameter, Switch
from msolsh.tenant.errors import DirectoryError

from msolsh.cmdlets.exchange_onprem import (EXCHANGE_ATTRIBUTES, REMOTE, REMOTE_MAILBOX,
                                            ExchangeCmdlet, canonical, complete_remote,
                                            exchange_cmdlet, remote_mailbox_record)

KINDS = {"Room": (8589934592, 32), "Equipment": (17179869184, 64), "Shared": (34359738368, 96),
         "Regular": (2147483648, 0)}
LEGACY_DN = "/o={org}/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn={id}-{alias}"


def complete_users(session: Any, prefix: str) -> list:
    return sorted(o.attrs["sAMAccountName"] for o in session.tenant.directory.search(prefix)
                  if o.object_class in ("user", "inetOrgPerson") and o.attrs.get("sAMAccountName"))


@exchange_cmdlet("Enable-RemoteMailbox", output_type=REMOTE_MAILBOX,
                 supports_should_process=True, default_set="Default")
class EnableRemoteMailbox(ExchangeCmdlet):
    """Creates a mailbox in Exchange Online for an existing on-premises user.

    Mail-enables the user as a remote mailbox; once Azure AD Connect syncs it and it has an
    Exchange Online licence, Exchange Online creates the mailbox. -RemoteRoutingAddress defaults
    to alias@<tenant>.mail.onmicrosoft.com. -Archive on an existing remote mailbox provisions
    its cloud archive."""
    examples = [
        Example("Enable-RemoteMailbox harper.evans "
                "-RemoteRoutingAddress harper.evans@contoso.mail.onmicrosoft.com",
                "Makes a user without a mailbox a remote mailbox."),
        Example("Enable-RemoteMailbox nestor.wilke -Archive", "Provisions a cloud archive."),
    ]
    Identity = Parameter("object", mandatory=True, position=0, pipeline=True,
                         complete=complete_users, help="Specifies the user.")
    RemoteRoutingAddress = Parameter(str, set=("Default", "Room", "Equipment", "Shared"),
                                     help="Specifies the targetAddress.")
    Alias = Parameter(str, help="Specifies the alias (mailNickname).")
    DisplayName = Parameter(str, help="Specifies the display name.")
    PrimarySmtpAddress = Parameter(str, help="Specifies the primary SMTP address.")
    Archive = Switch(set="Archive", help="Provisions a cloud archive for a remote mailbox.")
    ArchiveName = Parameter("string[]", set="Archive", help="Specifies the archive name.")
    Room = Switch(set="Room", help="Creates a remote room mailbox.")
    Equipment = Switch(set="Equipment", help="Creates a remote equipment mailbox.")
    Shared = Switch(set="Shared", help="Creates a remote shared mailbox.")
    ACLableSyncedObjectEnabled = Switch(help="Makes the remote mailbox ACL-able.")
    DomainController = Parameter(str, help="Specifies the domain controller to use.")

    def process(self) -> Iterator[Any]:
        obj = self.find(self.Identity, remote_only=bool(self.Archive))
        values = self._archive(obj) if self.Archive else self._enable(obj)
        if not self.should_process(canonical(obj), "Enable-RemoteMailbox"):
            return
        try:
            obj = self.write(obj, values)
        except DirectoryError as exc:
            self.fail(exc.message, "Microsoft.Exchange.Data.Directory.ADOperationException")
        yield remote_mailbox_record(obj)

    def _enable(self, obj: Any) -> Dict[str, Any]:
        if obj.attrs.get("msExchRecipientTypeDetails"):
            self.fail(f"The user '{canonical(obj)}' is already mail-enabled.",
                      "Microsoft.Exchange.Configuration.Tasks.RecipientTaskException",
                      "InvalidOperation")
        kind = next((k for k in ("Room", "Equipment", "Shared") if getattr(self, k)), "Regular")
        rtd, flags = KINDS[kind]
        alias = self.Alias or obj.attrs.get("mailNickname") or obj.attrs.get("sAMAccountName")
        routing = self._routing(alias)
        primary = self.PrimarySmtpAddress or self._primary(obj, alias)
        addresses = ["SMTP:" + primary, "smtp:" + routing]
        self.check_addresses(obj, addresses)
        org = self.directory.domains[-1]["netbios"].title()
        return {"mailNickname": alias, "displayName": self.DisplayName or
                obj.attrs.get("displayName") or obj.cn, "mail": primary,
                "proxyAddresses": addresses, "targetAddress": "SMTP:" + routing,
                "msExchRecipientTypeDetails": rtd, "msExchRemoteRecipientType": 1 | flags,
                "msExchRecipientDisplayType": REMOTE[rtd],
                "legacyExchangeDN": LEGACY_DN.format(org=org, id=obj.guid.replace("-", ""),
                                                     alias=alias)}

    def _archive(self, obj: Any) -> Dict[str, Any]:
        remote = int(obj.attrs.get("msExchRemoteRecipientType") or 0)
        name = (list(self.ArchiveName)[0] if self.ArchiveName else
                f"In-Place Archive - {obj.attrs.get('displayName') or obj.cn}")
        return {"msExchRemoteRecipientType": (remote | 2) & ~16, "msExchArchiveName": name}

    def _routing(self, alias: str) -> str:
        if self.RemoteRoutingAddress:
            return self.RemoteRoutingAddress.split(":", 1)[-1]
        initial = self.session.tenant.initial_domain
        return f"{alias}@{initial.replace('.onmicrosoft.com', '.mail.onmicrosoft.com')}"

    def _primary(self, obj: Any, alias: str) -> str:
        upn = obj.attrs.get("userPrincipalName") or ""
        domain = upn.rsplit("@", 1)[1] if "@" in upn else self.directory.domains[-1]["fqdn"]
        return f"{alias}@{domain}"


@exchange_cmdlet("Disable-RemoteMailbox", supports_should_process=True, confirm_impact="High")
class DisableRemoteMailbox(ExchangeCmdlet):
    """Removes the Exchange attributes from a remote mailbox's on-premises user.

    The user stays in AD but is no longer a recipient; after the next sync cycle Exchange
    Online removes (soft-deletes) the cloud mailbox. -Archive only deprovisions the cloud
    archive. Asks for confirmation by default."""
    examples = [
        Example("Disable-RemoteMailbox grady.archie -Archive -Confirm:$false",
                "Deprovisions the cloud archive only."),
        Example("Disable-RemoteMailbox megan.bowen -WhatIf", "Shows what would be disabled."),
    ]
    Identity = Parameter("object", mandatory=True, position=0, pipeline=True,
                         complete=complete_remote, help="Specifies the remote mailbox.")
    Archive = Switch(help="Removes only the cloud archive.")
    IgnoreLegalHold = Switch(help="Disables the remote mailbox even if it is on hold.")
    DomainController = Parameter(str, help="Specifies the domain controller to use.")

    def process(self) -> None:
        obj = self.find(self.Identity)
        if not self.should_process(canonical(obj), "Disable-RemoteMailbox"):
            return
        if self.Archive:
            remote = int(obj.attrs.get("msExchRemoteRecipientType") or 0)
            values = {"msExchArchiveGUID": None, "msExchArchiveName": None,
                      "msExchRemoteRecipientType": (remote & ~2) | 16}
        else:
            values = {name: None for name in EXCHANGE_ATTRIBUTES}
        self.write(obj, values)


__all__ = ["EnableRemoteMailbox", "DisableRemoteMailbox"]
