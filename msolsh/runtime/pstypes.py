"""Value classes .NET has and Python lacks, and how .NET values are parsed and written as text.

Interface:
  Char, Version, PSList (ArrayList / List[object]), Regex, Match   value classes
  type_name_of(value) -> str           the .NET type name of any value
  fail(message, error_id, category, exception_type)   raise a pwsh error record
  method_exception(method, args, inner, error_id)      'Exception calling "M" with "n" argument(s)'
  check_size(n)                        refuse strings/arrays that would exhaust memory
  translate_regex / compile_regex / matches_table / replacement / net_group_order
                                       .NET regex syntax, $Matches and $1/${name} substitutions
  parse_datetime / parse_exact / parse_timespan / format_datetime / now (CLOCK hook)
  format_composite(fmt, args) / format_value(v, spec) / format_number(n, spec)
                                       .NET composite and standard/custom formats (en-US)
TimeSpan is datetime.timedelta, Guid is uuid.UUID, DateTime is datetime.datetime (no time zone:
the simulated world's local time is UTC). Nothing here knows the compiler or the tenant.
"""
from __future__ import annotations

import datetime as _dt
import re
import uuid
from decimal import Decimal
from typing import Any, Callable, List, NoReturn, Optional

from msolsh.runtime.errors import ErrorRecord, PSRuntimeException
from msolsh.runtime.values import PSHashtable, PSObject

RUNTIME_EXCEPTION = "System.Management.Automation.RuntimeException"
METHOD_EXCEPTION = "System.Management.Automation.MethodInvocationException"


METHOD_COUNT_EXCEPTION = "System.Management.Automation.MethodException"


def fail(message: str, error_id: str = "RuntimeException", category: str = "NotSpecified",
         exception_type: str = RUNTIME_EXCEPTION, target: Any = None, **extra: Any) -> NoReturn:
    """Raise a terminating pwsh error (extra: other ErrorRecord fields, e.g. target_type)."""
    raise PSRuntimeException(ErrorRecord(message, error_id, category, target=target,
                                         exception_type=exception_type, **extra))


def method_exception(method: str, args: list, inner: str,
                     error_id: str = "MethodInvocationException") -> NoReturn:
    """'Exception calling "Add" with "1" argument(s): "..."' as pwsh wraps .NET exceptions; the
    error id is the inner .NET exception's name ('FormatException', 'NotSupportedException')."""
    fail(f'Exception calling "{method}" with "{len(args)}" argument(s): "{inner}"',
         error_id, "NotSpecified", METHOD_EXCEPTION)


MAX_ELEMENTS = 20_000_000     # beyond this pwsh would exhaust memory; we refuse early


def check_size(n: int) -> int:
    """Refuse strings/arrays so large they would exhaust memory, as .NET's OutOfMemory."""
    if n > MAX_ELEMENTS:
        fail("Exception of type 'System.OutOfMemoryException' was thrown.",
             "System.OutOfMemoryException", "OperationStopped",
             exception_type="System.OutOfMemoryException")
    return n


class Char(str):
    """[char]: a one-character string that knows it is a System.Char."""
    __slots__ = ()


class Version:
    """[version]: 2 to 4 numeric parts; missing build/revision are -1 as in .NET."""
    __slots__ = ("parts",)

    def __init__(self, *parts: int):
        self.parts = tuple(parts) + (-1,) * (4 - len(parts))

    @classmethod
    def parse(cls, text: str) -> "Version":
        pieces = text.strip().split(".")
        if not 2 <= len(pieces) <= 4 or not all(p.strip().isdigit() for p in pieces):
            raise ValueError("Version string portion was too short or too long."
                             if not 2 <= len(pieces) <= 4 else
                             "Input string was not in a correct format.")
        return cls(*(int(p) for p in pieces))

    @property
    def major(self) -> int:
        return self.parts[0]

    def __str__(self) -> str:
        return ".".join(str(p) for p in self.parts if p >= 0)

    def _key(self) -> tuple:
        return self.parts

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Version) and self.parts == other.parts

    def __lt__(self, other: "Version") -> bool:
        return self.parts < other.parts

    def __hash__(self) -> int:
        return hash(self.parts)

    def __repr__(self) -> str:
        return f"Version({self})"


