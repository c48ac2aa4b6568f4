"""PowerShell's comparison operators: equality, ordering, wildcards and containment, and the
builder that turns '-ieq', '-cnotlike', '-match' ... into callables.

Interface:
  equals(a, b, ci=True) / compare(a, b, ci=True)  PowerShell equality and ordering of two scalars
                                                  (for Sort-Object, Group-Object, switch)
  wildcard(pattern, ci=True) -> compiled regex    a -like pattern (Where-Object -Like, switch)
  comparison_operator(op) -> callable | None      '-eq' '-cgt' '-inotlike' '-match' '-split' ...
  MATCH_OPS: frozenset                            the -match family (they take set_matches)
  NUMERIC_TYPES                                   the Python types that are .NET numbers
The left operand decides the conversion; an array on the left of a comparison filters.
Knows nothing of scopes or the compiler.
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from typing import Any, Callable, Dict

from msolsh.runtime.coerce import convert, convert_try, to_bool, to_number, to_string
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.pstypes import Char, fail, type_name_of
from msolsh.runtime.text_operators import join_op, match_op, replace_op, split_op
from msolsh.runtime.values import PSHashtable

NUMERIC_TYPES = (int, float, Decimal, bool)

_ORDERED_TYPES = (_dt.datetime, _dt.timedelta)


def equals(a: Any, b: Any, ci: bool = True) -> bool:
    """PowerShell equality of two scalars, right converted to the left's type."""
    ta = type(a)
    if ta is str or ta is Char:
        if b is None:
            return False
        sb = b if type(b) is str else to_string(b)
        return a.lower() == sb.lower() if ci else a == sb
    if ta is int or ta is float or ta is Decimal:
        tb = type(b)
        if tb is int or tb is float or tb is Decimal:
            return a == b
        if b is None:
            return False
        try:
            return a == to_number(b, type_name_of(a))
        except PSRuntimeException:
            return False
    if a is None:
        return b is None
    if ta is bool:
        return b is not None and a == to_bool(b)
    return _equals_other(a, b)


