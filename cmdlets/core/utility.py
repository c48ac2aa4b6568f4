"""The shell's own utility cmdlets: output streams, host I/O, dates and sleep, history,
variables and aliases, commands and help, Invoke-Expression, Get-Random and transcripts.

They work on the session (scopes, alias table, history, host, simulated clock) through the
small adapter functions at the top, so the engine's internals are read in one place. Nothing
here knows the tenant or any product module.
"""
from __future__ import annotations

import datetime as _dt
import os
import random
import re
from typing import Any, Iterable, List, Optional, Tuple

from msolsh.cmdlets.core.files import check_path_allowed, io_error, resolve
from msolsh.runtime import help as helptext
from msolsh.runtime.cmdlet import REGISTRY, Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.coerce import parse_number, to_string
from msolsh.runtime.error_view import position_lines
from msolsh.runtime.errors import ErrorRecord, PSRuntimeException
from msolsh.runtime.formatting.views import Column, register_view
from msolsh.runtime.pstypes import format_datetime
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


# ====================================================================== output streams

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


def _enumerate(value: Any) -> Iterable[Any]:
    return value if isinstance(value, list) else [value]


def _flatten(value: Any) -> Iterable[Any]:
    """Write-Host prints the elements of nested collections, each separated by -Separator."""
    if value is None:
        return
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    else:
        yield value


@cmdlet("Write-Output", module=UTILITY, aliases=("echo", "write"))
class WriteOutput(Cmdlet):
    """Writes the specified objects to the pipeline.

    The objects go to the next command, or to the console when Write-Output is last. A
    collection is sent one element at a time unless -NoEnumerate is given."""
    examples = [Example("Write-Output 'Sync cycle started'",
                        "Sends the string down the pipeline, so it is displayed."),
                Example("echo 1 2 3 | Measure-Object",
                        "Sends three numbers, one at a time, to Measure-Object.")]
    InputObject = allowing(remaining(Parameter("psobject[]", mandatory=True, position=0, pipeline=True,
                                               help="Specifies the objects to send down the pipeline.")),
                           null=True, empty_collection=True)
    NoEnumerate = Switch(help="Sends a collection as a single object.")

    def process(self):
        if self.NoEnumerate:
            yield self.InputObject
        else:
            yield from _enumerate(self.InputObject)


@cmdlet("Write-Host", module=UTILITY)
class WriteHost(Cmdlet):
    """Writes customized output to the host.

    The text goes straight to the console, not down the pipeline, so it cannot be captured
    or piped. -ForegroundColor and -BackgroundColor take effect where the console shows colour."""
    examples = [Example("Write-Host 'Export complete' -ForegroundColor Green", "Shows the text in green."),
                Example("Write-Host (1,2,3) -Separator ', '", "Shows 1, 2, 3.")]
    Object = remaining(Parameter("object", position=0, pipeline=True, aliases=("Msg", "Message"),
                                 help="Objects to display in the host."))
    NoNewline = Switch(help="Does not add a newline after the output.")
    Separator = Parameter("object", default=" ", help="Text printed between objects.")
    ForegroundColor = helptext.typed(Parameter("string", validate_set=COLOURS,
                                               help="Specifies the text colour."),
                                     "ConsoleColor")
    BackgroundColor = helptext.typed(Parameter("string", validate_set=COLOURS,
                                               help="Specifies the background colour."),
                                     "ConsoleColor")

    def process(self):
        separator = " " if self.Separator is None else to_string(self.Separator)
        text = separator.join(to_string(item) for item in _flatten(self.Object))
        self.write_host(text, self.ForegroundColor, self.BackgroundColor, newline=not self.NoNewline)


@cmdlet("Write-Error", module=UTILITY, default_set="NoException")
class WriteError(Cmdlet):
    """Writes an object to the error stream.

    Writes a non-terminating error: it is displayed and added to $Error, and the command goes
    on. -ErrorAction Stop on the calling command makes it terminating."""
    examples = [Example("Write-Error 'The user was not found.' -ErrorAction SilentlyContinue",
                        "Writes an error record to $Error without displaying it.")]
    unrunnable_examples = {1: "it writes an error record by design, which the example test forbids"}
    Message = allowing(Parameter("string", set="NoException", mandatory=True, position=0, pipeline=True,
                                 aliases=("Msg",), help="Specifies the message text of the error."),
                       null=True, empty_string=True)
    ErrorRecord = helptext.typed(Parameter("object", set="ErrorRecord", mandatory=True,
                                           help="Specifies an error record to write."), "ErrorRecord")
    Category = helptext.typed(Parameter("string", validate_set=CATEGORIES, default="NotSpecified",
                                        help="Specifies the category of the error."), "ErrorCategory")
    ErrorId = Parameter("string", help="Specifies an ID string for the error.")
    TargetObject = Parameter("object", help="Specifies the object that was being processed.")
    RecommendedAction = Parameter("string", help="Specifies the action the user should take.")
    CategoryActivity = Parameter("string", aliases=("Activity",),
                                 help="Overrides the activity in CategoryInfo.")
    CategoryReason = Parameter("string", aliases=("Reason",), help="Overrides the reason in CategoryInfo.")
    CategoryTargetName = Parameter("string", aliases=("TargetName",), help="Overrides the target name.")
    CategoryTargetType = Parameter("string", aliases=("TargetType",), help="Overrides the target type.")

    def process(self):
        if self.parameter_set == "ErrorRecord":
            self.write_error(self.ErrorRecord)
            return
        record = error_without_class(
            self, self.Message or "", self.ErrorId or "Microsoft.PowerShell.Commands.WriteErrorException",
            self.Category or "NotSpecified", target=self.TargetObject,
            exception_type="Microsoft.PowerShell.Commands.WriteErrorException")
        if self.CategoryActivity:
            record.activity = self.CategoryActivity
        if self.CategoryTargetName:
            record.target_name = self.CategoryTargetName
        if self.CategoryTargetType:
            record.target_type = self.CategoryTargetType
        if self.CategoryReason:
            record.exception_type = self.CategoryReason
        self.write_error(record)


def _message_cmdlet(name: str, what: str, method: str, example: str, remarks: str):
    class MessageCmdlet(Cmdlet):
        Message = allowing(Parameter("string", mandatory=True, position=0, pipeline=True, aliases=("Msg",),
                                     help=f"Specifies the {what} message."), empty_string=True)

        def process(self):
            getattr(self, method)(self.Message or "")

    MessageCmdlet.__doc__ = f"Writes text to the {what} stream.\n\n{remarks}"
    MessageCmdlet.__name__ = name.replace("-", "")
    MessageCmdlet.examples = [Example(example, f"Writes a {what} message.")]
    return cmdlet(name, module=UTILITY)(MessageCmdlet)


WriteWarning = _message_cmdlet(
    "Write-Warning", "warning", "write_warning", "Write-Warning 'The license will be removed.'",
    "The message is shown as 'WARNING: text' unless $WarningPreference or -WarningAction hide it.")
WriteVerbose = _message_cmdlet(
    "Write-Verbose", "verbose", "write_verbose", "Write-Verbose 'Reading the connector space' -Verbose",
    "The message is shown as 'VERBOSE: text' only with -Verbose or $VerbosePreference = 'Continue'.")
