"""Value classes .NET has and Python lacks, and how .NET values are parsed from text.

Interface:
  Char, Version, PSList (ArrayList / List[object]), Regex, Match   value classes
  type_name_of(value) -> str           the .NET type name of any value
  translate_regex / compile_regex / matches_table / replacement / net_group_order
                                       .NET regex syntax, $Matches and $1/${name} substitutions
  parse_datetime / parse_exact / parse_timespan / now (CLOCK hook)
Re-exported from their own modules (import them from here or from there):
  fail / method_exception / check_size / NetError          failures.py
  format_datetime / format_composite / format_value / format_number   netformat.py
TimeSpan is datetime.timedelta, Guid is uuid.UUID, DateTime is datetime.datetime (no time zone:
the simulated world's local time is UTC). Nothing here knows the compiler or the tenant.
"""
from __future__ import annotations

import datetime as _dt
import re
import uuid
from decimal import Decimal
from typing import Any, Callable, List, Optional

from msolsh.runtime.failures import (MAX_ELEMENTS, METHOD_COUNT_EXCEPTION,  # noqa: F401
                                     METHOD_EXCEPTION, RUNTIME_EXCEPTION, NetError, check_size,
                                     fail, method_exception)
from msolsh.runtime.netformat import (format_composite, format_datetime,  # noqa: F401
                                      format_number, format_value)
from msolsh.runtime.values import PSHashtable, PSObject

class Char(str):
    """[char]: a one-character string that knows it is a System.Char."""
    __slots__ = ()


class Version:
    """[version]: 2 to 4 numeric parts; missing build/revision are -1 as in .NET."""
    __slots__ = ("parts",)

    def __init__(self, *parts: int):
        self.parts = tuple(parts) + (-1,) * (4 - len(parts))

    @classmethod
    def parse(cls, text: str) -> "Version":
        pieces = text.strip().split(".")
        if not 2 <= len(pieces) <= 4 or not all(p.strip().isdigit() for p in pieces):
            raise ValueError("Version string portion was too short or too long."
                             if not 2 <= len(pieces) <= 4 else
                             "Input string was not in a correct format.")
        return cls(*(int(p) for p in pieces))

    @property
    def major(self) -> int:
        return self.parts[0]

    def __str__(self) -> str:
        return ".".join(str(p) for p in self.parts if p >= 0)

    def _key(self) -> tuple:
        return self.parts

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Version) and self.parts == other.parts

    def __lt__(self, other: "Version") -> bool:
        return self.parts < other.parts

    def __hash__(self) -> int:
        return hash(self.parts)

    def __repr__(self) -> str:
        return f"Version({self})"


class PSList(list):
    """[System.Collections.ArrayList] / List[object]: growable, unlike object[] (a plain list)."""
    __slots__ = ("type_name",)

    def __init__(self, items: Any = (), type_name: str = "System.Collections.ArrayList"):
        super().__init__(items)
        self.type_name = type_name


# --- regular expressions -------------------------------------------------------------------

_NET_NAMED = re.compile(r"\\k<([A-Za-z_]\w*)>|\\.|\(\?<([A-Za-z_]\w*)>|\(\?'([A-Za-z_]\w*)'")


def translate_regex(pattern: str) -> str:
    """.NET regex syntax -> Python re syntax for the constructs that differ."""
    def swap(m: "re.Match[str]") -> str:
        text = m.group(0)
        if m.group(1):
            return f"(?P={m.group(1)})"
        if text.startswith("\\"):
            return {"\\z": "\\Z", "\\Z": "(?=\\n?\\Z)"}.get(text, text)
        return f"(?P<{m.group(2) or m.group(3)}>"
    return _NET_NAMED.sub(swap, pattern)


_REGEX_CACHE: dict = {}


def compile_regex(pattern: str, ignore_case: bool = True, flags: int = 0) -> "re.Pattern[str]":
    """A cached compiled .NET pattern; flags: extra re flags (Multiline, Singleline...)."""
    key = (pattern, ignore_case, flags)
    compiled = _REGEX_CACHE.get(key)
    if compiled is None:
        try:
            compiled = re.compile(translate_regex(pattern),
                                  flags | (re.IGNORECASE if ignore_case else 0))
        except (re.error, RecursionError, OverflowError) as exc:
            raise RegexError(pattern, str(exc)) from None
        if len(_REGEX_CACHE) > 512:
            _REGEX_CACHE.clear()
        _REGEX_CACHE[key] = compiled
    return compiled


class RegexError(Exception):
    """A pattern Python's re rejects; callers turn it into their pwsh-specific error."""

    def __init__(self, pattern: str, detail: str):
        super().__init__(f'Invalid pattern \'{pattern}\' at offset 0. {detail}')
        self.pattern = pattern


