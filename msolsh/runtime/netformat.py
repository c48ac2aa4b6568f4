""".NET text formatting in the en-US culture: DateTime.ToString formats, String.Format composite
formatting, and the standard and custom numeric and TimeSpan format strings.

Interface:
  format_datetime(d, fmt=None) -> str   DateTime.ToString(format); no format -> 'G'
  format_composite(fmt, args) -> str    String.Format / -f: {index[,alignment][:format]}
  format_value(v, spec=None) -> str     IFormattable.ToString(format) for numbers, dates, spans
  format_number(n, spec) -> str         standard (C D E F G N P R X) and custom ('#,##0.00')
Bad formats raise ValueError with .NET's message; callers turn it into their pwsh error.
Knows nothing of parsing, the compiler or the tenant.
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from typing import Any, Optional

from msolsh.runtime.failures import check_size

# --- dates (en-US) -------------------------------------------------------------------------

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
