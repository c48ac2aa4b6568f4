"""What every part of the compiler shares: control-flow signals, error helpers and the
value operations (coercion, operators, types, members) imported from their modules.

The value modules are written by others in parallel; where one is not importable yet, a tiny
local fallback keeps the compiler usable. Nothing here knows the pipeline or the tenant.
"""
from __future__ import annotations

from typing import Any, List, Optional

from msolsh.language.ast import Extent
from msolsh.runtime.errors import ErrorRecord, InvocationInfo, PSRuntimeException
from msolsh.runtime.values import PSHashtable, PSObject

RUNTIME_EXCEPTION = "System.Management.Automation.RuntimeException"


# ---------------------------------------------------------------- control flow

class ControlFlow(Exception):
    """Base of break/continue/return/exit: never caught by try/catch or trap."""


class BreakSignal(ControlFlow):
    def __init__(self, label: Optional[str] = None):
        self.label = label


class ContinueSignal(ControlFlow):
    def __init__(self, label: Optional[str] = None):
        self.label = label


class ReturnSignal(ControlFlow):
    pass


class ExitSignal(ControlFlow):
    def __init__(self, code: int = 0):
        self.code = code


# ---------------------------------------------------------------- errors

def error(message: str, error_id: str = "RuntimeException", category: str = "NotSpecified",
          exception_type: str = RUNTIME_EXCEPTION, target: Any = None,
          extent: Optional[Extent] = None, **extra: Any) -> PSRuntimeException:
    """A terminating error ready to raise, pointing at `extent`."""
    record = ErrorRecord(message, error_id, category, target=target,
                         exception_type=exception_type,
                         invocation=InvocationInfo(extent=extent), **extra)
    return PSRuntimeException(record)


def locate(exc: PSRuntimeException, extent: Extent) -> PSRuntimeException:
    """Give an error raised by a value module the extent of the expression that failed."""
    info = exc.record.invocation
    if info.extent is None:
        info.extent = extent
    return exc


def statement_terminating(exc: PSRuntimeException) -> bool:
    return not getattr(exc, "script_terminating", False)


def mark_script_terminating(exc: PSRuntimeException) -> PSRuntimeException:
    exc.script_terminating = True  # type: ignore[attr-defined]
    return exc


# ---------------------------------------------------------------- value operations

try:
    from msolsh.runtime.coerce import to_bool, to_string, to_number, convert
except ImportError:  # fallback until coerce.py lands
    def to_bool(value: Any) -> bool:
        if isinstance(value, list):
            return len(value) > 1 or (len(value) == 1 and to_bool(value[0]))
        if isinstance(value, (PSHashtable, PSObject)):
            return True
        return bool(value)

    def to_string(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "True" if value else "False"
        if isinstance(value, list):
            return " ".join(to_string(v) for v in value)
        return str(value)

    def to_number(value: Any) -> Any:
        if isinstance(value, (int, float)):
            return value
        if value is None or value == "":
            return 0
        try:
            return int(str(value))
        except ValueError:
            return float(str(value))

    def convert(value: Any, type_name: Any) -> Any:
        name = str(type_name).lower()
        table = {"int": int, "int32": int, "long": int, "double": float, "string": to_string,
                 "bool": to_bool, "object": lambda v: v, "switch": to_bool}
        fn = table.get(name)
        if fn is None:
            return value
        try:
            return fn(value)
        except ValueError:
            raise error(f'Cannot convert value "{to_string(value)}" to type "System.Int32". '
                        f'Error: "Input string was not in a correct format."',
                        "InvalidCastFromStringToInteger", "InvalidArgument")

try:
    from msolsh.runtime.operators import binary, unary, MATCH_OPS
except ImportError:  # fallback until operators.py lands
    import operator as _op

    MATCH_OPS = frozenset({"-match", "-notmatch", "-cmatch", "-cnotmatch", "-imatch", "-inotmatch"})
    _BIN = {"+": _op.add, "-": _op.sub, "*": _op.mul, "%": _op.mod,
            "-eq": _op.eq, "-ne": _op.ne, "-gt": _op.gt, "-lt": _op.lt, "-ge": _op.ge,
            "-le": _op.le}

    def _div(a: Any, b: Any) -> Any:
        if b == 0:
            raise error("Attempted to divide by zero.")
        r = a / b
        return int(r) if r == int(r) else r

    def binary(op: str) -> Any:
        if op == "/":
            return _div
        if op == "..":
            return lambda a, b: list(range(a, b + 1) if a <= b else range(a, b - 1, -1))
        if op == "-join":
            return lambda a, b: to_string(b).join(to_string(x) for x in (a if isinstance(a, list) else [a]))
        if op == "-f":
            return lambda a, b: to_string(a).format(*(b if isinstance(b, list) else [b]))
        fn = _BIN.get(op.replace("-i", "-") if op.startswith("-i") else op)
        if fn is None:
            raise error(f"The operator '{op}' is not supported yet.")
        return fn

    def unary(op: str) -> Any:
        return {"-not": lambda v: not to_bool(v), "!": lambda v: not to_bool(v),
                "-": lambda v: -v, "+": lambda v: v, ",": lambda v: [v]}[op]

try:
    from msolsh.runtime import types as pstypes_mod  # resolve/type_name_of/is_instance/...
except ImportError:
    pstypes_mod = None  # type: ignore[assignment]

try:
    from msolsh.runtime import members as members_mod  # get_member/set_member/invoke_method/...
except ImportError:
    members_mod = None  # type: ignore[assignment]


def enumerate_value(value: Any) -> List[Any]:
    """What a statement outputs for `value`: arrays enumerate, everything else is one item."""
    if isinstance(value, list):
        return value
    return [value]


def emit_value(value: Any, out: Any) -> None:
    if isinstance(value, list):
        for item in value:
            out.append(item)
    else:
        out.append(value)
