"""Truthiness, the default text of values, and reading numbers from text: the conversions every
other one builds on (LanguagePrimitives' IsTrue, ConvertTo<string>, number parsing).

Interface:
  to_bool(v) -> bool              PowerShell truthiness
  to_string(v) -> str             "$v" / [string]$v (invariant culture, $OFS = ' ')
  element_string(v)               Object.ToString(): collections show their type name
  format_double(f) / format_timespan(t)             .NET's default text of a double / TimeSpan
  parse_number(text)              a numeric string as pwsh reads it, or None
Casts to types live in casts.py; coerce.py re-exports both. Knows nothing of the compiler,
scopes or the tenant.
"""
from __future__ import annotations

import datetime as _dt
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from msolsh.runtime.pstypes import Char, Match, PSList, Regex, Version, type_name_of
from msolsh.runtime.typenames import TypeInfo
from msolsh.runtime.values import PSCUSTOMOBJECT, PSHashtable, PSObject

# --- truthiness ----------------------------------------------------------------------------

def to_bool(v: Any) -> bool:
    t = type(v)
    if t is bool:
        return v
    if v is None:
        return False
    if t is int or t is float or t is str or t is Decimal or t is Char:
        return bool(v)
    if isinstance(v, list):
        if not v:
            return False
        if len(v) == 1:
            first = v[0]
            return len(first) > 0 if isinstance(first, list) else to_bool(first)
        return True
    return True


# --- strings -------------------------------------------------------------------------------

def format_double(f: float) -> str:
    """double.ToString() in .NET Core 3+: shortest round-trip digits, E notation outside
    1e-4 <= |f| < 1e15."""
    if f != f:
        return "NaN"
    if f in (float("inf"), float("-inf")):
        return "Infinity" if f > 0 else "-Infinity"
    if f == int(f) and abs(f) < 1e15:
        return str(int(f)) if f or str(f)[0] != "-" else "-0"
    sign, digits, exp = Decimal(repr(f)).as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    point = len(digits) + exp          # position of the decimal point after the first digits
    lead = "-" if sign else ""
    if point - 1 >= 15 or point - 1 < -4:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        e = point - 1
        return f"{lead}{mantissa}E{'+' if e >= 0 else '-'}{abs(e):02d}"
    if point <= 0:
        return f"{lead}0.{'0' * -point}{text}"
    if point >= len(text):
        return lead + text + "0" * (point - len(text))
    return f"{lead}{text[:point]}.{text[point:]}"


def format_timespan(t: _dt.timedelta) -> str:
    """[-][d.]hh:mm:ss[.fffffff]"""
    ticks = (t.days * 86400 + t.seconds) * 10**7 + t.microseconds * 10
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    secs, frac = divmod(ticks, 10**7)
    days, secs = divmod(secs, 86400)
    clock = f"{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}"
    text = f"{sign}{str(days) + '.' if days else ''}{clock}"
    return text + (f".{frac:07d}" if frac else "")


def _object_text(v: PSObject) -> str:
    """[pscustomobject] shows '@{A=1; B=2}'; cmdlet objects show what their .NET ToString()
    gives: AD objects their DistinguishedName, Exchange objects their Identity, others
    (e.g. Microsoft.Online.Administration.User) their type name."""
    if v.type_names[0] == PSCUSTOMOBJECT:
        return "@{" + "; ".join(f"{n}={element_string(x)}" for n, x in v.properties()) + "}"
    for name in ("DistinguishedName", "Identity"):
        if v.has(name):
            return to_string(v.get(name))
    return v.type_names[0]


def element_string(v: Any) -> str:
    """Object.ToString(): what an element shows as inside "$array" or "@{...}": collections show
    their type name instead of their content."""
    if isinstance(v, list) and type(v) is not PSList:
        return "System.Object[]"
    if type(v) is PSList:
        return v.type_name
    return to_string(v)


def to_string(v: Any) -> str:
    t = type(v)
    if t is str:
        return v
    if v is None:
        return ""
    if t is int:
        return str(v)
    if t is bool:
        return "True" if v else "False"
    if t is float:
        return format_double(v)
    if isinstance(v, list):
        return " ".join([element_string(x) for x in v])
    return _other_string(v, t)


def _other_string(v: Any, t: type) -> str:
    if t is Decimal:
        return format(v, "f")
    if t is _dt.datetime:
        return (f"{v.month:02d}/{v.day:02d}/{v.year:04d} "
                f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}")
    if t is _dt.timedelta:
        return format_timespan(v)
    if t is PSHashtable:
        return type_name_of(v)
    if t is PSObject:
        return _object_text(v)
    if t is TypeInfo:
        return v.full_name
    if t in (Char, Version, Regex, Match, uuid.UUID) or isinstance(v, str):
        return str(v)
    text = getattr(v, "text", None)   # ScriptBlock: a fixed attribute name, never user input
    if isinstance(text, str):
        return text
    return type_name_of(v)


# --- numbers -------------------------------------------------------------------------------

_MULTIPLIERS = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}


def parse_number(text: str) -> Any:
    """A string as pwsh's number conversion reads it ('12', ' -1.5 ', '0x1F', '1e3', '2kb', '10d',
    '' -> 0), or None when it is not a number."""
    s = text.strip().lower()
    if not s:
        return 0
    mult = _MULTIPLIERS.get(s[-2:]) if len(s) > 2 else None
    if mult:
        s = s[:-2]
    value = _parse_plain(s)
    if value is None or mult is None:
        return value
    product = value * mult
    whole = type(product) is float and product == int(product) and type(value) is int
    return int(product) if whole else product


def _parse_plain(s: str) -> Any:
    sign = 1
    body = s
    if body[:1] in "+-":
        sign, body = (-1 if body[0] == "-" else 1), body[1:]
    if body.startswith("0x"):
        try:
            n = int(body[2:].rstrip("l"), 16)
        except ValueError:
            return None
        if n <= 0xFFFFFFFF and n > 0x7FFFFFFF:     # hex literals wrap like Int32
            n -= 2**32
        return sign * n
    if body.endswith("d"):
        try:
            return sign * Decimal(body[:-1])
        except InvalidOperation:
            return None
    body = body[:-1] if body.endswith("l") else body
    if body.isdigit():
        return sign * int(body)
    if not body or not (body[0].isdigit() or body[0] == "."):
        return None
    try:
        return sign * float(body)
    except ValueError:
        return None
