"""The allow-list of .NET type names a script may write, and the -is test against them.

Interface:
  TypeInfo(full_name, element)         a resolved type literal ([int], [string[]], [type])
  resolve(name) -> TypeInfo | None     '[int]', 'System.Int32', 'string[]', 'List[object]'...
  type_not_found(name)                 raises pwsh's "Unable to find type [Foo]." (TypeNotFound)
  is_instance(value, type_name) -> bool          -is / typed catch
Only names in these tables are reachable: nothing is looked up on Python objects by user text.
Knows nothing of static members (statics.py), conversions, the compiler or the tenant.
"""
from __future__ import annotations

import datetime as _dt
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Optional

from msolsh.runtime import pstypes
from msolsh.runtime.pstypes import Char, PSList, Regex, Version, fail, type_name_of
from msolsh.runtime.values import PSHashtable, PSObject


@dataclass(frozen=True)
class TypeInfo:
    """A resolved type literal; `element` is the element type's full name for T[]."""
    full_name: str
    element: Optional[str] = None

    @property
    def name(self) -> str:
        """Type.Name: 'Int32', 'Object[]', 'List`1'."""
        if self.full_name.endswith("[]"):
            return self.full_name[:-2].rsplit(".", 1)[-1] + "[]"
        return self.full_name.split("[")[0].rsplit(".", 1)[-1]


_FULL_NAMES = [
    "System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte", "System.UInt16",
    "System.UInt32", "System.UInt64", "System.Double", "System.Single", "System.Decimal",
    "System.String", "System.Boolean", "System.Char", "System.DateTime", "System.TimeSpan",
    "System.Guid", "System.Version", "System.Text.RegularExpressions.Regex",
    "System.Collections.Hashtable", "System.Collections.Specialized.OrderedDictionary",
    "System.Array", "System.Object", "System.Object[]", "System.Management.Automation.PSObject",
    "System.Management.Automation.PSCustomObject", "System.Management.Automation.ScriptBlock",
    "System.Management.Automation.SwitchParameter", "System.Void", "System.Math", "System.Convert",
    "System.Environment", "System.Text.Encoding", "System.IO.Path", "System.Collections.ArrayList",
    "System.Collections.Generic.List[System.Object]", "System.Collections.IDictionary",
    "System.Collections.IEnumerable", "System.Collections.IList", "System.Collections.ICollection",
    "System.ValueType", "System.Type", "System.Text.RegularExpressions.Match",
    "System.Exception", "System.SystemException", "System.ArgumentException",
    "System.InvalidOperationException", "System.DivideByZeroException",
    "System.FormatException", "System.InvalidCastException", "System.NotSupportedException",
    "System.Management.Automation.RuntimeException",
    "System.Management.Automation.MethodInvocationException",
    "System.Management.Automation.CommandNotFoundException",
    "System.Management.Automation.ItemNotFoundException",
    "System.Management.Automation.ParameterBindingException",
    "System.Management.Automation.ActionPreferenceStopException",
    "System.Management.Automation.PSInvalidCastException",
]
_ACCELERATORS = {
    "int": "System.Int32", "long": "System.Int64", "short": "System.Int16", "ushort": "System.UInt16",
    "uint": "System.UInt32", "ulong": "System.UInt64", "float": "System.Single",
    "bool": "System.Boolean", "regex": "System.Text.RegularExpressions.Regex",
    "hashtable": "System.Collections.Hashtable",
    "ordered": "System.Collections.Specialized.OrderedDictionary", "array": "System.Array",
    "psobject": "System.Management.Automation.PSObject",
    "pscustomobject": "System.Management.Automation.PSCustomObject",
    "scriptblock": "System.Management.Automation.ScriptBlock",
    "switch": "System.Management.Automation.SwitchParameter", "math": "System.Math",
    "convert": "System.Convert", "environment": "System.Environment",
    "text.encoding": "System.Text.Encoding", "io.path": "System.IO.Path", "type": "System.Type",
    "arraylist": "System.Collections.ArrayList",
}
_INDEX: Dict[str, str] = {}
for _full in _FULL_NAMES:
    _INDEX[_full.lower()] = _full
    _INDEX[_full[len("System."):].lower()] = _full
    _INDEX.setdefault(_full.rsplit(".", 1)[-1].lower(), _full)
