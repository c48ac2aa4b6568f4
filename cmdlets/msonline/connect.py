"""Connect-MsolService and what every MSOnline cmdlet shares: the connection check, the
MicrosoftOnlineException error records, enum-typed arguments, and the value completers.

Connection state lives in session.extensions['MSOnline'] (the runtime never reads it). Every
other MSOnline cmdlet derives from MsolCmdlet and implements run() instead of process().
Knows the tenant only through its public API (tenant.aad); knows nothing of the REPL.
"""
from __future__ import annotations

import bisect
from typing import Any, List, Optional, Sequence

from msolsh.cmdlets.connection import ConnectedCmdlet
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, cmdlet

MODULE = "MSOnline"
AUTOMATION = "Microsoft.Online.Administration.Automation"
MSOL_EXCEPTION = AUTOMATION + ".MicrosoftOnlineException"
NOT_CONNECTED = "You must call the Connect-MsolService cmdlet before calling any other cmdlets."
ENVIRONMENTS = ("AzureCloud", "AzureChinaCloud", "AzureGermanyCloud", "USGovernment")


def state(session: Any) -> dict:
    extensions = getattr(session, "extensions", None)
    if extensions is None:
        extensions = session.extensions = {}
    return extensions.setdefault("MSOnline", {"connected": False})


def fq_class(cmdlet_name: str) -> str:
    """Get-MsolUser -> ...Automation.GetUser: verb and noun without the hyphen or 'Msol'."""
    verb, _, noun = cmdlet_name.partition("-")
    if noun != "MsolService":
        noun = noun.replace("Msol", "", 1)
    return f"{AUTOMATION}.{verb}{noun}"


def msol_cmdlet(name: str, **kwargs: Any):
    """@cmdlet for the MSOnline module, adding the -TenantId every real cmdlet has (last)."""
    def decorate(cls: type) -> type:
        tenant_id = Parameter("guid", help="Specifies the unique ID of the tenant on which to "
                                           "perform the operation (partners only).")
        tenant_id.name = "TenantId"
        setattr(cls, "TenantId", tenant_id)
        cls.fq_class = fq_class(name)    # binding errors name the real class too
        return cmdlet(name, module=MODULE, **kwargs)(cls)
    return decorate


class MsolCmdlet(ConnectedCmdlet):
    """Base of every MSOnline cmdlet except Connect-MsolService: checks the connection once,
    then run() is called per input object. Errors are MicrosoftOnlineException records."""

    def check_connection(self) -> bool:
        connected = bool(state(self.session).get("connected"))
        if not connected:
            self.fail(NOT_CONNECTED, "MicrosoftOnlineException")
        return connected

    @property
    def aad(self) -> Any:
        return self.session.tenant.aad

    # -- errors ---------------------------------------------------------------------------
    def fail(self, message: str, exception_name: str, target: Any = None) -> None:
        """Write the real module's error: OperationStopped, MicrosoftOnlineException reason,
        FullyQualifiedErrorId '...Automation.<ExceptionName>,...Automation.<Class>'."""
        record = self.error_record(message, f"{AUTOMATION}.{exception_name}", "OperationStopped",
                                   target=target, exception_type=MSOL_EXCEPTION,
                                   fq_class=fq_class(self.name))
        self.write_error(record)

    def fail_from(self, exc: Any) -> None:
        """A tenant AzureADError (message + exception_name) as this cmdlet's error."""
        self.fail(exc.message, getattr(exc, "exception_name", "MicrosoftOnlineException"))

    def bind_fail(self, parameter: str, message: str) -> None:
        """A binding-style error for argument types msolsh checks itself (enums, LicenseOption)."""
        record = self.error_record(f"Cannot bind parameter '{parameter}'. {message}",
                                   "CannotConvertArgumentNoMessage", "InvalidArgument",
                                   exception_type="System.Management.Automation."
                                                  "ParameterBindingException",
                                   fq_class=fq_class(self.name))
        self.throw_terminating(record)

    def enum_value(self, parameter: str, value: Any, type_name: str,
                   names: Sequence[str]) -> Optional[str]:
        """Convert an enum-typed argument as pwsh does (case-insensitive), or fail binding."""
        if value is None:
            return None
        text = str(value)
        for name in names:
            if name.lower() == text.strip().lower():
                return name
        self.bind_fail(parameter, f'Cannot convert value "{text}" to type "{type_name}". Error: '
                                  f'"Unable to match the identifier name {text} to a valid '
                                  f'enumerator name. Specify one of the following enumerator '
                                  f'names and try again:\n{", ".join(names)}"')
        return None