WriteDebug = _message_cmdlet(
    "Write-Debug", "debug", "write_debug", "Write-Debug 'Delta watermark read'",
    "The message is shown as 'DEBUG: text' only with -Debug or $DebugPreference = 'Continue'.")


def _preference(cmd: Cmdlet, name: str, default: str) -> str:
    """A preference variable ($ProgressPreference ...) as seen from the caller's scope."""
    value = scope_of(cmd).lookup(name.lower(), None)
    return to_string(value) if value is not None else default


@cmdlet("Write-Information", module=UTILITY)
class WriteInformation(Cmdlet):
    """Specifies how PowerShell handles information stream data for a command.

    The message goes to the information stream, which is shown only when
    $InformationPreference is 'Continue' (its default is 'SilentlyContinue')."""
    examples = [Example("Write-Information 'Cycle finished' -Tags Sync",
                        "Writes to the information stream; not shown by default.")]
    MessageData = Parameter("object", mandatory=True, position=0, aliases=("Msg", "Message"),
                            help="Specifies what to write to the information stream.")
    Tags = Parameter("string[]", position=1, help="Tags to mark the message with.")

    def process(self):
        common = getattr(self._processor, "common", None)
        action = getattr(common, "information_action", None)
        action = to_string(action) if action is not None else \
            _preference(self, "InformationPreference", "SilentlyContinue")
        if action.lower() in ("continue", "inquire"):
            self.write_host(to_string(self.MessageData))


@cmdlet("Write-Progress", module=UTILITY, default_set="__AllParameterSets")
class WriteProgress(Cmdlet):
    """Displays a progress bar within a PowerShell command window.

    The bar is drawn only when the console is a terminal and $ProgressPreference is not
    'SilentlyContinue'; scripts and captured output never contain it."""
    examples = [Example("Write-Progress -Activity 'Exporting users' -Status 'Half done' -PercentComplete 50",
                        "Shows a progress bar at 50 percent (on a terminal).")]
    Activity = Parameter("string", mandatory=True, position=0,
                         help="Specifies the first line of text above the bar.")
    Status = Parameter("string", position=1, default="Processing", help="Specifies the second line of text.")
    Id = Parameter("int", position=2, help="Distinguishes each progress bar from the others.")
    PercentComplete = Parameter("int", default=-1, validate_range=(-1, 100),
                                help="Percentage of the activity completed.")
    SecondsRemaining = Parameter("int", default=-1, help="Projected number of seconds remaining.")
    CurrentOperation = Parameter("string", help="Specifies the line of text below the bar.")
    ParentId = Parameter("int", default=-1, help="Specifies the parent activity.")
    Completed = Switch(help="Removes the progress bar.")

    def process(self):
        host = self.session.host
        if not host_is_terminal(host):
            return
        if _preference(self, "ProgressPreference", "Continue").lower() == "silentlycontinue":
            return
        width = max(20, getattr(host, "width", 80) - 1)
        if self.Completed:
            host.write("\r" + " " * width + "\r")
            return
        percent = self.PercentComplete if self.PercentComplete is not None else -1
        bar = ""
        if percent >= 0:
            filled = percent * 20 // 100
            bar = " [" + "o" * filled + " " * (20 - filled) + "]"
        line = f"{self.Activity}: {self.Status or 'Processing'}{bar}"
        host.write("\r" + line[:width].ljust(width))


# ====================================================================== host input, time

@cmdlet("Read-Host", module=UTILITY, output_type="System.String")
class ReadHost(Cmdlet):
    """Reads a line of input from the console.

    With -Prompt the console shows the prompt followed by a colon and a space."""
    examples = [Example("$answer = Read-Host -Prompt 'Tenant name'",
                        "Shows 'Tenant name: ' and stores what is typed in $answer.")]
    unrunnable_examples = {1: "needs someone at the keyboard to answer the prompt"}
    Prompt = Parameter("object", position=0, pipeline=True, help="Specifies the text of the prompt.")
    AsSecureString = Switch(help="Masks the input (accepted; the text is returned as typed).")

    def process(self):
        prompt = "" if self.Prompt is None else to_string(self.Prompt) + ": "
        line = self.session.host.prompt_line(prompt)
        if line is None:
            self.throw_terminating(self.error_record(
                "Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
                "InvalidOperation", "InvalidOperation",
                exception_type="System.Management.Automation.PSInvalidOperationException"))
            return
        yield line


_UFORMAT = {
    "a": "ddd", "A": "dddd", "b": "MMM", "B": "MMMM", "h": "MMM", "d": "dd", "H": "HH", "I": "hh",
    "m": "MM", "M": "mm", "S": "ss", "p": "tt", "y": "yy", "Y": "yyyy", "D": "MM/dd/yy",
    "T": "HH:mm:ss", "R": "HH:mm", "F": "yyyy-MM-dd", "x": "MM/dd/yy", "X": "HH:mm:ss",
    "c": "ddd MMM dd HH:mm:ss yyyy", "r": "hh:mm:ss tt",
}


