"""Raising pwsh errors from value code: terminating errors, wrapped .NET method exceptions, and
the memory guard on huge strings and arrays.

Interface:
  fail(message, error_id, category, exception_type, target, **extra)   raise a pwsh error record
  method_exception(method, args, inner, error_id)   'Exception calling "M" with "n" argument(s)'
  NetError(message, error_id)          a .NET exception raised inside a method implementation
  check_size(n)                        refuse strings/arrays that would exhaust memory
The lowest layer of the value modules: imports nothing of ours but the error contract.
"""
from __future__ import annotations

from typing import Any, NoReturn

from msolsh.runtime.errors import ErrorRecord, PSRuntimeException

RUNTIME_EXCEPTION = "System.Management.Automation.RuntimeException"
METHOD_EXCEPTION = "System.Management.Automation.MethodInvocationException"


METHOD_COUNT_EXCEPTION = "System.Management.Automation.MethodException"


def fail(message: str, error_id: str = "RuntimeException", category: str = "NotSpecified",
         exception_type: str = RUNTIME_EXCEPTION, target: Any = None, **extra: Any) -> NoReturn:
    """Raise a terminating pwsh error (extra: other ErrorRecord fields, e.g. target_type)."""
    raise PSRuntimeException(ErrorRecord(message, error_id, category, target=target,
                                         exception_type=exception_type, **extra))


def method_exception(method: str, args: list, inner: str,
                     error_id: str = "MethodInvocationException") -> NoReturn:
    """'Exception calling "Add" with "1" argument(s): "..."' as pwsh wraps .NET exceptions; the
    error id is the inner .NET exception's name ('FormatException', 'NotSupportedException')."""
    fail(f'Exception calling "{method}" with "{len(args)}" argument(s): "{inner}"',
         error_id, "NotSpecified", METHOD_EXCEPTION)


MAX_ELEMENTS = 20_000_000     # beyond this pwsh would exhaust memory; we refuse early


def check_size(n: int) -> int:
    """Refuse strings/arrays so large they would exhaust memory, as .NET's OutOfMemory."""
    if n > MAX_ELEMENTS:
        fail("Exception of type 'System.OutOfMemoryException' was thrown.",
             "System.OutOfMemoryException", "OperationStopped",
             exception_type="System.OutOfMemoryException")
    return n


class NetError(Exception):
    """A .NET exception thrown inside a method: becomes 'Exception calling ...'."""

    def __init__(self, message: str, error_id: str = "ArgumentOutOfRangeException"):
        super().__init__(message)
        self.error_id = error_id
