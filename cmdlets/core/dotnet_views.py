"""How .NET shows a value to a serialiser: its ToString() text and the properties Export-Csv and
ConvertTo-Json see on it (a hashtable's own .NET properties, an array's Length/Rank...), as
Windows PowerShell 5.1 reports them.

Interface:
  dotnet_string(value) -> str | None          Object.ToString() in en-US ($null stays None)
  object_properties(value) -> [(name, value)] the properties a serialiser enumerates
Pure functions; knows nothing of CSV or JSON syntax, the cmdlets or the tenant.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, List, Optional, Tuple

from msolsh.runtime.coerce import element_string
from msolsh.runtime.pstypes import format_datetime
from msolsh.runtime.values import PSCUSTOMOBJECT, PSHashtable, PSObject

_HASHTABLE_PROPERTIES = ("IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values",
                         "SyncRoot", "Count")
_ARRAY_PROPERTIES = ("Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly", "IsFixedSize",
                     "IsSynchronized", "Count")


def dotnet_string(value: Any) -> Optional[str]:
    """Object.ToString() in en-US: what Export-Csv writes for a property value."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return format_datetime(value)
    if isinstance(value, PSObject) and PSCUSTOMOBJECT not in value.type_names:
        return value.type_names[0]   # a .NET object's ToString() is its type name
    return element_string(value)


def _hashtable_property(table: PSHashtable, name: str) -> Any:
    return {"IsReadOnly": False, "IsFixedSize": False, "IsSynchronized": False,
            "Keys": "System.Collections.Hashtable+KeyCollection",
            "Values": "System.Collections.Hashtable+ValueCollection",
            "SyncRoot": "System.Object", "Count": len(table)}[name]


def _array_property(items: list, name: str) -> Any:
    return {"Length": len(items), "LongLength": len(items), "Rank": 1, "SyncRoot": "System.Object[]",
            "IsReadOnly": False, "IsFixedSize": True, "IsSynchronized": False,
            "Count": len(items)}[name]


def object_properties(value: Any) -> List[Tuple[str, Any]]:
    """The (name, value) pairs Export-Csv sees on an object, as 5.1 does (a hashtable shows its
    own .NET properties, not its keys; a string shows Length)."""
    if isinstance(value, PSObject):
        return value.properties()
    if isinstance(value, PSHashtable):
        return [(n, _hashtable_property(value, n)) for n in _HASHTABLE_PROPERTIES]
    if isinstance(value, list):
        return [(n, _array_property(value, n)) for n in _ARRAY_PROPERTIES]
    if isinstance(value, str):
        return [("Length", len(value))]
    return []
