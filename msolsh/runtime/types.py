"""The allow-list of .NET types a script may name, and their static members.

Interface:
  resolve(name) -> TypeInfo | None     '[int]', 'System.Int32', 'string[]', 'List[object]'...
  type_not_found(name)                 raises pwsh's "Unable to find type [Foo]." (TypeNotFound)
  type_name_of(value) -> str           'System.Int32', 'System.Object[]', a PSObject's first name
  is_instance(value, type_name) -> bool          -is / typed catch
  get_static(type_name, member)        [int]::MaxValue, [math]::PI, [datetime]::Now
  invoke_static(type_name, method, args)         [math]::Round(2.5), [string]::Join(',', $a)
  new_object(type_name, args)          New-Object / [T]::new(): ArrayList, List[object], hashtable,
                                       datetime, timespan, version, guid, regex
  set_clock(callable) / set_guid_source(callable)  make Now/Today/NewGuid reproducible
Only names in these tables are reachable: nothing is looked up on Python objects by user text.
Knows nothing of the compiler or the tenant.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import math
import random
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Dict, Optional

from msolsh.runtime import coerce as _coerce
from msolsh.runtime import pstypes
from msolsh.runtime.pstypes import Char, PSList, Regex, Version, fail, type_name_of
from msolsh.runtime.values import PSHashtable, PSObject

__all__ = ["TypeInfo", "resolve", "type_not_found", "type_name_of", "is_instance", "get_static",
           "invoke_static", "new_object", "set_clock", "set_guid_source"]


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


# --- hooks ---------------------------------------------------------------------------------

_GUIDS = random.Random(0)
_GUID_SOURCE: list = [lambda: uuid.UUID(int=_GUIDS.getrandbits(128), version=4)]


def set_clock(clock: Callable[[], _dt.datetime]) -> None:
    """[datetime]::Now / Today / UtcNow read this (the tenant's simulated clock)."""
    pstypes.CLOCK[0] = clock


def set_guid_source(source: Callable[[], Any]) -> None:
    """[guid]::NewGuid() draws from this (a uuid.UUID or its string)."""
    _GUID_SOURCE[0] = source


def new_guid() -> uuid.UUID:
    g = _GUID_SOURCE[0]()
    return g if isinstance(g, uuid.UUID) else uuid.UUID(str(g))


# --- static members ------------------------------------------------------------------------

def get_static(type_name: str, member: str) -> Any:
    """A static property; an unknown one is $null, as pwsh without strict mode."""
    full = _full_name(type_name)
    getter = _PROPERTIES.get((full, member.lower()))
    return getter() if getter is not None else None


def invoke_static(type_name: str, method: str, args: list) -> Any:
    """[T]::Method(args); [T]::new(args) constructs (see new_object)."""
    full = _full_name(type_name)
    if method.lower() == "new":
        return new_object(full, args)
    entry = _METHODS.get((full, method.lower()))
    if entry is None:
        fail(f"Method invocation failed because [{full}] does not contain a method named "
             f"'{method}'.", "MethodNotFound", "InvalidOperation")
    func, counts = entry
    if len(args) not in counts and -1 not in counts:
        fail(f'Cannot find an overload for "{method}" and the argument count: "{len(args)}".',
             "MethodCountCouldNotFindBest", "NotSpecified", pstypes.METHOD_COUNT_EXCEPTION)
    return _call(func, method, args)


def new_object(type_name: str, args: list) -> Any:
    """New-Object T args / [T]::new(args) for the constructible allow-listed types."""
    full = _full_name(type_name)
    make = _CONSTRUCTORS.get(full)
    if make is None:
        info = resolve(full)
        if info is not None and info.element is not None:
            size = _coerce.convert(args[0] if args else 0, "System.Int32")
            return [None] * pstypes.check_size(size)
        fail(f'A constructor was not found. Cannot find an appropriate constructor for type {full}.',
             "CannotFindAppropriateCtor", "ObjectNotFound")
    return _call(make, "new", list(args))


def _full_name(type_name: str) -> str:
    info = resolve(type_name)
    if info is None:
        type_not_found(type_name)
    return info.full_name


def _call(func: Callable[..., Any], method: str, args: list) -> Any:
    """Run a static; .NET exceptions become 'Exception calling ...' errors."""
    try:
        return func(*args)
    except pstypes.RegexError as exc:
        pstypes.method_exception(method, args, str(exc), "ArgumentException")
    except IndexError:
        pstypes.method_exception(method, args, "Index was outside the bounds of the array.",
                                 "IndexOutOfRangeException")
    except (ValueError, OverflowError, TypeError, ZeroDivisionError) as exc:
        inner = str(exc) or _coerce.BAD_FORMAT
        formatting = "format" in inner.lower() or "recognized" in inner or "zero based" in inner
        pstypes.method_exception(method, args, inner,
                                 "FormatException" if formatting else "ArgumentException")


_S = _coerce.to_string
_N = _coerce.to_number


def _f(v: Any) -> float:
    return _coerce.convert(v, "System.Double")


def _round(x: Any, digits: Any = 0, mode: Any = None) -> Any:
    if isinstance(digits, str) and mode is None:
        digits, mode = 0, digits
    n, digits = _N(x, "System.Double"), _coerce.convert(digits, "System.Int32")
    away = mode is not None and _S(mode).lower() == "awayfromzero"
    if type(n) is Decimal:
        mode = "ROUND_HALF_UP" if away else "ROUND_HALF_EVEN"
        return n.quantize(Decimal(1).scaleb(-digits), rounding=mode)
    scaled = float(n) * 10.0 ** digits      # .NET scales, rounds, unscales (so 2.675 -> 2.67)
    if away:
        whole = math.floor(abs(scaled) + 0.5) * (1 if scaled >= 0 else -1)
    else:
        whole = round(scaled)
    return float(whole) / 10.0 ** digits


def _math1(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def run(x: Any) -> Any:
        n = _N(x, "System.Double")
        return Decimal(fn(n)) if type(n) is Decimal else float(fn(float(n)))
    return run


def _abs(x: Any) -> Any:
    return abs(_N(x, "System.Double"))


def _minmax(pick: Callable[..., Any]) -> Callable[[Any, Any], Any]:
    def run(a: Any, b: Any) -> Any:
        a, b = _N(a, "System.Double"), _N(b, "System.Double")
        if type(a) is int and type(b) is int:
            return pick(a, b)
        return pick(float(a), float(b))
    return run


def _join(sep: Any, *items: Any) -> str:
    if len(items) == 1 and isinstance(items[0], list):
        items = tuple(items[0])
    return _S(sep).join(_coerce.element_string(x) for x in items)


def _format(fmt: Any, *args: Any) -> str:
    from msolsh.runtime import operators
    if len(args) == 1 and isinstance(args[0], list):
        args = tuple(args[0])
    return operators.format_composite(_S(fmt), list(args))


def _regex_for(pattern: Any, options: Any = None) -> "re.Pattern[str]":
    ignore = options is not None and "ignorecase" in _S(options).lower()
    return pstypes.compile_regex(_S(pattern), ignore)


_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}


def _regex_escape(text: Any) -> str:
    """Regex.Escape: fewer characters than Python's re.escape."""
    return "".join(_ESCAPES.get(c) or ("\\" + c if c in "\\*+?|{[()^$.# " else c) for c in _S(text))


def _regex_replace(text: Any, pattern: Any, repl: Any, options: Any = None) -> str:
    rx = _regex_for(pattern, options)
    return rx.sub(pstypes.replacement(rx, _S(repl)), _S(text))


def _regex_split(text: Any, pattern: Any, options: Any = None) -> list:
    from msolsh.runtime import operators
    return operators.regex_split(_S(text), _regex_for(pattern, options), 0)


def _regex_match(text: Any, pattern: Any, options: Any = None) -> pstypes.Match:
    return pstypes.Match(_regex_for(pattern, options).search(_S(text)))


def _regex_matches(text: Any, pattern: Any, options: Any = None) -> list:
    return [pstypes.Match(m) for m in _regex_for(pattern, options).finditer(_S(text))]


def _parse_exact(text: Any, fmt: Any, provider: Any = None, style: Any = None) -> _dt.datetime:
    return pstypes.parse_exact(_S(text), _S(fmt))


def _to_int(value: Any, base: Any = None) -> int:
    if base is None:
        return _coerce.convert(value, "System.Int32")
    base = _coerce.convert(base, "System.Int32")
    if base not in (2, 8, 10, 16):
        raise ValueError("Invalid Base.")
    text = _S(value).strip()
    n = int(text[2:] if base == 16 and text.lower().startswith("0x") else text, base)
    return n - 2**32 if base != 10 and 2**31 <= n < 2**32 else n


def _to_string_base(value: Any, base: Any = None) -> str:
    if base is None:
        return _S(value)
    n, base = _coerce.convert(value, "System.Int64"), _coerce.convert(base, "System.Int32")
    if n < 0:
        n += 2**32 if n >= -2**31 else 2**64
    return {2: format(n, "b"), 8: format(n, "o"), 10: str(n), 16: format(n, "x")}[base]


def _to_boolean(v: Any) -> bool:
    if not isinstance(v, str):
        return _coerce.to_bool(v)
    text = v.strip().lower()
    if text not in ("true", "false"):
        raise ValueError(f"String '{v}' was not recognized as a valid Boolean.")
    return text == "true"


def _from_base64(text: Any) -> list:
    import base64
    import binascii
    try:
        return list(base64.b64decode(_S(text), validate=True))
    except (binascii.Error, ValueError):
        raise ValueError("The input is not a valid Base-64 string as it contains a non-base 64 "
                         "character, more than two padding characters, or an illegal character "
                         "among the padding characters.") from None


def _to_base64(data: Any) -> str:
    import base64
    items = data if isinstance(data, list) else [data]
    return base64.b64encode(bytes(_coerce.convert(b, "System.Byte") for b in items)).decode()


def _char_test(test: Callable[[str], bool]) -> Callable[..., bool]:
    def run(c: Any, index: Any = None) -> bool:
        s = _S(c)
        s = s[_coerce.convert(index, "System.Int32")] if index is not None else s
        return len(s) == 1 and test(s)
    return run


def _path_parts(p: Any) -> tuple:
    text = _S(p)
    cut = max(text.rfind("\\"), text.rfind("/"))
    return text[:cut] if cut >= 0 else "", text[cut + 1:]


def _extension(p: Any) -> str:
    name = _path_parts(p)[1]
    return name[name.rfind("."):] if "." in name and not name.endswith(".") else ""


def _combine(*parts: Any) -> str:
    out = ""
    for part in (_S(x) for x in parts):
        if not out or part.startswith(("\\", "/")) or (len(part) > 1 and part[1] == ":"):
            out = part
        elif part:
            out = out + ("" if out.endswith(("\\", "/")) else "\\") + part
    return out


class Encoding:
    """[System.Text.Encoding]::UTF8 / Unicode / ASCII: GetBytes/GetString via members.py."""
    __slots__ = ("codec", "name")

    def __init__(self, codec: str, name: str):
        self.codec, self.name = codec, name

    def get_bytes(self, text: Any) -> list:
        return list(_S(text).encode(self.codec, errors="replace"))

    def get_string(self, data: Any) -> str:
        items = data if isinstance(data, list) else [data]
        raw = bytes(_coerce.convert(b, "System.Byte") for b in items)
        return raw.decode(self.codec, errors="replace")


_INT_NAMES = list(_coerce.INT_RANGES)
_PROPERTIES: Dict[tuple, Callable[[], Any]] = {
    ("System.Math", "pi"): lambda: 3.141592653589793, ("System.Math", "e"): lambda: 2.718281828459045,
    ("System.String", "empty"): lambda: "", ("System.Guid", "empty"): lambda: uuid.UUID(int=0),
    ("System.DateTime", "now"): pstypes.now,
    ("System.DateTime", "today"): lambda: _dt.datetime.combine(pstypes.now().date(), _dt.time()),
    ("System.DateTime", "utcnow"): pstypes.now,
    ("System.DateTime", "minvalue"): lambda: _dt.datetime.min,
    ("System.DateTime", "maxvalue"): lambda: _dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
    ("System.TimeSpan", "zero"): lambda: _dt.timedelta(0),
    ("System.Double", "maxvalue"): lambda: 1.7976931348623157e308,
    ("System.Double", "minvalue"): lambda: -1.7976931348623157e308,
    ("System.Double", "nan"): lambda: float("nan"),
    ("System.Double", "positiveinfinity"): lambda: float("inf"),
    ("System.Double", "negativeinfinity"): lambda: float("-inf"),
    ("System.Environment", "newline"): lambda: "\n",
    ("System.IO.Path", "directoryseparatorchar"): lambda: Char("\\"),
    ("System.Text.Encoding", "utf8"): lambda: Encoding("utf-8", "UTF8"),
    ("System.Text.Encoding", "unicode"): lambda: Encoding("utf-16-le", "Unicode"),
    ("System.Text.Encoding", "ascii"): lambda: Encoding("ascii", "ASCII"),
}
for _name in _INT_NAMES:
    _lo, _hi, _ = _coerce.INT_RANGES[_name]
    _PROPERTIES[(_name, "maxvalue")] = (lambda v: lambda: v)(_hi)
    _PROPERTIES[(_name, "minvalue")] = (lambda v: lambda: v)(_lo)

_ANY = (-1,)
_METHODS: Dict[tuple, tuple] = {
    ("System.Math", "round"): (_round, (1, 2, 3)),
    ("System.Math", "floor"): (_math1(math.floor), (1,)),
    ("System.Math", "ceiling"): (_math1(math.ceil), (1,)),
    ("System.Math", "truncate"): (_math1(math.trunc), (1,)),
    ("System.Math", "abs"): (_abs, (1,)), ("System.Math", "max"): (_minmax(max), (2,)),
    ("System.Math", "min"): (_minmax(min), (2,)),
    ("System.Math", "pow"): (lambda a, b: _f(a) ** _f(b), (2,)),
    ("System.Math", "sqrt"): (lambda a: _f(a) ** 0.5 if _f(a) >= 0 else float("nan"), (1,)),
    ("System.Math", "sign"): (lambda a: (_f(a) > 0) - (_f(a) < 0), (1,)),
    ("System.String", "isnullorempty"): (lambda s: s is None or _S(s) == "", (1,)),
    ("System.String", "isnullorwhitespace"): (lambda s: s is None or _S(s).strip() == "", (1,)),
    ("System.String", "join"): (_join, _ANY), ("System.String", "format"): (_format, _ANY),
    ("System.String", "concat"): (lambda *a: "".join(_S(x) for x in a), _ANY),
    ("System.String", "equals"): (lambda a, b: _S(a) == _S(b), (2,)),
    ("System.Guid", "newguid"): (new_guid, (0,)),
    ("System.Guid", "parse"): (lambda s: _coerce.convert(_S(s), "System.Guid"), (1,)),
    ("System.DateTime", "parse"): (lambda s, p=None: pstypes.parse_datetime(_S(s)), (1, 2)),
    ("System.DateTime", "parseexact"): (_parse_exact, (3, 4)),
    ("System.DateTime", "isleapyear"): (lambda y: calendar.isleap(int(_N(y))), (1,)),
    ("System.DateTime", "daysinmonth"):
        (lambda y, m: calendar.monthrange(int(_N(y)), int(_N(m)))[1], (2,)),
    ("System.TimeSpan", "fromdays"): (lambda n: _dt.timedelta(days=_f(n)), (1,)),
    ("System.TimeSpan", "fromhours"): (lambda n: _dt.timedelta(hours=_f(n)), (1,)),
    ("System.TimeSpan", "fromminutes"): (lambda n: _dt.timedelta(minutes=_f(n)), (1,)),
    ("System.TimeSpan", "fromseconds"): (lambda n: _dt.timedelta(seconds=_f(n)), (1,)),
    ("System.TimeSpan", "frommilliseconds"): (lambda n: _dt.timedelta(milliseconds=_f(n)), (1,)),
    ("System.TimeSpan", "fromticks"): (lambda n: _dt.timedelta(microseconds=_N(n) // 10), (1,)),
    ("System.TimeSpan", "parse"): (lambda s: pstypes.parse_timespan(_S(s)), (1,)),
    ("System.Text.RegularExpressions.Regex", "escape"): (_regex_escape, (1,)),
    ("System.Text.RegularExpressions.Regex", "unescape"): (lambda s: re.sub(r"\\(.)", r"\1", _S(s)), (1,)),
    ("System.Text.RegularExpressions.Regex", "ismatch"):
        (lambda t, p, o=None: _regex_for(p, o).search(_S(t)) is not None, (2, 3)),
    ("System.Text.RegularExpressions.Regex", "match"): (_regex_match, (2, 3)),
    ("System.Text.RegularExpressions.Regex", "matches"): (_regex_matches, (2, 3)),
    ("System.Text.RegularExpressions.Regex", "replace"): (_regex_replace, (3, 4)),
    ("System.Text.RegularExpressions.Regex", "split"): (_regex_split, (2, 3)),
    ("System.Convert", "tobase64string"): (_to_base64, (1,)),
    ("System.Convert", "frombase64string"): (_from_base64, (1,)),
    ("System.Convert", "toint32"): (_to_int, (1, 2)),
    ("System.Convert", "toint64"): (lambda v: _coerce.convert(v, "System.Int64"), (1,)),
    ("System.Convert", "todouble"): (lambda v: _coerce.convert(v, "System.Double"), (1,)),
    ("System.Convert", "toboolean"): (_to_boolean, (1,)),
    ("System.Convert", "tostring"): (_to_string_base, (1, 2)),
    ("System.IO.Path", "getfilename"): (lambda p: _path_parts(p)[1], (1,)),
    ("System.IO.Path", "getdirectoryname"): (lambda p: _path_parts(p)[0], (1,)),
    ("System.IO.Path", "getextension"): (_extension, (1,)),
    ("System.IO.Path", "getfilenamewithoutextension"):
        (lambda p: _path_parts(p)[1][:len(_path_parts(p)[1]) - len(_extension(p))], (1,)),
    ("System.IO.Path", "combine"): (_combine, _ANY),
    ("System.IO.Path", "changeextension"):
        (lambda p, e: _S(p)[:len(_S(p)) - len(_extension(p))] + ("" if e is None else
                                                                  ("" if _S(e).startswith(".") else ".") + _S(e)), (2,)),
}
for _full, _test in (("isdigit", str.isdigit), ("isletter", str.isalpha),
                     ("isletterordigit", str.isalnum), ("iswhitespace", str.isspace),
                     ("isupper", str.isupper), ("islower", str.islower),
                     ("ispunctuation", lambda c: not c.isalnum() and not c.isspace() and c.isprintable())):
    _METHODS[("System.Char", _full)] = (_char_test(_test), (1, 2))
_METHODS[("System.Char", "toupper")] = (lambda c: Char(_S(c).upper()), (1,))
_METHODS[("System.Char", "tolower")] = (lambda c: Char(_S(c).lower()), (1,))
for _name in _INT_NAMES + ["System.Double", "System.Decimal"]:
    _METHODS[(_name, "parse")] = ((lambda n: lambda s: _coerce.convert(_S(s), n))(_name), (1,))

_CONSTRUCTORS: Dict[str, Callable[..., Any]] = {
    "System.Collections.ArrayList": lambda *a: PSList(a[0] if a and isinstance(a[0], list) else []),
    "System.Collections.Generic.List[System.Object]":
        lambda *a: PSList(a[0] if a and isinstance(a[0], list) else [],
                          "System.Collections.Generic.List`1[System.Object]"),
    "System.Collections.Hashtable": lambda *a: PSHashtable(),
    "System.Collections.Specialized.OrderedDictionary": lambda *a: PSHashtable(ordered=True),
    "System.Management.Automation.PSObject": lambda *a: PSObject(),
    "System.Object": lambda: PSObject([], ["System.Object"]),
    "System.DateTime": lambda *a: _dt.datetime(*(int(_N(x)) for x in a)) if a else _dt.datetime.min,
    "System.TimeSpan": lambda *a: _new_timespan(*a),
    "System.Version": lambda *a: _coerce.convert(a[0], "System.Version") if len(a) == 1
    else Version(*(int(_N(x)) for x in a)),
    "System.Guid": lambda s=None: uuid.UUID(int=0) if s is None else _coerce.convert(s, "System.Guid"),
    "System.Text.RegularExpressions.Regex": lambda p, o=None: _regex_object(p, o),
    "System.String": lambda c, n: _S(c) * pstypes.check_size(int(_N(n))),
}


def _new_timespan(*a: Any) -> _dt.timedelta:
    n = [int(_N(x)) for x in a]
    if len(n) == 1:
        return _dt.timedelta(microseconds=n[0] // 10)
    if len(n) == 3:
        return _dt.timedelta(hours=n[0], minutes=n[1], seconds=n[2])
    return _dt.timedelta(days=n[0], hours=n[1], minutes=n[2], seconds=n[3],
                         milliseconds=n[4] if len(n) > 4 else 0)


def _regex_object(pattern: Any, options: Any) -> Regex:
    ignore = options is not None and "ignorecase" in _S(options).lower()
    return Regex(_S(pattern), ignore)
