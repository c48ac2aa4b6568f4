"""Output streams and host I/O: Write-Output, Write-Host, Write-Error, Write-Warning,
Write-Verbose, Write-Debug, Write-Information, Write-Progress and Read-Host.

They reach the session only through the adapters in utility.py. Nothing here knows the tenant or
any product module.
"""
from __future__ import annotations

from typing import Any, Iterable

from msolsh.cmdlets.core.utility import (CATEGORIES, COLOURS, UTILITY, allowing,
                                         error_without_class, host_is_terminal, items_of,
                                         remaining, scope_of)
from msolsh.runtime import help as helptext
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.coerce import to_string
from msolsh.runtime.errors import ErrorRecord


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
            yield from items_of(self.InputObject)


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
    ErrorRecord = Parameter("System.Management.Automation.ErrorRecord", set="ErrorRecord", mandatory=True,
                            help="Specifies an error record to write.")
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
        self._processor.attribute_to_caller(record)    # pwsh names the calling function or line
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


# ====================================================================== host input

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
