"""Errors as the running script sees them: the .NET exception types behind error records (for
typed catch and trap), the `$_` view of an ErrorRecord, and turning stray Python exceptions into
PowerShell errors so that no traceback ever reaches the user.

Nothing here renders text (that is error_view.py) or knows the tenant.
"""
from __future__ import annotations

from typing import Any, List, Optional

from msolsh.language.ast import Extent
from msolsh.runtime.compiler_base import error
from msolsh.runtime.errors import ErrorRecord, PSRuntimeException
from msolsh.runtime.values import PSObject

SMA = "System.Management.Automation."

# Each exception type and its base, as .NET declares them.
BASES = {
    "System.Exception": None,
    "System.SystemException": "System.Exception",
    "System.ApplicationException": "System.Exception",
    "System.ArithmeticException": "System.SystemException",
    "System.DivideByZeroException": "System.ArithmeticException",
    "System.OverflowException": "System.ArithmeticException",
    "System.IndexOutOfRangeException": "System.SystemException",
    "System.InvalidOperationException": "System.SystemException",
    "System.ArgumentException": "System.SystemException",
    "System.ArgumentNullException": "System.ArgumentException",
    "System.ArgumentOutOfRangeException": "System.ArgumentException",
    "System.FormatException": "System.SystemException",
    "System.InvalidCastException": "System.SystemException",
    "System.NullReferenceException": "System.SystemException",
    "System.NotSupportedException": "System.SystemException",
    "System.NotImplementedException": "System.SystemException",
    "System.UnauthorizedAccessException": "System.SystemException",
    "System.TimeoutException": "System.SystemException",
    "System.IO.IOException": "System.SystemException",
    "System.IO.FileNotFoundException": "System.IO.IOException",
    "System.IO.DirectoryNotFoundException": "System.IO.IOException",
    SMA + "RuntimeException": "System.SystemException",
    SMA + "CommandNotFoundException": SMA + "RuntimeException",
    SMA + "ParameterBindingException": SMA + "RuntimeException",
    SMA + "ParameterBindingValidationException": SMA + "ParameterBindingException",
    SMA + "ParameterBindingArgumentTransformationException": SMA + "ParameterBindingException",
    SMA + "ParseException": SMA + "RuntimeException",
    SMA + "ActionPreferenceStopException": SMA + "RuntimeException",
    SMA + "MethodException": SMA + "RuntimeException",
    SMA + "MethodInvocationException": SMA + "MethodException",
    SMA + "PSInvalidCastException": "System.InvalidCastException",
    SMA + "PSArgumentException": "System.ArgumentException",
    SMA + "PSInvalidOperationException": "System.InvalidOperationException",
    SMA + "MetadataException": SMA + "RuntimeException",
    SMA + "ValidationMetadataException": SMA + "MetadataException",
    SMA + "SessionStateException": SMA + "RuntimeException",
    SMA + "ItemNotFoundException": SMA + "SessionStateException",
    SMA + "SessionStateUnauthorizedAccessException": SMA + "SessionStateException",
    SMA + "PipelineStoppedException": SMA + "RuntimeException",
    SMA + "ScriptCallDepthException": "System.SystemException",
    "Microsoft.PowerShell.Commands.WriteErrorException": "System.SystemException",
}


def type_chain(type_name: str) -> List[str]:
    """The type and all its bases; unknown types derive straight from System.Exception."""
    chain: List[str] = []
    current: Optional[str] = type_name
    while current and current not in chain:
        chain.append(current)
        current = BASES.get(current, "System.Exception" if current != "System.Exception" else None)
    return chain


# pwsh wraps these .NET exceptions in a RuntimeException; catch [InnerType] still catches them.
INNER_BY_MESSAGE = {"Attempted to divide by zero.": "System.DivideByZeroException"}


def record_types(record: ErrorRecord) -> List[str]:
    """Every type a catch may name to catch this record (the exception and its inner one)."""
    names = type_chain(record.exception_type)
    inner = getattr(record, "inner_type", None) or INNER_BY_MESSAGE.get(record.message)
    if inner:
        names += type_chain(inner)
    return names


def catch_matches(catch_names: List[str], record: ErrorRecord) -> bool:
    types = [t.lower() for t in record_types(record)]
    short = [t.rsplit(".", 1)[-1] for t in types]
    for name in catch_names:
        wanted = name.strip("[]").lower()
        if wanted in types or ("." not in wanted and wanted in short):
            return True
    return False


# ---------------------------------------------------------------- Python exceptions

