"""File cmdlets on the real filesystem: Get-/Set-/Add-Content, Out-File, Test-Path, Join-Path,
Split-Path, Resolve-Path, New-Item and Remove-Item (files and folders only).

Paths are resolved against the session's current location; every cmdlet passes each path
through `check_path_allowed` first, the single place a restricted mode will confine them.
Writes go to a temporary file that is renamed over the target, so a failed write never leaves
half a file. Error texts are pwsh's, with Unix paths. Knows nothing of the tenant.
"""
from __future__ import annotations

import datetime as _dt
import glob
import os
import shutil
import tempfile
from typing import Any, Iterable, List, Optional

from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.coerce import to_string
from msolsh.runtime.formatting import out_string
from msolsh.runtime.help import wildcards
from msolsh.runtime.values import PSObject

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


# ---------------------------------------------------------------------- path cmdlets

@cmdlet("Test-Path", module=MANAGEMENT, default_set="Path", output_type="System.Boolean")
class TestPath(Cmdlet):
    """Determines whether all elements of a path exist.

    Test-Path returns $true when the path exists and $false when it does not. -PathType Leaf
    tests for a file, -PathType Container for a folder."""
    examples = [Example("Test-Path -Path ./no-such-file.txt", "Returns False: the file does not exist."),
                Example("Set-Content ./a.txt 'x'\nTest-Path ./a.txt -PathType Leaf",
                        "Returns True: a.txt is a file.")]
    Path = wildcards(Parameter("string[]", set="Path", mandatory=True, position=0, pipeline=True,
                               pipeline_by_property=True, not_null_or_empty=True,
                               help="Specifies a path to be tested. Wildcard characters are permitted."))
    LiteralPath = Parameter("string[]", set="LiteralPath", mandatory=True, pipeline_by_property=True,
                            aliases=("PSPath",), help="Specifies a path used exactly as it is typed.")
    PathType = Parameter("string", aliases=("Type",), validate_set=("Any", "Container", "Leaf"),
                         default="Any", help="Specifies the type of the final element in the path.")
    IsValid = Switch(help="Tests whether the syntax of the path is correct, whether or not it exists.")

    def process(self):
        literal = self.parameter_set == "LiteralPath"
        for path in (self.LiteralPath if literal else self.Path) or []:
            if not str(path).strip():
                yield False   # an empty path names nothing (pwsh 7; 5.1's binder refuses it)
                continue
            if self.IsValid:
                yield "\x00" not in str(path)
                continue
            yield any(self._matches(full) for full in expand(self.session, path, literal))

    def _matches(self, full: str) -> bool:
        check_path_allowed(self.session, full, write=False)
        kind = (self.PathType or "Any").lower()
        if kind == "leaf":
            return os.path.exists(full) and not os.path.isdir(full)
        if kind == "container":
            return os.path.isdir(full)
        return os.path.exists(full)


@cmdlet("Join-Path", module=MANAGEMENT, output_type="System.String")
class JoinPath(Cmdlet):
    """Combines a path and a child path into a single path.

    The separator is the one the platform uses ('/' here)."""
    examples = [Example("Join-Path -Path /tmp -ChildPath report.csv", "Returns /tmp/report.csv.")]
    Path = Parameter("string[]", mandatory=True, position=0, pipeline=True, pipeline_by_property=True,
                     aliases=("PSPath",),
                     help="Specifies the main path (or paths) to append the child path to.")
    ChildPath = Parameter("string", mandatory=True, position=1, pipeline_by_property=True,
                          help="Specifies the elements to append to the value of -Path.")
    AdditionalChildPath = Parameter("string[]", position=2,
                                    help="Specifies further elements to append, in order.")
    Resolve = Switch(help="Returns the resolved path, and an error when it does not exist.")

    def process(self):
        for path in self.Path or []:
            joined = _join(str(path), str(self.ChildPath or ""))
            for more in self.AdditionalChildPath or []:
                joined = _join(joined, str(more))
            if self.Resolve:
                full = resolve(self.session, joined)
                if not os.path.exists(full):
                    self.write_error(path_not_found(self, full))
                    continue
                joined = full
            yield joined


def _join(parent: str, child: str) -> str:
    parent = parent.replace("\\", "/")
    child = child.replace("\\", "/")
    if not parent:
        return child
    if not child:
        return parent
    return parent.rstrip("/") + "/" + child.lstrip("/")


