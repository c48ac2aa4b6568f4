"""What every ADSync cmdlet shares: the module name, the error records the real module writes,
value completers over the connector spaces, and small conversions (GUIDs, UTC datetimes).

The ADSync cmdlets run on the Azure AD Connect server, so there is no connect step. Knows the
tenant only through its public API (tenant.sync, tenant.scheduler, tenant.ad_cs/aad_cs,
tenant.metaverse, tenant.directory); knows nothing of the REPL.
"""
from __future__ import annotations

import bisect
import uuid
from typing import Any, Iterable, List, Optional, Tuple

from msolsh.runtime.cmdlet import Cmdlet, cmdlet

from .ruletable import rule_names

MODULE = "ADSync"
NS = "Microsoft.IdentityManagement.PowerShell.ObjectModel"
CMDLET_NS = "Microsoft.IdentityManagement.PowerShell.Cmdlet"
RUN_PROFILES = ("Full Import", "Delta Import", "Full Synchronization", "Delta Synchronization",
                "Export")
# Deterministic ids for things the tenant does not number (run profiles, partitions, rules).
_ID_NAMESPACE = uuid.UUID("6f1c4a52-7d8e-4b0a-9a55-0d2b8e3c1a77")


def adsync_cmdlet(name: str, **kwargs: Any):
    """@cmdlet for the ADSync module; binding errors name the real cmdlet class."""
    def decorate(cls: type) -> type:
        cls.fq_class = f"{CMDLET_NS}.{name.replace('-', '')}"
        return cmdlet(name, module=MODULE, **kwargs)(cls)
    return decorate


class ADSyncCmdlet(Cmdlet):
    """Base of the ADSync cmdlets: tenant shortcuts and the module's error records."""

    @property
    def tenant(self) -> Any:
        return self.session.tenant

    @property
    def engine(self) -> Any:
        return self.session.tenant.sync

    def fail(self, message: str, exception: str = "System.ArgumentException",
             category: str = "InvalidArgument", target: Any = None,
             error_id: Optional[str] = None, terminating: bool = False) -> None:
        """The real module's style: the .NET exception's message, its type as the reason and
        (for most ADSync cmdlets) the exception name as the FullyQualifiedErrorId."""
        record = self.error_record(message, error_id or exception.rsplit(".", 1)[-1], category,
                                   target=target, exception_type=exception,
                                   fq_class=self.fq_class)
        if terminating:
            self.throw_terminating(record)
        self.write_error(record)

    def bind_fail(self, parameter: str, value: Any, type_name: str, names) -> None:
        """pwsh's enum conversion failure for an enum-typed parameter (terminating)."""
        text = str(value)
        message = (f"Cannot bind parameter '{parameter}'. Cannot convert value \"{text}\" to type "
                   f"\"{type_name}\". Error: \"Unable to match the identifier name {text} to a "
                   f"valid enumerator name. Specify one of the following enumerator names and try "
                   f"again:\n{', '.join(names)}\"")
        record = self.error_record(message, "CannotConvertArgumentNoMessage", "InvalidArgument",
                                   exception_type="System.Management.Automation."
                                                  "ParameterBindingException",
                                   fq_class=self.fq_class)
        self.throw_terminating(record)

    def enum_value(self, parameter: str, value: Any, type_name: str, names) -> Any:
        """An enum argument, matched case-insensitively as pwsh converts it."""
        if value is None:
            return None
        for name in names:
            if name.lower() == str(value).strip().lower():
                return name
        self.bind_fail(parameter, value, type_name, names)
        return None

    def connector_or_fail(self, name: Any = None, identifier: Any = None) -> Any:
        """The connector space named (case-insensitively) or identified, else an error."""
        engine = self.engine
        wanted = str(identifier if identifier is not None else name)
        for cs in (engine.ad_cs, engine.aad_cs):
            if cs.name.lower() == wanted.lower() or cs.identifier == wanted.lower():
                return cs
        self.fail(f"The specified connector '{wanted}' was not found.",
                  "System.ArgumentException", "ObjectNotFound", target=wanted)
        return None


# -- conversions -------------------------------------------------------------------------------

def naive(value: Any) -> Any:
    """The tenant keeps aware UTC datetimes; the shell works in naive ones."""
    return value.replace(tzinfo=None) if getattr(value, "tzinfo", None) else value


def guid(value: Any) -> Optional[uuid.UUID]:
    return uuid.UUID(str(value)) if value else None


def derived_guid(*parts: str) -> uuid.UUID:
    """A stable GUID for an object the tenant does not number (same parts, same GUID)."""
    return uuid.uuid5(_ID_NAMESPACE, "/".join(parts))


EMPTY = uuid.UUID(int=0)


# -- value completers: sorted lists rebuilt only when the store changed -------------------------

_CACHE: dict = {}


def _cached(key: Any, stamp: Any, build) -> Tuple[List[str], List[str]]:
    """(values sorted case-insensitively, their lower-case forms), rebuilt when stamp changes."""
    hit = _CACHE.get(key)
    if hit is None or hit[0] != stamp:
        values = sorted(set(build()), key=str.lower)
        hit = (stamp, values, [v.lower() for v in values])
        _CACHE[key] = hit
    return hit[1], hit[2]


def prefixed(values: List[str], prefix: str, folded: Optional[List[str]] = None) -> List[str]:
    """The values (sorted case-insensitively) that start with prefix, found by bisection."""
    low = prefix.lower()
    folded = folded if folded is not None else [v.lower() for v in values]
    out = []
    for i in range(bisect.bisect_left(folded, low), len(values)):
        if not folded[i].startswith(low):
            break
        out.append(values[i])
    return out


def complete_connectors(session: Any, prefix: str) -> List[str]:
    sync = session.tenant.sync
    return prefixed(sorted((sync.ad_cs.name, sync.aad_cs.name), key=str.lower), prefix)


def complete_run_profiles(session: Any, prefix: str) -> Iterable[str]:
    return [p for p in RUN_PROFILES if p.lower().startswith(prefix.lower())]


def complete_cs_dns(session: Any, prefix: str) -> List[str]:
    """DNs in the AD connector space (what -DistinguishedName usually names)."""
    cs = session.tenant.ad_cs
    stamp = (id(cs), len(cs.objects), cs.watermark, cs.run_number)
    values, folded = _cached("cs-dn", stamp, lambda: (o.dn for o in cs.objects.values()))
    return prefixed(values, prefix, folded)


def complete_ad_dns(session: Any, prefix: str) -> List[str]:
    """DNs of on-premises AD objects, for Invoke-ADSyncSingleObjectSync."""
    directory = session.tenant.directory
    stamp = (id(directory), directory.usn)
    values, folded = _cached("ad-dn", stamp, lambda: (o.dn for o in directory.live_objects()))
    return prefixed(values, prefix, folded)


def complete_rule_names(session: Any, prefix: str) -> List[str]:
    return prefixed(sorted(rule_names(session.tenant), key=str.lower), prefix)