def uformat(value: _dt.datetime, pattern: str) -> str:
    """Get-Date -UFormat: Unix date(1) specifiers."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch != "%" or i + 1 == len(pattern):
            out.append(ch)
            i += 1
            continue
        spec = pattern[i + 1]
        i += 2
        out.append(_uformat_piece(value, spec))
    return "".join(out)


def _uformat_piece(value: _dt.datetime, spec: str) -> str:
    if spec in _UFORMAT:
        return format_datetime(value, _UFORMAT[spec])
    naive = value.replace(tzinfo=None) if value.tzinfo else value
    pieces = {
        "e": f"{value.day:>2}", "j": f"{value.timetuple().tm_yday:03d}", "n": "\n", "t": "\t",
        "u": str(value.isoweekday()), "w": str((value.weekday() + 1) % 7), "Z": "+00",
        "s": str(int((naive - _dt.datetime(1970, 1, 1)).total_seconds())), "k": f"{value.hour:>2}",
        "l": f"{(value.hour % 12) or 12:>2}", "C": f"{value.year // 100:02d}",
        "G": str(value.isocalendar()[0]),
        "g": f"{value.isocalendar()[0] % 100:02d}", "V": f"{value.isocalendar()[1]:02d}",
        "U": value.strftime("%U"), "W": value.strftime("%W"), "%": "%",
    }
    return pieces.get(spec, spec)


@cmdlet("Get-Date", module=UTILITY, default_set="net", output_type="System.DateTime")
class GetDate(Cmdlet):
    """Gets the current date and time.

    In msolsh the current time is the simulated tenant clock, which Start-Sleep and the sync
    scheduler move forward. -Format uses .NET format strings and -UFormat Unix ones; both
    return a string instead of a DateTime."""
    examples = [Example("Get-Date", "Shows the simulated clock's date and time."),
                Example("Get-Date -Format 'yyyy-MM-dd HH:mm'", "Returns the date and time as a string."),
                Example("(Get-Date).AddDays(-30)", "Returns the date thirty days ago.")]
    Date = Parameter("datetime", position=0, pipeline=True, pipeline_by_property=True,
                     aliases=("LastWriteTime",), help="Specifies a date and time to use instead of now.")
    Year = Parameter("int", validate_range=(1, 9999), help="Specifies the year.")
    Month = Parameter("int", validate_range=(1, 12), help="Specifies the month.")
    Day = Parameter("int", validate_range=(1, 31), help="Specifies the day of the month.")
    Hour = Parameter("int", validate_range=(0, 23), help="Specifies the hour.")
    Minute = Parameter("int", validate_range=(0, 59), help="Specifies the minute.")
    Second = Parameter("int", validate_range=(0, 59), help="Specifies the second.")
    Millisecond = Parameter("int", validate_range=(0, 999), help="Specifies the milliseconds.")
    Format = Parameter("string", set="net", help="Formats the date with a .NET format string.")
    UFormat = Parameter("string", set="UFormat", mandatory=True,
                        help="Formats the date with Unix format specifiers.")

    def process(self):
        value = self.Date if self.Date is not None else clock_now(self.session)
        value = self._adjusted(value)
        if value is None:
            return
        if self.UFormat is not None:
            yield uformat(value, self.UFormat)
        elif self.Format is not None:
            try:
                yield format_datetime(value, self.Format)
            except ValueError as problem:   # an unknown one-letter standard format
                self.throw_terminating(self.error_record(
                    str(problem), "System.FormatException", "NotSpecified",
                    exception_type="System.FormatException"))
        else:
            yield value

    def _adjusted(self, value: _dt.datetime) -> Optional[_dt.datetime]:
        changes = {field: getattr(self, attr) for field, attr in (
            ("year", "Year"), ("month", "Month"), ("day", "Day"), ("hour", "Hour"),
            ("minute", "Minute"), ("second", "Second")) if getattr(self, attr) is not None}
        if self.Millisecond is not None:
            changes["microsecond"] = self.Millisecond * 1000
        try:
            return value.replace(**changes)
        except ValueError:
            self.write_error(self.error_record(
                "Year, Month, and Day parameters describe an un-representable DateTime.",
                "GetDateInvalidArgument", "InvalidArgument", target=value,
                exception_type="System.ArgumentOutOfRangeException"))
            return None


@cmdlet("Start-Sleep", module=UTILITY, aliases=("sleep",), default_set="Seconds")
class StartSleep(Cmdlet):
    """Suspends the activity in a script or session for the specified period of time.

    In msolsh this moves the simulated clock forward at once: scheduled sync cycles and
    forward syncs that fall due in the interval run, and no real time passes."""
    examples = [Example("Start-Sleep -Seconds 1800",
                        "Lets thirty simulated minutes pass (one scheduler interval)."),
                Example("sleep -Milliseconds 500", "Lets half a simulated second pass.")]
    Seconds = Parameter("double", set="Seconds", mandatory=True, position=0, pipeline=True,
                        pipeline_by_property=True, validate_range=(0, 2147483),
                        help="Specifies how long to sleep, in seconds.")
    Milliseconds = Parameter("int", set="Milliseconds", mandatory=True, pipeline_by_property=True,
                             aliases=("ms",), validate_range=(0, 2147483647),
                             help="Specifies how long to sleep, in milliseconds.")

    def process(self):
        seconds = self.Milliseconds / 1000 if self.parameter_set == "Milliseconds" else self.Seconds
        clock_sleep(self.session, float(seconds or 0))


# ====================================================================== history

@cmdlet("Get-History", module=CORE, aliases=("h", "history", "ghy"),
        output_type="Microsoft.PowerShell.Commands.HistoryInfo")
class GetHistory(Cmdlet):
    """Gets a list of the commands entered during the current session.

    Each entry has an Id that Invoke-History (r) takes."""
    examples = [Example("Get-History -Count 5", "Shows the last five commands.")]
    Id = Parameter("long[]", position=0, pipeline=True, help="Specifies the Ids of the entries to get.")
    Count = Parameter("int", position=1, validate_range=(0, 32767),
                      help="Specifies how many of the latest entries to show.")

    def process(self):
        records = past_history(self)
        if self.Id:
            wanted = {int(i) for i in self.Id}
            for ident in self.Id:
                match = [r for r in records if r.get("Id") == int(ident)]
                if not match:
                    self.write_error(self.error_record(
                        f"Cannot locate history for Id {ident}.", "GetHistoryNoHistoryForId",
                        "ObjectNotFound", target=ident, exception_type="System.ArgumentException"))
            records = [r for r in records if r.get("Id") in wanted]
        elif self.Count is not None:
            records = records[len(records) - self.Count:] if self.Count else []
        yield from records


@cmdlet("Invoke-History", module=CORE, aliases=("r", "ihy"), supports_should_process=True)
class InvokeHistory(Cmdlet):
    """Runs commands from the session history.

    Without -Id it runs the last command; -Id takes an Id or the start of a command line. The
    command is shown before it runs."""
    examples = [Example("Get-Date | Out-Null\nInvoke-History", "Runs Get-Date | Out-Null again.")]
    unrunnable_examples = {1: "needs the interactive history of a REPL session"}
    Id = Parameter("string", position=0, pipeline=True,
                   help="Specifies the Id, or the start of the command line, to run.")

    def process(self):
        entry = self._find([r for r in past_history(self) if not self._reruns_itself(r)])
        if entry is None:
            return
        text = entry.get("CommandLine")
        if self.should_process(text, "Invoke-History"):
            self.write_host(text)
            yield from run_text(self, text)

    def _reruns_itself(self, record: PSObject) -> bool:
        """A history line that is itself Invoke-History (r, ihy) would loop; pwsh never records them."""
        words = str(record.get("CommandLine")).split()
        first = words[0].lower() if words else ""
        return first in ("invoke-history", "r", "ihy") or \
            str(self.session.aliases.get(first, "")).lower() == "invoke-history"

    def _find(self, records: List[PSObject]) -> Optional[PSObject]:
        if not records:
            self.write_error(self.error_record("Cannot locate the most recent history.",
                                               "InvokeHistoryNoLastHistoryEntryFound", "ObjectNotFound",
                                               exception_type="System.InvalidOperationException"))
            return None
        if self.Id is None:
            return records[-1]
        key = str(self.Id)
        for record in reversed(records):
            if (key.isdigit() and record.get("Id") == int(key)) or \
                    (not key.isdigit() and str(record.get("CommandLine")).lower().startswith(key.lower())):
                return record
        message = f"Cannot locate history for Id {key}." if key.isdigit() else \
            f"Cannot locate history for command line {key}."
        self.write_error(self.error_record(message, "InvokeHistoryNoHistoryForId", "ObjectNotFound",
                                           target=key, exception_type="System.ArgumentException"))
        return None


@cmdlet("Clear-History", module=CORE, aliases=("clhy",), supports_should_process=True)
class ClearHistory(Cmdlet):
    """Deletes entries from the command history."""
    examples = [Example("Clear-History", "Deletes every entry of the session history.")]
    Id = Parameter("int[]", position=0, help="Specifies the Ids of the entries to delete.")
    Count = Parameter("int", help="Specifies how many entries to delete.")

    def process(self):
        history = self.session.history
        if not self.should_process("History", "Clear-History"):
            return
        if self.Id:
            wanted = {int(i) for i in self.Id}
            keep = [line for i, line in enumerate(history, 1) if i not in wanted]
        elif self.Count is not None:
            keep = history[:-self.Count] if self.Count else list(history)
        else:
            keep = []
        history[:] = keep


@cmdlet("Clear-Host", module=CORE, aliases=("clear", "cls"))
class ClearHost(Cmdlet):
    """Clears the display in the host program."""
    examples = [Example("Clear-Host", "Clears the console window.")]

    def process(self):
        self.session.host.clear()


# ====================================================================== variables

VARIABLE_TYPE = "System.Management.Automation.PSVariable"


def variable_record(name: str, value: Any) -> PSObject:
    return PSObject([("Name", name), ("Value", value), ("Description", ""), ("Options", "None"),
                     ("Visibility", "Public")], [VARIABLE_TYPE, "System.Object"])


def _matcher(patterns: Optional[Iterable[str]]):
    regexes = [helptext.wildcard_regex(str(p)) for p in patterns or []]
    return lambda name: any(r.match(name) for r in regexes)


class _VariableCmdlet(Cmdlet):
    def not_found(self, name: str) -> None:
        self.write_error(self.error_record(
            f"Cannot find a variable with the name '{name}'.", "VariableNotFound", "ObjectNotFound",
            target=name, exception_type=ITEM_NOT_FOUND))

    def matching(self, names: Iterable[str], scope: Any) -> Iterable[Tuple[str, str, Any]]:
        """(pattern, name, value) for each variable matching each name; reports misses."""
        variables = visible_variables(scope)
        excluded = _matcher(getattr(self, "Exclude", None))
        for pattern in names:
            regex = helptext.wildcard_regex(str(pattern))
            hits = [(n, v) for n, v in variables if regex.match(n) and not excluded(n)]
            if not hits and not helptext.has_wildcard(str(pattern)):
                self.not_found(str(pattern))
            for name, value in hits:
                yield str(pattern), name, value


@cmdlet("Get-Variable", module=UTILITY, aliases=("gv",), output_type=VARIABLE_TYPE)
class GetVariable(_VariableCmdlet):
    """Gets the variables in the current console.

    Returns each variable as an object with a Name and a Value; -ValueOnly returns the values."""
    examples = [Example("$tenant = 'contoso'\nGet-Variable -Name tenant",
                        "Shows the variable tenant and its value."),
                Example("Get-Variable -Name *Preference", "Lists the preference variables.")]
    Name = helptext.wildcards(Parameter(
        "string[]", position=0, pipeline=True, pipeline_by_property=True,
        help="Specifies the names of the variables. Wildcards are permitted."))
    ValueOnly = Switch(help="Gets only the values of the variables.")
    Include = Parameter("string[]", help="Gets only the variables whose names match.")
    Exclude = Parameter("string[]", help="Leaves out the variables whose names match.")
    Scope = Parameter("string", help="Specifies the scope: Global, Local, Script or a number.")

    def process(self):
        included = _matcher(self.Include) if self.Include else (lambda name: True)
        for _, name, value in self.matching(self.Name or ["*"], target_scope(self, self.Scope)):
            if included(name):
                yield value if self.ValueOnly else variable_record(name, value)


def _store(scope: Any, name: str, value: Any, option: Optional[str]) -> None:
    scope.assign(name.lower(), value)
    names = getattr(scope.session, "variable_names", None)
    if isinstance(names, dict):
        names.setdefault(name.lower(), name)
    if option and str(option).lower() in ("readonly", "constant"):
        scope.make_read_only(name.lower())
    if option and str(option).lower() == "private":
        scope.make_private(name.lower())


VARIABLE_OPTIONS = ("None", "ReadOnly", "Constant", "Private", "AllScope")


@cmdlet("Set-Variable", module=UTILITY, aliases=("set", "sv"), supports_should_process=True,
        output_type=VARIABLE_TYPE)
class SetVariable(_VariableCmdlet):
    """Sets the value of a variable, creating it if it does not exist."""
    examples = [Example("Set-Variable -Name domain -Value 'contoso.com'\n$domain",
                        "Creates $domain and shows it.")]
    Name = Parameter("string[]", mandatory=True, position=0, pipeline_by_property=True,
                     help="Specifies the variable names.")
    Value = Parameter("object", position=1, pipeline=True, pipeline_by_property=True,
                      help="Specifies the value of the variable.")
    Scope = Parameter("string", help="Specifies the scope: Global, Local, Script or a number.")
    Option = Parameter("string", validate_set=VARIABLE_OPTIONS, help="Specifies the variable options.")
    Description = Parameter("string", help="Specifies the description of the variable.")
    PassThru = Switch(help="Returns the variable.")
    Force = Switch(help="Allows setting a read-only variable.")

    def process(self):
        scope = target_scope(self, self.Scope)
        for name in self.Name or []:
            if self.should_process(f"Name: {name} Value: {to_string(self.Value)}", "Set variable"):
                _store(scope, str(name), self.Value, self.Option)
                if self.PassThru:
                    yield variable_record(str(name), self.Value)


@cmdlet("New-Variable", module=UTILITY, aliases=("nv",), supports_should_process=True)
class NewVariable(_VariableCmdlet):
    """Creates a new variable.

    Fails when a variable of that name already exists in the scope, unless -Force is given."""
    examples = [Example("New-Variable -Name limit -Value 500 -Option ReadOnly",
                        "Creates a read-only variable.")]
    Name = Parameter("string", mandatory=True, position=0, pipeline_by_property=True,
                     help="Specifies the name.")
    Value = Parameter("object", position=1, pipeline=True, pipeline_by_property=True,
                      help="Specifies the initial value.")
    Scope = Parameter("string", help="Specifies the scope: Global, Local, Script or a number.")
    Option = Parameter("string", validate_set=VARIABLE_OPTIONS, help="Specifies the variable options.")
    Description = Parameter("string", help="Specifies the description of the variable.")
    PassThru = Switch(help="Returns the new variable.")
    Force = Switch(help="Replaces an existing variable.")

    def process(self):
        scope = target_scope(self, self.Scope)
        if str(self.Name).lower() in scope.vars and not self.Force:
            self.write_error(self.error_record(
                f"A variable with name '{self.Name}' already exists.", "VariableAlreadyExists",
                "ResourceExists", target=self.Name, exception_type=SESSION_STATE))
            return
        if self.should_process(f"Name: {self.Name} Value: {to_string(self.Value)}", "New variable"):
            _store(scope, str(self.Name), self.Value, self.Option)
            if self.PassThru:
                yield variable_record(str(self.Name), self.Value)


@cmdlet("Remove-Variable", module=UTILITY, aliases=("rv",), supports_should_process=True)
class RemoveVariable(_VariableCmdlet):
    """Deletes a variable and its value."""
    examples = [Example("$old = 1\nRemove-Variable -Name old", "Deletes $old.")]
    Name = helptext.wildcards(Parameter(
        "string[]", mandatory=True, position=0, pipeline_by_property=True,
        help="Specifies the names of the variables. Wildcards are permitted."))
    Include = Parameter("string[]", help="Deletes only the variables whose names match.")
    Exclude = Parameter("string[]", help="Leaves out the variables whose names match.")
    Scope = Parameter("string", help="Specifies the scope: Global, Local, Script or a number.")
    Force = Switch(help="Deletes read-only variables as well.")

    def process(self):
        scope = target_scope(self, self.Scope)
        for _, name, _value in list(self.matching(self.Name or [], scope)):
            if self.should_process(f"Name: {name}", "Remove variable"):
                scope.remove(name.lower())


@cmdlet("Clear-Variable", module=UTILITY, aliases=("clv",), supports_should_process=True)
class ClearVariable(_VariableCmdlet):
    """Deletes the value of a variable; the variable stays, with the value $null."""
    examples = [Example("$count = 5\nClear-Variable -Name count\n$null -eq $count", "Returns True.")]
    Name = helptext.wildcards(Parameter(
        "string[]", mandatory=True, position=0, pipeline_by_property=True,
        help="Specifies the names of the variables. Wildcards are permitted."))
    Include = Parameter("string[]", help="Clears only the variables whose names match.")
    Exclude = Parameter("string[]", help="Leaves out the variables whose names match.")
    Scope = Parameter("string", help="Specifies the scope: Global, Local, Script or a number.")
    PassThru = Switch(help="Returns the cleared variable.")
    Force = Switch(help="Clears read-only variables as well.")

    def process(self):
        scope = target_scope(self, self.Scope)
        for _, name, _value in list(self.matching(self.Name or [], scope)):
            if self.should_process(f"Name: {name}", "Clear variable"):
                holder = scope.find(name.lower()) or scope
                holder.assign(name.lower(), None)
                if self.PassThru:
                    yield variable_record(name, None)


# ====================================================================== aliases

ALIAS_TYPE = "System.Management.Automation.AliasInfo"


CORE_MODULES = (UTILITY, CORE, MANAGEMENT, HOST_MODULE)


def alias_record(name: str, definition: str) -> PSObject:
    """Built-in and user aliases show no Version/Source; a module's own aliases show it."""
    target = REGISTRY.get(definition)
    declared = REGISTRY.aliases.get(name.lower(), "").lower() == definition.lower()
    source = target.module if target is not None and declared and target.module not in CORE_MODULES else ""
    version = module_version(target) if source else ""
    return PSObject([("CommandType", "Alias"), ("Name", name), ("Version", version),
                     ("Source", source), ("Definition", definition),
                     ("DisplayName", f"{name} -> {definition}"), ("ReferencedCommand", definition),
                     ("ResolvedCommandName", definition)],
                    [ALIAS_TYPE, "System.Management.Automation.CommandInfo", "System.Object"])


