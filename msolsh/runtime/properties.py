"""Properties of values, through an allow-list per kind of value: $x.Name, $x.Length, $d.Year,
$t.TotalHours, $m.Groups, $x.PSObject.Properties.

Interface:
  get_member(obj, name)               $x.Name (missing -> $null; arrays enumerate members;
                                      every scalar has Count/Length 1, $null 0)
  set_member(obj, name, value)        $x.Name = v
  PSObjectView(target)                $x.PSObject (Properties, TypeNames, BaseObject)
  Groups                              Match.Groups / PSObject.Properties: indexable by name
  span_ticks(timedelta) -> int        .NET ticks (100 ns) of a span
Member names are looked up in the tables below (case-insensitively), never with getattr on user
text. Knows nothing of methods, indexes, the compiler or the tenant.
"""
from __future__ import annotations

import datetime as _dt
import uuid
from typing import Any, Callable, Dict, List

from msolsh.runtime import types as _types
from msolsh.runtime.pstypes import Match, Version, fail, format_datetime, type_name_of
from msolsh.runtime.values import PSHashtable, PSObject


class PSObjectView:
    """$x.PSObject: Properties (Name/Value objects), TypeNames, BaseObject."""
    __slots__ = ("target",)

    def __init__(self, target: Any):
        self.target = target


class Groups(list):
    """Match.Groups and PSObject.Properties: indexable by number or by name."""
    __slots__ = ()

    def named(self, name: str) -> Any:
        key = name.lower()
        for item in self:
            item_name = item.name if type(item) is Match else get_member(item, "Name")
            if isinstance(item_name, str) and item_name.lower() == key:
                return item
        return None


# --- properties ----------------------------------------------------------------------------

def _datetime_text(d: _dt.datetime) -> str:
    return format_datetime(d, "dddd, MMMM d, yyyy h:mm:ss tt")


def span_ticks(t: _dt.timedelta) -> int:
    return (t.days * 86400 + t.seconds) * 10**7 + t.microseconds * 10


def _span_part(t: _dt.timedelta, unit: int, modulo: int) -> int:
    ticks = span_ticks(t)
    part = abs(ticks) // unit % modulo
    return -part if ticks < 0 else part


_DT_PROPS: Dict[str, Callable[[_dt.datetime], Any]] = {
    "year": lambda d: d.year, "month": lambda d: d.month, "day": lambda d: d.day,
    "hour": lambda d: d.hour, "minute": lambda d: d.minute, "second": lambda d: d.second,
    "millisecond": lambda d: d.microsecond // 1000,
    "dayofweek": lambda d: d.strftime("%A"), "dayofyear": lambda d: d.timetuple().tm_yday,
    "date": lambda d: _dt.datetime(d.year, d.month, d.day),
    "timeofday": lambda d: _dt.timedelta(hours=d.hour, minutes=d.minute, seconds=d.second,
                                         microseconds=d.microsecond),
    "ticks": lambda d: span_ticks(d - _dt.datetime(1, 1, 1)), "kind": lambda d: "Local",
    "datetime": _datetime_text,
}
_SPAN_PROPS: Dict[str, Callable[[_dt.timedelta], Any]] = {
    "days": lambda t: _span_part(t, 864 * 10**9, 10**12), "hours": lambda t: _span_part(t, 36 * 10**9, 24),
    "minutes": lambda t: _span_part(t, 6 * 10**8, 60), "seconds": lambda t: _span_part(t, 10**7, 60),
    "milliseconds": lambda t: _span_part(t, 10**4, 1000), "ticks": span_ticks,
    "totaldays": lambda t: span_ticks(t) / 864e9, "totalhours": lambda t: span_ticks(t) / 36e9,
    "totalminutes": lambda t: span_ticks(t) / 6e8, "totalseconds": lambda t: span_ticks(t) / 1e7,
    "totalmilliseconds": lambda t: span_ticks(t) / 1e4,
}
_VERSION_PROPS = {"major": 0, "minor": 1, "build": 2, "revision": 3}
_MATCH_PROPS: Dict[str, Callable[[Match], Any]] = {
    "success": lambda m: m.success, "value": lambda m: m.value, "index": lambda m: m.index,
    "length": lambda m: len(m.value), "name": lambda m: m.name,
    "groups": lambda m: Groups(m.groups()), "captures": lambda m: [m] if m.success else [],
}
_TYPE_PROPS: Dict[str, Callable[[Any], Any]] = {
    "name": lambda t: t.name, "fullname": lambda t: t.full_name,
    "namespace": lambda t: t.full_name.rsplit(".", 1)[0] if "." in t.full_name else "",
    "isarray": lambda t: t.full_name.endswith("[]"),
}