def _equals_other(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if isinstance(a, (list, PSHashtable)) or type(a).__eq__ is object.__eq__:
        return False          # reference types: .NET Equals is identity
    if a == b:
        return True
    name = type_name_of(a)
    if name in ("System.DateTime", "System.TimeSpan", "System.Guid", "System.Version"):
        ok, converted = convert_try(b, name)
        return ok and a == converted
    return False


def _compare_fail(a: Any, b: Any, inner: str) -> None:
    fail(f'Could not compare "{to_string(a)}" to "{to_string(b)}". Error: "{inner}"',
         "ComparisonFailure", "InvalidOperation")


def compare(a: Any, b: Any, ci: bool = True) -> int:
    """-1, 0 or 1; $null sorts before everything."""
    if a is None:
        return 0 if b is None else -1
    if b is None:
        return 1
    ta = type(a)
    if ta is str or ta is Char:
        x, y = (a.lower(), to_string(b).lower()) if ci else (a, to_string(b))
    elif ta in NUMERIC_TYPES:
        x = a
        try:
            y = to_number(b, type_name_of(a))
        except PSRuntimeException as exc:
            _compare_fail(a, b, exc.record.message)
    elif ta in _ORDERED_TYPES or type_name_of(a) == "System.Version":
        x = a
        try:
            y = convert(b, type_name_of(a))
        except PSRuntimeException as exc:
            _compare_fail(a, b, exc.record.message)
    else:
        fail(f'Cannot compare "{to_string(a)}" because it is not IComparable.', "NotIcomparable",
             "InvalidOperation")
    return (x > y) - (x < y)


def _filtering(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def op(a: Any, b: Any) -> Any:
        if isinstance(a, list):
            return [x for x in a if test(x, b)]
        return test(a, b)
    return op


def _eq_op(ci: bool, negate: bool) -> Callable[[Any, Any], Any]:
    def test(a: Any, b: Any) -> bool:
        return equals(a, b, ci) != negate

    def op(a: Any, b: Any) -> Any:
        if type(a) is int and type(b) is int:          # the loop-counter fast path
            return (a == b) != negate
        if isinstance(a, list):
            return [x for x in a if test(x, b)]
        return test(a, b)
    return op


def _order_op(ci: bool, accept: Callable[[int], bool], fast: Callable[[Any, Any], bool]):
    def op(a: Any, b: Any) -> Any:
        if type(a) is int and type(b) is int:
            return fast(a, b)
        if isinstance(a, list):
            return [x for x in a if accept(compare(x, b, ci))]
        return accept(compare(a, b, ci))
    return op


_WILDCARD_CACHE: Dict[tuple, Any] = {}


def wildcard(pattern: str, ci: bool = True) -> "re.Pattern[str]":
    """A -like pattern (* ? [a-z], ` escapes) as an anchored regex."""
    key = (pattern, ci)
    found = _WILDCARD_CACHE.get(key)
    if found is None:
        out, i = [], 0
        while i < len(pattern):
            c = pattern[i]
            if c == "`" and i + 1 < len(pattern):
                out.append(re.escape(pattern[i + 1]))
                i += 1
            elif c == "*":
                out.append(".*")
            elif c == "?":
                out.append(".")
            elif c == "[" and "]" in pattern[i + 1:]:
                end = pattern.index("]", i + 1)
                body = pattern[i + 1:end].replace("\\", "\\\\")
                out.append(f"[{body}]" if body else re.escape("[]"))
                i = end
            else:
                out.append(re.escape(c))
            i += 1
        try:
            found = re.compile("".join(out) + r"\Z", re.DOTALL | (re.IGNORECASE if ci else 0))
        except re.error:
            fail(f'The specified wildcard character pattern is not valid: {pattern}',
                 "WildcardPatternException", "InvalidOperation")
        _WILDCARD_CACHE[key] = found
    return found


def _like_op(ci: bool, negate: bool) -> Callable[[Any, Any], Any]:
    def test(a: Any, b: Any) -> bool:
        rx = wildcard(to_string(b), ci)
        return (rx.match(to_string(a)) is not None) != negate
    return _filtering(test)



def _contains_op(ci: bool, negate: bool, reverse: bool) -> Callable[[Any, Any], bool]:
    def op(a: Any, b: Any) -> bool:
        if reverse:
            a, b = b, a
        items = a if isinstance(a, list) else [a]
        return any(equals(x, b, ci) for x in items) != negate
    return op


def _build(base: str, ci: bool) -> Any:
    if base in ("eq", "ne"):
        return _eq_op(ci, base == "ne")
    if base in _ORDERINGS:
        accept, fast = _ORDERINGS[base]
        return _order_op(ci, accept, fast)
    if base in ("like", "notlike"):
        return _like_op(ci, base == "notlike")
    if base in ("match", "notmatch"):
        return match_op(ci, base == "notmatch")
    if base in ("contains", "notcontains", "in", "notin"):
        return _contains_op(ci, base.startswith("not"), base.endswith("in"))
    return {"replace": replace_op, "split": split_op}[base](ci) if base in ("replace", "split") \
        else join_op if base == "join" else None


_ORDERINGS = {
    "gt": (lambda c: c > 0, int.__gt__), "ge": (lambda c: c >= 0, int.__ge__),
    "lt": (lambda c: c < 0, int.__lt__), "le": (lambda c: c <= 0, int.__le__),
}
_BASES = ("eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
          "notcontains", "in", "notin", "replace", "split", "join")
MATCH_OPS = frozenset(f"-{p}{b}" for p in ("", "i", "c") for b in ("match", "notmatch"))
_COMPARISONS: Dict[str, Any] = {}


def comparison_operator(op: str) -> Any:
    found = _COMPARISONS.get(op)
    if found is None and op.startswith("-"):
        name = op[1:]
        if name in _BASES:
            found = _build(name, True)
        elif name[:1] in ("c", "i") and name[1:] in _BASES and name[1:] != "join":
            found = _build(name[1:], name[0] == "i")
        if found is not None:
            _COMPARISONS[op] = found
    return found
