"""The static members a script may reach on allow-listed types: [int]::MaxValue, [math]::Round(),
[datetime]::Now, [guid]::NewGuid(), [T]::new(), and the clock and GUID hooks behind them.

Interface:
  get_static(type_name, member)        [int]::MaxValue, [math]::PI, [datetime]::Now
  invoke_static(type_name, method, args)         [math]::Round(2.5), [string]::Join(',', $a)
  new_object(type_name, args)          New-Object / [T]::new(): ArrayList, List[object], hashtable,
                                       datetime, timespan, version, guid, regex
  set_clock(callable) / set_guid_source(callable) / new_guid()   reproducible Now/Today/NewGuid
Only (type, member) pairs in these tables are reachable: nothing is looked up on Python objects
by user text. The text-handling methods live in text_statics.py. Knows nothing of the compiler or
the tenant.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import math
import random
import re
import uuid
from decimal import Decimal
from typing import Any, Callable, Dict

from msolsh.runtime import coerce as _coerce
from msolsh.runtime import pstypes
from msolsh.runtime.pstypes import Char, PSList, Regex, Version, fail
from msolsh.runtime.text_statics import (Encoding, char_test, convert_to_boolean, convert_to_int32,
                                         convert_to_string, from_base64, path_combine,
                                         path_extension, path_parts, regex_escape, regex_for,
                                         regex_match, regex_matches, regex_replace, regex_split,
                                         to_base64)
from msolsh.runtime.typenames import resolve, type_not_found
from msolsh.runtime.values import PSHashtable, PSObject

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


def _parse_exact(text: Any, fmt: Any, provider: Any = None, style: Any = None) -> _dt.datetime:
    return pstypes.parse_exact(_S(text), _S(fmt))



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
    ("System.Text.RegularExpressions.Regex", "escape"): (regex_escape, (1,)),
    ("System.Text.RegularExpressions.Regex", "unescape"): (lambda s: re.sub(r"\\(.)", r"\1", _S(s)), (1,)),
    ("System.Text.RegularExpressions.Regex", "ismatch"):
        (lambda t, p, o=None: regex_for(p, o).search(_S(t)) is not None, (2, 3)),
    ("System.Text.RegularExpressions.Regex", "match"): (regex_match, (2, 3)),
    ("System.Text.RegularExpressions.Regex", "matches"): (regex_matches, (2, 3)),
    ("System.Text.RegularExpressions.Regex", "replace"): (regex_replace, (3, 4)),
    ("System.Text.RegularExpressions.Regex", "split"): (regex_split, (2, 3)),
    ("System.Convert", "tobase64string"): (to_base64, (1,)),
    ("System.Convert", "frombase64string"): (from_base64, (1,)),
    ("System.Convert", "toint32"): (convert_to_int32, (1, 2)),
    ("System.Convert", "toint64"): (lambda v: _coerce.convert(v, "System.Int64"), (1,)),
    ("System.Convert", "todouble"): (lambda v: _coerce.convert(v, "System.Double"), (1,)),
    ("System.Convert", "toboolean"): (convert_to_boolean, (1,)),
    ("System.Convert", "tostring"): (convert_to_string, (1, 2)),
    ("System.IO.Path", "getfilename"): (lambda p: path_parts(p)[1], (1,)),
    ("System.IO.Path", "getdirectoryname"): (lambda p: path_parts(p)[0], (1,)),
    ("System.IO.Path", "getextension"): (path_extension, (1,)),
    ("System.IO.Path", "getfilenamewithoutextension"):
        (lambda p: path_parts(p)[1][:len(path_parts(p)[1]) - len(path_extension(p))], (1,)),
    ("System.IO.Path", "combine"): (path_combine, _ANY),
    ("System.IO.Path", "changeextension"):
        (lambda p, e: _S(p)[:len(_S(p)) - len(path_extension(p))] + ("" if e is None else
                                                                  ("" if _S(e).startswith(".") else ".") + _S(e)), (2,)),
}
for _full, _test in (("isdigit", str.isdigit), ("isletter", str.isalpha),
                     ("isletterordigit", str.isalnum), ("iswhitespace", str.isspace),
                     ("isupper", str.isupper), ("islower", str.islower),
                     ("ispunctuation", lambda c: not c.isalnum() and not c.isspace() and c.isprintable())):
    _METHODS[("System.Char", _full)] = (char_test(_test), (1, 2))
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
