"""Indexing values: $a[0], $a[-1], $a[1,2], $h['k'], $s[0], $m.Groups['name'], and assigning
through an index.

Interface:
  get_index(obj, index)               $a[0], $a[-1], $a[1,2], $h['k'], $s[0]
  set_index(obj, index, value)        $a[0] = v, $h['k'] = v
Errors are pwsh's (NullArray, CannotIndex, IndexOutOfRangeException). Knows nothing of the
compiler or the tenant.
"""
from __future__ import annotations

from typing import Any

from msolsh.runtime.coerce import convert
from msolsh.runtime.properties import Groups, PSObjectView
from msolsh.runtime.pstypes import Char, PSList, Regex, fail, type_name_of
from msolsh.runtime.values import PSHashtable, PSObject


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