def from_python(exc: BaseException, extent: Optional[Extent] = None) -> PSRuntimeException:
    """A PowerShell error for a Python exception that escaped a value module or a cmdlet."""
    if isinstance(exc, PSRuntimeException):
        return exc
    if isinstance(exc, ZeroDivisionError):
        ps = error("Attempted to divide by zero.", extent=extent)
        ps.record.inner_type = "System.DivideByZeroException"  # type: ignore[attr-defined]
        return ps
    if isinstance(exc, RecursionError):
        return call_depth_overflow(extent)
    if isinstance(exc, OverflowError):
        return error("Arithmetic operation resulted in an overflow.", "RuntimeException",
                     extent=extent)
    if isinstance(exc, MemoryError):
        return error("Exception of type 'System.OutOfMemoryException' was thrown.",
                     "System.OutOfMemoryException", "OperationStopped",
                     exception_type="System.OutOfMemoryException", extent=extent)
    message = str(exc) or type(exc).__name__
    ps = error(message, "RuntimeException", "NotSpecified", extent=extent)
    ps.record.python_exception = type(exc).__name__  # type: ignore[attr-defined]  # a bug to fix
    return ps


def call_depth_overflow(extent: Optional[Extent] = None) -> PSRuntimeException:
    exc = error("The script failed due to call depth overflow.", "CallDepthOverflow",
                "InvalidOperation", exception_type=SMA + "ScriptCallDepthException", extent=extent)
    exc.script_terminating = True  # type: ignore[attr-defined]
    return exc


# ---------------------------------------------------------------- $_ in catch: the record's members

CATEGORY_INFO = "System.Management.Automation.ErrorCategoryInfo"


def category_line(record: ErrorRecord) -> str:
    """ErrorCategoryInfo.ToString(): 'ObjectNotFound: (Get-Foo:String) [], CommandNotFoundException'."""
    return category_text(category_info(record))


def category_info(record: ErrorRecord) -> PSObject:
    """$_.CategoryInfo: a PSObject (so it formats as pwsh's list); category_text is its ToString()."""
    target = record.target_name if record.target_name is not None else _target_text(record.target)
    target_type = record.target_type if record.target_type is not None else _type_short(record.target)
    activity = record.activity if record.activity is not None else (record.invocation.command_name or "")
    return PSObject([("Category", record.category), ("Activity", activity), ("Reason", record.reason),
                     ("TargetName", target), ("TargetType", target_type)], [CATEGORY_INFO, "System.Object"])


def category_text(info: PSObject) -> str:
    get = info.get
    return f"{get('Category')}: ({get('TargetName')}:{get('TargetType')}) [{get('Activity')}], {get('Reason')}"


def is_category_info(value: Any) -> bool:
    return type(value) is PSObject and value.type_names[0] == CATEGORY_INFO


def _target_text(target: Any) -> str:
    if target is None:
        return ""
    from msolsh.runtime.compiler_base import to_string
    return to_string(target)


def _type_short(target: Any) -> str:
    if target is None:
        return ""
    try:
        from msolsh.runtime.pstypes import type_name_of
        return type_name_of(target).rsplit(".", 1)[-1]
    except ImportError:  # pragma: no cover
        return type(target).__name__


def exception_view(record: ErrorRecord) -> PSObject:
    if isinstance(record.inner, PSObject):
        return record.inner
    inner_type = getattr(record, "inner_type", None) or INNER_BY_MESSAGE.get(record.message)
    inner = None
    if inner_type:
        inner = PSObject([("Message", record.message), ("InnerException", None)],
                         type_chain(inner_type))
    view = PSObject([("Message", record.message), ("InnerException", inner),
                     ("ErrorRecord", record), ("Source", None), ("StackTrace", None)],
                    type_chain(record.exception_type))
    record.inner = view
    return view


def invocation_view(record: ErrorRecord) -> PSObject:
    info = record.invocation
    extent = info.extent
    line = extent.line_text() if extent else ""
    return PSObject([
        ("MyCommand", info.command_name), ("ScriptName", info.script_name or (extent.file if extent else None) or ""),
        ("ScriptLineNumber", extent.start_line if extent else 0),
        ("OffsetInLine", extent.start_col if extent else 0), ("Line", line),
        ("PositionMessage", _position_message(record)), ("InvocationName", info.command_name),
    ], ["System.Management.Automation.InvocationInfo", "System.Object"])


def _position_message(record: ErrorRecord) -> str:
    from msolsh.runtime.error_view import position_lines
    return "\n".join(position_lines(record.invocation.extent, record.invocation.script_name))


def record_member(record: ErrorRecord, name: str) -> Any:
    lower = name.lower()
    if lower == "exception":
        return exception_view(record)
    if lower == "fullyqualifiederrorid":
        return record.fully_qualified_error_id
    if lower == "categoryinfo":
        return category_info(record)
    if lower == "targetobject":
        return record.target
    if lower == "invocationinfo":
        return invocation_view(record)
    if lower == "errordetails":
        return None
    if lower == "scriptstacktrace":
        return ""
    if lower == "pstypenames":
        return ["System.Management.Automation.ErrorRecord", "System.Object"]
    return None
