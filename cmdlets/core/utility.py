"""What the core utility cmdlets share: module names and versions, the adapters through
which they reach the session (scopes, alias table, functions, history, simulated clock, random
source, host), and parameter markers (remaining arguments, AllowNull/AllowEmpty*).

The cmdlets themselves live in streams.py, session_tools.py, variables.py, commands.py and
transcripts.py. The adapters exist so the engine's internals are read in one place. Nothing here
knows the tenant or any product module.
"""
from __future__ import annotations

import datetime as _dt
import random
from typing import Any, Iterable, List, Optional, Tuple

from msolsh.runtime import help as helptext
from msolsh.runtime.cmdlet import Cmdlet, Parameter
from msolsh.runtime.errors import ErrorRecord
from msolsh.runtime.values import PSObject

UTILITY = "Microsoft.PowerShell.Utility"
CORE = "Microsoft.PowerShell.Core"
MANAGEMENT = "Microsoft.PowerShell.Management"
HOST_MODULE = "Microsoft.PowerShell.Host"
MODULE_VERSIONS = {UTILITY: "3.1.0.0", MANAGEMENT: "3.1.0.0", HOST_MODULE: "3.0.0.0",
                   "MSOnline": "1.1.183.81", "ActiveDirectory": "1.0.1.0", "ADSync": "1.0.0.0",
                   "ExchangeOnlineManagement": "3.4.0"}
COLOURS = ("Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow",
           "Gray", "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White")
CATEGORIES = ("NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected",
              "InvalidArgument", "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType",
              "MetadataError", "NotImplemented", "NotInstalled", "ObjectNotFound",
              "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError",
              "PermissionDenied", "ResourceBusy", "ResourceExists", "ResourceUnavailable",
              "ReadError", "WriteError", "FromStdErr", "SecurityError", "ProtocolError",
              "ConnectionError", "AuthenticationError", "LimitsExceeded", "QuotaExceeded",
              "NotEnabled")
SESSION_STATE = "System.Management.Automation.SessionStateException"
ITEM_NOT_FOUND = "System.Management.Automation.ItemNotFoundException"


# ====================================================================== session adapters

def scope_of(cmd: Cmdlet) -> Any:
    """The scope the cmdlet was called from (its processor's), else the global scope."""
    scope = getattr(getattr(cmd, "_processor", None), "scope", None)
    return scope if scope is not None else cmd.session.global_scope


def target_scope(cmd: Cmdlet, name: Optional[str]) -> Any:
    """-Scope Global/Script/Local/0..n as pwsh reads it."""
    scope = scope_of(cmd)
    if not name:
        return scope
    text = str(name).lower()
    if text == "global":
        return cmd.session.global_scope
    if text == "script":
        return getattr(scope, "script", scope)
    if text == "local":
        return scope
    if text.isdigit():
        for _ in range(int(text)):
            scope = scope.parent
            if scope is None:
                cmd.throw_terminating(cmd.error_record(
                    f"The scope number '{name}' exceeds the number of active scopes.",
                    "ArgumentOutOfRange", "InvalidArgument", target=name,
                    exception_type="System.Management.Automation.PSArgumentOutOfRangeException"))
        return scope
    cmd.throw_terminating(cmd.error_record(
        'Cannot process argument because the value of argument "scopeID" is not valid. Valid values are '
        '"Global", "Local", or "Script", or a number relative to the current scope (0 through the number '
        'of scopes where 0 is the current scope and 1 is its parent).', "Argument", "InvalidArgument",
        target=name, exception_type="System.Management.Automation.PSArgumentException"))
    return scope


def visible_variables(scope: Any) -> List[Tuple[str, Any]]:
    """(name, value) of every variable seen from `scope`, nearest definition winning."""
    seen = {}
    chain = []
    while scope is not None:
        chain.append(scope)
        scope = scope.parent
    for level in reversed(chain):
        for name, value in level.vars.items():
            seen[name] = value
    names = getattr(chain[0].session, "variable_names", None) if chain else None
    return sorted(((_display_name(names, n), v) for n, v in seen.items()), key=lambda p: p[0].lower())


# Scopes keep names lower-cased; the automatic variables are shown with pwsh's spelling.
AUTOMATIC_NAMES = {name.lower(): name for name in (
    "ConfirmPreference", "DebugPreference", "Error", "ErrorActionPreference", "ErrorView",
    "FormatEnumerationLimit", "HOME", "Host", "InformationPreference", "MaximumHistoryCount",
    "NestedPromptLevel", "PID", "PROFILE", "ProgressPreference", "PSCommandPath", "PSCulture",
    "PSScriptRoot", "PSUICulture", "PSVersionTable", "PWD", "ShellId", "VerbosePreference",
    "WarningPreference", "WhatIfPreference", "true", "false", "null", "LASTEXITCODE", "args",
    "input", "OFS", "PSBoundParameters", "PSCmdlet", "MyInvocation", "StackTrace", "Matches",
    "PSItem", "ExecutionContext", "ErrorActionPreference")}


