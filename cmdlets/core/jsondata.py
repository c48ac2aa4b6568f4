"""JSON: ConvertTo-Json and ConvertFrom-Json, and the pure conversions behind them.

JSON uses pwsh 7's two-space layout (the one trainees find in current documentation) and pwsh
7's depth-truncation warning; 5.1's wider layout is not reproduced. The conversions are pure
functions; the cmdlets only convert. Knows nothing of the tenant.
"""
from __future__ import annotations

import datetime as _dt
import json
import uuid
from decimal import Decimal
from typing import Any, List, Optional, Tuple

from msolsh.cmdlets.core.dotnet_views import dotnet_string, object_properties
from msolsh.cmdlets.core.utility import UTILITY, allowing
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.coerce import element_string, format_double
from msolsh.runtime.values import PSHashtable, PSObject


# ---------------------------------------------------------------------- JSON

def truncation_warning(depth: int) -> str:
    return f"Resulting JSON is truncated as serialization has exceeded the set depth of {depth}."


class _JsonWriter:
    """Serialises values the way ConvertTo-Json does; remembers whether -Depth cut anything."""

    def __init__(self, depth: int, compress: bool):
        self.max_depth = depth
        self.compress = compress
        self.truncated = False

    def write(self, value: Any, level: int = 0) -> str:
        scalar = _json_scalar(value)
        if scalar is not None:
            return scalar
        if level > self.max_depth:
            self.truncated = True
            return json.dumps(dotnet_string(value), ensure_ascii=False)
        if isinstance(value, (list, tuple)):
            return self._array([self.write(v, level + 1) for v in value], level)
        pairs = value.items() if isinstance(value, PSHashtable) else object_properties(value)
        return self._object([(str(k), self.write(v, level + 1)) for k, v in pairs], level)

    def _array(self, items: List[str], level: int) -> str:
        if not items:
            return "[]"
        if self.compress:
            return "[" + ",".join(items) + "]"
        pad = "  " * (level + 1)
        return "[\n" + ",\n".join(pad + item for item in items) + "\n" + "  " * level + "]"

    def _object(self, pairs: List[Tuple[str, str]], level: int) -> str:
        if not pairs:
            return "{}"
        if self.compress:
            return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{v}" for k, v in pairs) + "}"
        pad = "  " * (level + 1)
        body = ",\n".join(f"{pad}{json.dumps(k, ensure_ascii=False)}: {v}" for k, v in pairs)
        return "{\n" + body + "\n" + "  " * level + "}"


def _json_scalar(value: Any) -> Optional[str]:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _json_double(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, _dt.datetime):
        return json.dumps(_json_date(value))
    if isinstance(value, (str, uuid.UUID)) or not isinstance(value, (list, tuple, PSObject, PSHashtable)):
        return json.dumps(element_string(value), ensure_ascii=False)
    return None


