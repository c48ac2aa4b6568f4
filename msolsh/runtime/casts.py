"""Casts to the allow-listed types (LanguagePrimitives.ConvertTo): [int]$x, typed variables,
parameter binding, -as; and numbers as arithmetic operands.

Interface:
  to_number(v, type_name=None)    int | float | Decimal for arithmetic; type_name words the error
  convert(value, type_name)       a cast / typed variable / parameter binding; raises
                                  PSRuntimeException with pwsh's message, id and category
  convert_try(value, type_name) -> (ok, value)     for -as
  converter(type_name) -> Callable[[value], value]  the same, resolved once
  cast_fail(value, target)        pwsh's "Cannot convert ..." error
  INT_RANGES / BAD_FORMAT         the integer types' ranges and .NET's format-error wording
Type names may be accelerators ('int') or .NET names ('System.Int32'), any case, and 'T[]'.
Knows nothing of the compiler, scopes or the tenant.
"""
from __future__ import annotations

import datetime as _dt
import uuid
from decimal import Decimal
from typing import Any, Callable, Dict, Optional, Tuple

from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.primitives import element_string, parse_number, to_bool, to_string
from msolsh.runtime.pstypes import (Char, PSList, Regex, RegexError, Version, fail, parse_datetime,
                                    parse_timespan, type_name_of)
from msolsh.runtime.typenames import is_instance, resolve, type_not_found
from msolsh.runtime.values import PSHashtable, PSObject

INT_RANGES = {
    "System.Int32": (-2**31, 2**31 - 1, "an Int32"), "System.Int64": (-2**63, 2**63 - 1, "an Int64"),
    "System.Int16": (-2**15, 2**15 - 1, "an Int16"), "System.Byte": (0, 255, "an unsigned byte"),
    "System.SByte": (-128, 127, "a signed byte"), "System.UInt16": (0, 2**16 - 1, "a UInt16"),
    "System.UInt32": (0, 2**32 - 1, "a UInt32"), "System.UInt64": (0, 2**64 - 1, "a UInt64"),
}
BAD_FORMAT = "Input string was not in a correct format."




def to_number(v: Any, type_name: Optional[str] = None) -> Any:
    """A value as an arithmetic operand: int, float or Decimal."""
    t = type(v)
    if t is int or t is float or t is Decimal:
        return v
    if v is None:
        return 0
    if t is bool:
        return int(v)
    if t is Char:
        return ord(v)
    if t is str:
        n = parse_number(v)
        if n is None:
            target = type_name or "System.Int32"
            _string_fail(v, target, BAD_FORMAT)
        return n
    return convert(v, type_name or "System.Int32")


# --- casts ---------------------------------------------------------------------------------

def _string_fail(s: str, target: str, inner: str, error_id: Optional[str] = None) -> None:
    if error_id is None:
        error_id = {"System.Double": "InvalidCastFromStringToDoubleOrSingle",
                    "System.Single": "InvalidCastFromStringToDoubleOrSingle",
                    "System.Decimal": "InvalidCastFromStringToDecimal"}.get(
            target, "InvalidCastFromStringToInteger" if target in INT_RANGES
            else "InvalidCastParseTargetInvocation")
    fail(f'Cannot convert value "{s}" to type "{target}". Error: "{inner}"', error_id,
         "InvalidArgument")


def cast_fail(value: Any, target: str) -> None:
    if value is None:
        fail(f'Cannot convert null to type "{target}".', "nullToObjectInvalidCast", "InvalidArgument")
    shown = element_string(value)
    fail(f'Cannot convert the "{shown}" value of type "{type_name_of(value)}" to type '
         f'"{target}".', "ConvertToFinalInvalidCastException", "InvalidArgument")


def _to_integer(v: Any, target: str) -> int:
    lo, hi, article = INT_RANGES[target]
    t = type(v)
    if t is int and lo <= v <= hi:
        return v
    if v is None:
        return 0
    if t is str:
        n = parse_number(v)
        if n is None:
            _string_fail(v, target, BAD_FORMAT)
        return _ranged(_round_even(n), lo, hi, article, v, target, True)
    if t is bool:
        return int(v)
    if t is Char:
        return _ranged(ord(v), lo, hi, article, v, target)
    if t in (int, float, Decimal):
        if t is float and (v != v or v in (float("inf"), float("-inf"))):
            _overflow(v, target, article)
        return _ranged(_round_even(v), lo, hi, article, v, target)
    cast_fail(v, target)


