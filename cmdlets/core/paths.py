"""Path cmdlets: Test-Path, Join-Path, Split-Path and Resolve-Path, against the real
filesystem and the session's current location.

Every path goes through files.check_path_allowed first, as in the other file cmdlets. Error texts
are pwsh's, with Unix paths. Knows nothing of the tenant.
"""
from __future__ import annotations

import os
from typing import Any

from msolsh.cmdlets.core.files import (MANAGEMENT, check_path_allowed, current_location, expand,
                                       join_path, path_not_found, resolve)
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.help import wildcards
from msolsh.runtime.values import PSObject


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
            joined = join_path(str(path), str(self.ChildPath or ""))
            for more in self.AdditionalChildPath or []:
                joined = join_path(joined, str(more))
            if self.Resolve:
                full = resolve(self.session, joined)
                if not os.path.exists(full):
                    self.write_error(path_not_found(self, full))
                    continue
                joined = full
            yield joined


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