@cmdlet("Get-Alias", module=UTILITY, aliases=("gal",), default_set="Default", output_type=ALIAS_TYPE)
class GetAlias(Cmdlet):
    """Gets the aliases for the current session.

    -Name finds aliases by name, -Definition by the command they stand for."""
    examples = [Example("Get-Alias -Name gcm", "Shows that gcm stands for Get-Command."),
                Example("Get-Alias -Definition Get-History", "Lists the aliases of Get-History.")]
    Name = helptext.wildcards(Parameter(
        "string[]", set="Default", position=0, pipeline=True, pipeline_by_property=True,
        help="Specifies the aliases to get. Wildcards are permitted."))
    Exclude = Parameter("string[]", help="Leaves out the aliases whose names match.")
    Scope = Parameter("string", help="Specifies the scope (aliases are global in msolsh).")
    Definition = helptext.wildcards(Parameter(
        "string[]", set="Definition", help="Gets the aliases of these commands. Wildcards are permitted."))

    def process(self):
        table = alias_table(self.session)
        excluded = _matcher(self.Exclude)
        if self.parameter_set == "Definition":
            for pattern in self.Definition or []:
                regex = helptext.wildcard_regex(str(pattern))
                yield from (alias_record(n, d) for n, d in table if regex.match(d) and not excluded(n))
            return
        for pattern in self.Name or ["*"]:
            regex = helptext.wildcard_regex(str(pattern))
            hits = [(n, d) for n, d in table if regex.match(n) and not excluded(n)]
            if not hits and not helptext.has_wildcard(str(pattern)):
                self.write_error(self.error_record(
                    f"This command cannot find a matching alias because an alias with the name "
                    f"'{pattern}' does not exist.", "ItemNotFoundException", "ObjectNotFound",
                    target=pattern, exception_type=ITEM_NOT_FOUND))
            yield from (alias_record(n, d) for n, d in hits)


