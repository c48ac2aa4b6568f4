"""Reading properties off records, and the property specs users write.

`get_property` reads a PSObject's note properties directly and anything else through the
allow-listed members module (never Python getattr on a user-supplied name). `PropertySpec`
is one entry of -Property as Select-Object, Format-Table, Sort-Object and Group-Object take it:
a name (wildcards allowed), a script block, or a hashtable such as
`@{Name='Upn'; Expression={$_.UserPrincipalName}; Width=30}` whose keys may be abbreviated
to any unambiguous prefix, as pwsh allows. Nothing here knows the tenant or renders text.
"""
from __future__ import annotations

import re
import uuid
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from msolsh.runtime.errors import ErrorRecord, PSRuntimeException
from msolsh.runtime.values import PSHashtable, PSObject

Invoke = Callable[[Any, Any], List[Any]]       # (script block, $_) -> output

# Adapted .NET properties shown by Format-List *, Select-Object * and Get-Member.
ADAPTED_PROPERTIES: Dict[str, Tuple[str, ...]] = {
    "System.String": ("Length",),
    "System.DateTime": ("Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind", "Millisecond",
                        "Minute", "Month", "Second", "Ticks", "TimeOfDay", "Year"),
    "System.TimeSpan": ("Ticks", "Days", "Hours", "Milliseconds", "Minutes", "Seconds",
                        "TotalDays", "TotalHours", "TotalMilliseconds", "TotalMinutes",
                        "TotalSeconds"),
    "System.Collections.Hashtable": ("IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys",
                                     "Values", "SyncRoot", "Count"),
    "System.Object[]": ("Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly", "IsFixedSize",
                        "IsSynchronized", "Count"),
    "System.Guid": ("Guid",),
}


def type_names_of(value: Any) -> List[str]:
    """The type name list a view lookup walks: a PSObject's own, else the .NET name."""
    if isinstance(value, PSObject):
        return value.type_names
    if type(value).__name__ == "TypeInfo":       # [int], "x".GetType(): a System.RuntimeType
        return ["System.RuntimeType", "System.Object"]
    if isinstance(value, ErrorRecord):
        return ["System.Management.Automation.ErrorRecord", "System.Object"]
    return [dotnet_type_name(value), "System.Object"]


def dotnet_type_name(value: Any) -> str:
    try:
        from msolsh.runtime.pstypes import type_name_of
    except ImportError:
        return "System.Object"
    return type_name_of(value)


def property_names(value: Any) -> List[str]:
    """The properties `*` expands to, in display order."""
    if isinstance(value, PSObject):
        return value.property_names()
    if isinstance(value, ErrorRecord):
        from msolsh.runtime.formatting.error_records import property_names as record_names
        return record_names()
    return list(ADAPTED_PROPERTIES.get(dotnet_type_name(value), ()))


def has_property(value: Any, name: str) -> bool:
    if isinstance(value, PSObject):
        return value.has(name)
    lowered = name.lower()
    return any(n.lower() == lowered for n in property_names(value))


def get_property(value: Any, name: str) -> Any:
    """$value.<name>: None when there is no such property (pwsh without strict mode)."""
    if isinstance(value, PSObject):
        return value.get(name)
    if value is None:
        return None
    if isinstance(value, PSHashtable):
        return _hashtable_property(value, name)
    if isinstance(value, ErrorRecord):
        from msolsh.runtime.formatting.error_records import PROPERTIES
        getter = next((g for n, g in PROPERTIES.items() if n.lower() == name.lower()), None)
        return getter(value) if getter else None
    if type(value) is uuid.UUID and name.lower() == "guid":
        return str(value)
    try:
        from msolsh.runtime.members import get_member
    except ImportError:
        return None
    try:
        return get_member(value, name)
    except PSRuntimeException:
        return None


def _hashtable_property(table: PSHashtable, name: str) -> Any:
    """Only the Hashtable's own properties: its keys are not properties to Select-Object,
    Sort-Object, Where-Object or Format-*, exactly as in pwsh (use [pscustomobject])."""
    lowered = name.lower()
    if lowered == "count":
        return len(table)
    if lowered == "keys":
        return table.keys()
    if lowered == "values":
        return table.values()
    if lowered in ("isreadonly", "isfixedsize", "issynchronized"):
        return False
    if lowered == "syncroot":
        return "System.Object"
    return None


# --- wildcards -----------------------------------------------------------------------------

_WILDCARD_CACHE: Dict[str, "re.Pattern[str]"] = {}


def has_wildcard(text: str) -> bool:
    return any(c in text for c in "*?[")


def wildcard(pattern: str) -> "re.Pattern[str]":
    """pwsh's WildcardPattern (case-insensitive): * ? [a-z] and backtick escapes."""
    found = _WILDCARD_CACHE.get(pattern)
    if found is None:
        found = re.compile(_wildcard_regex(pattern), re.IGNORECASE | re.DOTALL)
        _WILDCARD_CACHE[pattern] = found
    return found