def _json_double(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return json.dumps(format_double(value))
    text = format_double(value)
    return text + ".0" if value == int(value) and "E" not in text else text


def _json_date(value: _dt.datetime) -> str:
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    if value.tzinfo is not None:
        offset = value.utcoffset() or _dt.timedelta(0)
        if offset == _dt.timedelta(0):
            return text + "Z"
        sign = "-" if offset < _dt.timedelta(0) else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        text += f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return text


def to_json(value: Any, depth: int = 2, compress: bool = False) -> Tuple[str, bool]:
    """(JSON text, whether -Depth truncated something)."""
    writer = _JsonWriter(depth, compress)
    return writer.write(value), writer.truncated


class JsonError(Exception):
    pass


def from_json(text: str, as_hashtable: bool = False) -> Any:
    """ConvertFrom-Json: objects become PSCustomObjects (or hashtables), arrays lists."""
    try:
        raw = json.loads(text, object_pairs_hook=_JsonObject, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as problem:
        position = getattr(problem, "pos", 0) or 0
        raise JsonError(_syntax_message(text, position, getattr(problem, "msg", ""))) from None
    return _from_raw(raw, as_hashtable)


def _syntax_message(text: str, position: int, reason: str) -> str:
    """JavaScriptSerializer's wording (5.1): a bad token, or what an unfinished text lacks."""
    if reason.startswith("Unterminated string"):
        return "Invalid string passed in, '\"' expected."
    primitive = _primitive_at(text, position)
    if primitive or text[position:].strip():
        return f"Invalid JSON primitive: {primitive}."
    opener = _unclosed(text)
    if opener == '"':
        return "Invalid string passed in, '\"' expected."
    if opener == "[":
        return "Invalid array passed in, ']' expected."
    return "Invalid object passed in, '}' expected."


def _unclosed(text: str) -> str:
    stack: List[str] = []
    in_string = escaped = False
    for ch in text:
        if in_string:
            escaped = not escaped and ch == "\\"
            in_string = escaped or ch != '"'
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            stack.append(ch)
        elif ch in "]}" and stack:
            stack.pop()
    return '"' if in_string else (stack[-1] if stack else "{")


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _primitive_at(text: str, position: int) -> str:
    rest = text[position:].lstrip()
    end = 0
    while end < len(rest) and rest[end] not in ",:]}\r\n\t ":
        end += 1
    return rest[:end]


class _JsonObject(list):
    """A parsed JSON object's (key, value) pairs, kept apart from JSON arrays."""


class JsonDuplicateKeys(JsonError):
    pass


def _check_duplicates(pairs: List[Tuple[str, Any]]) -> None:
    seen = {}
    for key, _ in pairs:
        first = seen.setdefault(key.lower(), key)
        if first is not key:
            raise JsonDuplicateKeys(
                f"Cannot convert the JSON string because a dictionary that was converted from the "
                f"string contains the duplicated keys '{first}' and '{key}'.")


def _from_raw(raw: Any, as_hashtable: bool) -> Any:
    if isinstance(raw, _JsonObject):
        _check_duplicates(raw)
        pairs = [(k, _from_raw(v, as_hashtable)) for k, v in raw]
        return PSHashtable(pairs) if as_hashtable else PSObject(pairs)
    if isinstance(raw, list):
        return [_from_raw(item, as_hashtable) for item in raw]
    return raw


@cmdlet("ConvertTo-Json", module=UTILITY, output_type="System.String")
class ConvertToJson(Cmdlet):
    """Converts an object to a JSON-formatted string.

    Properties nested deeper than -Depth (default 2) are written as their string form, with a
    warning. Several pipeline objects make a JSON array; -AsArray makes one even for a single
    object. Layout: pwsh 7's two-space indentation."""
    examples = [Example("[pscustomobject]@{Name='ann'; Licenses=@('E3')} | ConvertTo-Json",
                        "Returns the object as indented JSON."),
                Example("@{a=1} | ConvertTo-Json -Compress", 'Returns {"a":1}.')]
    InputObject = allowing(Parameter("object", mandatory=True, position=0, pipeline=True,
                                     help="Specifies the objects to convert."), null=True)
    Depth = Parameter("int", default=2, validate_range=(0, 100),
                      help="Specifies how many levels of contained objects are included.")
    Compress = Switch(help="Omits white space and indentation.")
    AsArray = Switch(help="Outputs the object in array brackets even when it is the only one.")

    def begin(self):
        self._objects: List[Any] = []

    def process(self):
        self._objects.append(self.InputObject)

    def end(self):
        if not self._objects:
            return
        value = self._objects[0] if len(self._objects) == 1 and not self.AsArray else self._objects
        text, truncated = to_json(value, 2 if self.Depth is None else self.Depth, self.Compress)
        if truncated:
            self.write_warning(truncation_warning(2 if self.Depth is None else self.Depth))
        yield text


@cmdlet("ConvertFrom-Json", module=UTILITY, output_type="System.Management.Automation.PSCustomObject")
class ConvertFromJson(Cmdlet):
    """Converts a JSON-formatted string to a custom object or a hash table.

    All pipeline strings are joined and parsed together. A JSON array is sent down the pipeline
    one element at a time (pwsh 7) unless -NoEnumerate is given."""
    examples = [Example("'{\"Name\": \"ann\", \"Licenses\": [\"E3\"]}' | ConvertFrom-Json",
                        "Returns an object with the properties Name and Licenses.")]
    InputObject = allowing(Parameter("string", mandatory=True, position=0, pipeline=True,
                                     help="Specifies the JSON strings to convert."), empty_string=True)
    AsHashtable = Switch(help="Returns hash tables instead of custom objects.")
    NoEnumerate = Switch(help="Sends a JSON array down the pipeline as one object.")

    def begin(self):
        self._parts: List[str] = []

    def process(self):
        if self.InputObject is not None:
            self._parts.append(str(self.InputObject))

    def end(self):
        text = "\n".join(self._parts)
        if not text.strip():
            return
        try:
            value = from_json(text, self.AsHashtable)
        except JsonDuplicateKeys as problem:
            self.throw_terminating(self.error_record(
                str(problem), "DuplicateKeysInJsonString", "InvalidOperation",
                exception_type="System.InvalidOperationException"))
            return
        except JsonError as problem:
            self.throw_terminating(self.error_record(
                str(problem), "System.ArgumentException", "NotSpecified",
                exception_type="System.ArgumentException"))
            return
        if isinstance(value, list) and not self.NoEnumerate:
            yield from value
        else:
            yield value