class _AliasWriter(Cmdlet):
    Name = Parameter("string", mandatory=True, position=0, pipeline_by_property=True,
                     help="Specifies the alias.")
    Value = Parameter("string", mandatory=True, position=1, pipeline_by_property=True,
                      help="Specifies the command the alias runs.")
    Description = Parameter("string", help="Specifies a description of the alias.")
    Option = Parameter("string", validate_set=("None", "ReadOnly", "Constant", "Private", "AllScope"),
                       help="Specifies the alias options.")
    PassThru = Switch(help="Returns the alias.")
    Scope = Parameter("string", help="Specifies the scope (aliases are global in msolsh).")
    Force = Switch(help="Replaces an existing alias.")

    def define(self):
        if self.should_process(f"Name: {self.Name} Value: {self.Value}", self.action):
            set_alias(self.session, str(self.Name), str(self.Value))
            if self.PassThru:
                yield alias_record(str(self.Name), str(self.Value))


@cmdlet("Set-Alias", module=UTILITY, aliases=("sal",), supports_should_process=True, output_type=ALIAS_TYPE)
class SetAlias(_AliasWriter):
    """Creates or changes an alias for a cmdlet or other command in the current session."""
    examples = [Example("Set-Alias -Name users -Value Get-MsolUser", "Makes users run Get-MsolUser.")]
    action = "Set Alias"

    def process(self):
        yield from self.define()


@cmdlet("New-Alias", module=UTILITY, aliases=("nal",), supports_should_process=True, output_type=ALIAS_TYPE)
class NewAlias(_AliasWriter):
    """Creates a new alias; fails when the alias already exists, unless -Force is given."""
    examples = [Example("New-Alias -Name list -Value Get-ChildItem", "Creates the alias list.")]
    action = "New Alias"

    def process(self):
        existing = {n.lower() for n, _ in alias_table(self.session)}
        if str(self.Name).lower() in existing and not self.Force:
            self.write_error(self.error_record(
                f"The alias is not allowed, because an alias with the name '{self.Name}' already exists.",
                "AliasAlreadyExists", "ResourceExists", target=self.Name, exception_type=SESSION_STATE))
            return
        yield from self.define()


# ====================================================================== commands and help

COMMAND_TYPES = ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application", "Script", "All")
_TYPE_ORDER = {"Alias": 0, "Function": 1, "Filter": 2, "Cmdlet": 3}


def module_version(cls: type) -> str:
    """A cmdlet class may say its module's version (`module_version = '1.1.183.81'`)."""
    return getattr(cls, "module_version", None) or MODULE_VERSIONS.get(cls.module, "")