def _round_even(n: Any) -> int:
    return n if type(n) is int else int(round(n))


def _ranged(n: int, lo: int, hi: int, article: str, original: Any, target: str,
            from_string: bool = False) -> int:
    if lo <= n <= hi:
        return n
    if from_string:
        _string_fail(original, target, f"Value was either too large or too small for {article}.")
    _overflow(original, target, article)


def _overflow(v: Any, target: str, article: str) -> None:
    fail(f'Cannot convert value "{to_string(v)}" to type "{target}". Error: "Value was either too '
         f'large or too small for {article}."', "InvalidCastIConvertible", "InvalidArgument")


def _to_double(v: Any, target: str = "System.Double") -> float:
    t = type(v)
    if t is float:
        return v
    if t is int or t is bool or t is Decimal:
        return float(v)
    if v is None:
        return 0.0
    if t is str:
        n = parse_number(v)
        if n is None:
            _string_fail(v, target, BAD_FORMAT)
        return float(n)
    if t is Char:
        return float(ord(v))
    cast_fail(v, target)


def _to_decimal(v: Any) -> Decimal:
    t = type(v)
    if t is Decimal:
        return v
    if t is int or t is bool:
        return Decimal(int(v))
    if t is float:
        return Decimal(repr(v)) if v == v else cast_fail(v, "System.Decimal")
    if v is None:
        return Decimal(0)
    if t is str:
        n = parse_number(v)
        if n is None:
            _string_fail(v, "System.Decimal", BAD_FORMAT)
        return n if type(n) is Decimal else Decimal(repr(n) if type(n) is float else n)
    cast_fail(v, "System.Decimal")


def _to_char(v: Any) -> Char:
    t = type(v)
    if t is Char:
        return v
    if v is None:
        return Char("\0")
    if t is str:
        if len(v) != 1:
            _string_fail(v, "System.Char", "String must be exactly one character long.")
        return Char(v)
    if t is int or t is float:
        n = _to_integer(v, "System.UInt16")
        return Char(chr(n))
    cast_fail(v, "System.Char")


def _to_string_cast(v: Any) -> Optional[str]:
    return to_string(v)