class PSList(list):
    """[System.Collections.ArrayList] / List[object]: growable, unlike object[] (a plain list)."""
    __slots__ = ("type_name",)

    def __init__(self, items: Any = (), type_name: str = "System.Collections.ArrayList"):
        super().__init__(items)
        self.type_name = type_name


# --- regular expressions -------------------------------------------------------------------

_NET_NAMED = re.compile(r"\\k<([A-Za-z_]\w*)>|\\.|\(\?<([A-Za-z_]\w*)>|\(\?'([A-Za-z_]\w*)'")


def translate_regex(pattern: str) -> str:
    """.NET regex syntax -> Python re syntax for the constructs that differ."""
    def swap(m: "re.Match[str]") -> str:
        text = m.group(0)
        if m.group(1):
            return f"(?P={m.group(1)})"
        if text.startswith("\\"):
            return {"\\z": "\\Z", "\\Z": "(?=\\n?\\Z)"}.get(text, text)
        return f"(?P<{m.group(2) or m.group(3)}>"
    return _NET_NAMED.sub(swap, pattern)


_REGEX_CACHE: dict = {}


def compile_regex(pattern: str, ignore_case: bool = True, flags: int = 0) -> "re.Pattern[str]":
    """A cached compiled .NET pattern; flags: extra re flags (Multiline, Singleline...)."""
    key = (pattern, ignore_case, flags)
    compiled = _REGEX_CACHE.get(key)
    if compiled is None:
        try:
            compiled = re.compile(translate_regex(pattern),
                                  flags | (re.IGNORECASE if ignore_case else 0))
        except (re.error, RecursionError, OverflowError) as exc:
            raise RegexError(pattern, str(exc)) from None
        if len(_REGEX_CACHE) > 512:
            _REGEX_CACHE.clear()
        _REGEX_CACHE[key] = compiled
    return compiled


class RegexError(Exception):
    """A pattern Python's re rejects; callers turn it into their pwsh-specific error."""

    def __init__(self, pattern: str, detail: str):
        super().__init__(f'Invalid pattern \'{pattern}\' at offset 0. {detail}')
        self.pattern = pattern


class Regex:
    """[regex]'pattern': case-sensitive by default, like .NET."""
    __slots__ = ("pattern", "compiled")

    def __init__(self, pattern: str, ignore_case: bool = False):
        self.pattern = pattern
        self.compiled = compile_regex(pattern, ignore_case)

    def __str__(self) -> str:
        return self.pattern


class Match:
    """System.Text.RegularExpressions.Match (also used for its Groups)."""
    __slots__ = ("m", "group", "name")

    def __init__(self, m: Optional["re.Match[str]"], group: Any = 0, name: str = "0"):
        self.m, self.group, self.name = m, group, name

    @property
    def success(self) -> bool:
        return self.m is not None and self.m.group(self.group) is not None

    @property
    def value(self) -> str:
        return (self.m.group(self.group) or "") if self.m else ""

    @property
    def index(self) -> int:
        return max(self.m.start(self.group), 0) if self.m else 0

    def groups(self) -> List["Match"]:
        if self.m is None:
            return [Match(None)]
        names = {i: n for n, i in self.m.re.groupindex.items()}
        order = net_group_order(self.m.re)
        return [Match(self.m, i, names.get(i, str(k))) for k, i in enumerate(order)]

    def __str__(self) -> str:
        return self.value


def matches_table(m: "re.Match[str]") -> PSHashtable:
    """$Matches after a successful -match: group number or name -> text, unmatched omitted."""
    table = PSHashtable()
    names = {i: n for n, i in m.re.groupindex.items()}
    for i in sorted(names, reverse=True):          # pwsh lists names first, then numbers down
        if m.group(i) is not None:
            table[names[i]] = m.group(i)
    numbered = [i for i in net_group_order(m.re) if i not in names]
    for net_number in range(len(numbered) - 1, -1, -1):
        if m.group(numbered[net_number]) is not None:
            table[net_number] = m.group(numbered[net_number])
    return table