def _property(obj: Any, lname: str) -> Any:
    """(found, value) for a non-collection object."""
    t = type(obj)
    if t is str:
        return (True, len(obj)) if lname == "length" else (False, None)
    if t is PSObject:
        return _psobject_property(obj, lname)
    table = _PROPERTY_TABLES.get(t)
    if table is not None and lname in table:
        return True, table[lname](obj)
    if t is Version and lname in _VERSION_PROPS:
        return True, obj.parts[_VERSION_PROPS[lname]]
    if t is uuid.UUID and lname == "guid":
        return True, str(obj)
    if t is PSObjectView:
        return _view_property(obj, lname)
    return False, None


_PROPERTY_TABLES: Dict[type, Dict[str, Callable[[Any], Any]]] = {
    _dt.datetime: _DT_PROPS, _dt.timedelta: _SPAN_PROPS, Match: _MATCH_PROPS,
    _types.TypeInfo: _TYPE_PROPS,
}


def _psobject_property(obj: PSObject, lname: str) -> Any:
    if obj.has(lname):
        return True, obj.get(lname)
    if lname == "psobject":
        return True, PSObjectView(obj)
    return False, None


def _view_property(view: PSObjectView, lname: str) -> Any:
    target = view.target
    if lname == "typenames":
        return True, list(target.type_names) if type(target) is PSObject else [type_name_of(target)]
    if lname == "baseobject":
        return True, target
    if lname in ("properties", "members"):
        pairs = target.properties() if type(target) is PSObject else []
        return True, Groups(PSObject([("Name", n), ("Value", v), ("MemberType", "NoteProperty"),
                                ("TypeNameOfValue", type_name_of(v) if v is not None else "System.Object")],
                               ["System.Management.Automation.PSNoteProperty", "System.Object"])
                      for n, v in pairs)
    return False, None


_INTRINSIC_COUNT = ("count", "length")


def get_member(obj: Any, name: str) -> Any:
    """Missing members are $null; every scalar has Count/Length 1 and $null has 0, as in pwsh."""
    lname = name.lower()
    if obj is None:
        return 0 if lname in _INTRINSIC_COUNT else None
    t = type(obj)
    if t is PSObject:
        entry = obj._props.get(lname)            # the hot path: a note property
        if entry is not None:
            return entry[1]
        found, value = _psobject_property(obj, lname)
        return value if found else (1 if lname in _INTRINSIC_COUNT else None)
    if t is PSHashtable:
        return _hashtable_property(obj, name, lname)
    if isinstance(obj, list):
        if lname in ("count", "length", "longlength"):
            return len(obj)
        if lname == "rank":
            return 1
        return _enumerate_member(obj, name)
    found, value = _property(obj, lname)
    return value if found else (1 if lname in _INTRINSIC_COUNT else None)


def _hashtable_property(table: PSHashtable, name: str, lname: str) -> Any:
    if name in table:
        return table[name]
    if lname == "count":
        return len(table)
    if lname == "keys":
        return table.keys()
    if lname == "values":
        return table.values()
    if lname in ("isreadonly", "isfixedsize", "issynchronized"):
        return False
    return None


def _enumerate_member(items: list, name: str) -> Any:
    """Member enumeration: each element's member, $null results dropped, arrays flattened."""
    out: List[Any] = []
    for item in items:
        value = get_member(item, name)
        if isinstance(value, list):
            out.extend(value)
        elif value is not None:
            out.append(value)
    return out[0] if len(out) == 1 else (out or None)


def set_member(obj: Any, name: str, value: Any) -> None:
    t = type(obj)
    if t is PSObject:
        if not obj.has(name):
            fail(f"The property '{name}' cannot be found on this object. Verify that the property "
                 f"exists and can be set.", "PropertyAssignmentException", "InvalidOperation")
        obj.set(name, value)
        return
    if t is PSHashtable:
        obj[name] = value
        return
    if obj is None:
        fail(f"The property '{name}' cannot be found on this object. Verify that the property "
             f"exists and can be set.", "PropertyNotFound", "InvalidOperation")
    if _property(obj, name.lower())[0] or (isinstance(obj, list) and name.lower() in ("count", "length")):
        fail(f"'{name}' is a ReadOnly property.", "PropertyAssignmentException", "InvalidOperation")
    fail(f"The property '{name}' cannot be found on this object. Verify that the property exists "
         f"and can be set.", "PropertyAssignmentException", "InvalidOperation")

