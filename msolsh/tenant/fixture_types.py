"""Value types of the fixture schema and the structural validator that applies them.

Each type checks one located value and either returns it (normalised) or reports a problem
`file:line: path: message` to a Problems list; nothing stops at the first problem. Knows
nothing of the tenant stores or the shell.
"""
from __future__ import annotations

import difflib
import re
import uuid
from datetime import datetime, timezone

from .fixture_yaml import LocatedList, LocatedMap

INVALID = object()  # returned for a value that was reported; the caller drops it
_FQDN = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                   r"[A-Za-z]{2,63}$")
_RDN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*=.+$", re.S)


class Problems:
    """Every problem found, in file order when rendered."""

    def __init__(self):
        self.items: list[tuple[tuple, str, str]] = []

    def add(self, loc: tuple, path: str, message: str) -> None:
        self.items.append((loc, path, message))

    def __bool__(self):
        return bool(self.items)

    def lines(self) -> list[str]:
        ordered = sorted(self.items, key=lambda p: (p[0][0], p[0][1]))
        return [f"{loc[0]}:{loc[1]}: {path}: {msg}" if path else f"{loc[0]}:{loc[1]}: {msg}"
                for loc, path, msg in ordered]


def kind_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, datetime):
        return "timestamp"
    return type(value).__name__


class Type:
    """Base: `name` reads after 'expected' ('a string'), `plural` after 'a list of'."""
    name, plural = "a value", "values"

    def accepts(self, value) -> bool:
        return True

    def check(self, value, loc, path, problems):
        if not self.accepts(value):
            problems.add(loc, path, f"expected {self.name}, got {kind_of(value)}")
            return INVALID
        return self.convert(value, loc, path, problems)

    def convert(self, value, loc, path, problems):
        return value


class Str(Type):
    name, plural = "a string", "strings"

    def accepts(self, value):
        return isinstance(value, str)

    def check(self, value, loc, path, problems):
        if isinstance(value, str):  # the hot path of a large fixture: one call per field
            return self.convert(value, loc, path, problems)
        return Type.check(self, value, loc, path, problems)


class Int(Type):
    name, plural = "an integer", "integers"

    def accepts(self, value):
        return isinstance(value, int) and not isinstance(value, bool)


class Bool(Type):
    name, plural = "true or false", "booleans"

    def accepts(self, value):
        return isinstance(value, bool)


class Enum(Str):
    def __init__(self, *values):
        self.values = values
        self.name = "one of " + ", ".join(values)
        self.plural = "strings"

    def convert(self, value, loc, path, problems):
        for v in self.values:  # PowerShell-style: case-insensitive, canonical spelling kept
            if v.lower() == value.lower():
                return v
        problems.add(loc, path, f"'{value}' is not one of {', '.join(self.values)}")
        return INVALID


class Guid(Str):
    name, plural = "a GUID", "GUIDs"

    def convert(self, value, loc, path, problems):
        try:
            return str(uuid.UUID(value.strip().strip("{}")))
        except ValueError:
            problems.add(loc, path, f"'{value}' is not a valid GUID")
            return INVALID


class DN(Str):
    name, plural = "a distinguished name", "distinguished names"

    def convert(self, value, loc, path, problems):
        from . import dn as dnlib
        parts = dnlib.split(value)
        if not parts or not all(_RDN.match(p) for p in parts):
            problems.add(loc, path, f"'{value}' is not a valid distinguished name")
            return INVALID
        return dnlib.normalize(value)


class Ref(Str):
    """An AD object named by DN (it has an '=') or by sAMAccountName."""
    name, plural = "a DN or sAMAccountName", "DNs or sAMAccountNames"

    def convert(self, value, loc, path, problems):
        return DN.convert(self, value, loc, path, problems) if "=" in value else value


class Domain(Str):
    name, plural = "a domain name", "domain names"

    def convert(self, value, loc, path, problems):
        if not _FQDN.match(value):
            problems.add(loc, path, f"'{value}' is not a valid domain name")
            return INVALID
        return value