def cmdlet_record(cls: type) -> PSObject:
    return PSObject([("CommandType", "Cmdlet"), ("Name", cls.name), ("Version", module_version(cls)),
                     ("Source", cls.module), ("Verb", cls.verb), ("Noun", cls.noun),
                     ("ModuleName", cls.module), ("Definition", helptext.command_syntax(cls).strip("\n"))],
                    ["System.Management.Automation.CmdletInfo", "System.Management.Automation.CommandInfo",
                     "System.Object"])


def function_record(name: str, info: Any) -> PSObject:
    verb, _, noun = name.partition("-")
    body = getattr(info, "definition", None) or getattr(info, "text", None) or ""
    return PSObject([("CommandType", "Function"), ("Name", name), ("Version", ""), ("Source", ""),
                     ("Verb", verb if noun else ""), ("Noun", noun), ("ModuleName", ""),
                     ("Definition", body)],
                    ["System.Management.Automation.FunctionInfo", "System.Management.Automation.CommandInfo",
                     "System.Object"])


def all_commands(session: Any) -> List[Tuple[str, str, Any]]:
    """(command type, name, cmdlet class | function info | alias definition), pwsh's order."""
    found = [("Alias", n, d) for n, d in alias_table(session)]
    found += [("Function", n, info) for n, info in function_table(session)]
    found += [("Cmdlet", cls.name, cls) for cls in session.registry.all()]
    return sorted(found, key=lambda c: (_TYPE_ORDER.get(c[0], 9), c[1].lower()))


def command_record(kind: str, name: str, item: Any) -> PSObject:
    if kind == "Alias":
        return alias_record(name, item)
    if kind == "Function":
        return function_record(name, item)
    return cmdlet_record(item)


def resolve_command(session: Any, name: str) -> Optional[Tuple[str, str, Any]]:
    """What `name` runs: alias (followed to its target), function, then cmdlet."""
    commands = all_commands(session)
    for kind in ("Alias", "Function", "Cmdlet"):
        for entry in commands:
            if entry[0] == kind and entry[1].lower() == name.lower():
                return entry
    return None


def not_recognized(cmd: Cmdlet, name: str) -> Any:
    return cmd.error_record(
        f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable "
        f"program. Check the spelling of the name, or if a path was included, verify that the path is "
        f"correct and try again.", "CommandNotFoundException", "ObjectNotFound", target=name,
        exception_type="System.Management.Automation.CommandNotFoundException")


@cmdlet("Get-Command", module=CORE, aliases=("gcm",), default_set="CmdletSet",
        output_type="System.Management.Automation.CommandInfo")
class GetCommand(Cmdlet):
    """Gets all commands.

    Lists the aliases, functions and cmdlets of the session. -Verb, -Noun and -Module narrow
    the list; -Syntax shows how to call a command, generated from its parameter sets."""
    examples = [Example("Get-Command -Module MSOnline", "Lists the MSOnline cmdlets."),
                Example("Get-Command -Verb Get -Noun *User*", "Lists the commands that get users."),
                Example("Get-Command Get-Alias -Syntax", "Shows the syntax of Get-Alias."),
                Example("Get-Command | Measure-Object", "Counts the commands.")]
    Name = helptext.wildcards(Parameter(
        "string[]", set="AllCommandSet", position=0, pipeline=True, pipeline_by_property=True,
        help="Specifies the command names. Wildcards are permitted."))
    Verb = Parameter("string[]", set="CmdletSet", pipeline_by_property=True,
                     help="Gets commands with these verbs.")
    Noun = Parameter("string[]", set="CmdletSet", pipeline_by_property=True,
                     help="Gets commands with these nouns.")
    Module = Parameter("string[]", pipeline_by_property=True, aliases=("PSSnapin",),
                       help="Gets the commands of these modules.")
    CommandType = helptext.typed(Parameter("string[]", set="AllCommandSet", aliases=("Type",),
                                           validate_set=COMMAND_TYPES, pipeline_by_property=True,
                                           help="Gets only these kinds of command."), "CommandTypes")
    TotalCount = Parameter("int", help="Specifies how many commands to get.")
    Syntax = Switch(help="Returns the syntax of the command instead of the command.")

    def process(self):
        found = self._select()
        if self.TotalCount is not None and self.TotalCount >= 0:
            found = found[:self.TotalCount]
        for kind, name, item in found:
            yield self._syntax(kind, name, item) if self.Syntax else command_record(kind, name, item)

    def _select(self) -> List[Tuple[str, str, Any]]:
        commands = all_commands(self.session)
        if self.Module:
            modules = _matcher(self.Module)
            commands = [c for c in commands if c[0] == "Cmdlet" and modules(c[2].module)]
        if self.Verb or self.Noun:
            verbs, nouns = _matcher(self.Verb or ["*"]), _matcher(self.Noun or ["*"])
            commands = [c for c in commands if c[0] != "Alias" and "-" in c[1]
                        and verbs(c[1].partition("-")[0]) and nouns(c[1].partition("-")[2])]
        if self.CommandType and "All" not in self.CommandType:
            kinds = {k.lower() for k in self.CommandType}
            commands = [c for c in commands if c[0].lower() in kinds]
        if not self.Name:
            return commands
        return self._by_name(commands)

    def _by_name(self, commands: List[Tuple[str, str, Any]]) -> List[Tuple[str, str, Any]]:
        chosen: List[Tuple[str, str, Any]] = []
        for pattern in self.Name:
            regex = helptext.wildcard_regex(str(pattern))
            hits = [c for c in commands if regex.match(c[1])]
            if not helptext.has_wildcard(str(pattern)):
                hits = hits[:1] if hits else hits
                if not hits:
                    self.write_error(not_recognized(self, str(pattern)))
            chosen += [c for c in hits if c not in chosen]
        return chosen

    def _syntax(self, kind: str, name: str, item: Any) -> str:
        if kind == "Cmdlet":
            return helptext.command_syntax(item)
        if kind == "Alias":   # pwsh 7's form: the alias, then its command's syntax
            target = resolve_command(self.session, item)
            rest = self._syntax(*target) if target and target[0] != "Alias" else "\n"
            return f"{name} (alias) -> {item}\n{rest}"
        return "".join(f"\n{line}\n" for line in function_syntax(name, item))


def function_syntax(name: str, info: Any) -> List[str]:
    """Syntax lines of a script function, from its parameter metadata."""
    meta = getattr(info, "meta", None)
    if meta is None:
        return [name]
    return helptext.syntax_lines(helptext.FunctionDeclaration(name, meta))


HELP_SHORT_TYPE = "HelpInfoShort"