_INDEX.update(_ACCELERATORS)
_LIST_OF = re.compile(r"^(?:(?:system\.)?collections\.generic\.)?list\[(.+)\]$")
_CACHE: Dict[str, Optional[TypeInfo]] = {}


def resolve(name: str) -> Optional[TypeInfo]:
    key = name.strip().lower().replace(" ", "")
    if key in _CACHE:
        return _CACHE[key]
    info = _resolve(key)
    _CACHE[key] = info
    return info


def _resolve(key: str) -> Optional[TypeInfo]:
    if key.startswith("[") and key.endswith("]"):
        key = key[1:-1]
    full = _INDEX.get(key)
    if full is not None:
        return TypeInfo(full)
    if key.endswith("[]"):
        element = _resolve(key[:-2])
        if element is None:
            return None
        if element.full_name == "System.Object":
            return TypeInfo("System.Object[]")
        return TypeInfo(element.full_name + "[]", element.full_name)
    m = _LIST_OF.match(key)
    if m and _resolve(m.group(1)) is not None:
        return TypeInfo("System.Collections.Generic.List[System.Object]")
    return None


def type_not_found(name: str) -> None:
    fail(f"Unable to find type [{name}].", "TypeNotFound", "InvalidOperation", target=name,
         target_type="TypeName")


# --- -is -----------------------------------------------------------------------------------

_VALUE_TYPES = (int, float, bool, Decimal, Char, _dt.datetime, _dt.timedelta, uuid.UUID)
_EXACT = {
    "System.String": lambda v: type(v) is str, "System.Boolean": lambda v: type(v) is bool,
    "System.Double": lambda v: type(v) is float, "System.Decimal": lambda v: type(v) is Decimal,
    "System.Char": lambda v: type(v) is Char, "System.DateTime": lambda v: type(v) is _dt.datetime,
    "System.TimeSpan": lambda v: type(v) is _dt.timedelta, "System.Guid": lambda v: type(v) is uuid.UUID,
    "System.Version": lambda v: type(v) is Version,
    "System.Text.RegularExpressions.Regex": lambda v: type(v) is Regex,
    "System.Text.RegularExpressions.Match": lambda v: type(v) is pstypes.Match,
    "System.Int32": lambda v: type(v) is int and -2**31 <= v < 2**31,
    "System.Int64": lambda v: type(v) is int and not -2**31 <= v < 2**31,
    "System.Object": lambda v: v is not None,
    "System.ValueType": lambda v: type(v) in _VALUE_TYPES,
    "System.Object[]": lambda v: type(v) is list, "System.Array": lambda v: type(v) is list,
    "System.Collections.Hashtable": lambda v: type(v) is PSHashtable and not v.ordered,
    "System.Collections.Specialized.OrderedDictionary": lambda v: type(v) is PSHashtable and v.ordered,
    "System.Collections.IDictionary": lambda v: type(v) is PSHashtable,
    "System.Collections.IList": lambda v: isinstance(v, list),
    "System.Collections.ICollection": lambda v: isinstance(v, (list, PSHashtable)),
    "System.Collections.IEnumerable": lambda v: isinstance(v, (list, PSHashtable, str)),
    "System.Collections.ArrayList": lambda v: type(v) is PSList and "ArrayList" in v.type_name,
    "System.Collections.Generic.List[System.Object]":
        lambda v: type(v) is PSList and "List" in v.type_name and "Array" not in v.type_name,
    "System.Management.Automation.PSObject": lambda v: type(v) is PSObject,
    "System.Management.Automation.PSCustomObject": lambda v: type(v) is PSObject,
    "System.Management.Automation.ScriptBlock":
        lambda v: type_name_of(v) == "System.Management.Automation.ScriptBlock",
    "System.Management.Automation.SwitchParameter": lambda v: type(v) is bool,
    "System.Type": lambda v: type(v) is TypeInfo,
}


def is_instance(value: Any, type_name: str) -> bool:
    """-is: a PSObject also matches any of its type names (ADUser, ...)."""
    if type(value) is PSObject and any(n.lower() == type_name.lower() for n in value.type_names):
        return True
    info = resolve(type_name)
    if info is None:
        type_not_found(type_name)
    test = _EXACT.get(info.full_name)
    if test is not None:
        return test(value)
    if type(value) is PSObject:
        return info.full_name in value.type_names
    return type_name_of(value) == info.full_name