class Address(Str):
    """user@domain (UPN, SMTP address)."""
    name, plural = "an address like user@domain", "addresses like user@domain"

    def convert(self, value, loc, path, problems):
        local, at, domain = value.rpartition("@")
        if not at or not local or not _FQDN.match(domain):
            problems.add(loc, path, f"'{value}' is not a valid address (user@domain)")
            return INVALID
        return value


class ProxyAddress(Str):
    """prefix:value, SMTP values with an @ (what the Exchange attribute editor enforces)."""
    name, plural = "a proxy address like SMTP:user@domain", "strings"

    def convert(self, value, loc, path, problems):
        prefix, colon, rest = value.partition(":")
        if not colon or not prefix or not rest:
            problems.add(loc, path, f"'{value}' is not a proxy address (prefix:address)")
            return INVALID
        if prefix.lower() == "smtp" and "@" not in rest:
            problems.add(loc, path, f"'{value}' is not a valid SMTP proxy address")
            return INVALID
        return value


class Timestamp(Type):
    name, plural = "a timestamp like 2026-01-05T09:00:00Z", "timestamps"

    def accepts(self, value):
        return isinstance(value, (str, datetime))

    def convert(self, value, loc, path, problems):
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                problems.add(loc, path, f"'{value}' is not a valid timestamp")
                return INVALID
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class ListOf(Type):
    """A list of `item`; a lone scalar is a type error (AD multi-valued attributes too)."""

    def __init__(self, item: Type, name: str | None = None):
        self.item = item
        self.name = name or "a list of " + item.plural
        self.plural = "lists"

    def accepts(self, value):
        return isinstance(value, list)

    def convert(self, value, loc, path, problems):
        out = LocatedList(loc)
        for i, item in enumerate(value):
            item_loc = value.loc_of(i) if isinstance(value, LocatedList) else loc
            got = self.item.check(item, item_loc, f"{path}[{i}]", problems)
            if got is not INVALID:
                out.append(got)
                out.locs.append(item_loc)
        return out


class Either(Type):
    """The first type whose accepts() takes the value (e.g. an OU as text or as a mapping)."""

    def __init__(self, *types: Type):
        self.types = types
        self.name = " or ".join(t.name for t in types)
        self.plural = " or ".join(t.plural for t in types)

    def accepts(self, value):
        return any(t.accepts(value) for t in self.types)

    def convert(self, value, loc, path, problems):
        chosen = next(t for t in self.types if t.accepts(value))
        return chosen.convert(value, loc, path, problems)


class Obj(Type):
    """A mapping with declared fields. Keys match case-insensitively and come back in their
    canonical spelling; unknown keys are reported with a did-you-mean."""
    name, plural = "a mapping", "mappings"

    def __init__(self, fields: dict, required=(), name=None):
        self.fields = fields
        self.required = tuple(required)
        self._by_lower = {k.lower(): k for k in fields}
        if name:
            self.name = name

    def accepts(self, value):
        return isinstance(value, dict)

    def convert(self, value, loc, path, problems):
        out, fields = LocatedMap(loc, path), self.fields
        located = isinstance(value, LocatedMap)
        for key, item in value.items():
            key_loc = value.loc_of(key) if located else loc
            canon = key if key in fields else self._canonical(key)
            where = f"{path}.{key}" if path else str(key)
            if canon is None:
                problems.add(key_loc, where, "unknown key" + self.suggest(key))
                continue
            got = fields[canon].check(item, key_loc, where, problems)
            if got is not INVALID:
                out[canon], out.locs[canon] = got, key_loc
        missing = [req for req in self.required if req not in out]
        for req in missing:
            if not _reported(req, value):
                problems.add(loc, path, f"missing required key '{req}'")
        return INVALID if missing else out  # later checks may rely on required keys

    def _canonical(self, key):
        return self._by_lower.get(key.lower()) if isinstance(key, str) else None

    def suggest(self, key) -> str:
        close = difflib.get_close_matches(str(key).lower(), self._by_lower, n=1, cutoff=0.75)
        return f" (did you mean '{self._by_lower[close[0]]}'?)" if close else ""


def _reported(req: str, value: dict) -> bool:
    # Present but invalid: its own problem was already reported.
    return any(isinstance(k, str) and k.lower() == req.lower() for k in value)

