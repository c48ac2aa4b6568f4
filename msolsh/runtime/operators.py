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
The arithmetic, bitwise, range and logical operators are here; the comparisons live in
comparison.py and the text operators (-match -replace -split -join) in text_operators.py, and are
re-exported from this module. The left operand decides the conversion; an array on the left of a
comparison filters. Unknown operators raise a PSRuntimeException. Knows nothing of scopes or the
compiler.
"""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Callable, Dict, List

from msolsh.runtime import types as _types
from msolsh.runtime.coerce import convert, convert_try, element_string, to_bool, to_number, to_string
from msolsh.runtime.comparison import (MATCH_OPS, compare, comparison_operator,  # noqa: F401
                                       equals, wildcard)
from msolsh.runtime.comparison import NUMERIC_TYPES as _NUMERIC
from msolsh.runtime.pstypes import Char, check_size, fail, format_composite, type_name_of
from msolsh.runtime.text_operators import regex, regex_split  # noqa: F401
from msolsh.runtime.values import PSHashtable

_I64_MIN, _I64_MAX = -2**63, 2**63 - 1


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
        fn = comparison_operator(op)
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

