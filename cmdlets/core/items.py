"""Item cmdlets on the real filesystem: New-Item and Remove-Item (files and folders only).

Every path goes through files.check_path_allowed first, as in the other file cmdlets. Error texts
are pwsh's, with Unix paths. Knows nothing of the tenant.
"""
from __future__ import annotations

import datetime as _dt
import os
import shutil
from typing import Any

from msolsh.cmdlets.core.files import (MANAGEMENT, check_path_allowed, expand, io_error,
                                       join_path, path_not_found, resolve, write_file)
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.coerce import to_string
from msolsh.runtime.help import wildcards
from msolsh.runtime.values import PSObject


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
            target = resolve(self.session, join_path(str(path), self.Name) if self.Name else path)
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
        if _holds_current_directory(full):
            self.write_error(self.error_record(
                f"Cannot remove the item at '{full}' because it is in use.", "InvalidOperation",
                "InvalidOperation", target=full,
                exception_type="System.Management.Automation.PSInvalidOperationException"))
            return
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


def _holds_current_directory(full: str) -> bool:
    """pwsh refuses to remove the current location or a folder above it."""
    here = os.path.realpath(os.getcwd())
    target = os.path.realpath(full)
    return here == target or here.startswith(target.rstrip(os.sep) + os.sep)