def _to_array(element: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def cast(v: Any) -> Any:
        if v is None:
            return None
        items = v if isinstance(v, list) else [v]
        return [element(x) for x in items]
    return cast


def _to_object_array(v: Any) -> Any:
    if v is None:
        return None
    if type(v) is list:
        return v
    return list(v) if isinstance(v, list) else [v]


def _to_arraylist(type_name: str) -> Callable[[Any], Any]:
    def cast(v: Any) -> Any:
        if v is None:
            return None
        return PSList(v if isinstance(v, list) else [v], type_name)
    return cast


def _to_hashtable(ordered: bool) -> Callable[[Any], Any]:
    target = ("System.Collections.Specialized.OrderedDictionary" if ordered
              else "System.Collections.Hashtable")

    def cast(v: Any) -> Any:
        if v is None:
            return None
        if type(v) is PSHashtable:
            return v if v.ordered == ordered else PSHashtable(v.items(), ordered)
        cast_fail(v, target)
    return cast


def _to_custom_object(v: Any) -> Any:
    if type(v) is PSHashtable:
        return PSObject([(str(k), x) for k, x in v.items()])
    return v


def _to_scriptblock(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(getattr(v, "text", None), str) and not isinstance(v, (str, PSObject)):
        return v
    cast_fail(v, "System.Management.Automation.ScriptBlock")


def _parsing(target: str, parse: Callable[[str], Any], kinds: tuple,
             extra: Optional[Callable[[Any], Any]] = None) -> Callable[[Any], Any]:
    nullable = target in ("System.Version", "System.Text.RegularExpressions.Regex")

    def cast(v: Any) -> Any:
        if isinstance(v, kinds) or (v is None and nullable):
            return v
        if type(v) in (str, Char):
            try:
                return parse(v)
            except PSRuntimeException:
                raise
            except (ValueError, OverflowError, RegexError) as exc:
                message = str(exc) if str(exc) else BAD_FORMAT
                _string_fail(v, target, message,
                             "InvalidCastParseTargetInvocationWithFormatProvider"
                             if target == "System.DateTime" else None)
        if extra is not None and v is not None:
            out = extra(v)
            if out is not None:
                return out
        cast_fail(v, target)
    return cast


def _parse_guid(s: str) -> uuid.UUID:
    try:
        return uuid.UUID(s.strip())
    except ValueError:
        # .NET Framework's text, which Windows PowerShell 5.1 shows.
        raise ValueError("Guid should contain 32 digits with 4 dashes "
                         "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).") from None


def _bytes_to_guid(v: Any) -> Any:
    """[guid]([convert]::FromBase64String($immutableId)): 16 bytes in .NET's mixed-endian order."""
    if isinstance(v, list) and len(v) == 16 and all(type(b) is int and 0 <= b <= 255 for b in v):
        return uuid.UUID(bytes_le=bytes(v))
    return None


def _ticks_to_datetime(v: Any) -> Any:
    if type(v) is int:
        return _dt.datetime(1, 1, 1) + _dt.timedelta(microseconds=v // 10)
    return None


def _ticks_to_timespan(v: Any) -> Any:
    if type(v) is int:
        return _dt.timedelta(microseconds=v // 10)
    return None


def _build_converters() -> Dict[str, Callable[[Any], Any]]:
    table: Dict[str, Callable[[Any], Any]] = {
        name: (lambda n: lambda v: _to_integer(v, n))(name) for name in INT_RANGES}
    table.update({
        "System.Double": _to_double, "System.Single": lambda v: _to_double(v, "System.Single"),
        "System.Decimal": _to_decimal, "System.String": _to_string_cast, "System.Boolean": to_bool,
        "System.Management.Automation.SwitchParameter": to_bool, "System.Char": _to_char,
        "System.Object": lambda v: v, "System.Management.Automation.PSObject": lambda v: v,
        "System.Management.Automation.PSCustomObject": _to_custom_object,
        "System.Void": lambda v: None,
        "System.Object[]": _to_object_array, "System.Array": _to_object_array,
        "System.Collections.ArrayList": _to_arraylist("System.Collections.ArrayList"),
        "System.Collections.Generic.List[System.Object]":
            _to_arraylist("System.Collections.Generic.List`1[System.Object]"),
        "System.Collections.Hashtable": _to_hashtable(False),
        "System.Collections.Specialized.OrderedDictionary": _to_hashtable(True),
        "System.Management.Automation.ScriptBlock": _to_scriptblock,
        "System.DateTime": _parsing("System.DateTime", parse_datetime, (_dt.datetime,),
                                    _ticks_to_datetime),
        "System.TimeSpan": _parsing("System.TimeSpan", parse_timespan, (_dt.timedelta,),
                                    _ticks_to_timespan),
        "System.Guid": _parsing("System.Guid", _parse_guid, (uuid.UUID,), _bytes_to_guid),
        "System.Version": _parsing("System.Version", Version.parse, (Version,)),
        "System.Text.RegularExpressions.Regex": _parsing("System.Text.RegularExpressions.Regex",
                                                          Regex, (Regex,)),
    })
    return table


_CONVERTERS: Dict[str, Callable[[Any], Any]] = {}


def converter(type_name: str) -> Callable[[Any], Any]:
    """The cast to `type_name`, resolved once; unknown types raise TypeNotFound."""
    if not _CONVERTERS:
        _CONVERTERS.update(_build_converters())
    info = resolve(type_name)
    if info is None:
        type_not_found(type_name)
    found = _CONVERTERS.get(info.full_name)
    if found is not None:
        return found
    if info.element is not None:
        found = _to_array(converter(info.element))
    else:
        found = _instance_only(info.full_name)
    _CONVERTERS[info.full_name] = found
    return found


def _instance_only(full_name: str) -> Callable[[Any], Any]:
    def cast(v: Any) -> Any:
        if v is None or is_instance(v, full_name):
            return v
        cast_fail(v, full_name)
    return cast


def convert(value: Any, type_name: str) -> Any:
    return converter(type_name)(value)


def convert_try(value: Any, type_name: str) -> Tuple[bool, Any]:
    """-as: (True, converted) or (False, None); an unknown type still raises."""
    cast = converter(type_name)
    try:
        return True, cast(value)
    except PSRuntimeException:
        return False, None

