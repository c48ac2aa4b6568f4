"""How one value reads inside formatted output: a table cell, a list value, a primitive line.

Windows PowerShell 5.1's look: collections as `{a, b, c}` cut after $FormatEnumerationLimit (4)
items with `...`, DateTime in en-US `11/25/2026 10:05:32 AM`, nested objects by their string
form (`@{a=1}`), $null as nothing. The value modules (coerce, pstypes, operators) are imported
lazily so formatting stays importable while they change; nothing here knows the tenant.
"""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, List

from msolsh.runtime.errors import ErrorRecord
from msolsh.runtime.values import PSHashtable, PSObject

ENUMERATION_LIMIT = 4
NUMBER_TYPES = (int, float, Decimal)


def is_number(value: Any) -> bool:
    return isinstance(value, NUMBER_TYPES) and not isinstance(value, bool)


def is_collection(value: Any) -> bool:
    return isinstance(value, list)


def plain_text(value: Any) -> str:
    """The value's string conversion (coerce.to_string), DateTime in the en-US display form."""
    if value is None:
        return ""
    if type(value) is str:
        return value
    if type(value) is _dt.datetime:
        return datetime_text(value)
    if isinstance(value, ErrorRecord):
        return value.message            # ErrorRecord.ToString()
    if not _TO_STRING:
        try:
            from msolsh.runtime.coerce import to_string
        except ImportError:
            return _fallback_text(value)
        _TO_STRING.append(to_string)
    return _TO_STRING[0](value)


_TO_STRING: list = []     # coerce.to_string, bound on first use (coerce imports lazily)


def _fallback_text(value: Any) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, PSObject):
        return "@{" + "; ".join(f"{n}={_fallback_text(v)}" for n, v in value.properties()) + "}"
    if isinstance(value, PSHashtable):
        return "System.Collections.Hashtable"
    if isinstance(value, list):
        return " ".join(_fallback_text(v) for v in value)
    return "" if value is None else str(value)


def datetime_text(value: _dt.datetime) -> str:
    """5.1's en-US general pattern: M/d/yyyy h:mm:ss tt."""
    hour = value.hour % 12 or 12
    ampm = "AM" if value.hour < 12 else "PM"
    return f"{value.month}/{value.day}/{value.year} {hour}:{value.minute:02d}:{value.second:02d} {ampm}"


def datetime_long_text(value: _dt.datetime) -> str:
    """A bare DateTime at top level: `Wednesday, November 25, 2026 10:05:32 AM`."""
    hour = value.hour % 12 or 12
    ampm = "AM" if value.hour < 12 else "PM"
    return (f"{value.strftime('%A')}, {value.strftime('%B')} {value.day}, {value.year} "
            f"{hour}:{value.minute:02d}:{value.second:02d} {ampm}")


def element_text(value: Any) -> str:
    """An element inside `{...}`: nested collections show their type name, as ToString() does."""
    if isinstance(value, list):
        return getattr(value, "type_name", "System.Object[]")
    return plain_text(value)


def collection_text(items: List[Any], limit: int = ENUMERATION_LIMIT) -> str:
    shown = [element_text(x) for x in (items if limit < 0 else items[:limit])]
    more = "..." if 0 <= limit < len(items) else ""
    return "{" + ", ".join(shown) + more + "}"


def cell_text(value: Any, format_string: Any = None, limit: int = ENUMERATION_LIMIT) -> str:
    """What a table cell or a list value shows for `value`."""
    if format_string:
        return formatted(value, format_string)
    if isinstance(value, list):
        return collection_text(value, limit)
    if isinstance(value, PSHashtable):      # 5.1 shows a nested hashtable by its keys: {a, b}
        return collection_text(value.keys(), limit)
    return plain_text(value)


def formatted(value: Any, format_string: str) -> str:
    """A calculated property's FormatString ('N2', '{0:N2}', 'yyyy-MM-dd') through -f."""
    fmt = format_string if "{" in format_string else "{0:" + format_string + "}"
    try:
        from msolsh.runtime.operators import format_composite
        return format_composite(fmt, [value])
    except ImportError:
        return plain_text(value)
    except Exception:  # a bad format string shows the plain value, as pwsh does
        return plain_text(value)
