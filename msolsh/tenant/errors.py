"""Errors raised by the simulated tenant, carrying the real products' texts and codes.

The cmdlet layer turns them into error records; the tenant itself knows nothing of the shell.
"""
from __future__ import annotations


class TenantError(Exception):
    """Base: `message` is the user-visible text; `exception_name` the real .NET exception."""

    exception_name = "Exception"

    def __init__(self, message: str, **details):
        super().__init__(message)
        self.message = message
        self.details = details


class DirectoryError(TenantError):
    """An on-premises AD refusal (ADException with the server error code)."""

    exception_name = "ADException"

    def __init__(self, message: str, code: int = 0, **details):
        super().__init__(message, **details)
        self.code = code


class IdentityNotFoundError(DirectoryError):
    exception_name = "ADIdentityNotFoundException"


class AzureADError(TenantError):
    """An MSOnline service error; exception_name is e.g. UserNotFoundException."""

    exception_name = "MicrosoftOnlineException"

    def __init__(self, message: str, exception_name: str = "MicrosoftOnlineException", **details):
        super().__init__(message, **details)
        self.exception_name = exception_name


class ExchangeError(TenantError):
    exception_name = "ManagementObjectNotFoundException"

    def __init__(self, message: str, exception_name: str = "ManagementObjectNotFoundException",
                 **details):
        super().__init__(message, **details)
        self.exception_name = exception_name


class SyncEngineError(TenantError):
    """Engine refusals such as a busy connector (InvalidOperationException)."""

    exception_name = "InvalidOperationException"


class ExportError(TenantError):
    """A per-object export error returned by Azure AD (ErrorType such as InvalidSoftMatch)."""

    def __init__(self, error_type: str, message: str, **details):
        super().__init__(message, **details)
        self.error_type = error_type


class SyncRuleError(TenantError):
    """A rule expression's Error("...") fired (sync-rule-error-function-triggered)."""

    error_type = "sync-rule-error-function-triggered"


class AmbiguousJoinError(SyncRuleError):
    """The join rule found a metaverse object already joined to another object."""

    error_type = "ambiguous-inbound-join"
