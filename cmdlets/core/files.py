"""File cmdlets on the real filesystem: Get-/Set-/Add-Content and Out-File, and the
path, read/write and error helpers every file cmdlet shares (paths.py: Test-/Join-/Split-/
Resolve-Path; items.py: New-Item and Remove-Item).

Paths are resolved against the session's current location; every cmdlet passes each path
through `check_path_allowed` first, the single place a restricted mode will confine them.
Writes go to a temporary file that is renamed over the target, so a failed write never leaves
half a file. Error texts are pwsh's, with Unix paths. Knows nothing of the tenant.
"""
from __future__ import annotations

import glob
import os
import tempfile
from typing import Any, Iterable, List, Optional

from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.errors import ErrorRecord, PSRuntimeException
from msolsh.runtime.coerce import to_string
from msolsh.runtime.formatting import out_string
from msolsh.runtime.help import wildcards

MANAGEMENT = "Microsoft.PowerShell.Management"
UTILITY = "Microsoft.PowerShell.Utility"
ITEM_NOT_FOUND = "System.Management.Automation.ItemNotFoundException"
ENCODINGS = ("ASCII", "BigEndianUnicode", "Default", "OEM", "String", "Unicode", "Unknown",
             "UTF32", "UTF7", "UTF8", "UTF8BOM", "UTF8NoBOM", "Byte")
_CODECS = {"ascii": "ascii", "bigendianunicode": "utf-16-be", "unicode": "utf-16",
           "utf32": "utf-32", "utf7": "utf-7", "utf8": "utf-8", "utf8bom": "utf-8-sig",
           "utf8nobom": "utf-8"}


# ---------------------------------------------------------------------- paths

def check_path_allowed(session: Any, path: str, write: bool) -> None:
    """The one hook every file cmdlet calls with a resolved path before touching it. Today it
    allows everything; a restricted (training) mode will raise a PSRuntimeException here."""
    if "\0" in str(path):
        # What .NET's path APIs throw; Python's own error would otherwise escape.
        raise PSRuntimeException(ErrorRecord(
            "Illegal characters in path.", "System.ArgumentException", "NotSpecified",
            target=path, exception_type="System.ArgumentException"))
    policy = getattr(session, "path_policy", None)
    if policy is not None:
        policy(path, write)


def current_location(session: Any) -> str:
    """The session's current directory ($PWD); the process's when the session has none."""
    for attribute in ("location", "cwd", "current_directory"):
        value = getattr(session, attribute, None)
        if callable(value):
            value = value()
        if value:
            return str(getattr(value, "path", value))
    return os.getcwd()


def resolve(session: Any, path: str) -> str:
    """An absolute, normalised path: ~ expanded, relative paths under the current location."""
    text = os.path.expanduser(str(path))
    if not os.path.isabs(text):
        text = os.path.join(current_location(session), text)
    return os.path.normpath(text)


def is_wildcard(path: str) -> bool:
    return any(ch in path for ch in "*?[")


def expand(session: Any, path: str, literal: bool = False) -> List[str]:
    """Resolved paths for a -Path value (wildcards expanded, sorted) or a -LiteralPath."""
    full = resolve(session, path)
    if literal or not is_wildcard(path):
        return [full]
    return sorted(glob.glob(full))


def codec(encoding: Optional[str], default: str = "utf-8") -> str:
    return _CODECS.get((encoding or "").lower(), default)


def read_text(path: str, encoding: Optional[str] = None) -> str:
    """File text; a byte-order mark decides the encoding when -Encoding is not given."""
    with open(path, "rb") as handle:
        data = handle.read()
    if encoding is None:
        for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
            if data.startswith(bom):
                return data.decode(name, errors="replace")
    return data.decode(codec(encoding), errors="replace")


