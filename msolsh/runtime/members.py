"""Properties, methods and indexes of values, through an allow-list per kind of value.

Interface:
  get_member(obj, name)               $x.Name (missing -> $null; arrays enumerate members;
                                      every scalar has Count/Length 1, $null 0)
  set_member(obj, name, value)        $x.Name = v
  invoke_method(obj, name, args)      $x.ToUpper(), $a.Where({...}) (arrays enumerate methods)
  get_index(obj, index)               $a[0], $a[-1], $a[1,2], $h['k'], $s[0]
  set_index(obj, index, value)        $a[0] = v, $h['k'] = v
  set_script_invoker(fn)              fn(scriptblock, dollar_under) -> list of outputs, used by
                                      .Where({}) and .ForEach({}); the compiler registers it
$x.PSObject is a PSObjectView (Properties, TypeNames, BaseObject); Match.Groups and
PSObject.Properties are Groups lists, indexable by name.
Member names are looked up in the tables below (case-insensitively), never with getattr on user
text. Engine objects (script blocks, error records) are the compiler's business, not this module's.
"""
from __future__ import annotations

import datetime as _dt
import uuid
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional

from msolsh.runtime import types as _types
from msolsh.runtime.coerce import convert, element_string, format_timespan, to_bool, to_string
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.pstypes import (METHOD_COUNT_EXCEPTION, Char, Match, PSList, Regex, Version,
                                    check_size, fail, format_datetime, format_value,
                                    method_exception, type_name_of)
from msolsh.runtime.values import PSHashtable, PSObject

_SCRIPT_INVOKER: List[Optional[Callable[[Any, Any], list]]] = [None]


def set_script_invoker(invoke: Callable[[Any, Any], list]) -> None:
    _SCRIPT_INVOKER[0] = invoke


class NetError(Exception):
    """A .NET exception thrown inside a method: becomes 'Exception calling ...'."""

    def __init__(self, message: str, error_id: str = "ArgumentOutOfRangeException"):
        super().__init__(message)
        self.error_id = error_id


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


def _ticks(t: _dt.timedelta) -> int:
    return (t.days * 86400 + t.seconds) * 10**7 + t.microseconds * 10