class Regex:
    """[regex]'pattern': case-sensitive by default, like .NET."""
    __slots__ = ("pattern", "compiled")

    def __init__(self, pattern: str, ignore_case: bool = False):
        self.pattern = pattern
        self.compiled = compile_regex(pattern, ignore_case)

    def __str__(self) -> str:
        return self.pattern


class Match:
    """System.Text.RegularExpressions.Match (also used for its Groups)."""
    __slots__ = ("m", "group", "name")

    def __init__(self, m: Optional["re.Match[str]"], group: Any = 0, name: str = "0"):
        self.m, self.group, self.name = m, group, name

    @property
    def success(self) -> bool:
        return self.m is not None and self.m.group(self.group) is not None

    @property
    def value(self) -> str:
        return (self.m.group(self.group) or "") if self.m else ""

    @property
    def index(self) -> int:
        return max(self.m.start(self.group), 0) if self.m else 0

    def groups(self) -> List["Match"]:
        if self.m is None:
            return [Match(None)]
        names = {i: n for n, i in self.m.re.groupindex.items()}
        order = net_group_order(self.m.re)
        return [Match(self.m, i, names.get(i, str(k))) for k, i in enumerate(order)]

    def __str__(self) -> str:
        return self.value


def matches_table(m: "re.Match[str]") -> PSHashtable:
    """$Matches after a successful -match: group number or name -> text, unmatched omitted."""
    table = PSHashtable()
    names = {i: n for n, i in m.re.groupindex.items()}
    for i in sorted(names, reverse=True):          # pwsh lists names first, then numbers down
        if m.group(i) is not None:
            table[names[i]] = m.group(i)
    numbered = [i for i in net_group_order(m.re) if i not in names]
    for net_number in range(len(numbered) - 1, -1, -1):
        if m.group(numbered[net_number]) is not None:
            table[net_number] = m.group(numbered[net_number])
    return table


def net_group_order(pattern: "re.Pattern[str]") -> List[int]:
    """Python group indexes in .NET numbering order: unnamed groups first, then named ones."""
    named = set(pattern.groupindex.values())
    return [i for i in range(pattern.groups + 1) if i not in named] + sorted(named)


_SUBST = re.compile(r"\$(?:(\d+)|\{([^}]*)\}|(\$)|(&)|(_)|(`)|(')|(\+))")


def replacement(pattern: "re.Pattern[str]", template: str) -> Callable[["re.Match[str]"], str]:
    """A .NET replacement string ($1, ${name}, $0, $&, $$) as a function of a match; references to
    groups that do not exist stay literal, as in .NET."""
    if "$" not in template:
        return lambda m: template
    parts: List[Any] = []
    pos = 0
    for sm in _SUBST.finditer(template):
        ref = _group_ref(pattern, sm)
        if ref is None:
            continue
        parts.append(template[pos:sm.start()])
        parts.append(ref)
        pos = sm.end()
    parts.append(template[pos:])

    def expand(m: "re.Match[str]") -> str:
        out = []
        for part in parts:
            if type(part) is str:
                out.append(part)
            elif part[0] == "g":
                out.append(m.group(part[1]) or "")
            else:
                out.append(part[1](m))
        return "".join(out)
    return expand


def _group_ref(pattern: "re.Pattern[str]", sm: "re.Match[str]") -> Any:
    digits, name = sm.group(1), sm.group(2)
    if sm.group(3):
        return ("f", lambda m: "$")
    if sm.group(4):
        return ("g", 0)
    if sm.group(5):
        return ("f", lambda m: m.string)
    if sm.group(6):
        return ("f", lambda m: m.string[:m.start()])
    if sm.group(7):
        return ("f", lambda m: m.string[m.end():])
    if sm.group(8):
        return ("f", lambda m: m.group(pattern.groups) or "" if pattern.groups else "")
    order = net_group_order(pattern)
    if digits is not None:
        return ("g", order[int(digits)]) if int(digits) < len(order) else None
    if name is not None:
        if name.isdigit():
            return ("g", order[int(name)]) if int(name) < len(order) else None
        return ("g", name) if name in pattern.groupindex else None
    return None


# --- type names ----------------------------------------------------------------------------

_PY_TYPE_NAMES = {
    str: "System.String", bool: "System.Boolean", float: "System.Double",
    Decimal: "System.Decimal", list: "System.Object[]", tuple: "System.Object[]",
    Char: "System.Char", _dt.datetime: "System.DateTime", _dt.timedelta: "System.TimeSpan",
    uuid.UUID: "System.Guid", Version: "System.Version",
    Regex: "System.Text.RegularExpressions.Regex", Match: "System.Text.RegularExpressions.Match",
    bytes: "System.Byte[]",
}