def net_group_order(pattern: "re.Pattern[str]") -> List[int]:
    """Python group indexes in .NET numbering order: unnamed groups first, then named ones."""
    named = set(pattern.groupindex.values())
    return [i for i in range(pattern.groups + 1) if i not in named] + sorted(named)


_SUBST = re.compile(r"\$(?:(\d+)|\{([^}]*)\}|(\$)|(&)|(_)|(`)|(')|(\+))")


def replacement(pattern: "re.Pattern[str]", template: str) -> Callable[["re.Match[str]"], str]:
    """A .NET replacement string ($1, ${name}, $0, $&, $$) as a function of a match; references to
    groups that do not exist stay literal, as in .NET."""
    if "$" not in template:
        return lambda m: template
    parts: List[Any] = []
    pos = 0
    for sm in _SUBST.finditer(template):
        ref = _group_ref(pattern, sm)
        if ref is None:
            continue
        parts.append(template[pos:sm.start()])
        parts.append(ref)
        pos = sm.end()
    parts.append(template[pos:])

    def expand(m: "re.Match[str]") -> str:
        out = []
        for part in parts:
            if type(part) is str:
                out.append(part)
            elif part[0] == "g":
                out.append(m.group(part[1]) or "")
            else:
                out.append(part[1](m))
        return "".join(out)
    return expand


def _group_ref(pattern: "re.Pattern[str]", sm: "re.Match[str]") -> Any:
    digits, name = sm.group(1), sm.group(2)
    if sm.group(3):
        return ("f", lambda m: "$")
    if sm.group(4):
        return ("g", 0)
    if sm.group(5):
        return ("f", lambda m: m.string)
    if sm.group(6):
        return ("f", lambda m: m.string[:m.start()])
    if sm.group(7):
        return ("f", lambda m: m.string[m.end():])
    if sm.group(8):
        return ("f", lambda m: m.group(pattern.groups) or "" if pattern.groups else "")
    order = net_group_order(pattern)
    if digits is not None:
        return ("g", order[int(digits)]) if int(digits) < len(order) else None
    if name is not None:
        if name.isdigit():
            return ("g", order[int(name)]) if int(name) < len(order) else None
        return ("g", name) if name in pattern.groupindex else None
    return None


# --- type names ----------------------------------------------------------------------------

_PY_TYPE_NAMES = {
    str: "System.String", bool: "System.Boolean", float: "System.Double",
    Decimal: "System.Decimal", list: "System.Object[]", tuple: "System.Object[]",
    Char: "System.Char", _dt.datetime: "System.DateTime", _dt.timedelta: "System.TimeSpan",
    uuid.UUID: "System.Guid", Version: "System.Version",
    Regex: "System.Text.RegularExpressions.Regex", Match: "System.Text.RegularExpressions.Match",
    bytes: "System.Byte[]",
}


def type_name_of(value: Any) -> str:
    """The .NET full name of a value's type; None has none (callers say 'null')."""
    t = type(value)
    if t is int:
        return "System.Int32" if -2147483648 <= value <= 2147483647 else "System.Int64"
    name = _PY_TYPE_NAMES.get(t)
    if name:
        return name
    if t is PSHashtable:
        return "System.Collections.Specialized.OrderedDictionary" if value.ordered \
            else "System.Collections.Hashtable"
    if t is PSObject:
        return value.type_names[0]
    if t is PSList:
        return value.type_name
    if value is None:
        return "null"
    if hasattr(type(value), "text") or type(value).__name__ == "ScriptBlock":
        return "System.Management.Automation.ScriptBlock"
    return "System.Object"


# --- dates and times (invariant / en-US culture) --------------------------------------------

def _real_now() -> _dt.datetime:
    return _dt.datetime.now().replace(microsecond=0)


CLOCK: List[Callable[[], _dt.datetime]] = [_real_now]


def now() -> _dt.datetime:
    return CLOCK[0]()


_DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y",
                 "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%A, %B %d, %Y", "%A, %d %B %Y"]
_TIME_FORMATS = ["", "T%H:%M", "T%H:%M:%S", "T%H:%M:%S.%f", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f",
                 " %I:%M %p", " %I:%M:%S %p"]