def _span_part(t: _dt.timedelta, unit: int, modulo: int) -> int:
    ticks = _ticks(t)
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
    "ticks": lambda d: _ticks(d - _dt.datetime(1, 1, 1)), "kind": lambda d: "Local",
    "datetime": _datetime_text,
}
_SPAN_PROPS: Dict[str, Callable[[_dt.timedelta], Any]] = {
    "days": lambda t: _span_part(t, 864 * 10**9, 10**12), "hours": lambda t: _span_part(t, 36 * 10**9, 24),
    "minutes": lambda t: _span_part(t, 6 * 10**8, 60), "seconds": lambda t: _span_part(t, 10**7, 60),
    "milliseconds": lambda t: _span_part(t, 10**4, 1000), "ticks": _ticks,
    "totaldays": lambda t: _ticks(t) / 864e9, "totalhours": lambda t: _ticks(t) / 36e9,
    "totalminutes": lambda t: _ticks(t) / 6e8, "totalseconds": lambda t: _ticks(t) / 1e7,
    "totalmilliseconds": lambda t: _ticks(t) / 1e4,
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


# --- indexes -------------------------------------------------------------------------------

def _null_array() -> None:
    fail("Cannot index into a null array.", "NullArray", "InvalidOperation")


def _cannot_index(obj: Any) -> None:
    fail(f"Unable to index into an object of type {type_name_of(obj)}.", "CannotIndex",
         "InvalidOperation")


def _hashable(key: Any) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True


def _null_index() -> None:
    fail("Index operation failed; the array index evaluated to null.", "NullArrayIndex",
         "InvalidOperation")


def get_index(obj: Any, index: Any) -> Any:
    t = type(obj)
    if (t is list or t is PSList) and type(index) is int:
        try:
            return obj[index] if index >= -len(obj) else None
        except IndexError:
            return None
    if obj is None:
        _null_array()
    if index is None and t is not PSHashtable:
        _null_index()
    if t is PSHashtable:
        if isinstance(index, list):
            return [obj[k] if _hashable(k) else None for k in index]
        return obj[index] if _hashable(index) else None
    if isinstance(index, list):
        out = []
        for i in index:
            value = get_index(obj, i)
            if value is not None:
                out.append(value)
        return out
    return _index_one(obj, t, index)


def _index_one(obj: Any, t: type, index: Any) -> Any:
    if isinstance(obj, list):
        if t is Groups and type(index) is str:
            return obj.named(index)
        i = convert(index, "System.Int32")
        return obj[i] if -len(obj) <= i < len(obj) else None
    if t is str:
        i = convert(index, "System.Int32")
        return Char(obj[i]) if -len(obj) <= i < len(obj) else None
    if t is PSObject or t is Regex or t is PSObjectView:
        _cannot_index(obj)
    i = convert(index, "System.Int32")    # a scalar is its own element 0, as in pwsh
    return obj if i in (0, -1) else None


def set_index(obj: Any, index: Any, value: Any) -> None:
    t = type(obj)
    if t is PSHashtable:
        if not _hashable(index):
            fail("A collection cannot be used as a hashtable key.", "InvalidHashtableKey",
                 "InvalidOperation")
        obj[index] = value
        return
    if obj is None:
        _null_array()
    if not isinstance(obj, list):
        _cannot_index(obj)
    if index is None:
        _null_index()
    i = convert(index, "System.Int32")
    if not -len(obj) <= i < len(obj):
        fail("Index was outside the bounds of the array.", "System.IndexOutOfRangeException",
             "OperationStopped", exception_type="System.IndexOutOfRangeException")
    obj[i] = value


# --- methods -------------------------------------------------------------------------------

def _chars(args: tuple) -> Optional[str]:
    """Trim('x'), TrimEnd('/', '\\'), Trim([char[]]'ab'): the set of characters."""
    if not args:
        return None
    out = []
    for a in args:
        out.extend(element_string(x) for x in a) if isinstance(a, list) else out.append(to_string(a))
    return "".join(out)


def _ignore_case(comparison: Any) -> bool:
    return comparison is True or (type(comparison) is str and comparison.lower().endswith("ignorecase"))


def _split(s: str, *args: Any) -> list:
    if not args or args[0] is None:           # Split(): every whitespace character separates
        import re
        return re.split(r"\s", s)
    sep, rest = args[0], args[1:]
    count = next((convert(a, "System.Int32") for a in rest if type(a) is int), -1)
    remove_empty = any(type(a) is str and "removeemptyentries" in a.lower() or a is True for a in rest)
    trim = any(type(a) is str and "trimentries" in a.lower() for a in rest)
    if isinstance(sep, list):
        separators = [element_string(x) for x in sep]
    elif type(sep) is Char:
        separators = [sep]
    else:
        separators = [to_string(sep)]
    pieces = _split_any(s, [x for x in separators if x], count)
    if trim:
        pieces = [p.strip() for p in pieces]
    return [p for p in pieces if p] if remove_empty else pieces


def _split_any(s: str, separators: List[str], count: int) -> List[str]:
    if not separators:
        return s.split() if s.strip() else [s]
    pieces, start, i = [], 0, 0
    while i < len(s) and (count < 0 or len(pieces) < count - 1):
        hit = next((x for x in separators if s.startswith(x, i)), None)
        if hit is None:
            i += 1
            continue
        pieces.append(s[start:i])
        i += len(hit)
        start = i
    pieces.append(s[start:])
    return pieces if count != 0 else []


def _substring(s: str, start: Any, length: Any = None) -> str:
    start = convert(start, "System.Int32")
    if start < 0 or start > len(s):
        raise NetError("startIndex cannot be larger than length of string. (Parameter 'startIndex')"
                       if start > len(s) else "StartIndex cannot be less than zero. (Parameter 'startIndex')")
    if length is None:
        return s[start:]
    length = convert(length, "System.Int32")
    if length < 0 or start + length > len(s):
        raise NetError("Index and length must refer to a location within the string. (Parameter 'length')")
    return s[start:start + length]


def _index_of(s: str, value: Any, *rest: Any, last: bool = False) -> int:
    needle = to_string(value)
    ci = any(_ignore_case(r) for r in rest if type(r) is not int)
    numbers = [convert(r, "System.Int32") for r in rest if type(r) is int]
    hay, needle = (s.lower(), needle.lower()) if ci else (s, needle)
    if last:
        end = numbers[0] + 1 if numbers else len(hay)
        return hay.rfind(needle, 0, end)
    start = numbers[0] if numbers else 0
    end = start + numbers[1] if len(numbers) > 1 else len(hay)
    if start > len(hay):
        raise NetError("Index was out of range. Must be non-negative and less than the size of the "
                       "collection. (Parameter 'startIndex')")
    return hay.find(needle, start, end)


def _replace(s: str, old: Any, new: Any, *rest: Any) -> str:
    old_text = to_string(old)
    if not old_text:
        raise NetError("String cannot be of zero length. (Parameter 'oldValue')", "ArgumentException")
    if rest and _ignore_case(rest[0]):
        import re
        return re.sub(re.escape(old_text), lambda m: to_string(new), s, flags=re.IGNORECASE)
    return s.replace(old_text, to_string(new))


def _pad(s: str, width: Any, char: Any = " ", left: bool = True) -> str:
    width, fill = check_size(convert(width, "System.Int32")), to_string(char)[:1] or " "
    return s.rjust(width, fill) if left else s.ljust(width, fill)


def _culture_compare(a: str, b: Any) -> int:
    if b is None:
        return 1
    y = to_string(b)
    key_a, key_b = (a.lower(), a.swapcase()), (y.lower(), y.swapcase())
    return (key_a > key_b) - (key_a < key_b)


def _remove(s: str, start: Any, count: Any = None) -> str:
    start = convert(start, "System.Int32")
    if not 0 <= start <= len(s):
        raise NetError("startIndex must be less than length of string. (Parameter 'startIndex')")
    if count is None:
        return s[:start]
    count = convert(count, "System.Int32")
    if count < 0 or start + count > len(s):
        raise NetError("Index and count must refer to a location within the string. (Parameter 'count')")
    return s[:start] + s[start + count:]


def _starts(s: str, value: Any, *rest: Any, end: bool = False) -> bool:
    needle = to_string(value)
    if rest and _ignore_case(rest[0]):
        s, needle = s.lower(), needle.lower()
    return s.endswith(needle) if end else s.startswith(needle)


_STRING_METHODS: Dict[str, tuple] = {
    "toupper": (lambda s, *c: s.upper(), (0, 1)), "tolower": (lambda s, *c: s.lower(), (0, 1)),
    "toupperinvariant": (lambda s: s.upper(), (0,)), "tolowerinvariant": (lambda s: s.lower(), (0,)),
    "trim": (lambda s, *a: s.strip(_chars(a)), None),
    "trimstart": (lambda s, *a: s.lstrip(_chars(a)), None),
    "trimend": (lambda s, *a: s.rstrip(_chars(a)), None),
    "split": (_split, None), "replace": (_replace, (2, 3, 4)),
    "contains": (lambda s, v, *c: (to_string(v).lower() in s.lower()) if c and _ignore_case(c[0])
                 else to_string(v) in s, (1, 2)),
    "startswith": (_starts, (1, 2, 3)),
    "endswith": (lambda s, v, *r: _starts(s, v, *r, end=True), (1, 2, 3)),
    "indexof": (_index_of, (1, 2, 3, 4)),
    "lastindexof": (lambda s, v, *r: _index_of(s, v, *r, last=True), (1, 2, 3)),
    "indexofany": (lambda s, chars: min([i for i in (s.find(c) for c in _chars((chars,))) if i >= 0],
                                        default=-1), (1,)),
    "substring": (_substring, (1, 2)), "padleft": (_pad, (1, 2)),
    "padright": (lambda s, w, c=" ": _pad(s, w, c, left=False), (1, 2)),
    "insert": (lambda s, i, v: s[:_insert_at(s, i)] + to_string(v) + s[_insert_at(s, i):], (2,)),
    "remove": (_remove, (1, 2)), "tochararray": (lambda s: [Char(c) for c in s], (0,)),
    "equals": (lambda s, v, *c: (to_string(v).lower() == s.lower()) if c and _ignore_case(c[0])
               else (type(v) in (str, Char) and s == v), (1, 2)),
    "compareto": (_culture_compare, (1,)), "chars": (lambda s, i: Char(s[convert(i, "System.Int32")]), (1,)),
    "tostring": (lambda s, *a: s, (0, 1)), "clone": (lambda s: s, (0,)),
    "normalize": (lambda s, *a: s, (0, 1)), "isnormalized": (lambda s, *a: True, (0, 1)),
    "gethashcode": (lambda s: hash(s.lower()) & 0x7FFFFFFF, (0,)),
}


def _insert_at(s: str, i: Any) -> int:
    i = convert(i, "System.Int32")
    if not 0 <= i <= len(s):
        raise NetError("Specified argument was out of the range of valid values. (Parameter 'startIndex')")
    return i


def _net_equals(a: Any, b: Any) -> bool:
    """Object.Equals: same type and value (no PowerShell conversion)."""
    return type(a) is type(b) and a == b or (a is b)


def _list_index(items: list, value: Any) -> int:
    return next((i for i, x in enumerate(items) if _net_equals(x, value)), -1)


def _fixed_size(*args: Any) -> None:
    raise NetError("Collection was of a fixed size.", "NotSupportedException")


def _where(items: list, block: Any, mode: Any = "Default", count: Any = 0) -> list:
    invoke = _invoker()
    mode, limit = to_string(mode).lower(), convert(count, "System.Int32")
    hits = [x for x in items if to_bool(invoke(block, x))]
    if mode == "first":
        return hits[:limit or 1]
    if mode == "last":
        return hits[-(limit or 1):]
    if mode in ("skipuntil", "until", "split"):
        return _where_positional(items, block, mode, invoke)
    return hits[:limit] if limit else hits


def _where_positional(items: list, block: Any, mode: str, invoke: Callable) -> list:
    first = next((i for i, x in enumerate(items) if to_bool(invoke(block, x))), len(items))
    if mode == "skipuntil":
        return items[first:]
    if mode == "until":
        return items[:first]
    hits = [x for x in items if to_bool(invoke(block, x))]
    return [hits, [x for x in items if not to_bool(invoke(block, x))]]


def _foreach(items: list, action: Any, *args: Any) -> list:
    out: List[Any] = []
    if type(action) is str or type(action) is _types.TypeInfo:
        for x in items:
            if type(action) is _types.TypeInfo:
                out.append(convert(x, action.full_name))
            elif args or _has_method(x, action):
                out.append(invoke_method(x, action, list(args)))
            else:
                value = get_member(x, action)
                out.extend(value) if isinstance(value, list) else out.append(value)
        return out
    invoke = _invoker()
    for x in items:
        out.extend(invoke(action, x))
    return out


def _has_method(obj: Any, name: str) -> bool:
    return name.lower() in _METHOD_TABLES.get(type(obj), {})


def _invoker() -> Callable[[Any, Any], list]:
    invoke = _SCRIPT_INVOKER[0]
    if invoke is None:
        fail("Script blocks cannot be run here.", "ScriptBlockInvokerMissing", "InvalidOperation")
    return invoke


_LIST_METHODS: Dict[str, tuple] = {
    "contains": (lambda a, v: _list_index(a, v) >= 0, (1,)), "indexof": (_list_index, (1,)),
    "add": (_fixed_size, (1,)), "remove": (_fixed_size, (1,)), "removeat": (_fixed_size, (1,)),
    "insert": (_fixed_size, (2,)), "clear": (lambda a: a.__setitem__(slice(None), [None] * len(a)), (0,)),
    "clone": (lambda a: list(a), (0,)), "where": (_where, (1, 2, 3)), "foreach": (_foreach, None),
    "getvalue": (lambda a, i: a[convert(i, "System.Int32")], (1,)),
}


def _arraylist_add(items: PSList, value: Any) -> Any:
    """ArrayList.Add returns the new index; List<T>.Add returns nothing."""
    items.append(value)
    return len(items) - 1 if "ArrayList" in items.type_name else None


def _arraylist_remove(items: PSList, value: Any) -> None:
    i = _list_index(items, value)
    if i >= 0:
        del items[i]


def _arraylist_at(items: PSList, i: Any, insert: bool = False) -> int:
    i = convert(i, "System.Int32")
    if not 0 <= i < len(items) + insert:
        raise NetError("Index was out of range. Must be non-negative and less than the size of the "
                       "collection. (Parameter 'index')")
    return i


_ARRAYLIST_METHODS: Dict[str, tuple] = dict(_LIST_METHODS, **{
    "add": (lambda a, v: _arraylist_add(a, v), (1,)),
    "addrange": (lambda a, v: a.extend(v if isinstance(v, list) else [v]), (1,)),
    "remove": (_arraylist_remove, (1,)),
    "removeat": (lambda a, i: a.pop(_arraylist_at(a, i)) and None, (1,)),
    "insert": (lambda a, i, v: a.insert(_arraylist_at(a, i, True), v), (2,)),
    "clear": (lambda a: a.clear(), (0,)), "toarray": (lambda a: list(a), (0,)),
    "reverse": (lambda a: a.reverse(), (0,)), "clone": (lambda a: PSList(a, a.type_name), (0,)),
    "sort": (lambda a: _sort(a), (0,)),
})


def _sort(items: list) -> None:
    from msolsh.runtime.operators import compare
    import functools
    items.sort(key=functools.cmp_to_key(lambda x, y: compare(x, y)))


def _table_add(table: PSHashtable, key: Any, value: Any) -> None:
    if key is None:
        raise NetError("Key cannot be null. (Parameter 'key')", "ArgumentNullException")
    if not table.add(key, value):
        existing = next(k for k in table.keys() if to_string(k).lower() == to_string(key).lower())
        raise NetError(f"Item has already been added. Key in dictionary: '{existing}'  Key being "
                       f"added: '{key}'", "ArgumentException")


def _entries(table: PSHashtable) -> list:
    return [PSObject([("Name", k), ("Key", k), ("Value", v)],
                     ["System.Collections.DictionaryEntry", "System.Object"]) for k, v in table.items()]


_TABLE_METHODS: Dict[str, tuple] = {
    "containskey": (lambda h, k: k in h, (1,)), "contains": (lambda h, k: k in h, (1,)),
    "containsvalue": (lambda h, v: any(_net_equals(x, v) for x in h.values()), (1,)),
    "add": (_table_add, (2,)), "remove": (lambda h, k: h.__delitem__(k), (1,)),
    "clear": (lambda h: [h.__delitem__(k) for k in h.keys()] and None, (0,)),
    "item": (lambda h, k: h[k], (1,)), "getenumerator": (_entries, (0,)),
    "clone": (lambda h: h.copy(), (0,)),
}


def _add_months(d: _dt.datetime, months: Any) -> _dt.datetime:
    import calendar
    total = d.year * 12 + d.month - 1 + convert(months, "System.Int32")
    year, month = divmod(total, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return d.replace(year=year, month=month + 1, day=day)


def _add(unit: str) -> Callable[[Any, Any], Any]:
    def add(d: Any, amount: Any) -> Any:
        try:
            return d + _dt.timedelta(**{unit: convert(amount, "System.Double")})
        except OverflowError:
            raise NetError("The added or subtracted value results in an un-representable DateTime. "
                           "(Parameter 'value')") from None
    return add


def _dt_subtract(d: _dt.datetime, other: Any) -> Any:
    return d - (other if type(other) in (_dt.datetime, _dt.timedelta) else convert(other, "System.TimeSpan"))


_DT_METHODS: Dict[str, tuple] = {
    "adddays": (_add("days"), (1,)), "addhours": (_add("hours"), (1,)),
    "addminutes": (_add("minutes"), (1,)), "addseconds": (_add("seconds"), (1,)),
    "addmilliseconds": (_add("milliseconds"), (1,)),
    "addticks": (lambda d, t: d + _dt.timedelta(microseconds=convert(t, "System.Int64") // 10), (1,)),
    "addmonths": (_add_months, (1,)),
    "addyears": (lambda d, y: _add_months(d, convert(y, "System.Int32") * 12), (1,)),
    "add": (lambda d, t: d + convert(t, "System.TimeSpan"), (1,)), "subtract": (_dt_subtract, (1,)),
    "tostring": (lambda d, fmt=None, *p: _date_text(d, fmt), (0, 1, 2)),
    "touniversaltime": (lambda d: d, (0,)), "tolocaltime": (lambda d: d, (0,)),
    "toshortdatestring": (lambda d: format_datetime(d, "d"), (0,)),
    "tolongdatestring": (lambda d: format_datetime(d, "D"), (0,)),
    "toshorttimestring": (lambda d: format_datetime(d, "t"), (0,)),
    "tolongtimestring": (lambda d: format_datetime(d, "T"), (0,)),
    "tofiletime": (lambda d: _ticks(d - _dt.datetime(1601, 1, 1)), (0,)),
}


def _date_text(d: _dt.datetime, fmt: Any) -> str:
    try:
        return format_datetime(d, None if fmt is None else to_string(fmt))
    except ValueError as exc:
        raise NetError(str(exc), "FormatException") from None


def _number_text(n: Any, fmt: Any = None, *provider: Any) -> str:
    if fmt is None or to_string(fmt) == "":
        return to_string(n)
    try:
        return format_value(n, to_string(fmt))
    except ValueError as exc:
        raise NetError(str(exc), "FormatException") from None


def _compare_to(a: Any, b: Any) -> int:
    from msolsh.runtime.operators import compare
    return compare(a, b)


_NUMBER_METHODS: Dict[str, tuple] = {
    "tostring": (_number_text, (0, 1, 2)), "compareto": (_compare_to, (1,)),
    "equals": (_net_equals, (1,)), "gethashcode": (lambda n: hash(n) & 0x7FFFFFFF, (0,)),
}
_SPAN_METHODS: Dict[str, tuple] = {
    "add": (lambda t, o: t + convert(o, "System.TimeSpan"), (1,)),
    "subtract": (lambda t, o: t - convert(o, "System.TimeSpan"), (1,)),
    "negate": (lambda t: -t, (0,)), "duration": (lambda t: abs(t), (0,)),
    "tostring": (_number_text, (0, 1, 2)), "compareto": (_compare_to, (1,)),
}
_GUID_FORMATS = {"n": lambda g: g.hex, "d": str, "b": lambda g: "{" + str(g) + "}",
                 "p": lambda g: "(" + str(g) + ")"}
_GUID_METHODS: Dict[str, tuple] = {
    "tostring": (lambda g, f="d": _GUID_FORMATS.get(to_string(f).lower() or "d", str)(g), (0, 1)),
    "tobytearray": (lambda g: list(g.bytes_le), (0,)),
}
_VERSION_METHODS: Dict[str, tuple] = {
    "tostring": (lambda v, n=None: str(v) if n is None else ".".join(
        str(p) for p in v.parts[:convert(n, "System.Int32")]), (0, 1)),
    "compareto": (_compare_to, (1,)),
}
_MATCH_METHODS: Dict[str, tuple] = {
    "nextmatch": (lambda m: Match(m.m.re.search(m.m.string, m.m.end() + (m.m.end() == m.m.start()))
                                  if m.m else None), (0,)),
    "tostring": (lambda m: m.value, (0,)),
}


def _regex_method(name: str) -> Callable[..., Any]:
    def call(rx: Regex, *args: Any) -> Any:
        from msolsh.runtime import types as t
        return t.invoke_static("regex", name, [args[0], rx.pattern] + list(args[1:]) +
                               ([] if rx.compiled.flags & 2 == 0 else ["IgnoreCase"]))
    return call


_REGEX_METHODS: Dict[str, tuple] = {
    name: (_regex_method(name), (1,) if name != "replace" else (2,))
    for name in ("match", "matches", "ismatch", "split", "replace")}
_REGEX_METHODS["tostring"] = (lambda rx: rx.pattern, (0,))
_TYPE_METHODS: Dict[str, tuple] = {"tostring": (lambda t: t.full_name, (0,))}
_ENCODING_METHODS: Dict[str, tuple] = {
    "getbytes": (lambda e, s: e.get_bytes(s), (1,)), "getstring": (lambda e, b: e.get_string(b), (1,)),
}
_PSOBJECT_METHODS: Dict[str, tuple] = {"tostring": (lambda o: to_string(o), (0,))}
_METHOD_TABLES: Dict[type, Dict[str, tuple]] = {
    str: _STRING_METHODS, Char: _STRING_METHODS, list: _LIST_METHODS, PSList: _ARRAYLIST_METHODS,
    PSHashtable: _TABLE_METHODS, int: _NUMBER_METHODS, float: _NUMBER_METHODS,
    Decimal: _NUMBER_METHODS, bool: _NUMBER_METHODS, _dt.datetime: _DT_METHODS,
    _dt.timedelta: _SPAN_METHODS, uuid.UUID: _GUID_METHODS, Version: _VERSION_METHODS,
    Match: _MATCH_METHODS, Regex: _REGEX_METHODS, _types.TypeInfo: _TYPE_METHODS,
    _types.Encoding: _ENCODING_METHODS, PSObject: _PSOBJECT_METHODS,
}


def invoke_method(obj: Any, name: str, args: list) -> Any:
    if obj is None:
        fail("You cannot call a method on a null-valued expression.", "InvokeMethodOnNull",
             "InvalidOperation")
    lname = name.lower()
    entry = _METHOD_TABLES.get(type(obj), {}).get(lname)
    if entry is None:
        return _common_method(obj, name, lname, args)
    func, counts = entry
    if counts is not None and len(args) not in counts:
        fail(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
             "MethodCountCouldNotFindBest", "NotSpecified", METHOD_COUNT_EXCEPTION)
    try:
        return func(obj, *args)
    except NetError as exc:
        method_exception(name, args, str(exc), exc.error_id)
    except (IndexError, ValueError, OverflowError) as exc:
        method_exception(name, args, str(exc) or "Index was outside the bounds of the array.",
                         "MethodInvocationException")
    except TypeError:                 # e.g. a collection used as a hashtable key
        method_exception(name, args, "Argument types do not match", "ArgumentException")


def _common_method(obj: Any, name: str, lname: str, args: list) -> Any:
    if lname == "gettype" and not args:
        return _types.TypeInfo(type_name_of(obj) if type(obj) is not PSObject
                               else _psobject_type(obj))
    if lname == "tostring" and not args:
        return element_string(obj)
    if lname == "equals" and len(args) == 1:
        return _net_equals(obj, args[0])
    if lname == "gethashcode" and not args:
        return id(obj) & 0x7FFFFFFF
    if isinstance(obj, list):         # method enumeration: call it on every element
        return [invoke_method(x, name, args) for x in obj]
    fail(f"Method invocation failed because [{_shown_type(obj)}] does not contain a method named "
         f"'{name}'.", "MethodNotFound", "InvalidOperation")


def _psobject_type(obj: PSObject) -> str:
    first = obj.type_names[0]
    return first if first != "System.Management.Automation.PSCustomObject" else first


def _shown_type(obj: Any) -> str:
    return obj.type_names[0] if type(obj) is PSObject else type_name_of(obj)