def type_name_of(value: Any) -> str:
    """The .NET full name of a value's type; None has none (callers say 'null')."""
    t = type(value)
    if t is int:
        return "System.Int32" if -2147483648 <= value <= 2147483647 else "System.Int64"
    name = _PY_TYPE_NAMES.get(t)
    if name:
        return name
    if t is PSHashtable:
        return "System.Collections.Specialized.OrderedDictionary" if value.ordered \
            else "System.Collections.Hashtable"
    if t is PSObject:
        return value.type_names[0]
    if t is PSList:
        return value.type_name
    if value is None:
        return "null"
    if hasattr(type(value), "text") or type(value).__name__ == "ScriptBlock":
        return "System.Management.Automation.ScriptBlock"
    return "System.Object"


# --- dates and times (invariant / en-US culture) --------------------------------------------

def _real_now() -> _dt.datetime:
    return _dt.datetime.now().replace(microsecond=0)


CLOCK: List[Callable[[], _dt.datetime]] = [_real_now]


def now() -> _dt.datetime:
    return CLOCK[0]()


_DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y",
                 "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%A, %B %d, %Y", "%A, %d %B %Y"]
_TIME_FORMATS = ["", "T%H:%M", "T%H:%M:%S", "T%H:%M:%S.%f", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f",
                 " %I:%M %p", " %I:%M:%S %p"]


def parse_datetime(text: str) -> _dt.datetime:
    """DateTime.Parse with the invariant culture, for the shapes people type."""
    s = " ".join(text.split())
    s = s[:-1] if s[-1:] in ("Z", "z") and ":" in s else s
    offset = _dt.timedelta(0)
    zone = _OFFSET.search(s)
    if zone and ":" in s[:zone.start()]:      # an explicit offset: convert to local time, which is UTC in the simulation
        sign = -1 if zone.group(1) == "-" else 1
        offset = sign * _dt.timedelta(hours=int(zone.group(2)), minutes=int(zone.group(3)))
        s = s[:zone.start()]
    s = _trim_fraction(s)
    for date_fmt in _DATE_FORMATS:
        for time_fmt in _TIME_FORMATS:
            try:
                return _dt.datetime.strptime(s, date_fmt + time_fmt) - offset
            except ValueError:
                pass
    for time_fmt in ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p"):
        try:
            t = _dt.datetime.strptime(s, time_fmt)
        except ValueError:
            continue
        return _dt.datetime.combine(now().date(), t.time())
    raise ValueError(f"String '{text}' was not recognized as a valid DateTime.")


_OFFSET = re.compile(r"(?<=\d)([+-])(\d\d):?(\d\d)$")


def _trim_fraction(s: str) -> str:
    m = re.search(r"(:\d\d)\.(\d{7,})$", s)
    return s[:m.start(2)] + m.group(2)[:6] if m else s


_TIMESPAN = re.compile(r"^\s*(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d{1,7}))?)?\s*$")


def parse_timespan(text: str) -> _dt.timedelta:
    """TimeSpan.Parse: [-][d.]hh:mm[:ss[.fffffff]] or a whole number of days."""
    if text.strip().lstrip("-").isdigit():
        return _dt.timedelta(days=int(text))
    m = _TIMESPAN.match(text)
    if not m or int(m.group(3)) > 23 or int(m.group(4)) > 59 or int(m.group(5) or 0) > 59:
        raise ValueError("String was not recognized as a valid TimeSpan.")
    frac = (m.group(6) or "").ljust(7, "0")
    span = _dt.timedelta(days=int(m.group(2) or 0), hours=int(m.group(3)), minutes=int(m.group(4)),
                         seconds=int(m.group(5) or 0), microseconds=int(frac) // 10)
    return -span if m.group(1) else span


_EXACT_TOKENS = [("yyyy", "%Y"), ("yy", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"), ("M", "%m"),
                 ("dddd", "%A"), ("ddd", "%a"), ("dd", "%d"), ("d", "%d"), ("HH", "%H"), ("H", "%H"),
                 ("hh", "%I"), ("h", "%I"), ("mm", "%M"), ("m", "%M"), ("ss", "%S"), ("s", "%S"),
                 ("fff", "%f"), ("tt", "%p")]


def parse_exact(text: str, fmt: str) -> _dt.datetime:
    """DateTime.ParseExact for the common custom specifiers."""
    out, i = [], 0
    while i < len(fmt):
        for token, directive in _EXACT_TOKENS:
            if fmt.startswith(token, i):
                out.append(directive)
                i += len(token)
                break
        else:
            c = fmt[i + 1] if fmt[i] == "\\" and i + 1 < len(fmt) else fmt[i]
            i += 2 if fmt[i] == "\\" else 1
            out.append("%%" if c == "%" else c)
    try:
        return _dt.datetime.strptime(text, "".join(out))
    except ValueError:
        raise ValueError(f"String '{text}' was not recognized as a valid DateTime.") from None