def write_text(path: str, text: str, encoding: Optional[str] = None, append: bool = False) -> None:
    """Write (or append) atomically: a temp file in the same folder, renamed over the target."""
    name = codec(encoding)
    existing = b""
    if append and os.path.exists(path):
        with open(path, "rb") as handle:
            existing = handle.read()
        if existing and name in ("utf-16", "utf-32", "utf-8-sig"):
            name = {"utf-16": "utf-16-le", "utf-32": "utf-32-le", "utf-8-sig": "utf-8"}[name]
    payload = existing + text.encode(name, errors="replace")
    folder = os.path.dirname(path) or "."
    handle, temp = tempfile.mkstemp(prefix=".msolsh-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        if os.path.exists(path):
            os.chmod(temp, os.stat(path).st_mode & 0o777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def lines_of(values: Iterable[Any]) -> List[str]:
    out: List[str] = []
    for value in values:
        if isinstance(value, list):
            out += [to_string(v) for v in value]
        else:
            out.append(to_string(value))
    return out


def join_path(parent: str, child: str) -> str:
    """Join-Path's joining: forward slashes, exactly one between the parts."""
    parent = parent.replace("\\", "/")
    child = child.replace("\\", "/")
    if not parent:
        return child
    if not child:
        return parent
    return parent.rstrip("/") + "/" + child.lstrip("/")


# ---------------------------------------------------------------------- error records

def path_not_found(cmd: Cmdlet, path: str) -> Any:
    return cmd.error_record(f"Cannot find path '{path}' because it does not exist.",
                            "PathNotFound", "ObjectNotFound", target=path,
                            exception_type=ITEM_NOT_FOUND)


def directory_not_found(cmd: Cmdlet, path: str, error_id: str) -> Any:
    return cmd.error_record(f"Could not find a part of the path '{path}'.", error_id,
                            "ObjectNotFound", target=path,
                            exception_type="System.IO.DirectoryNotFoundException")


def io_error(cmd: Cmdlet, path: str, problem: OSError, error_id: str) -> Any:
    """An OSError as the .NET exception pwsh would have reported."""
    if isinstance(problem, (PermissionError, IsADirectoryError)):
        return cmd.error_record(f"Access to the path '{path}' is denied.", error_id,
                                "PermissionDenied", target=path,
                                exception_type="System.UnauthorizedAccessException")
    if isinstance(problem, FileNotFoundError):
        return directory_not_found(cmd, path, error_id)
    return cmd.error_record(str(problem.strerror or problem), error_id, "WriteError", target=path,
                            exception_type="System.IO.IOException")


def write_file(cmd: Cmdlet, path: str, text: str, encoding: Optional[str], append: bool,
               error_id: str) -> bool:
    """Write through check_path_allowed; a failure is a non-terminating error record."""
    check_path_allowed(cmd.session, path, write=True)
    if not os.path.isdir(os.path.dirname(path) or "/"):
        cmd.write_error(directory_not_found(cmd, path, error_id))
        return False
    try:
        write_text(path, text, encoding, append)
    except OSError as problem:
        cmd.write_error(io_error(cmd, path, problem, error_id))
        return False
    return True


def format_as_console(cmd: Cmdlet, objects: List[Any], width: Optional[int] = None) -> str:
    """What the console would show for `objects` (Out-File writes that text, not the objects)."""
    return out_string(objects, cmd.session, width=width)


# ---------------------------------------------------------------------- content cmdlets

@cmdlet("Get-Content", module=MANAGEMENT, aliases=("gc", "cat", "type"), default_set="Path",
        output_type="System.String")
class GetContent(Cmdlet):
    """Gets the content of the item at the specified location.

    Get-Content reads a text file and returns one string per line. -Raw returns the whole
    file as a single string; -TotalCount and -Tail return the first or last lines only."""
    examples = [
        Example("Set-Content -Path ./notes.txt -Value 'first','second','third'\n"
                "Get-Content -Path ./notes.txt",
                "Writes three lines to notes.txt and reads them back, one string per line."),
        Example("Set-Content ./notes.txt 'a','b','c'\nGet-Content ./notes.txt -Tail 1",
                "Gets only the last line of the file."),
    ]
    Path = wildcards(Parameter("string[]", set="Path", mandatory=True, position=0, pipeline_by_property=True,
                               help="Specifies the path to an item. Wildcard characters are permitted."))
    LiteralPath = Parameter("string[]", set="LiteralPath", mandatory=True, pipeline_by_property=True,
                            aliases=("PSPath",), help="Specifies a path used exactly as it is typed.")
    TotalCount = Parameter("long", aliases=("First", "Head"), default=-1,
                           help="Specifies the number of lines from the beginning of the file.")
    Tail = Parameter("int", aliases=("Last",), default=-1,
                     help="Specifies the number of lines from the end of the file.")
    Raw = Switch(help="Returns the whole file as one string, newlines included.")
    Encoding = Parameter("string", validate_set=ENCODINGS, help="Specifies the file encoding.")

    def process(self):
        literal = self.parameter_set == "LiteralPath"
        for path in (self.LiteralPath if literal else self.Path) or []:
            paths = expand(self.session, path, literal)
            if not paths or not os.path.exists(paths[0]):
                self.write_error(path_not_found(self, paths[0] if paths else resolve(self.session, path)))
                continue
            for full in paths:
                yield from self._read(full)

    def _read(self, full: str):
        check_path_allowed(self.session, full, write=False)
        if os.path.isdir(full):
            self.write_error(self.error_record(   # 5.1's wording (pwsh 7 names Get-ChildItem)
                f"Access to the path '{full}' is denied.", "GetContentReaderUnauthorizedAccessError",
                "PermissionDenied", target=full, exception_type="System.UnauthorizedAccessException"))
            return
        try:
            text = read_text(full, self.Encoding)
        except OSError as problem:
            self.write_error(io_error(self, full, problem, "GetContentReaderUnauthorizedAccessError"))
            return
        if self.Raw:
            if text:
                yield text
            return
        lines = text.splitlines()
        if self.TotalCount is not None and self.TotalCount >= 0:
            lines = lines[:self.TotalCount]
        if self.Tail is not None and self.Tail >= 0:
            lines = lines[len(lines) - self.Tail:] if self.Tail else []
        yield from lines


class _ContentWriter(Cmdlet):
    """Set-Content and Add-Content: gather -Value from the pipeline, write once at the end."""
    append = False
    action = "Set Content"
    error_id = "SetContentWriterError"

    Path = Parameter("string[]", set="Path", mandatory=True, position=0, pipeline_by_property=True,
                     help="Specifies the path of the file that receives the content.")
    LiteralPath = Parameter("string[]", set="LiteralPath", mandatory=True, pipeline_by_property=True,
                            aliases=("PSPath",), help="Specifies a path used exactly as it is typed.")
    Value = Parameter("object[]", mandatory=True, position=1, pipeline=True, pipeline_by_property=True,
                      help="Specifies the new content for the item.")
    # [AllowNull()][AllowEmptyCollection()], as pwsh declares -Value (read by the binder)
    Value.allow_null = Value.allow_empty_collection = True  # type: ignore[attr-defined]
    PassThru = Switch(help="Returns the content that was written.")
    NoNewline = Switch(help="Writes the values without newlines between or after them.")
    Force = Switch(help="Writes even when the file is read-only.")
    Encoding = Parameter("string", validate_set=ENCODINGS, help="Specifies the file encoding.")

    def begin(self):
        self._values: List[Any] = []

    def process(self):
        self._values.extend(self.Value if isinstance(self.Value, list) else [self.Value])

    def end(self):
        lines = lines_of(self._values)
        text = "".join(lines) if self.NoNewline else "".join(line + "\n" for line in lines)
        literal = self.parameter_set == "LiteralPath"
        for path in (self.LiteralPath if literal else self.Path) or []:
            for full in expand(self.session, path, literal) or [resolve(self.session, path)]:
                if self.should_process(f"Path: {full}", self.action):
                    write_file(self, full, text, self.Encoding, self.append, self.error_id)
        if self.PassThru:
            yield from self._values


@cmdlet("Set-Content", module=MANAGEMENT, aliases=("sc",), default_set="Path",
        supports_should_process=True)
class SetContent(_ContentWriter):
    """Writes new content or replaces the content in a file.

    Set-Content replaces the whole file with the values given, one line per value."""
    examples = [Example("Set-Content -Path ./hello.txt -Value 'Hello, World'",
                        "Creates hello.txt (or replaces its content) with one line.")]


@cmdlet("Add-Content", module=MANAGEMENT, aliases=("ac",), default_set="Path",
        supports_should_process=True)
class AddContent(_ContentWriter):
    """Adds content to the specified file.

    Add-Content appends the values to the end of the file, creating the file if needed."""
    append = True
    action = "Add Content"
    error_id = "AddContentWriterError"
    examples = [Example("Add-Content -Path ./log.txt -Value 'Sync started'\n"
                        "Add-Content -Path ./log.txt -Value 'Sync finished'\nGet-Content ./log.txt",
                        "Appends two lines to log.txt and shows the file.")]


@cmdlet("Out-File", module=UTILITY, default_set="ByPath", supports_should_process=True)
class OutFile(Cmdlet):
    """Sends output to a file.

    Out-File writes what the console would show for its input, formatted the same way, to a
    file. Use Set-Content or Export-Csv to write the values themselves."""
    examples = [Example("Get-Date | Out-File -FilePath ./date.txt",
                        "Writes the date, as displayed, to date.txt.")]
    FilePath = Parameter("string", set="ByPath", mandatory=True, position=0, aliases=("Path",),
                         help="Specifies the path to the output file.")
    LiteralPath = Parameter("string", set="ByLiteralPath", mandatory=True, aliases=("PSPath",),
                            help="Specifies a path used exactly as it is typed.")
    Encoding = Parameter("string", position=1, validate_set=ENCODINGS, help="Specifies the file encoding.")
    Append = Switch(help="Adds the output to the end of an existing file.")
    Force = Switch(help="Overrides the read-only attribute and -NoClobber.")
    NoClobber = Switch(aliases=("NoOverwrite",), help="Does not overwrite an existing file.")
    Width = Parameter("int", help="Specifies the number of characters in each line of output.")
    NoNewline = Switch(help="Writes the output without a final newline.")
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to write to the file.")

    def begin(self):
        self._objects: List[Any] = []

    def process(self):
        if self.is_bound("InputObject") or self.InputObject is not None:
            self._objects.append(self.InputObject)

    def end(self):
        literal = self.parameter_set == "ByLiteralPath"
        target = resolve(self.session, self.LiteralPath if literal else self.FilePath)
        if self.NoClobber and not self.Force and os.path.exists(target):
            self.throw_terminating(self.error_record(
                f"The file '{target}' already exists.", "NoClobber", "ResourceExists",
                target=target, exception_type="System.IO.IOException"))
            return
        text = format_as_console(self, self._objects, self.Width)
        if self.NoNewline:
            text = text.replace("\n", "")
        if self.should_process(target, "Output to File"):
            write_file(self, target, text, self.Encoding, self.Append, "FileOpenFailure")
        return None