@cmdlet("Split-Path", module=MANAGEMENT, default_set="ParentSet", output_type="System.String")
class SplitPath(Cmdlet):
    """Returns the specified part of a path.

    By default the parent folder; -Leaf gives the last element, -Extension and -LeafBase its
    parts, -IsAbsolute whether the path is absolute."""
    examples = [Example("Split-Path -Path /var/log/sync.log -Leaf", "Returns sync.log."),
                Example("Split-Path /var/log/sync.log", "Returns /var/log.")]
    Path = Parameter("string[]", mandatory=True, position=0, pipeline=True, pipeline_by_property=True,
                     help="Specifies the paths to be split.")
    Parent = Switch(set="ParentSet", help="Returns only the parent container (the default).")
    Leaf = Switch(set="LeafSet", help="Returns only the last item or container in the path.")
    LeafBase = Switch(set="LeafBaseSet", help="Returns the last item without its extension.")
    Extension = Switch(set="ExtensionSet", help="Returns only the extension of the leaf.")
    Qualifier = Switch(set="QualifierSet", help="Returns the drive qualifier (empty on Unix).")
    NoQualifier = Switch(set="NoQualifierSet", help="Returns the path without the qualifier.")
    IsAbsolute = Switch(set="IsAbsoluteSet", help="Returns True if the path is absolute.")
    Resolve = Switch(help="Resolves the path before splitting it.")

    def process(self):
        for path in self.Path or []:
            text = resolve(self.session, path) if self.Resolve else str(path).replace("\\", "/")
            yield self._part(text)

    def _part(self, text: str) -> Any:
        stripped = text.rstrip("/") or text
        leaf = stripped.rsplit("/", 1)[-1]
        if self.IsAbsolute:
            return text.startswith("/") or text.startswith("~")
        if self.Leaf:
            return leaf
        if self.LeafBase:
            return os.path.splitext(leaf)[0]
        if self.Extension:
            return os.path.splitext(leaf)[1]
        if self.Qualifier:
            return ""
        if self.NoQualifier:
            return text
        if "/" not in stripped:
            return ""
        parent = stripped.rsplit("/", 1)[0]
        return parent or "/"


@cmdlet("Resolve-Path", module=MANAGEMENT, aliases=("rvpa",), default_set="Path",
        output_type="System.Management.Automation.PathInfo")
class ResolvePath(Cmdlet):
    """Resolves the wildcard characters in a path, and displays the path contents.

    Returns the full path of each item that matches, or an error when none does."""
    examples = [Example("Resolve-Path -Path .", "Shows the full path of the current location.")]
    Path = wildcards(Parameter(
        "string[]", set="Path", mandatory=True, position=0, pipeline=True,
        pipeline_by_property=True, help="Specifies the path to resolve. Wildcards are permitted."))
    LiteralPath = Parameter("string[]", set="LiteralPath", mandatory=True, pipeline_by_property=True,
                            aliases=("PSPath",), help="Specifies a path used exactly as it is typed.")
    Relative = Switch(help="Returns a path relative to the current location.")

    def process(self):
        literal = self.parameter_set == "LiteralPath"
        for path in (self.LiteralPath if literal else self.Path) or []:
            found = [p for p in expand(self.session, path, literal) if os.path.exists(p)]
            if not found:
                self.write_error(path_not_found(self, resolve(self.session, path)))
            for full in found:
                check_path_allowed(self.session, full, write=False)
                if self.Relative:
                    yield "./" + os.path.relpath(full, current_location(self.session))
                else:
                    yield PSObject([("Path", full)],
                                   ["System.Management.Automation.PathInfo", "System.Object"])


