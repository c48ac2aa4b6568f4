"""The methods of .NET value types: DateTime (.AddDays, .ToString('yyyy-MM-dd')), numbers
(.ToString('N2'), .CompareTo), TimeSpan, Guid, Version, Match, Regex, Type, Encoding and a
PSObject's .ToString().

Interface:
  DT_METHODS, NUMBER_METHODS, SPAN_METHODS, GUID_METHODS, VERSION_METHODS, MATCH_METHODS,
  REGEX_METHODS, TYPE_METHODS, ENCODING_METHODS, PSOBJECT_METHODS
      {lower-case name: (function(obj, *args), allowed argument counts or None)}
  net_equals(a, b) -> bool            Object.Equals: same type and value, no pwsh conversion
Functions raise NetError where .NET throws; methods.py wraps it. Knows nothing of the compiler
or the tenant.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Dict

from msolsh.runtime.coerce import convert, to_string
from msolsh.runtime.failures import NetError
from msolsh.runtime.properties import span_ticks
from msolsh.runtime.pstypes import Match, Regex, format_datetime, format_value


def net_equals(a: Any, b: Any) -> bool:
    """Object.Equals: same type and value (no PowerShell conversion)."""
    return type(a) is type(b) and a == b or (a is b)


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


DT_METHODS: Dict[str, tuple] = {
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
    "tofiletime": (lambda d: span_ticks(d - _dt.datetime(1601, 1, 1)), (0,)),
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


NUMBER_METHODS: Dict[str, tuple] = {
    "tostring": (_number_text, (0, 1, 2)), "compareto": (_compare_to, (1,)),
    "equals": (net_equals, (1,)), "gethashcode": (lambda n: hash(n) & 0x7FFFFFFF, (0,)),
}
SPAN_METHODS: Dict[str, tuple] = {
    "add": (lambda t, o: t + convert(o, "System.TimeSpan"), (1,)),
    "subtract": (lambda t, o: t - convert(o, "System.TimeSpan"), (1,)),
    "negate": (lambda t: -t, (0,)), "duration": (lambda t: abs(t), (0,)),
    "tostring": (_number_text, (0, 1, 2)), "compareto": (_compare_to, (1,)),
}
_GUID_FORMATS = {"n": lambda g: g.hex, "d": str, "b": lambda g: "{" + str(g) + "}",
                 "p": lambda g: "(" + str(g) + ")"}
GUID_METHODS: Dict[str, tuple] = {
    "tostring": (lambda g, f="d": _GUID_FORMATS.get(to_string(f).lower() or "d", str)(g), (0, 1)),
    "tobytearray": (lambda g: list(g.bytes_le), (0,)),
}
VERSION_METHODS: Dict[str, tuple] = {
    "tostring": (lambda v, n=None: str(v) if n is None else ".".join(
        str(p) for p in v.parts[:convert(n, "System.Int32")]), (0, 1)),
    "compareto": (_compare_to, (1,)),
}
MATCH_METHODS: Dict[str, tuple] = {
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


REGEX_METHODS: Dict[str, tuple] = {
    name: (_regex_method(name), (1,) if name != "replace" else (2,))
    for name in ("match", "matches", "ismatch", "split", "replace")}
REGEX_METHODS["tostring"] = (lambda rx: rx.pattern, (0,))
TYPE_METHODS: Dict[str, tuple] = {"tostring": (lambda t: t.full_name, (0,))}
ENCODING_METHODS: Dict[str, tuple] = {
    "getbytes": (lambda e, s: e.get_bytes(s), (1,)), "getstring": (lambda e, b: e.get_string(b), (1,)),
}
PSOBJECT_METHODS: Dict[str, tuple] = {"tostring": (lambda o: to_string(o), (0,))}
