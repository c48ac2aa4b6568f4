"""PowerShell's operators as plain functions, looked up once per operator at compile time.

Interface:
  binary(op) -> Callable[[left, right], result]   op lower-case as in BinaryExpressionAst
                                                  ('+', '-eq', '-ceq', '-like', '-split', '..')
  MATCH_OPS: frozenset  -- their callable takes a third argument set_matches(PSHashtable) that
                           is called after a successful scalar match ($Matches)
  unary(op) -> Callable[[value], result]          '-not' '!' '-bnot' '-' '+' ',' '-split' '-join'
  format_composite(fmt, args) -> str              .NET composite formatting ('-f', [string]::Format)
  regex_split(text, compiled, limit) -> list      Regex.Split semantics
  equals(a, b, ci=True) / compare(a, b, ci=True)  PowerShell equality and ordering of two
                                                  scalars (for Sort-Object, Group-Object, switch)
  wildcard(pattern, ci=True) -> compiled regex    a -like pattern (Where-Object -Like, switch -wildcard)
The left operand decides the conversion; an array on the left of a comparison filters.
Unknown operators raise a PSRuntimeException. Knows nothing of scopes or the compiler.
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from typing import Any, Callable, Dict, List

from msolsh.runtime import types as _types
from msolsh.runtime.coerce import (convert, convert_try, element_string, to_bool, to_number,
                                   to_string)
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.pstypes import (Char, RegexError, check_size, compile_regex, fail,
                                    format_composite, format_value, matches_table, replacement,
                                    type_name_of)
from msolsh.runtime.values import PSHashtable

_I64_MIN, _I64_MAX = -2**63, 2**63 - 1
_NUMERIC = (int, float, Decimal, bool)


def _op_missing(value: Any, op_name: str) -> None:
    fail(f"Method invocation failed because [{type_name_of(value)}] does not contain a method "
         f"named '{op_name}'.", "MethodNotFound", "InvalidOperation")


def divide_by_zero() -> None:
    fail("Attempted to divide by zero.", "RuntimeException", "NotSpecified")


def _widen(r: int) -> Any:
    """Integer results stay integers while they fit Int64, then become doubles, as in pwsh."""
    return r if _I64_MIN <= r <= _I64_MAX else float(r)


def _numbers(a: Any, b: Any) -> tuple:
    a = to_number(a)
    return a, to_number(b, type_name_of(a))


def _arith(a: Any, b: Any, int_op: Callable, float_op: Callable) -> Any:
    a, b = _numbers(a, b)
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return _widen(int_op(a, b))
    if ta is float or tb is float:
        return float_op(float(a), float(b))
    return int_op(Decimal(a), Decimal(b))


# --- arithmetic ----------------------------------------------------------------------------

def add(a: Any, b: Any) -> Any:
    ta = type(a)
    if ta is int and type(b) is int:
        r = a + b
        return r if _I64_MIN <= r <= _I64_MAX else float(r)
    if ta is str:
        return a + (b if type(b) is str else to_string(b))
    if ta is float and (type(b) is float or type(b) is int):
        return a + b
    if isinstance(a, list):
        return a + b if isinstance(b, list) else a + [b]
    if a is None:
        return b
    if ta is PSHashtable:
        return _add_tables(a, b)
    if ta is _dt.datetime or ta is _dt.timedelta:
        return _add_time(a, b)
    if ta in _NUMERIC or ta is Char:
        return _arith(a, b, lambda x, y: x + y, lambda x, y: x + y)
    _op_missing(a, "op_Addition")


def _add_tables(a: PSHashtable, b: Any) -> PSHashtable:
    if type(b) is not PSHashtable:
        fail("A hash table can only be added to another hash table.", "AddHashTableToNonHashTable",
             "InvalidOperation")
    out = a.copy()
    for key, value in b.items():
        if key in out:
            existing = next(k for k in out if _same_key(k, key))
            fail(f"Item has already been added. Key in dictionary: '{existing}'  "
                 f"Key being added: '{key}'",
                 "System.ArgumentException", "OperationStopped",
                 exception_type="System.ArgumentException")
        out[key] = value
    return out


def _same_key(a: Any, b: Any) -> bool:
    return a.lower() == b.lower() if type(a) is str and type(b) is str else a == b


def _add_time(a: Any, b: Any) -> Any:
    """DateTime/TimeSpan + TimeSpan (a number is a count of ticks, as .NET converts it)."""
    span = b if type(b) is _dt.timedelta else convert(b, "System.TimeSpan")
    try:
        return a + span
    except OverflowError:
        _unrepresentable()


def _unrepresentable() -> None:
    fail("The added or subtracted value results in an un-representable DateTime. (Parameter "
         "'value')", "System.ArgumentOutOfRangeException", "OperationStopped",
         exception_type="System.ArgumentOutOfRangeException")


def subtract(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        r = a - b
        return r if _I64_MIN <= r <= _I64_MAX else float(r)
    if type(a) is float and type(b) in (float, int):
        return a - b
    if type(a) is _dt.datetime or type(a) is _dt.timedelta:
        other = b if type(b) in (type(a), _dt.timedelta) else convert(b, "System.TimeSpan")
        try:
            return a - other
        except OverflowError:
            _unrepresentable()
    if not (a is None or type(a) in (str, Char) or type(a) in _NUMERIC):
        _op_missing(a, "op_Subtraction")
    return _arith(a, b, lambda x, y: x - y, lambda x, y: x - y)


def multiply(a: Any, b: Any) -> Any:
    ta = type(a)
    if ta is int and type(b) is int:
        r = a * b
        return r if _I64_MIN <= r <= _I64_MAX else float(r)
    if ta is float and type(b) in (float, int):
        return a * b
    if ta is str or isinstance(a, list):
        times = _count(b)
        check_size(times * len(a))
        return a * times if ta is str else list(a) * times
    if a is None or ta in _NUMERIC or ta is Char:
        return _arith(a, b, lambda x, y: x * y, lambda x, y: x * y)
    _op_missing(a, "op_Multiply")


def _count(b: Any) -> int:
    n = convert(b, "System.Int32")
    return max(n, 0)


def divide(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int and b:
        return a // b if a % b == 0 else a / b
    if type(a) is float and type(b) in (float, int):
        return _float_div(a, b)
    if not (a is None or type(a) in (str, Char) or type(a) in _NUMERIC):
        _op_missing(a, "op_Division")
    a, b = _numbers(a, b)
    if type(a) is float or type(b) is float:
        return _float_div(float(a), float(b))
    if not b:
        divide_by_zero()
    if type(a) is int and type(b) is int:
        return _widen(a // b) if a % b == 0 else a / b
    return Decimal(a) / Decimal(b)


def _float_div(a: float, b: float) -> float:
    if b:
        return a / b
    if a == 0 or a != a:
        return float("nan")
    positive = (a > 0) == (str(float(b))[0] != "-")     # 0.0 and -0.0 differ here
    return float("inf") if positive else float("-inf")


def remainder(a: Any, b: Any) -> Any:
    if not (a is None or type(a) in (str, Char) or type(a) in _NUMERIC):
        _op_missing(a, "op_Modulus")
    a, b = _numbers(a, b)
    if type(a) is float or type(b) is float:
        import math
        return math.fmod(a, b) if b else float("nan")
    if not b:
        divide_by_zero()
    r = abs(a) % abs(b)                 # .NET: the sign follows the dividend
    return -r if a < 0 else r


# --- bitwise -------------------------------------------------------------------------------

def _int64(v: Any) -> int:
    return convert(v, "System.Int64")


def _bitwise(fn: Callable[[int, int], int]) -> Callable[[Any, Any], Any]:
    def op(a: Any, b: Any) -> Any:
        return fn(_int64(a), _int64(b))
    return op


def _wrap(n: int, bits: int) -> int:
    n &= (1 << bits) - 1
    return n - (1 << bits) if n >> (bits - 1) else n


def shift_left(a: Any, b: Any) -> int:
    a, b = _int64(a), _int64(b)
    if -2**31 <= a < 2**31:
        return _wrap(a << (b & 31), 32)
    return _wrap(a << (b & 63), 64)


def shift_right(a: Any, b: Any) -> int:
    a, b = _int64(a), _int64(b)
    return a >> (b & (31 if -2**31 <= a < 2**31 else 63))


def bnot(v: Any) -> int:
    return ~_int64(v)


# --- ranges --------------------------------------------------------------------------------

def make_range(a: Any, b: Any) -> List[Any]:
    if type(a) in (str, Char) and type(b) in (str, Char) and len(a) == 1 and len(b) == 1 \
            and not (a.isdigit() and b.isdigit()):
        lo, hi = ord(a), ord(b)
        step = 1 if hi >= lo else -1
        return [Char(chr(c)) for c in range(lo, hi + step, step)]
    lo, hi = convert(a, "System.Int32"), convert(b, "System.Int32")
    check_size(abs(hi - lo) + 1)
    return list(range(lo, hi + 1)) if hi >= lo else list(range(lo, hi - 1, -1))


def negate(v: Any) -> Any:
    if type(v) is int:
        return _widen(-v)
    if type(v) is float or type(v) is Decimal:
        return -v
    if type(v) is _dt.timedelta:
        return -v
    if isinstance(v, list) or type(v) is PSHashtable:
        _op_missing(v, "op_UnaryNegation")
    n = to_number(v)
    return _widen(-n) if type(n) is int else -n


def plus(v: Any) -> Any:
    if type(v) in (int, float, Decimal):
        return v
    if isinstance(v, list):
        return v
    return to_number(v)


# --- dispatch ------------------------------------------------------------------------------

def _and(a: Any, b: Any) -> bool:
    return to_bool(a) and to_bool(b)


def _or(a: Any, b: Any) -> bool:
    return to_bool(a) or to_bool(b)


def _xor(a: Any, b: Any) -> bool:
    return to_bool(a) != to_bool(b)


def _type_arg(t: Any) -> str:
    return t.full_name if isinstance(t, _types.TypeInfo) else to_string(t)


def _is(a: Any, t: Any) -> bool:
    return _types.is_instance(a, _type_arg(t))


def _as(a: Any, t: Any) -> Any:
    return convert_try(a, _type_arg(t))[1]


def _format_op(fmt: Any, args: Any) -> str:
    values = list(args) if isinstance(args, list) else [args]
    try:
        return format_composite(to_string(fmt), values)
    except ValueError as exc:
        fail(f"Error formatting a string: {exc}.", "FormatError", "InvalidOperation", target=fmt)


_BINARY: Dict[str, Callable[..., Any]] = {
    "+": add, "-": subtract, "*": multiply, "/": divide, "%": remainder, "..": make_range,
    "-f": _format_op, "-and": _and, "-or": _or, "-xor": _xor,
    "-band": _bitwise(lambda x, y: x & y), "-bor": _bitwise(lambda x, y: x | y),
    "-bxor": _bitwise(lambda x, y: x ^ y), "-shl": shift_left, "-shr": shift_right,
    "-is": _is, "-isnot": lambda a, t: not _is(a, t), "-as": _as,
}


def binary(op: str) -> Callable[..., Any]:
    fn = _BINARY.get(op)
    if fn is None:
        fn = _comparison(op)
    if fn is None:
        fail(f"The operator '{op}' is not supported.", "OperatorNotSupported", "InvalidOperation")
    return fn


def _unary_split(v: Any) -> List[str]:
    items = v if isinstance(v, list) else [v]
    return [part for item in items for part in to_string(item).split()]


def _unary_join(v: Any) -> str:
    return "".join(element_string(x) for x in v) if isinstance(v, list) else to_string(v)


_UNARY: Dict[str, Callable[[Any], Any]] = {
    "-not": lambda v: not to_bool(v), "!": lambda v: not to_bool(v), "-bnot": bnot,
    "-": negate, "+": plus, ",": lambda v: [v], "-split": _unary_split, "-join": _unary_join,
}


def unary(op: str) -> Callable[[Any], Any]:
    fn = _UNARY.get(op)
    if fn is None:
        fail(f"The operator '{op}' is not supported.", "OperatorNotSupported", "InvalidOperation")
    return fn


# --- comparison ----------------------------------------------------------------------------

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
    elif ta in _NUMERIC:
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


def regex(pattern: Any, ci: bool, flags: int = 0) -> "re.Pattern[str]":
    text = to_string(pattern)
    try:
        return compile_regex(text, ci, flags)
    except RegexError:
        fail(f"The regular expression pattern {text} is not valid.", "InvalidRegularExpression",
             "InvalidOperation")


def _match_op(ci: bool, negate: bool) -> Callable[..., Any]:
    def op(a: Any, b: Any, set_matches: Callable[[Any], None] = None) -> Any:
        rx = regex(b, ci)
        if isinstance(a, list):
            return [x for x in a if (rx.search(to_string(x)) is not None) != negate]
        m = rx.search(to_string(a))
        if m is not None and set_matches is not None:
            set_matches(matches_table(m))
        return (m is not None) != negate
    return op


def _contains_op(ci: bool, negate: bool, reverse: bool) -> Callable[[Any, Any], bool]:
    def op(a: Any, b: Any) -> bool:
        if reverse:
            a, b = b, a
        items = a if isinstance(a, list) else [a]
        return any(equals(x, b, ci) for x in items) != negate
    return op


def _replace_op(ci: bool) -> Callable[[Any, Any], Any]:
    def op(a: Any, b: Any) -> Any:
        parts = b if isinstance(b, list) and b else [b]
        if len(parts) > 2:
            fail(f"The -replace operator allows only two elements to follow it, not {len(parts)}.",
                 "BadReplaceArgument", "InvalidOperation")
        rx = regex(parts[0], ci)
        expand = replacement(rx, to_string(parts[1]) if len(parts) > 1 else "")
        if isinstance(a, list):
            return [rx.sub(expand, to_string(x)) for x in a]
        return rx.sub(expand, to_string(a))
    return op


def regex_split(text: str, rx: "re.Pattern[str]", limit: int) -> List[str]:
    """Regex.Split: captured groups are returned between the pieces."""
    out: List[str] = []
    pos = 0
    for m in rx.finditer(text):
        if limit > 0 and len(out) >= limit - 1:
            break
        out.append(text[pos:m.start()])
        out.extend(g for g in m.groups() if g is not None)
        pos = m.end()
    out.append(text[pos:])
    return out


_SPLIT_OPTIONS = ("simplematch", "regexmatch", "ignorecase", "cultureinvariant", "multiline",
                  "singleline", "ignorepatternwhitespace", "explicitcapture")


_SPLIT_FLAGS = {"multiline": re.MULTILINE, "singleline": re.DOTALL,
                "ignorepatternwhitespace": re.VERBOSE}


def _split_op(ci: bool) -> Callable[[Any, Any], List[str]]:
    def op(a: Any, b: Any) -> List[str]:
        parts = b if isinstance(b, list) and b else [b]
        limit = convert(parts[1], "System.Int32") if len(parts) > 1 else 0
        given = [o.strip() for o in to_string(parts[2]).split(",")] if len(parts) > 2 else []
        options = [o.lower() for o in given]
        for option in given:
            if option.lower() not in _SPLIT_OPTIONS:
                fail(f'Cannot convert value "{option}" to type '
                     f'"System.Management.Automation.SplitOptions". Error: "Unable to match the '
                     f'identifier name {option} to a valid enumerator name. Specify one of the '
                     f'following enumerator names and try again: '
                     f'SimpleMatch, RegexMatch, CultureInvariant, IgnorePatternWhitespace, '
                     f'Multiline, Singleline, IgnoreCase, ExplicitCapture"',
                     "InvalidCastFromStringToInteger", "InvalidArgument")
        pattern = to_string(parts[0])
        if "simplematch" in options:
            pattern = re.escape(pattern)
        flags = sum(flag for name, flag in _SPLIT_FLAGS.items() if name in options)
        rx = regex(pattern, ci or "ignorecase" in options, flags)
        items = a if isinstance(a, list) else [a]
        return [piece for item in items for piece in regex_split(to_string(item), rx, limit)]
    return op


def _join_op(a: Any, b: Any) -> str:
    items = a if isinstance(a, list) else [a]
    return to_string(b).join(element_string(x) for x in items)


def _build(base: str, ci: bool) -> Any:
    if base in ("eq", "ne"):
        return _eq_op(ci, base == "ne")
    if base in _ORDERINGS:
        accept, fast = _ORDERINGS[base]
        return _order_op(ci, accept, fast)
    if base in ("like", "notlike"):
        return _like_op(ci, base == "notlike")
    if base in ("match", "notmatch"):
        return _match_op(ci, base == "notmatch")
    if base in ("contains", "notcontains", "in", "notin"):
        return _contains_op(ci, base.startswith("not"), base.endswith("in"))
    return {"replace": _replace_op, "split": _split_op}[base](ci) if base in ("replace", "split") \
        else _join_op if base == "join" else None


_ORDERINGS = {
    "gt": (lambda c: c > 0, int.__gt__), "ge": (lambda c: c >= 0, int.__ge__),
    "lt": (lambda c: c < 0, int.__lt__), "le": (lambda c: c <= 0, int.__le__),
}
_BASES = ("eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
          "notcontains", "in", "notin", "replace", "split", "join")
MATCH_OPS = frozenset(f"-{p}{b}" for p in ("", "i", "c") for b in ("match", "notmatch"))
_COMPARISONS: Dict[str, Any] = {}


def _comparison(op: str) -> Any:
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