def _wildcard_regex(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "`" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1:end].replace("\\", "\\\\")
                out.append("[" + body + "]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out) + r"\Z"


def matches_wildcard(pattern: str, text: str) -> bool:
    return wildcard(pattern).match(text) is not None


# --- property specs ------------------------------------------------------------------------

SELECT_KEYS = ("Name", "Label", "Expression")
FORMAT_KEYS = ("Name", "Label", "Expression", "Width", "Alignment", "FormatString")
SORT_KEYS = ("Expression", "Ascending", "Descending")
GROUP_KEYS = ("Expression",)


class PropertySpec:
    """One -Property entry. `name` is the header/property name it produces; `pattern` is set for
    plain names (wildcards expand per object); `expression` is a script block or name."""

    def __init__(self, name: str, expression: Any = None, pattern: Optional[str] = None,
                 options: Optional[Dict[str, Any]] = None):
        self.name = name
        self.expression = expression
        self.pattern = pattern
        self.options = options or {}

    @property
    def is_calculated(self) -> bool:
        return self.pattern is None

    def expand(self, value: Any) -> List[Tuple[str, Any]]:
        """(name, getter target) pairs this spec yields for `value`; wildcards expand."""
        if self.pattern is None or not has_wildcard(self.pattern):
            return [(self.name, self)]
        names = property_names(value)
        return [(n, PropertySpec(n, pattern=n)) for n in names if matches_wildcard(self.pattern, n)]

    def value(self, target: Any, invoke: Optional[Invoke]) -> Any:
        expression = self.expression if self.pattern is None else self.pattern
        return evaluate(expression, target, invoke)


def evaluate(expression: Any, target: Any, invoke: Optional[Invoke]) -> Any:
    """A property name, or a script block run with $_ = target (one result unwrapped)."""
    if isinstance(expression, str):
        return get_property(target, expression)
    if expression is None or invoke is None:
        return None
    result = invoke(expression, target)
    if not result:
        return None
    return result[0] if len(result) == 1 else list(result)


def is_scriptblock(value: Any) -> bool:
    return isinstance(getattr(value, "text", None), str) and not isinstance(value, (str, PSObject))


def scriptblock_text(value: Any) -> str:
    text = getattr(value, "text", "")
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    return text


def parse_specs(items: Any, allowed_keys: Sequence[str] = SELECT_KEYS) -> List[PropertySpec]:
    """-Property values as specs; a bad hashtable raises pwsh's error as PSRuntimeException."""
    if items is None:
        return []
    specs = []
    for item in (items if isinstance(items, list) else [items]):
        if isinstance(item, PSHashtable):
            specs.append(_hashtable_spec(item, allowed_keys))
        elif is_scriptblock(item):
            specs.append(PropertySpec(scriptblock_text(item), item))
        else:
            from msolsh.runtime.formatting.cells import plain_text
            name = plain_text(item)
            specs.append(PropertySpec(name, pattern=name))
    return specs


def _hashtable_spec(table: PSHashtable, allowed_keys: Sequence[str]) -> PropertySpec:
    options: Dict[str, Any] = {}
    for key, value in table.items():
        options[_canonical_key(str(key), allowed_keys)] = value
    expression = options.get("Expression")
    if expression is None and "Expression" in allowed_keys and allowed_keys != SORT_KEYS:
        _bad_property("MissingExpression", "The Expression key is missing.")
    label = options.get("Name", options.get("Label"))
    if "Name" in options and "Label" in options:
        _bad_property("DictionaryKeyDuplicate", 'The "Name" key has already been specified.')
    if label is None:
        label = scriptblock_text(expression) if is_scriptblock(expression) else str(expression)
    return PropertySpec(str(label), expression, options=options)


def _canonical_key(key: str, allowed_keys: Sequence[str]) -> str:
    lowered = key.lower()
    hits = [k for k in allowed_keys if k.lower().startswith(lowered)] if lowered else []
    if ("Name" in allowed_keys and lowered in ("n", "na", "nam", "name")):
        return "Name"
    if ("Label" in allowed_keys and lowered in ("l", "la", "lab", "labe", "label")):
        return "Label"
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        _bad_property("DictionaryKeyAmbiguous",
                      f'The key "{key}" is ambiguous. Possible matches include: '
                      + ", ".join(hits) + ".")
    _bad_property("DictionaryKeyIllegal", f"The {key} key is not valid.")


def _bad_property(error_id: str, message: str) -> None:
    """The cmdlet catching this fills in fq_class with its own command class."""
    raise PSRuntimeException(ErrorRecord(message, error_id, "InvalidArgument",
                                         exception_type="System.NotSupportedException"))
