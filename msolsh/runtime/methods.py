"""Calling methods on values: $x.ToUpper(), $a.Where({...}), $list.Add(1), $h.ContainsKey('k'),
$d.AddDays(1); the method tables per kind of value and the collection methods.

Interface:
  invoke_method(obj, name, args)      $x.ToUpper(), $a.Where({...}) (arrays enumerate methods)
  set_script_invoker(fn)              fn(scriptblock, dollar_under) -> list of outputs, used by
                                      .Where({}) and .ForEach({}); the compiler registers it
Method names are looked up in the tables (case-insensitively), never with getattr on user text;
.NET exceptions become 'Exception calling ...' errors. String methods live in string_methods.py,
the other value types' in value_methods.py. Engine objects (script blocks, error records) are the
compiler's business, not this module's.
"""
from __future__ import annotations

import datetime as _dt
import uuid
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional

from msolsh.runtime import types as _types
from msolsh.runtime.coerce import convert, element_string, to_bool, to_string
from msolsh.runtime.failures import NetError
from msolsh.runtime.properties import get_member
from msolsh.runtime.pstypes import (METHOD_COUNT_EXCEPTION, Char, Match, PSList, Regex, Version,
                                    fail, method_exception, type_name_of)
from msolsh.runtime.string_methods import STRING_METHODS
from msolsh.runtime.value_methods import (DT_METHODS, ENCODING_METHODS, GUID_METHODS,
                                          MATCH_METHODS, NUMBER_METHODS, PSOBJECT_METHODS,
                                          REGEX_METHODS, SPAN_METHODS, TYPE_METHODS,
                                          VERSION_METHODS, net_equals)
from msolsh.runtime.values import PSHashtable, PSObject

_SCRIPT_INVOKER: List[Optional[Callable[[Any, Any], list]]] = [None]


def set_script_invoker(invoke: Callable[[Any, Any], list]) -> None:
    _SCRIPT_INVOKER[0] = invoke


def _list_index(items: list, value: Any) -> int:
    return next((i for i, x in enumerate(items) if net_equals(x, value)), -1)


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
    "containsvalue": (lambda h, v: any(net_equals(x, v) for x in h.values()), (1,)),
    "add": (_table_add, (2,)), "remove": (lambda h, k: h.__delitem__(k), (1,)),
    "clear": (lambda h: [h.__delitem__(k) for k in h.keys()] and None, (0,)),
    "item": (lambda h, k: h[k], (1,)), "getenumerator": (_entries, (0,)),
    "clone": (lambda h: h.copy(), (0,)),
}


_METHOD_TABLES: Dict[type, Dict[str, tuple]] = {
    str: STRING_METHODS, Char: STRING_METHODS, list: _LIST_METHODS, PSList: _ARRAYLIST_METHODS,
    PSHashtable: _TABLE_METHODS, int: NUMBER_METHODS, float: NUMBER_METHODS,
    Decimal: NUMBER_METHODS, bool: NUMBER_METHODS, _dt.datetime: DT_METHODS,
    _dt.timedelta: SPAN_METHODS, uuid.UUID: GUID_METHODS, Version: VERSION_METHODS,
    Match: MATCH_METHODS, Regex: REGEX_METHODS, _types.TypeInfo: TYPE_METHODS,
    _types.Encoding: ENCODING_METHODS, PSObject: PSOBJECT_METHODS,
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
        return net_equals(obj, args[0])
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