@cmdlet("Get-Help", module=CORE, default_set="AllUsersView", output_type="System.String")
class GetHelp(Cmdlet):
    """Displays information about PowerShell commands and concepts.

    Get-Help NAME shows a command's synopsis, syntax and description; -Detailed adds the
    parameters and examples, -Full adds each parameter's details, -Examples shows only the
    examples and -Parameter one parameter. Get-Help about_msolsh lists the conceptual topics;
    a wildcard (Get-Help *Msol*) lists matching commands and topics."""
    examples = [Example("Get-Help Get-Alias", "Shows the help for Get-Alias."),
                Example("Get-Help Get-Alias -Examples", "Shows only the examples."),
                Example("Get-Help Get-Alias -Parameter Name", "Shows the help for the -Name parameter."),
                Example("Get-Help about_Hybrid_Sync_Workflow",
                        "Explains the six stages an object passes through.")]
    Name = helptext.wildcards(Parameter(
        "string", position=0, pipeline_by_property=True,
        help="Gets help about the specified command or concept. Wildcards are permitted."))
    Full = Switch(set="AllUsersView", help="Displays the entire help article.")
    Detailed = Switch(set="DetailedView", mandatory=True, help="Adds parameter descriptions and examples.")
    Examples = Switch(set="Examples", mandatory=True, help="Displays only the name, synopsis and examples.")
    Category = Parameter("string[]", help="Displays help only for items in the specified category.")
    # Declared last: from here on the class body's name `Parameter` is this declaration.
    Parameter = Parameter("string", set="Parameters", mandatory=True,
                          help="Displays only the detailed descriptions of the specified parameters.")

    def process(self):
        name = self.Name or "about_msolsh"
        if helptext.has_wildcard(name):
            listed = list(self._listing(name))
            if not listed:
                self.write_error(self._not_found(name))
            yield from listed
            return
        if name.lower().startswith("about_"):
            text = helptext.about_topic_text(name)
            if text is not None:
                yield text
                return
        entry = resolve_command(self.session, name)
        if entry is not None and entry[0] == "Alias":
            entry = resolve_command(self.session, entry[2]) or entry
        if entry is None:
            listed = list(self._listing(f"*{name}*"))
            if listed:
                yield from listed
                return
            self.write_error(self._not_found(name))
            return
        yield from self._command_help(entry)

    def _not_found(self, name: str) -> ErrorRecord:
        return self.error_record(
            f'Get-Help could not find {name} in a help file in this session. To download updated help '
            f'topics type: "Update-Help". To get help online, search for the help topic in the TechNet '
            f'library at https:/go.microsoft.com/fwlink/?LinkID=107116.', "HelpNotFound",
            "ResourceUnavailable", target=name,
            exception_type="Microsoft.PowerShell.Commands.HelpNotFoundException")

    def _command_help(self, entry: Tuple[str, str, Any]):
        kind, name, item = entry
        if kind != "Cmdlet":
            syntax = "".join(f"    {line}\n\n" for line in function_syntax(name, item))
            yield f"\nNAME\n    {name}\n\nSYNTAX\n{syntax}\nALIASES\n    None\n\n\nREMARKS\n    None\n"
            return
        if self.parameter_set == "Parameters":
            params = helptext.find_parameters(item, str(self.Parameter))
            if not params:
                self.write_error(self.error_record(
                    f"No parameter matches criteria {self.Parameter}.", "NoParmsFound", "InvalidArgument",
                    target=self.Parameter, exception_type="System.ArgumentException"))
                return
            yield helptext.render_parameter_help(item, params)
            return
        view = {"DetailedView": "detailed", "Examples": "examples"}.get(self.parameter_set, "default")
        yield helptext.render_help(item, "full" if self.Full else view)

    def _listing(self, pattern: str):
        regex = helptext.wildcard_regex(pattern)
        rows = []
        for kind, name, item in all_commands(self.session):
            if kind == "Cmdlet" and regex.match(name):
                rows.append((name, "Cmdlet", item.module, item.synopsis))
            elif kind == "Alias" and regex.match(name):
                rows.append((name, "Alias", "", f"{item}"))
            elif kind == "Function" and regex.match(name):
                rows.append((name, "Function", "", ""))
        for topic in helptext.about_topic_names():
            if regex.match(topic):
                rows.append((topic, "HelpFile", "", helptext.about_topic_synopsis(topic)))
        if len(rows) == 1 and rows[0][1] != "HelpFile":
            yield from self._command_help(resolve_command(self.session, rows[0][0]))
            return
        if len(rows) == 1:
            yield helptext.about_topic_text(rows[0][0])
            return
        for name, category, module, synopsis in rows:
            yield PSObject([("Name", name), ("Category", category), ("Module", module),
                            ("Synopsis", synopsis)],
                           [HELP_SHORT_TYPE, "System.Object"])



# ====================================================================== expressions, random

@cmdlet("Invoke-Expression", module=UTILITY, aliases=("iex",))
class InvokeExpression(Cmdlet):
    """Runs commands or expressions on the local computer.

    The string is parsed and run by the shell itself, in the caller's scope, exactly as if it
    had been typed; its output goes down the pipeline."""
    examples = [Example("$command = 'Get-Date -Format yyyy'\nInvoke-Expression $command",
                        "Runs the command stored in $command."),
                Example("iex '1 + 2'", "Returns 3.")]
    Command = Parameter("string", mandatory=True, position=0, pipeline=True,
                        help="Specifies the command or expression to run.")

    def process(self):
        if not self.Command:
            return
        try:
            output = run_text(self, str(self.Command))
        except PSRuntimeException as problem:
            if problem.record.category != "ParserError":
                raise
            self.throw_terminating(self._parse_error(problem.record))
            return
        yield from output

    def _parse_error(self, inner: ErrorRecord) -> ErrorRecord:
        """pwsh shows where in the string the parse failed, then where iex was called."""
        where = position_lines(inner.invocation.extent)
        message = "\n".join(where + [inner.message])
        return self.error_record(message, inner.error_id, "ParserError",
                                 exception_type="System.Management.Automation.ParseException")


INT32_MAX = 2147483647


@cmdlet("Get-Random", module=UTILITY, default_set="RandomNumberParameterSet")
class GetRandom(Cmdlet):
    """Gets a random number, or selects objects randomly from a collection.

    Numbers come from the session's seeded generator, so a scenario replays identically;
    -SetSeed restarts the generator from a seed of your choice."""
    examples = [Example("Get-Random -Minimum 1 -Maximum 7", "Returns a whole number from 1 to 6."),
                Example("'ann','bob','cy' | Get-Random -Count 2",
                        "Returns two of the three names, in random order.")]
    Maximum = Parameter("object", set="RandomNumberParameterSet", position=0,
                        help="Specifies a maximum value; the number returned is less than it.")
    Minimum = Parameter("object", set="RandomNumberParameterSet",
                        help="Specifies a minimum value (inclusive).")
    InputObject = Parameter("object[]", set="RandomListItemParameterSet", mandatory=True, position=0,
                            pipeline=True, help="Specifies a collection of objects to choose from.")
    Count = Parameter("int", set="RandomListItemParameterSet", validate_range=(1, INT32_MAX),
                      help="Specifies how many objects to return.")
    SetSeed = Parameter("int", help="Specifies a seed value for the random number generator.")

    def begin(self):
        self._items: List[Any] = []
        if self.SetSeed is not None:
            random_source(self.session).seed(self.SetSeed)

    def process(self):
        if self.parameter_set == "RandomListItemParameterSet":
            self._items += _enumerate(self.InputObject)

    def end(self):
        source = random_source(self.session)
        if self.parameter_set == "RandomListItemParameterSet":
            count = min(self.Count or 1, len(self._items))
            yield from source.sample(self._items, count)
            return
        low = 0 if self.Minimum is None else self.Minimum
        high = INT32_MAX if self.Maximum is None else self.Maximum
        if any(isinstance(v, float) for v in (low, high)):
            low, high = float(low), float(high)
        elif not all(isinstance(v, int) for v in (low, high)):
            low, high = _number(self, low), _number(self, high)
        if low >= high:
            self.throw_terminating(self.error_record(
                f"The Minimum value ({to_string(low)}) cannot be greater than or equal to the Maximum "
                f"value ({to_string(high)}).", "MinGreaterThanOrEqualMax", "InvalidArgument",
                exception_type="System.ArgumentException"))
            return
        if isinstance(low, float):
            yield low + source.random() * (high - low)
        else:
            yield source.randrange(low, high)