def parse_datetime(text: str) -> _dt.datetime:
    """DateTime.Parse with the invariant culture, for the shapes people type."""
    s = " ".join(text.split())
    s = s[:-1] if s[-1:] in ("Z", "z") and ":" in s else s
    offset = _dt.timedelta(0)
    zone = _OFFSET.search(s)
    if zone and ":" in s[:zone.start()]:      # an explicit offset: convert to local time, which is UTC in the simulation
        sign = -1 if zone.group(1) == "-" else 1
        offset = sign * _dt.timedelta(hours=int(zone.group(2)), minutes=int(zone.group(3)))
        s = s[:zone.start()]
    s = _trim_fraction(s)
    for date_fmt in _DATE_FORMATS:
        for time_fmt in _TIME_FORMATS:
            try:
                return _dt.datetime.strptime(s, date_fmt + time_fmt) - offset
            except ValueError:
                pass
    for time_fmt in ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p"):
        try:
            t = _dt.datetime.strptime(s, time_fmt)
        except ValueError:
            continue
        return _dt.datetime.combine(now().date(), t.time())
    raise ValueError(f"String '{text}' was not recognized as a valid DateTime.")


_OFFSET = re.compile(r"(?<=\d)([+-])(\d\d):?(\d\d)$")


def _trim_fraction(s: str) -> str:
    m = re.search(r"(:\d\d)\.(\d{7,})$", s)
    return s[:m.start(2)] + m.group(2)[:6] if m else s


_TIMESPAN = re.compile(r"^\s*(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d{1,7}))?)?\s*$")


