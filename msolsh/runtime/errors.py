"""Error records and the exceptions that carry them.

An ErrorRecord is what pwsh shows and what lands in $Error; PSRuntimeException carries one
up the Python stack when an error is terminating (throw, -ErrorAction Stop, a failed cast...).
Rendering (Windows PowerShell 5.1's NormalView layout) lives in runtime/error_view.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from msolsh.language.ast import Extent


@dataclass
class InvocationInfo:
    """Which command failed and where: the extent is the failing command element (or the
    expression) so the renderer can draw `At line:L char:C` and the ~~~ under it."""
    command_name: Optional[str] = None
    extent: Optional[Extent] = None
    script_name: Optional[str] = None


@dataclass
class ErrorRecord:
    """message: Exception.Message. error_id: the FullyQualifiedErrorId without the ',Class'
    suffix; fq_class: that suffix ('Microsoft.ActiveDirectory.Management.Commands.GetADUser').
    category: an ErrorCategory name ('ObjectNotFound', 'InvalidArgument', 'NotSpecified',
    'InvalidOperation', 'OperationStopped', 'ParserError', ...). exception_type: the full .NET
    type name; its last part is the CategoryInfo reason ('CommandNotFoundException')."""
    message: str
    error_id: str = "RuntimeException"
    category: str = "NotSpecified"
    target: Any = None
    target_name: Optional[str] = None   # overrides how the target shows in CategoryInfo
    target_type: Optional[str] = None   # e.g. 'String', 'ADUser'
    exception_type: str = "System.Management.Automation.RuntimeException"
    fq_class: Optional[str] = None
    invocation: InvocationInfo = field(default_factory=InvocationInfo)
    activity: Optional[str] = None      # the [Cmdlet] in CategoryInfo; defaults to command_name
    # $_.Exception in a catch block; the runtime fills it with a PSObject view of this record.
    inner: Any = None

    @property
    def fully_qualified_error_id(self) -> str:
        return f"{self.error_id},{self.fq_class}" if self.fq_class else self.error_id

    @property
    def reason(self) -> str:
        return self.exception_type.rsplit(".", 1)[-1]


class PSRuntimeException(Exception):
    """A terminating error on its way to the nearest try/catch/trap or the top level."""

    def __init__(self, record: ErrorRecord):
        super().__init__(record.message)
        self.record = record
