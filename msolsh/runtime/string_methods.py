"""The methods of strings: $s.ToUpper(), .Trim('x'), .Split(','), .Substring(1, 2),
.Replace('a', 'b', 'OrdinalIgnoreCase'), .IndexOf(...), .PadLeft(5), ...

Interface:
  STRING_METHODS: {lower-case name: (function(s, *args), allowed argument counts or None)}
Each function behaves like the .NET String method it names and raises NetError (or
ValueError/IndexError) where .NET throws; methods.py wraps those. Knows nothing of the compiler
or the tenant.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from msolsh.runtime.coerce import convert, element_string, to_string
from msolsh.runtime.failures import NetError
from msolsh.runtime.pstypes import Char, check_size


def _chars(args: tuple) -> Optional[str]:
    """Trim('x'), TrimEnd('/', '\\'), Trim([char[]]'ab'): the set of characters."""
    if not args:
        return None
    out = []
    for a in args:
        out.extend(element_string(x) for x in a) if isinstance(a, list) else out.append(to_string(a))
    return "".join(out)


def _ignore_case(comparison: Any) -> bool:
    return comparison is True or (type(comparison) is str and comparison.lower().endswith("ignorecase"))


def _split(s: str, *args: Any) -> list:
    if not args or args[0] is None:           # Split(): every whitespace character separates
        import re
        return re.split(r"\s", s)
    sep, rest = args[0], args[1:]
    count = next((convert(a, "System.Int32") for a in rest if type(a) is int), -1)
    remove_empty = any(type(a) is str and "removeemptyentries" in a.lower() or a is True for a in rest)
    trim = any(type(a) is str and "trimentries" in a.lower() for a in rest)
    if isinstance(sep, list):
        separators = [element_string(x) for x in sep]
    elif type(sep) is Char:
        separators = [sep]
    else:
        separators = [to_string(sep)]
    pieces = _split_any(s, [x for x in separators if x], count)
    if trim:
        pieces = [p.strip() for p in pieces]
    return [p for p in pieces if p] if remove_empty else pieces


def _split_any(s: str, separators: List[str], count: int) -> List[str]:
    if not separators:
        return s.split() if s.strip() else [s]
    pieces, start, i = [], 0, 0
    while i < len(s) and (count < 0 or len(pieces) < count - 1):
        hit = next((x for x in separators if s.startswith(x, i)), None)
        if hit is None:
            i += 1
            continue
        pieces.append(s[start:i])
        i += len(hit)
        start = i
    pieces.append(s[start:])
    return pieces if count != 0 else []


def _substring(s: str, start: Any, length: Any = None) -> str:
    start = convert(start, "System.Int32")
    if start < 0 or start > len(s):
        raise NetError("startIndex cannot be larger than length of string. (Parameter 'startIndex')"
                       if start > len(s) else "StartIndex cannot be less than zero. (Parameter 'startIndex')")
    if length is None:
        return s[start:]
    length = convert(length, "System.Int32")
    if length < 0 or start + length > len(s):
        raise NetError("Index and length must refer to a location within the string. (Parameter 'length')")
    return s[start:start + length]


def _index_of(s: str, value: Any, *rest: Any, last: bool = False) -> int:
    needle = to_string(value)
    ci = any(_ignore_case(r) for r in rest if type(r) is not int)
    numbers = [convert(r, "System.Int32") for r in rest if type(r) is int]
    hay, needle = (s.lower(), needle.lower()) if ci else (s, needle)
    if last:
        end = numbers[0] + 1 if numbers else len(hay)
        return hay.rfind(needle, 0, end)
    start = numbers[0] if numbers else 0
    end = start + numbers[1] if len(numbers) > 1 else len(hay)
    if start > len(hay):
        raise NetError("Index was out of range. Must be non-negative and less than the size of the "
                       "collection. (Parameter 'startIndex')")
    return hay.find(needle, start, end)


def _replace(s: str, old: Any, new: Any, *rest: Any) -> str:
    old_text = to_string(old)
    if not old_text:
        raise NetError("String cannot be of zero length. (Parameter 'oldValue')", "ArgumentException")
    if rest and _ignore_case(rest[0]):
        import re
        return re.sub(re.escape(old_text), lambda m: to_string(new), s, flags=re.IGNORECASE)
    return s.replace(old_text, to_string(new))


def _pad(s: str, width: Any, char: Any = " ", left: bool = True) -> str:
    width, fill = check_size(convert(width, "System.Int32")), to_string(char)[:1] or " "
    return s.rjust(width, fill) if left else s.ljust(width, fill)


def _culture_compare(a: str, b: Any) -> int:
    if b is None:
        return 1
    y = to_string(b)
    key_a, key_b = (a.lower(), a.swapcase()), (y.lower(), y.swapcase())
    return (key_a > key_b) - (key_a < key_b)


def _remove(s: str, start: Any, count: Any = None) -> str:
    start = convert(start, "System.Int32")
    if not 0 <= start <= len(s):
        raise NetError("startIndex must be less than length of string. (Parameter 'startIndex')")
    if count is None:
        return s[:start]
    count = convert(count, "System.Int32")
    if count < 0 or start + count > len(s):
        raise NetError("Index and count must refer to a location within the string. (Parameter 'count')")
    return s[:start] + s[start + count:]


def _starts(s: str, value: Any, *rest: Any, end: bool = False) -> bool:
    needle = to_string(value)
    if rest and _ignore_case(rest[0]):
        s, needle = s.lower(), needle.lower()
    return s.endswith(needle) if end else s.startswith(needle)


STRING_METHODS: Dict[str, tuple] = {
    "toupper": (lambda s, *c: s.upper(), (0, 1)), "tolower": (lambda s, *c: s.lower(), (0, 1)),
    "toupperinvariant": (lambda s: s.upper(), (0,)), "tolowerinvariant": (lambda s: s.lower(), (0,)),
    "trim": (lambda s, *a: s.strip(_chars(a)), None),
    "trimstart": (lambda s, *a: s.lstrip(_chars(a)), None),
    "trimend": (lambda s, *a: s.rstrip(_chars(a)), None),
    "split": (_split, None), "replace": (_replace, (2, 3, 4)),
    "contains": (lambda s, v, *c: (to_string(v).lower() in s.lower()) if c and _ignore_case(c[0])
                 else to_string(v) in s, (1, 2)),
    "startswith": (_starts, (1, 2, 3)),
    "endswith": (lambda s, v, *r: _starts(s, v, *r, end=True), (1, 2, 3)),
    "indexof": (_index_of, (1, 2, 3, 4)),
    "lastindexof": (lambda s, v, *r: _index_of(s, v, *r, last=True), (1, 2, 3)),
    "indexofany": (lambda s, chars: min([i for i in (s.find(c) for c in _chars((chars,))) if i >= 0],
                                        default=-1), (1,)),
    "substring": (_substring, (1, 2)), "padleft": (_pad, (1, 2)),
    "padright": (lambda s, w, c=" ": _pad(s, w, c, left=False), (1, 2)),
    "insert": (lambda s, i, v: s[:_insert_at(s, i)] + to_string(v) + s[_insert_at(s, i):], (2,)),
    "remove": (_remove, (1, 2)), "tochararray": (lambda s: [Char(c) for c in s], (0,)),
    "equals": (lambda s, v, *c: (to_string(v).lower() == s.lower()) if c and _ignore_case(c[0])
               else (type(v) in (str, Char) and s == v), (1, 2)),
    "compareto": (_culture_compare, (1,)), "chars": (lambda s, i: Char(s[convert(i, "System.Int32")]), (1,)),
    "tostring": (lambda s, *a: s, (0, 1)), "clone": (lambda s: s, (0,)),
    "normalize": (lambda s, *a: s, (0, 1)), "isnormalized": (lambda s, *a: True, (0, 1)),
    "gethashcode": (lambda s: hash(s.lower()) & 0x7FFFFFFF, (0,)),
}


def _insert_at(s: str, i: Any) -> int:
    i = convert(i, "System.Int32")
    if not 0 <= i <= len(s):
        raise NetError("Specified argument was out of the range of valid values. (Parameter 'startIndex')")
    return i

