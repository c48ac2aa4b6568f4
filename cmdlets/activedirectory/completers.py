"""Value completers for the ActiveDirectory parameters: sAMAccountNames, group names, DNs and
containers, answered by bisect from sorted lists rebuilt only when the directory's USN moved
(never a scan per keystroke). Knows the tenant's directory only.
"""
from __future__ import annotations

import bisect
from typing import Any, Callable, Iterable, List, Optional, Tuple

from .attributes import USER_CLASSES

_CACHE: dict = {}


def _sorted(session: Any, key: str,
            build_values: Callable[[Any], Iterable[str]]) -> Tuple[List[str], List[str]]:
    directory = session.tenant.directory
    stamp = (id(directory), directory.usn)
    cached = _CACHE.get(key)
    if cached is None or cached[0] != stamp:
        values = sorted(set(v for v in build_values(directory) if v), key=str.lower)
        cached = (stamp, (values, [v.lower() for v in values]))
        _CACHE[key] = cached
    return cached[1]


def _prefixed(entry: tuple, prefix: str) -> List[str]:
    values, folded = entry   # bisect on the folded copy, built once per directory change
    low = prefix.lower()
    return values[bisect.bisect_left(folded, low):bisect.bisect_left(folded, low + "\uffff")]


def completer(classes: Optional[Iterable[str]], attribute: str = "sAMAccountName") -> Callable:
    classes = tuple(classes) if classes else None
    key = f"{attribute}:{classes}"

    def complete(session: Any, prefix: str) -> List[str]:
        values = _sorted(session, key, lambda d: (
            (o.dn if attribute == "dn" else o.attrs.get(attribute)) for o in d.live_objects()
            if classes is None or o.object_class in classes))
        return _prefixed(values, prefix)
    return complete


complete_users = completer(USER_CLASSES)
complete_groups = completer(("group",))
complete_principals = completer(USER_CLASSES + ("group",))
complete_objects = completer(None, "dn")


def complete_containers(session: Any, prefix: str) -> List[str]:
    values = _sorted(session, "containers", lambda d: (
        o.dn for o in d.live_objects()
        if o.object_class in ("organizationalUnit", "container", "domainDNS")))
    return _prefixed(values, prefix)