@cmdlet("New-Item", module=MANAGEMENT, aliases=("ni",), default_set="pathSet", supports_should_process=True)
class NewItem(Cmdlet):
    """Creates a new file or folder.

    -ItemType File (the default) creates a file, with -Value as its content; -ItemType Directory
    creates a folder. Other providers (registry, certificates) are not simulated."""
    examples = [Example("New-Item -Path ./reports -ItemType Directory | Out-Null\n"
                        "New-Item -Path ./reports/today.txt -Value 'empty' | Out-Null",
                        "Creates a folder and a file inside it.")]
    Path = Parameter("string[]", set=("pathSet", "nameSet"),
                     sets={"pathSet": dict(mandatory=True, position=0),
                           "nameSet": dict(mandatory=False, position=0)},
                     pipeline_by_property=True, help="Specifies the path of the new item.")
    Name = Parameter("string", set="nameSet", mandatory=True, pipeline_by_property=True,
                     help="Specifies the name of the new item, inside -Path.")
    ItemType = Parameter("string", aliases=("Type",), validate_set=("File", "Directory"),
                         pipeline_by_property=True,
                         help="Specifies the type of the new item: File or Directory.")
    Value = Parameter("object", pipeline=True, pipeline_by_property=True,
                      help="Specifies the content of a new file.")
    Force = Switch(help="Overwrites an existing file and creates missing parent folders.")

    def process(self):
        paths = self.Path or ["."]
        for path in paths:
            target = resolve(self.session, _join(str(path), self.Name) if self.Name else path)
            directory = (self.ItemType or "File").lower() == "directory"
            action = "Create Directory" if directory else "Create File"
            if self.should_process(f"Destination: {target}", action):
                yield from self._create(target, directory)

    def _create(self, target: str, directory: bool):
        check_path_allowed(self.session, target, write=True)
        if os.path.exists(target) and not self.Force:
            kind = "directory" if os.path.isdir(target) else "file"
            self.write_error(self.error_record(
                f"The {kind} '{target}' already exists.", "NewItemIOError", "WriteError",
                target=target, exception_type="System.IO.IOException"))
            return
        if self.Force:
            os.makedirs(os.path.dirname(target), exist_ok=True)
        if directory:
            try:
                os.makedirs(target, exist_ok=True)
            except OSError as problem:
                self.write_error(io_error(self, target, problem, "NewItemIOError"))
                return
        else:
            text = "" if self.Value is None else to_string(self.Value)
            if not write_file(self, target, text, None, False, "NewItemIOError"):
                return
        yield item_record(target)


def item_record(path: str) -> Any:
    """A FileInfo/DirectoryInfo-like record: Mode, LastWriteTime, Length, Name."""
    info = os.stat(path)
    is_dir = os.path.isdir(path)
    written = _dt.datetime.fromtimestamp(info.st_mtime).replace(microsecond=0)
    type_name = "System.IO.DirectoryInfo" if is_dir else "System.IO.FileInfo"
    props = [("Mode", "d-----" if is_dir else "-a----"), ("LastWriteTime", written),
             ("Length", None if is_dir else info.st_size), ("Name", os.path.basename(path)),
             ("FullName", path)]
    return PSObject(props, [type_name, "System.IO.FileSystemInfo", "System.Object"])


@cmdlet("Remove-Item", module=MANAGEMENT, aliases=("rm", "del", "erase", "ri", "rd", "rmdir"),
        default_set="Path", supports_should_process=True)
class RemoveItem(Cmdlet):
    """Deletes files and folders.

    A folder that is not empty is removed only with -Recurse."""
    examples = [Example("Set-Content ./old.txt 'x'\nRemove-Item -Path ./old.txt", "Deletes old.txt.")]
    Path = wildcards(Parameter("string[]", set="Path", mandatory=True, position=0, pipeline_by_property=True,
                               help="Specifies the items to remove. Wildcard characters are permitted."))
    LiteralPath = Parameter("string[]", set="LiteralPath", mandatory=True, pipeline_by_property=True,
                            aliases=("PSPath",), help="Specifies a path used exactly as it is typed.")
    Recurse = Switch(help="Deletes the items in the folder and its subfolders.")
    Force = Switch(help="Removes read-only items as well.")

    def process(self):
        literal = self.parameter_set == "LiteralPath"
        for path in (self.LiteralPath if literal else self.Path) or []:
            found = [p for p in expand(self.session, path, literal) if os.path.lexists(p)]
            if not found:
                self.write_error(path_not_found(self, resolve(self.session, path)))
            for full in found:
                self._remove(full)

    def _remove(self, full: str) -> None:
        check_path_allowed(self.session, full, write=True)
        is_dir = os.path.isdir(full) and not os.path.islink(full)
        if not self.should_process(full, "Remove Directory" if is_dir else "Remove File"):
            return
        try:
            if is_dir and os.listdir(full) and not self.Recurse:
                self.write_error(self.error_record(
                    f"The item at {full} has children and the Recurse parameter was not specified. "
                    f"If you continue, all children will be removed with the item.",
                    "DirectoryNotEmpty", "WriteError", target=full, exception_type="System.IO.IOException"))
            elif is_dir:
                shutil.rmtree(full)
            else:
                os.unlink(full)
        except OSError as problem:
            self.write_error(io_error(self, full, problem, "RemoveFileSystemItemIOError"))