def _number(cmd: Cmdlet, value: Any) -> Any:
    number = parse_number(to_string(value))
    if number is None:
        cmd.throw_terminating(cmd.error_record(
            f'Cannot convert value "{to_string(value)}" to type "System.Int32". Error: "Input string was '
            f'not in a correct format."', "InvalidCastFromStringToInteger", "InvalidArgument",
            exception_type="System.Management.Automation.PSInvalidCastException"))
    return number


# ====================================================================== transcripts

class Transcript:
    """Copies everything the host shows into a file while it is running."""

    def __init__(self, host: Any, path: str, append: bool):
        self.host = host
        self.path = path
        self._saved = {}
        mode = "a" if append else "w"
        self._file = open(path, mode, encoding="utf-8")

    def start(self, header: str) -> None:
        self._file.write(header)
        self._file.flush()
        for channel in ("_out", "_err"):
            original = getattr(self.host, channel)
            self._saved[channel] = original
            setattr(self.host, channel, self._tee(original))

    def _tee(self, original):
        def write(text: str) -> None:
            original(text)
            self._file.write(_strip_ansi(text))
            self._file.flush()
        return write

    def stop(self, footer: str) -> None:
        for channel, original in self._saved.items():
            setattr(self.host, channel, original)
        self._file.write(footer)
        self._file.close()


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


def _stamp(session: Any) -> str:
    return clock_now(session).strftime("%Y%m%d%H%M%S")


def transcript_header(session: Any) -> str:
    """5.1's header block, with the simulated machine's names (from the sandboxed $env:)."""
    env = getattr(session, "env_get", lambda name: None)
    user = f"{env('USERDOMAIN') or 'CONTOSO'}\\{env('USERNAME') or 'admin'}"
    rule = "*" * 22
    return (f"{rule}\nWindows PowerShell transcript start\nStart time: {_stamp(session)}\n"
            f"Username: {user}\nRunAs User: {user}\nConfiguration Name: \n"
            f"Machine: {env('COMPUTERNAME') or 'MSOLSH01'} (msolsh)\nHost Application: msolsh\n"
            f"PSVersion: 5.1.19041.4648\nPSEdition: Desktop\n{rule}\n")


def _transcripts(session: Any) -> List[Transcript]:
    stack = getattr(session, "transcripts", None)
    if stack is None:
        stack = []
        session.transcripts = stack
    return stack


@cmdlet("Start-Transcript", module=HOST_MODULE, default_set="ByPath", supports_should_process=True)
class StartTranscript(Cmdlet):
    """Creates a record of all or part of a PowerShell session to a text file.

    Everything the console shows from now until Stop-Transcript is copied to the file."""
    examples = [Example("Start-Transcript -Path ./session.txt\nGet-Date\nStop-Transcript",
                        "Records the output of Get-Date in session.txt.")]
    Path = Parameter("string", set="ByPath", position=0, help="Specifies the transcript file.")
    LiteralPath = Parameter("string", set="ByLiteralPath", mandatory=True, aliases=("PSPath",),
                            help="Specifies a transcript file path used exactly as it is typed.")
    OutputDirectory = Parameter("string", set="ByOutputDirectory", mandatory=True,
                                help="Specifies a folder for a transcript with a generated name.")
    Append = Switch(help="Adds to the end of an existing file.")
    Force = Switch(help="Overwrites a read-only file.")
    NoClobber = Switch(aliases=("NoOverwrite",), help="Does not overwrite an existing file.")
    IncludeInvocationHeader = Switch(help="Logs the time each command was run.")

    def process(self):
        target = resolve(self.session, self._chosen_path())
        check_path_allowed(self.session, target, write=True)
        if self.NoClobber and os.path.exists(target):
            self.throw_terminating(self.error_record(
                f"The file '{target}' already exists.", "NoClobber", "ResourceExists", target=target,
                exception_type="System.IO.IOException"))
            return
        if not self.should_process(target, "Start-Transcript"):
            return
        try:
            transcript = Transcript(self.session.host, target, bool(self.Append))
        except OSError as problem:
            self.throw_terminating(io_error(self, target, problem, "CannotStartTranscription"))
            return
        transcript.start(transcript_header(self.session))
        _transcripts(self.session).append(transcript)
        yield f"Transcript started, output file is {target}"

    def _chosen_path(self) -> str:
        if self.LiteralPath:
            return self.LiteralPath
        if self.Path:
            return self.Path
        token = f"{random_source(self.session).getrandbits(32):08x}"
        name = f"PowerShell_transcript.msolsh.{token}.{_stamp(self.session)}.txt"
        return os.path.join(self.OutputDirectory or "~", name)


@cmdlet("Stop-Transcript", module=HOST_MODULE)
class StopTranscript(Cmdlet):
    """Stops a transcript."""
    examples = [Example("Start-Transcript ./t.txt | Out-Null\nStop-Transcript",
                        "Stops the transcript started before.")]

    def process(self):
        stack = _transcripts(self.session)
        if not stack:
            self.throw_terminating(self.error_record(
                "An error occurred stopping transcription: The host is not currently transcribing.",
                "InvalidOperation", "InvalidOperation",
                exception_type="System.Management.Automation.PSInvalidOperationException"))
            return
        flush = getattr(self.session, "flush_output", None)
        if callable(flush):
            flush()   # output still buffered for display belongs in the transcript
        transcript = stack.pop()
        message = f"Transcript stopped, output file is {transcript.path}"
        rule = "*" * 22
        transcript.stop(f"{rule}\nWindows PowerShell transcript end\n"
                        f"End time: {_stamp(self.session)}\n{rule}\n")
        yield message


# ====================================================================== default views

def _register_views() -> None:
    command_columns = [Column("CommandType", width=15),
                       Column("Name", lambda r: r.get("DisplayName") or r.get("Name"), width=50),
                       Column("Version", width=10), Column("Source")]
    # one view for every kind of command, so cmdlets and aliases share one table, as in pwsh
    register_view("System.Management.Automation.CommandInfo", "table", command_columns)
    register_view(VARIABLE_TYPE, "table", [Column("Name", width=30), Column("Value")])
    register_view("Microsoft.PowerShell.Commands.HistoryInfo", "table",
                  [Column("Id", width=4, align="right"), Column("CommandLine")])
    register_view(HELP_SHORT_TYPE, "table", [Column("Name", width=33), Column("Category", width=9),
                                             Column("Module", width=25), Column("Synopsis")])


_register_views()