def _display_name(names: Any, key: str) -> str:
    if isinstance(names, dict) and key in names:
        return names[key]
    return AUTOMATIC_NAMES.get(key, key)


def alias_table(session: Any) -> List[Tuple[str, str]]:
    """(alias, definition) pairs from the session's table (lower-case name -> command)."""
    return sorted((str(k), str(v)) for k, v in session.aliases.items())


def set_alias(session: Any, name: str, value: str) -> None:
    session.aliases[name.lower()] = value


def function_table(session: Any) -> List[Tuple[str, Any]]:
    """(name, FunctionInfo) of every function the session knows."""
    return sorted(((info.name, info) for info in session.functions.values()), key=lambda p: p[0].lower())


def past_history(cmd: Cmdlet) -> List[PSObject]:
    """History records, without the entry of the input now running: the REPL records a line
    before running it, while pwsh adds it only when it ends (so `r` never re-runs itself)."""
    records = [history_record(line, i) for i, line in enumerate(cmd.session.history, 1)]
    extent = getattr(getattr(cmd, "_processor", None), "extent", None)
    running = getattr(extent, "source", None)
    if records and running is not None and records[-1].get("CommandLine") == running:
        records.pop()
    return records


def history_record(line: str, ident: int) -> PSObject:
    """A HistoryInfo for one entry of session.history (the lines typed, oldest first; the Id is
    the position). Execution times are not recorded by the session."""
    return PSObject([("Id", ident), ("CommandLine", line), ("ExecutionStatus", "Completed"),
                     ("StartExecutionTime", None), ("EndExecutionTime", None)],
                    ["Microsoft.PowerShell.Commands.HistoryInfo", "System.Object"])


def clock_now(session: Any) -> _dt.datetime:
    """The simulated clock's time (the tenant's, once a tenant is loaded)."""
    return session.clock.now()


def clock_sleep(session: Any, seconds: float) -> None:
    session.clock.sleep(seconds)


def random_source(session: Any) -> random.Random:
    """The session's generator, made on first use from `session.seed` (0 when unset), so a
    scenario replays the same numbers; Get-Random -SetSeed restarts it."""
    source = getattr(session, "random", None)
    if not isinstance(source, random.Random):
        source = random.Random(getattr(session, "seed", 0) or 0)
        session.random = source
    return source


def run_text(cmd: Cmdlet, text: str) -> List[Any]:
    """Run PowerShell text with the session's own parser and compiler, in the caller's scope."""
    return list(cmd.session.invoke_in_scope(text, scope_of(cmd)) or [])


def host_is_terminal(host: Any) -> bool:
    """Progress bars need a real console: a host that draws colour is one (StreamHost on a tty)."""
    return bool(getattr(host, "colour", False))


def error_without_class(cmd: Cmdlet, message: str, error_id: str, category: str, **extra: Any) -> ErrorRecord:
    """A record whose FullyQualifiedErrorId is the bare id (Write-Error's, as pwsh shows it)."""
    record = cmd.error_record(message, error_id, category, **extra)
    record.fq_class = None
    return record


# ====================================================================== shared helpers

def remaining(param: Parameter) -> Parameter:
    """Marks ValueFromRemainingArguments (Write-Output a b c); the binder honours the flag."""
    param.value_from_remaining_arguments = True  # type: ignore[attr-defined]
    return param


def allowing(param: Parameter, null: bool = False, empty_string: bool = False,
             empty_collection: bool = False) -> Parameter:
    """[AllowNull()], [AllowEmptyString()], [AllowEmptyCollection()] on a mandatory parameter;
    the binder skips its null / empty checks for the flags set here."""
    param.allow_null = null                          # type: ignore[attr-defined]
    param.allow_empty_string = empty_string          # type: ignore[attr-defined]
    param.allow_empty_collection = empty_collection  # type: ignore[attr-defined]
    return param

def module_version(cls: type) -> str:
    """A cmdlet class may say its module's version (`module_version = '1.1.183.81'`)."""
    return getattr(cls, "module_version", None) or MODULE_VERSIONS.get(cls.module, "")



def items_of(value: Any) -> Iterable[Any]:
    return value if isinstance(value, list) else [value]


def name_matcher(patterns: Optional[Iterable[str]]):
    """A test of names against -Include/-Exclude style wildcard patterns."""
    regexes = [helptext.wildcard_regex(str(p)) for p in patterns or []]
    return lambda name: any(r.match(name) for r in regexes)
