"""How an ErrorRecord reads when it is output as an object ($Error[0], `catch { $_ }`).

Out-Default shows it in the error view (the same text the host prints for an error);
`Format-List * -Force` shows its properties with the texts Windows PowerShell 5.1 prints.
The error view and the CategoryInfo line come from the runtime's own error modules, imported
lazily. Nothing here knows the tenant.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List

from msolsh.runtime.errors import ErrorRecord

ERROR_RECORD = "System.Management.Automation.ErrorRecord"


def error_view_text(record: ErrorRecord) -> str:
    from msolsh.runtime.error_view import render_record
    return render_record(record)


def _category(record: ErrorRecord) -> str:
    from msolsh.runtime.compiler_errors import category_line
    return category_line(record)


def _stack(record: ErrorRecord) -> str:
    extent = record.invocation.extent
    line = extent.start_line if extent is not None else 1
    where = record.invocation.script_name or "<No file>"
    return f"at <ScriptBlock>, {where}: line {line}"


# Format-List * -Force: the properties in 5.1's order and how each value shows.
PROPERTIES: Dict[str, Callable[[ErrorRecord], Any]] = {
    "PSMessageDetails": lambda r: None,
    "Exception": lambda r: f"{r.exception_type}: {r.message}",
    "TargetObject": lambda r: r.target,
    "CategoryInfo": _category,
    "FullyQualifiedErrorId": lambda r: r.fully_qualified_error_id,
    "ErrorDetails": lambda r: None,
    "InvocationInfo": lambda r: "System.Management.Automation.InvocationInfo",
    "ScriptStackTrace": _stack,
    "PipelineIterationInfo": lambda r: [],
}


def property_names() -> List[str]:
    return list(PROPERTIES)
