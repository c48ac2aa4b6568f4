"""Exchange Online errors as the ExchangeOnlineManagement V3 module shows them (form B).

V3 re-throws every server error from a generated temp module, so the record names
`Write-ErrorMessage`, points into that module's .psm1, prefixes the message with `||`, and its
FullyQualifiedErrorId carries the server, a request id and a timestamp (cmdlets.md §6.3 B).
This is the ONE place that form is built. Knows no tenant store and no REPL.
"""
from __future__ import annotations

import hashlib
import uuid
from typing import Any, Optional

from msolsh.language.ast import Extent
from msolsh.runtime.errors import ErrorRecord, InvocationInfo

WRITE_ERROR = "Write-ErrorMessage"
SOURCE_LINE = "            Write-ErrorMessage $ErrorObject"
SOURCE_ROW, SOURCE_COL = 1121, 13
SERVER = "AM6PR06MB5795"
EXCEPTIONS = "Microsoft.Exchange.Configuration.Tasks."
NOT_FOUND = "ManagementObjectNotFoundException"
AMBIGUOUS = "ManagementObjectAmbiguousException"
TASK = "TaskException"


def module_path(temp_name: str) -> str:
    """Where the generated module lives: %TEMP%\\tmpEXO_x.y\\tmpEXO_x.y.psm1."""
    return f"C:\\Users\\admin\\AppData\\Local\\Temp\\{temp_name}\\{temp_name}.psm1"


def _request_id(message: str, serial: int, now: Any) -> str:
    """Deterministic per error: the same run always shows the same id."""
    digest = hashlib.sha1(f"{message}|{serial}|{now}".encode("utf-8")).digest()
    return str(uuid.UUID(bytes=digest[:16]))


def _timestamp(now: Any) -> str:
    """RFC 1123, as the REST response header gives it: 'Tue, 28 Mar 2023 13:54:33 GMT'."""
    return now.strftime("%a, %d %b %Y %H:%M:%S GMT")


def exo_record(cmd: Any, message: str, exception_name: str = NOT_FOUND,
               category: str = "NotSpecified", target: Any = None) -> ErrorRecord:
    """The V3 error record for `message` raised by the server-side cmdlet `cmd` runs."""
    session = cmd.session
    now = session.tenant.clock.now
    serial = getattr(session, "error_serial", 0)
    temp = _temp_module(session)
    extent = Extent(module_path(temp), SOURCE_ROW, SOURCE_COL, SOURCE_ROW,
                    SOURCE_COL + len(SOURCE_LINE.strip()), SOURCE_LINE)
    fq_id = (f"[Server={SERVER},RequestId={_request_id(message, serial, now)},"
             f"TimeStamp={_timestamp(now)}]")
    return ErrorRecord("||" + message, fq_id, category, target=target,
                       target_name="" if target is None else None,
                       target_type="" if target is None else None,
                       exception_type=_exception_type(exception_name),
                       fq_class=WRITE_ERROR,
                       invocation=InvocationInfo(command_name=WRITE_ERROR, extent=extent),
                       activity=server_name(cmd))


def _exception_type(name: str) -> str:
    """Exchange's own exceptions live in ...Configuration.Tasks; others are given in full."""
    return name if "." in name else EXCEPTIONS + name


def server_name(cmd: Any) -> str:
    """The cmdlet as the server knows it: without the session's -Prefix."""
    return getattr(type(cmd), "exo_base_name", None) or cmd.name


def _temp_module(session: Any) -> str:
    info = session.extensions.get("ExchangeOnline") or {}
    return info.get("temp_module") or "tmpEXO_jzwkrfob.men"


def write_exo_error(cmd: Any, message: str, exception_name: str = NOT_FOUND,
                    target: Any = None) -> None:
    cmd.write_error(exo_record(cmd, message, exception_name, target=target))


def write_tenant_error(cmd: Any, exc: Any) -> None:
    """A tenant ExchangeError (message + exception_name) as this cmdlet's V3 error."""
    write_exo_error(cmd, exc.message, getattr(exc, "exception_name", NOT_FOUND))


def not_found_message(identity: Any) -> str:
    from msolsh.tenant.exchange import EXO_DC
    return (f"The operation couldn't be performed because object '{identity}' couldn't be "
            f"found on '{EXO_DC}'.")


def ambiguous_message(identity: Any) -> str:
    return f"The operation couldn't be performed because '{identity}' matches multiple entries."


def write_scope_message(identity: str, action: str, prop: str) -> str:
    return (f"The operation on mailbox \"{identity}\" failed because it's out of the current "
            f"user's write scope. The action '{action}', '{prop}', can't be performed on the "
            f"object '{identity}' because the object is being synchronized from your "
            "on-premises organization. This action should be performed on the object in your "
            "on-premises organization.")


def not_recognized(cmd: Any) -> ErrorRecord:
    """Before Connect-ExchangeOnline (or under another -Prefix) the command does not exist."""
    name = cmd.name
    return ErrorRecord(
        f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, "
        "or operable program. Check the spelling of the name, or if a path was included, verify "
        "that the path is correct and try again.", "CommandNotFoundException", "ObjectNotFound",
        target=name, target_type="String",
        exception_type="System.Management.Automation.CommandNotFoundException",
        activity="", invocation=InvocationInfo(command_name=name, extent=_name_extent(cmd)))


def _name_extent(cmd: Any) -> Optional[Extent]:
    """Only the command name is underlined, as pwsh does for CommandNotFoundException."""
    whole = getattr(getattr(cmd, "_processor", None), "extent", None)
    if whole is None or not whole.text:
        return None
    length = len(whole.text.split()[0]) if whole.text.split() else len(cmd.name)
    return Extent(whole.file, whole.start_line, whole.start_col, whole.start_line,
                  whole.start_col + length, whole.text[:length], whole.source)


def bind_error(cmd: Any, parameter: str, message: str,
               fq_class: Optional[str] = None) -> ErrorRecord:
    """Argument conversion failures (enum values, ResultSize) as pwsh's binder words them."""
    return cmd.error_record(
        f"Cannot process argument transformation on parameter '{parameter}'. {message}",
        "ParameterArgumentTransformationError", "InvalidData",
        exception_type="System.Management.Automation."
                       "ParameterBindingArgumentTransformationException",
        fq_class=fq_class or server_name(cmd))
