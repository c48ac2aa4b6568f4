"""Connect-ExchangeOnline / Disconnect-ExchangeOnline and what every EXO cmdlet shares: the
connection check, -Prefix (Get-CloudMailbox...), identity lookup, and value completers.

Connection state lives in session.extensions['ExchangeOnline'] (the runtime never reads it).
Every other Exchange Online cmdlet derives from ExoCmdlet and implements run() instead of
process(). Knows the tenant only through tenant.exchange / tenant.aad; nothing of the REPL.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from typing import Any, List, Optional

from msolsh.cmdlets.connection import ConnectedCmdlet
from msolsh.runtime.cmdlet import (REGISTRY, Cmdlet, CmdletRegistry, Example, Parameter, Switch,
                                   cmdlet)
from msolsh.runtime.primitives import to_string
from msolsh.runtime.values import PSObject

from .errors import (AMBIGUOUS, NOT_FOUND, ambiguous_message, not_found_message,
                     not_recognized, write_exo_error)

MODULE = "ExchangeOnlineManagement"
MODULE_VERSION = "3.4.0"
NOT_PREFIXED = frozenset({"connect-exchangeonline", "disconnect-exchangeonline"})
SOFT_DELETED_OU = "Soft Deleted Objects"
BANNER = (
    "-" * 88 + "\n"
    "This V3 EXO PowerShell module contains new REST API backed Exchange Online cmdlets which "
    "doesn't require WinRM for Client-Server communication.\n\n"
    "For more information check https://aka.ms/exov3-module\n" + "-" * 88)


def state(session: Any) -> dict:
    extensions = getattr(session, "extensions", None)
    if extensions is None:
        extensions = session.extensions = {}
    return extensions.setdefault("ExchangeOnline", {"connected": False, "prefix": ""})


def exo_cmdlet(name: str, **kwargs: Any):
    """@cmdlet for the ExchangeOnlineManagement module."""
    kwargs.setdefault("module", MODULE)
    return cmdlet(name, **kwargs)


class ExoCmdlet(ConnectedCmdlet):
    """Base of every Exchange Online cmdlet: the command only exists once connected (with the
    session's -Prefix); run() is called per input object. Errors are V3 (form B) records."""

    exo_prefix = ""

    def check_connection(self) -> bool:
        info = state(self.session)
        connected = bool(info.get("connected")) and \
            (info.get("prefix") or "").lower() == self.exo_prefix.lower()
        if not connected:
            self.throw_terminating(not_recognized(self))
        return connected

    @property
    def exchange(self) -> Any:
        return self.session.tenant.exchange

    # -- identity ---------------------------------------------------------------------------
    def lookup(self, identity: Any, accept, soft_deleted: bool = False,
               include_inactive: bool = False, any_state: bool = False) -> Any:
        """The one recipient `identity` names among those `accept` admits, or None after
        writing the real 'couldn't be found' / 'matches multiple entries' error. By default
        only active recipients count; any_state admits soft-deleted and inactive ones too."""
        text = identity_text(identity)
        hits = [r for r in candidates(self.exchange, identity)
                if accept(r) and (any_state or state_matches(r, soft_deleted, include_inactive))]
        if not hits:
            write_exo_error(self, not_found_message(text), NOT_FOUND)
            return None
        if len(hits) > 1:
            write_exo_error(self, ambiguous_message(text), AMBIGUOUS)
            return None
        return hits[0]


def state_matches(r: Any, soft_deleted: bool, include_inactive: bool) -> bool:
    """Active recipients; or only soft-deleted ones; or active plus inactive (held) ones."""
    if soft_deleted:
        return r.when_soft_deleted is not None and not r.is_inactive
    if r.is_active:
        return True
    return include_inactive and r.is_inactive


def identity_text(identity: Any) -> str:
    """What a piped record identifies itself by (an EXO record's Identity; an MsolUser's
    ObjectId, which equals ExternalDirectoryObjectId)."""
    if isinstance(identity, PSObject):
        for name in ("Identity", "ExternalDirectoryObjectId", "ObjectId", "UserPrincipalName",
                     "Name"):
            if identity.get(name):
                return to_string(identity.get(name))
        return ""
    return to_string(identity)   # PowerShell's text for a list or hashtable, never a repr


def candidates(exchange: Any, identity: Any) -> List[Any]:
    """Every recipient (in any state) the identity could name: a piped record by its Guid;
    'Soft Deleted Objects\\Name' among soft-deleted ones; a DN by its CN; else name, alias,
    address, GUID or UPN (exchange.find)."""
    if isinstance(identity, PSObject):
        guid = identity.get("Guid")
        if guid is not None and str(guid) in exchange.recipients:
            return [exchange.recipients[str(guid)]]
        identity = identity_text(identity)
    text = to_string(identity).strip()
    if text.lower().startswith(SOFT_DELETED_OU.lower() + "\\"):
        return [r for r in exchange.find(text.split("\\", 1)[1], include_soft_deleted=True)
                if r.when_soft_deleted is not None]
    if text.upper().startswith("CN="):
        name = text[3:].split(",OU=", 1)[0].replace("\\,", ",")
        return [r for r in exchange.find(name, include_soft_deleted=True)
                if distinguished_name(exchange, r).lower() == text.lower()]
    return exchange.find(text, include_soft_deleted=True)


def distinguished_name(exchange: Any, r: Any) -> str:
    from msolsh.tenant.exchange import EXO_FOREST
    dcs = ",".join(f"DC={part}" for part in EXO_FOREST.split("."))
    deleted = f"OU={SOFT_DELETED_OU}," if r.when_soft_deleted is not None else ""
    cn = (r.name or "").replace(",", "\\,")
    return (f"CN={cn},{deleted}OU={exchange.organization},"
            f"OU=Microsoft Exchange Hosted Organizations,{dcs}")


def recipient_identity(r: Any) -> str:
    return f"{SOFT_DELETED_OU}\\{r.name}" if r.when_soft_deleted is not None else r.name


# -- value completers: recipient names and aliases, cached per tenant state ---------------------

_CACHE: dict = {}


def _names(session: Any) -> List[str]:
    exchange = session.tenant.exchange
    stamp = (id(exchange), len(exchange.recipients), session.tenant.clock.now,
             state(session).get("edits", 0))
    cached = _CACHE.get("names")
    if cached is None or cached[0] != stamp:
        values = set()
        for r in exchange.recipients.values():
            values.update(v for v in (r.name, r.alias, r.user_principal_name) if v)
        cached = (stamp, sorted(values, key=str.lower))
        _CACHE["names"] = cached
    return cached[1]


def complete_recipients(session: Any, prefix: str) -> List[str]:
    values = _names(session)
    folded = [v.lower() for v in values]
    start = bisect.bisect_left(folded, prefix.lower())
    out = []
    for value, low in zip(values[start:], folded[start:]):
        if not low.startswith(prefix.lower()):
            break
        out.append(value)
    return out


def note_edit(session: Any) -> None:
    """An admin edit in Exchange Online: completers rebuild their cache."""
    info = state(session)
    info["edits"] = info.get("edits", 0) + 1


# -- -Prefix: per-session cmdlet names -----------------------------------------------------------

def session_registry(session: Any) -> CmdletRegistry:
    """The session's own registry, copied from the global one the first time it is needed, so
    prefixed names never leak into other sessions."""
    registry = session.registry
    if registry is REGISTRY:
        registry = CmdletRegistry()
        registry.cmdlets = dict(REGISTRY.cmdlets)
        registry.aliases = dict(REGISTRY.aliases)
        session.registry = registry
    return registry


def register_prefix(session: Any, prefix: str) -> None:
    """-Prefix Cloud: Get-Mailbox becomes Get-CloudMailbox for this session."""
    registry = session_registry(session)
    for cls in list(REGISTRY.cmdlets.values()):
        if cls.module != MODULE or cls.name.lower() in NOT_PREFIXED:
            continue
        name = f"{cls.verb}-{prefix}{cls.noun}"
        if registry.get(name) is not None:
            continue
        sub = type(f"{cls.__name__}_{prefix}", (cls,),
                   {"__doc__": cls.__doc__, "exo_prefix": prefix, "exo_base_name": cls.name,
                    "examples": []})
        cmdlet(name, module=MODULE, output_type=cls.output_type, default_set=cls.default_set,
               supports_should_process=cls.supports_should_process,
               confirm_impact=cls.confirm_impact, registry=registry)(sub)


def prefix_problem(prefix: str) -> Optional[str]:
    """The module's own checks on -Prefix (letters and digits only; EXO is reserved)."""
    if prefix == "":
        return None
    if not re.fullmatch(r"[a-z0-9]+", prefix, re.IGNORECASE):
        return "Use of any special characters in the Prefix string is not supported."
    if prefix.lower() == "exo":
        return "Prefix 'EXO' is a reserved Prefix, please use a different prefix."
    return None


def temp_module_name(session: Any, serial: int) -> str:
    """tmpEXO_xxxxxxxx.yyy: stable for a tenant and connection number (deterministic)."""
    seed = f"{session.tenant.aad.company.get('ObjectId')}|{serial}"
    digest = hashlib.sha1(seed.encode("utf-8")).hexdigest()
    letters = "".join(chr(ord("a") + int(c, 16) % 26) for c in digest[:11])
    return f"tmpEXO_{letters[:8]}.{letters[8:11]}"


@exo_cmdlet("Connect-ExchangeOnline", default_set="DefaultParameterSet")
class ConnectExchangeOnline(Cmdlet):
    """Connects to Exchange Online.

    Until this has run the Exchange Online cmdlets (Get-Mailbox, Get-Recipient, Set-User...)
    do not exist in the session. -Prefix adds a prefix to their nouns for this session
    (-Prefix Cloud gives Get-CloudMailbox). In msolsh no credential is checked."""
    examples = [Example("Connect-ExchangeOnline -ShowBanner:$false",
                        "Connects to the tenant's Exchange Online without the banner."),
                Example("Connect-ExchangeOnline -UserPrincipalName admin@contoso.onmicrosoft.com "
                        "-Prefix Cloud -ShowBanner:$false; Get-CloudMailbox -ResultSize 2",
                        "Connects with the prefix Cloud: the cmdlets become Get-CloudMailbox, "
                        "Get-CloudRecipient and so on.")]
    ConnectionUri = Parameter(str, position=0, help="The connection endpoint (ignored).")
    AzureADAuthorizationEndpointUri = Parameter(str, position=1, help="Ignored in msolsh.")
    ExchangeEnvironmentName = Parameter(str, position=2, validate_set=(
        "O365Default", "O365GermanyCloud", "O365China", "O365USGovGCCHigh", "O365USGovDoD"),
        help="The Microsoft 365 environment (O365Default).")
    PSSessionOption = Parameter("object", position=3, help="Ignored in msolsh.")
    DelegatedOrganization = Parameter(str, position=4, help="A customer organization (partners).")
    Prefix = Parameter(str, position=5, help="Adds this text to the noun of every Exchange "
                                             "Online cmdlet name, e.g. Get-ContosoMailbox.")
    CommandName = Parameter("string[]", position=6, help="Loads only these cmdlets.")
    FormatTypeName = Parameter("string[]", position=7, help="Ignored in msolsh.")
    UserPrincipalName = Parameter(str, help="The admin account to sign in with.")
    Credential = Parameter("object", help="A PSCredential (not checked in msolsh).")
    ShowBanner = Switch(help="Shows the banner (default $true); "
                                           "-ShowBanner:$false hides it.")
    ShowProgress = Parameter("bool", help="Ignored in msolsh.")
    Organization = Parameter(str, help="The organization for app-only authentication.")
    Device = Switch(help="Device code sign-in (not simulated).")

    def process(self) -> None:
        problem = prefix_problem(self.Prefix or "")
        if problem:
            record = self.error_record(problem, problem, "OperationStopped", target=problem)
            record.fq_class, record.activity = None, ""   # the module's own `throw "..."`
            self.throw_terminating(record)
            return None
        info = state(self.session)
        prefix = (self.Prefix or "").strip()
        info["serial"] = info.get("serial", 0) + 1
        info.update(connected=True, prefix=prefix,
                    user=self.UserPrincipalName or f"admin@{self.session.tenant.initial_domain}",
                    temp_module=temp_module_name(self.session, info["serial"]))
        if prefix:
            register_prefix(self.session, prefix)
        if not self.is_bound("ShowBanner") or self.ShowBanner:
            self.write_host(BANNER)
        return None


@exo_cmdlet("Disconnect-ExchangeOnline", default_set="DefaultParameterSet",
            supports_should_process=True, confirm_impact="Low")
class DisconnectExchangeOnline(Cmdlet):
    """Disconnects the Exchange Online session.

    Afterwards the Exchange Online cmdlets no longer exist in the session until
    Connect-ExchangeOnline runs again."""
    examples = [Example("Disconnect-ExchangeOnline -Confirm:$false; Connect-ExchangeOnline "
                        "-ShowBanner:$false", "Disconnects, then connects again.")]
    ConnectionId = Parameter("string[]", help="Disconnects only these connections.")

    def process(self) -> None:
        if self.should_process("Exchange Online", "Disconnect"):
            state(self.session).update(connected=False, prefix="")
        return None