def parse_timespan(text: str) -> _dt.timedelta:
    """TimeSpan.Parse: [-][d.]hh:mm[:ss[.fffffff]] or a whole number of days."""
    if text.strip().lstrip("-").isdigit():
        return _dt.timedelta(days=int(text))
    m = _TIMESPAN.match(text)
    if not m or int(m.group(3)) > 23 or int(m.group(4)) > 59 or int(m.group(5) or 0) > 59:
        raise ValueError("String was not recognized as a valid TimeSpan.")
    frac = (m.group(6) or "").ljust(7, "0")
    span = _dt.timedelta(days=int(m.group(2) or 0), hours=int(m.group(3)), minutes=int(m.group(4)),
                         seconds=int(m.group(5) or 0), microseconds=int(frac) // 10)
    return -span if m.group(1) else span


_EN_US_STANDARD = {
    "d": "M/d/yyyy", "D": "dddd, MMMM d, yyyy", "f": "dddd, MMMM d, yyyy h:mm tt",
    "F": "dddd, MMMM d, yyyy h:mm:ss tt", "g": "M/d/yyyy h:mm tt", "G": "M/d/yyyy h:mm:ss tt",
    "m": "MMMM d", "M": "MMMM d", "o": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "O": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK", "r": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "R": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'", "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    "t": "h:mm tt", "T": "h:mm:ss tt", "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
    "y": "MMMM yyyy", "Y": "MMMM yyyy",
}
_DATE_TOKEN = re.compile(r"'[^']*'|\"[^\"]*\"|\\.|([yMdhHmsftFzK])\1*|.", re.S)
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def format_datetime(d: _dt.datetime, fmt: Optional[str] = None) -> str:
    """DateTime.ToString(format) in en-US; no format -> the 'G' pattern."""
    fmt = _EN_US_STANDARD.get(fmt or "G", fmt)
    if len(fmt) == 1:
        raise ValueError("Input string was not in a correct format.")
    if fmt[:1] == "%" and len(fmt) == 2:
        fmt = fmt[1]
    return "".join(_date_piece(d, m.group(0)) for m in _DATE_TOKEN.finditer(fmt))


def _date_piece(d: _dt.datetime, tok: str) -> str:
    c, n = tok[0], len(tok)
    if c in "'\"" and n >= 2 and tok[-1] == c:
        return tok[1:-1]
    if c == "\\":
        return tok[1:]
    if c == "y":
        return f"{d.year % 100:0{n}d}" if n <= 2 else f"{d.year:0{n}d}"
    if c == "M":
        return _MONTHS[d.month - 1] if n >= 4 else _MONTHS[d.month - 1][:3] if n == 3 \
            else f"{d.month:0{n}d}"
    if c == "d":
        return _DAYS[d.weekday()] if n >= 4 else _DAYS[d.weekday()][:3] if n == 3 else f"{d.day:0{n}d}"
    if c in "hHms":
        value = {"h": (d.hour % 12) or 12, "H": d.hour, "m": d.minute, "s": d.second}[c]
        return f"{value:0{min(n, 2)}d}"
    if c in "fF":
        digits = f"{d.microsecond:06d}0"[:n]
        return digits.rstrip("0") if c == "F" else digits
    if c == "t":
        return ("AM" if d.hour < 12 else "PM")[:n]
    if c in "zK":
        return "" if c == "K" else "+00:00" if n >= 3 else "+00"
    return tok


_EXACT_TOKENS = [("yyyy", "%Y"), ("yy", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"), ("M", "%m"),
                 ("dddd", "%A"), ("ddd", "%a"), ("dd", "%d"), ("d", "%d"), ("HH", "%H"), ("H", "%H"),
                 ("hh", "%I"), ("h", "%I"), ("mm", "%M"), ("m", "%M"), ("ss", "%S"), ("s", "%S"),
                 ("fff", "%f"), ("tt", "%p")]


def parse_exact(text: str, fmt: str) -> _dt.datetime:
    """DateTime.ParseExact for the common custom specifiers."""
    out, i = [], 0
    while i < len(fmt):
        for token, directive in _EXACT_TOKENS:
            if fmt.startswith(token, i):
                out.append(directive)
                i += len(token)
                break
        else:
            c = fmt[i + 1] if fmt[i] == "\\" and i + 1 < len(fmt) else fmt[i]
            i += 2 if fmt[i] == "\\" else 1
            out.append("%%" if c == "%" else c)
    try:
        return _dt.datetime.strptime(text, "".join(out))
    except ValueError:
        raise ValueError(f"String '{text}' was not recognized as a valid DateTime.") from None


# --- .NET format strings (en-US) -----------------------------------------------------------

_BAD_FORMAT = "Input string was not in a correct format."


def format_composite(fmt: str, args: list) -> str:
    """String.Format: {index[,alignment][:format]} with {{ }} escapes; ValueError on bad input."""
    out, i, n = [], 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c == "{":
            if fmt.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            end = fmt.find("}", i)
            if end < 0:
                raise ValueError(_BAD_FORMAT)
            out.append(_format_item(fmt[i + 1:end], args))
            i = end + 1
        elif c == "}":
            if not fmt.startswith("}}", i):
                raise ValueError(_BAD_FORMAT)
            out.append("}")
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


_ITEM = re.compile(r"^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$", re.S)


def _format_item(item: str, args: list) -> str:
    m = _ITEM.match(item)
    if not m:
        raise ValueError(_BAD_FORMAT)
    index = int(m.group(1))
    if index >= len(args):
        raise ValueError("Index (zero based) must be greater than or equal to zero and less than "
                         "the size of the argument list.")
    text = format_value(args[index], m.group(3))
    width = check_size(abs(int(m.group(2) or 0))) * (-1 if (m.group(2) or "").startswith("-") else 1)
    return text.ljust(-width) if width < 0 else text.rjust(width)


def format_value(v: Any, spec: Optional[str] = None) -> str:
    """IFormattable.ToString(format) for numbers and dates; other values ignore the format."""
    from msolsh.runtime.coerce import element_string, format_timespan
    t = type(v)
    if t is _dt.datetime:
        return format_datetime(v, spec)
    if spec and (t is int or t is float or t is Decimal):
        return format_number(v, spec)
    if spec and t is _dt.timedelta:
        return format_timespan(v) if spec in ("c", "g", "G", "t", "T") else _custom_span(v, spec)
    return element_string(v)


_SPAN_TOKEN = re.compile(r"'[^']*'|\"[^\"]*\"|\\.|([dhmsfF])\1*|.", re.S)


def _custom_span(t: _dt.timedelta, spec: str) -> str:
    """TimeSpan custom formats ('hh\\:mm', 'd\\.hh', 'mm\\:ss\\.fff'); literals must be escaped."""
    micro = abs(t.days * 86400 * 10**6 + t.seconds * 10**6 + t.microseconds)
    secs, frac = divmod(micro, 10**6)
    parts = {"d": secs // 86400, "h": secs // 3600 % 24, "m": secs // 60 % 60, "s": secs % 60}
    out = []
    for m in _SPAN_TOKEN.finditer(spec):
        tok = m.group(0)
        if tok[0] in "'\"" and len(tok) >= 2:
            out.append(tok[1:-1])
        elif tok[0] == "\\":
            out.append(tok[1:])
        elif tok[0] in parts:
            out.append(f"{parts[tok[0]]:0{min(len(tok), 2) if tok[0] != 'd' else len(tok)}d}")
        elif tok[0] in "fF":
            digits = f"{frac:06d}0"[:len(tok)]
            out.append(digits.rstrip("0") if tok[0] == "F" else digits)
        else:
            raise ValueError(_BAD_FORMAT)
    return "".join(out)


def format_number(n: Any, spec: str) -> str:
    letter, rest = spec[0].upper(), spec[1:]
    if rest and not rest.isdigit() or letter not in "CDEFGNPRX":
        return _custom_number(n, spec)
    digits = int(rest) if rest else None
    if letter in "DX":
        if type(n) is not int:
            raise ValueError("Format specifier was invalid.")
        if letter == "X":
            text = format(n if n >= 0 else n + (2**32 if n >= -2**31 else 2**64), "X" if spec[0] == "X" else "x")
            return text.rjust(digits or 0, "0")
        return ("-" if n < 0 else "") + str(abs(n)).rjust(digits or 0, "0")
    if letter in "GR":
        from msolsh.runtime.coerce import to_string
        return to_string(n) if digits is None or letter == "R" else _general(n, digits)
    if letter == "E":
        text = format(Decimal(repr(n) if type(n) is float else n), f".{6 if digits is None else digits}E")
        mantissa, exp = text.split("E")
        exp_value = int(exp)
        text = f"{mantissa}{spec[0]}{'+' if exp_value >= 0 else '-'}{abs(exp_value):03d}"
        return text
    places = 2 if digits is None else digits
    if letter == "P":
        return _fixed(Decimal(repr(n) if type(n) is float else n) * 100, places, True) + "%"
    text = _fixed(n, places, letter in "NC")
    if letter == "C":
        return "-$" + text[1:] if text.startswith("-") else "$" + text
    return text


def _fixed(n: Any, places: int, grouped: bool) -> str:
    d = n if type(n) is Decimal else Decimal(n)   # exact binary value, rounded half away (.NET Core)
    q = d.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
    return format(q, ",f" if grouped else "f")


def _general(n: Any, digits: int) -> str:
    text = format(float(n), f".{digits}G")
    return text.replace("E+0", "E+").replace("E-0", "E-") if "E" in text else text


def _custom_number(n: Any, spec: str) -> str:
    """Custom numeric formats: 0 # . , % and literal text around them ('#,##0.00', '0.#%')."""
    sections = spec.split(";")
    if len(sections) > 1 and n < 0:
        spec, n = sections[1], -n
    else:
        spec = sections[0]
    placeholders = [i for i, c in enumerate(spec) if c in "0#"]
    if not placeholders:
        return spec
    first, last = placeholders[0], placeholders[-1]
    prefix, body, suffix = spec[:first], spec[first:last + 1], spec[last + 1:]
    value = Decimal(repr(n) if type(n) is float else n)
    if "%" in spec:
        value *= 100
    int_part, _, frac_part = body.partition(".")
    max_places = sum(1 for c in frac_part if c in "0#")
    min_places = sum(1 for c in frac_part[:len(frac_part.rstrip("#"))] if c == "0")
    q = value.quantize(Decimal(1).scaleb(-max_places), rounding="ROUND_HALF_UP")
    whole, _, frac = format(abs(q), "f").partition(".")
    frac = frac.rstrip("0").ljust(min_places, "0")
    min_int = int_part.replace(",", "").count("0")
    whole = whole.lstrip("0").rjust(min_int, "0")
    if "," in int_part:
        whole = f"{int(whole or 0):,}" if whole else ""
    sign = "-" if q < 0 else ""
    return f"{sign}{prefix}{whole}{'.' + frac if frac else ''}{suffix}"
