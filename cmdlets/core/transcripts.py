"""Transcripts: Start-Transcript and Stop-Transcript copy what the host shows into a file,
with pwsh's header and footer.

Nothing here knows the tenant or any product module.
"""
from __future__ import annotations

import os
import re
from typing import Any, List

from msolsh.cmdlets.core.files import check_path_allowed, io_error, resolve
from msolsh.cmdlets.core.utility import HOST_MODULE, clock_now, random_source
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet


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
