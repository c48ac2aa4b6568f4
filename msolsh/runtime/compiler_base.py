"""What every part of the compiler shares: control-flow signals, error helpers and the
value operations (coercion, operators, types, members) imported from their modules.

The value modules (coerce, operators, types, members) are imported here once, so the rest of
the compiler names one place. Nothing here knows the pipeline or the tenant.
"""
from __future__ import annotations

from typing import Any, List, Optional

from msolsh.language.ast import Extent
from msolsh.runtime.errors import ErrorRecord, InvocationInfo, PSRuntimeException

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

from msolsh.runtime.coerce import convert, to_bool, to_number, to_string  # noqa: F401 (re-exported)
from msolsh.runtime.operators import MATCH_OPS, binary, unary  # noqa: F401 (re-exported)
from msolsh.runtime import members as members_mod  # get_member/set_member/invoke_method/...
from msolsh.runtime import types as pstypes_mod    # resolve/is_instance/get_static/invoke_static


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
