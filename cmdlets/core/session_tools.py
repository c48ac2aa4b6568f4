"""Session tools: Get-Date and Start-Sleep (on the simulated clock), Get-History,
Invoke-History and Clear-History, Clear-Host, Invoke-Expression and Get-Random.

They reach the session only through the adapters in utility.py. Nothing here knows the tenant or
any product module.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, List, Optional

from msolsh.cmdlets.core.utility import (CORE, UTILITY, clock_now, clock_sleep, items_of,
                                         past_history, random_source, run_text)
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, cmdlet
from msolsh.runtime.coerce import parse_number, to_string
from msolsh.runtime.error_view import position_lines
from msolsh.runtime.errors import ErrorRecord, PSRuntimeException
from msolsh.runtime.formatting.views import Column, register_view
from msolsh.runtime.pstypes import format_datetime
from msolsh.runtime.values import PSObject


# ====================================================================== dates and sleep

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
            self._items += items_of(self.InputObject)

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


register_view("Microsoft.PowerShell.Commands.HistoryInfo", "table",
              [Column("Id", width=4, align="right"), Column("CommandLine")])