def MsolExample(code: str, remarks: str = "") -> Example:
    """An example that runs in a fresh shell: it connects first, as a real session must."""
    return Example(f"Connect-MsolService; {code}", remarks)


# -- value completers: answer from sorted caches rebuilt only when Azure AD changed -----------

_CACHE: dict = {}


def _sorted_values(session: Any, key: str, build) -> List[str]:
    aad = session.tenant.aad
    stamp = (id(aad), aad.change_seq, len(aad.skus), len(aad.domains))
    cached = _CACHE.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, sorted(set(build(aad)), key=str.lower))
        _CACHE[key] = cached
    return cached[1]


def _prefixed(values: List[str], prefix: str) -> List[str]:
    folded = [v.lower() for v in values]
    start = bisect.bisect_left(folded, prefix.lower())
    out = []
    for value, low in zip(values[start:], folded[start:]):
        if not low.startswith(prefix.lower()):
            break
        out.append(value)
    return out


def complete_upns(session: Any, prefix: str) -> List[str]:
    return _prefixed(_sorted_values(session, "upn", lambda aad: (
        u.user_principal_name for u in aad.users() if u.user_principal_name)), prefix)


def complete_deleted_upns(session: Any, prefix: str) -> List[str]:
    return _prefixed(_sorted_values(session, "deleted-upn", lambda aad: (
        u.user_principal_name for u in aad.users(deleted=True) if u.user_principal_name)), prefix)


def complete_skus(session: Any, prefix: str) -> List[str]:
    return _prefixed(_sorted_values(session, "sku", lambda aad: (
        s["AccountSkuId"] for s in aad.skus.values())), prefix)


def complete_domains(session: Any, prefix: str) -> List[str]:
    return _prefixed(_sorted_values(session, "domain", lambda aad: (
        d["Name"] for d in aad.domains.values())), prefix)


def complete_group_names(session: Any, prefix: str) -> List[str]:
    return _prefixed(_sorted_values(session, "group", lambda aad: (
        g.display_name for g in aad.of_type("Group") if g.display_name)), prefix)


def complete_features(session: Any, prefix: str) -> List[str]:
    return _prefixed(sorted(session.tenant.aad.features), prefix)


def completer_for(names: Sequence[str]):
    """A completer over fixed enum names."""
    return lambda session, prefix: [n for n in names if n.lower().startswith(prefix.lower())]


# -- Connect-MsolService ----------------------------------------------------------------------

@msol_cmdlet("Connect-MsolService", default_set="None__0")
class ConnectMsolService(Cmdlet):
    """Initiates a connection to Azure Active Directory.

    Every other MSOnline cmdlet fails with "You must call the Connect-MsolService cmdlet before
    calling any other cmdlets." until this has run. In msolsh the connection is to the
    simulated tenant; no credential is checked and a successful connection prints nothing."""
    examples = [Example("Connect-MsolService", "Connects to the tenant's Azure AD."),
                Example("Connect-MsolService -AzureEnvironment AzureCloud",
                        "Connects to the global Azure cloud explicitly.")]
    Credential = Parameter("object", set="Credential",
                           help="Specifies the credential of an admin account (PSCredential).")
    AdGraphAccessToken = Parameter(str, set="AccessToken", aliases=("AccessToken",),
                                   help="Specifies an Azure AD Graph access token.")
    MsGraphAccessToken = Parameter(str, set="AccessToken",
                                   help="Specifies a Microsoft Graph access token.")
    AzureEnvironment = Parameter(str, set=("None__0", "Credential", "AccessToken"),
                                 validate_set=ENVIRONMENTS, complete=completer_for(ENVIRONMENTS),
                                 help="Specifies the Azure environment: AzureCloud (default), "
                                      "AzureChinaCloud, AzureGermanyCloud or USGovernment.")

    def process(self) -> None:
        info = state(self.session)
        info["connected"] = True
        info["environment"] = self.AzureEnvironment or "AzureCloud"
        return None
