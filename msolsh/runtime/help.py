"""Help text generated from cmdlet declarations: syntax lines, Get-Help views, about_ topics.

Everything here is a pure function of a Cmdlet class (runtime/cmdlet.py) so the syntax a
trainee reads in `Get-Help` and `Get-Command -Syntax` can never drift from what the binder
accepts. Layouts follow Windows PowerShell 5.1's help views; trailing blanks that 5.1 leaves
on empty lines are not reproduced. Knows nothing of the tenant or of any product module.
"""
from __future__ import annotations

import importlib.resources
import re
from typing import List, Optional, Sequence, Tuple

from msolsh.runtime.cmdlet import ALL_SETS, Parameter

# declared type -> (Get-Command's accelerator spelling, Get-Help's .NET short name, full name)
_TYPE_NAMES = {
    "string": ("string", "String", "System.String"),
    "str": ("string", "String", "System.String"),
    "int": ("int", "Int32", "System.Int32"),
    "long": ("long", "Int64", "System.Int64"),
    "double": ("double", "Double", "System.Double"),
    "float": ("double", "Double", "System.Double"),
    "decimal": ("decimal", "Decimal", "System.Decimal"),
    "bool": ("bool", "Boolean", "System.Boolean"),
    "char": ("char", "Char", "System.Char"),
    "guid": ("guid", "Guid", "System.Guid"),
    "uuid": ("guid", "Guid", "System.Guid"),
    "datetime": ("datetime", "DateTime", "System.DateTime"),
    "timespan": ("timespan", "TimeSpan", "System.TimeSpan"),
    "timedelta": ("timespan", "TimeSpan", "System.TimeSpan"),
    "scriptblock": ("scriptblock", "ScriptBlock", "System.Management.Automation.ScriptBlock"),
    "hashtable": ("hashtable", "Hashtable", "System.Collections.Hashtable"),
    "object": ("Object", "Object", "System.Object"),
    "psobject": ("psobject", "PSObject", "System.Management.Automation.PSObject"),
    "pscredential": ("pscredential", "PSCredential", "System.Management.Automation.PSCredential"),
    "securestring": ("securestring", "SecureString", "System.Security.SecureString"),
    "switch": ("switch", "SwitchParameter", "System.Management.Automation.SwitchParameter"),
    "consolecolor": ("ConsoleColor", "ConsoleColor", "System.ConsoleColor"),
    "encoding": ("string", "String", "System.String"),
}

COMMON_PARAMETERS_HELP = (
    "This cmdlet supports the common parameters: Verbose, Debug,\n"
    "ErrorAction, ErrorVariable, WarningAction, WarningVariable,\n"
    "OutBuffer, PipelineVariable, and OutVariable. For more information, see\n"
    "about_CommonParameters (https:/go.microsoft.com/fwlink/?LinkID=113216).")

EXAMPLE_RULE = "-" * 26


def typed(param: Parameter, display_type: str) -> Parameter:
    """Show `param` as `display_type` in syntax and help (an enum such as ConsoleColor that the
    binder takes as a validated string)."""
    param.display_type = display_type  # type: ignore[attr-defined]
    return param


def wildcards(param: Parameter) -> Parameter:
    """[SupportsWildcards()]: Get-Help then says 'Accept wildcard characters?  true'."""
    param.wildcards = True  # type: ignore[attr-defined]
    return param


def parameter_type_names(param: Parameter) -> Tuple[str, str, str]:
    return type_names(getattr(param, "display_type", None) or param.type)


def type_names(declared) -> Tuple[str, str, str]:
    """(syntax name, help name, full .NET name) of a declared parameter type."""
    if isinstance(declared, type):
        declared = getattr(declared, "ps_type_name", declared.__name__)
    text = str(declared)
    array = text.endswith("[]")
    base = text[:-2] if array else text
    known = _TYPE_NAMES.get(base.lower())
    if known is None:
        short = base.rsplit(".", 1)[-1]
        known = (short, short, base)
    suffix = "[]" if array else ""
    return tuple(name + suffix for name in known)  # type: ignore[return-value]


# -------------------------------------------------------------------- parameter sets

def visible_parameters(cls) -> List[Parameter]:
    return [p for p in cls.parameters.values() if not p.dont_show]


def parameter_set_names(cls) -> List[str]:
    """Set names in order of first declaration; a cmdlet without sets has one unnamed set."""
    names: List[str] = []
    for param in cls.parameters.values():
        for name in param.sets:
            if name != ALL_SETS and name not in names:
                names.append(name)
    if cls.default_set and cls.default_set not in names:
        names.insert(0, cls.default_set)
    return names or [ALL_SETS]


def parameters_in_display_order(cls, set_name: str) -> List[Parameter]:
    """pwsh's display order: positional by position, then named mandatory, then named."""
    members = [p for p in visible_parameters(cls) if p.in_set(set_name)]
    positional = sorted((p for p in members if p.position_in(set_name) is not None),
                        key=lambda p: p.position_in(set_name))
    named = [p for p in members if p.position_in(set_name) is None]
    mandatory = [p for p in named if p.mandatory_in(set_name)]
    optional = [p for p in named if not p.mandatory_in(set_name)]
    return positional + mandatory + optional


def _syntax_item(param: Parameter, set_name: str, help_style: bool) -> str:
    mandatory = param.mandatory_in(set_name)
    if param.is_switch:
        return f"-{param.name}" if mandatory else f"[-{param.name}]"
    names = parameter_type_names(param)
    type_text = names[1] if help_style else names[0]
    name = f"[-{param.name}]" if param.position_in(set_name) is not None else f"-{param.name}"
    item = f"{name} <{type_text}>"
    return item if mandatory else f"[{item}]"


def syntax_line(cls, set_name: str, help_style: bool = False) -> str:
    """One line of syntax, e.g. `Get-Alias [[-Name] <string[]>] [-Exclude <string[]>] ...`."""
    items = [_syntax_item(p, set_name, help_style) for p in parameters_in_display_order(cls, set_name)]
    if cls.supports_should_process:
        items += ["[-WhatIf]", "[-Confirm]"]
    if getattr(cls, "common_parameters", True):
        items.append("[<CommonParameters>]")
    return f"{cls.name} " + " ".join(items)


def syntax_lines(cls, help_style: bool = False) -> List[str]:
    return [syntax_line(cls, name, help_style) for name in parameter_set_names(cls)]


def command_syntax(cls) -> str:
    """Get-Command -Syntax's string: each set on its own line, blank lines around."""
    return "".join(f"\n{line}\n" for line in syntax_lines(cls))


class FunctionDeclaration:
    """A script function seen through the same shape as a cmdlet class, so its syntax is made
    by the same code. Simple (non-advanced) functions have no common parameters."""

    def __init__(self, name: str, meta) -> None:
        self.name = name
        self.parameters = dict(getattr(meta, "parameters", {}) or {})
        self.default_set = getattr(meta, "default_set", None)
        self.supports_should_process = bool(getattr(meta, "supports_should_process", False))
        self.common_parameters = bool(getattr(meta, "advanced", False))


# -------------------------------------------------------------------- Get-Help views

def _indent(text: str, spaces: int) -> List[str]:
    pad = " " * spaces
    return [pad + line if line.strip() else "" for line in text.splitlines()] or [""]


def _pipeline_text(param: Parameter) -> str:
    flags = (("ByValue", param.pipeline), ("ByPropertyName", param.pipeline_by_property))
    kinds = [kind for kind, on in flags if on]
    return f"True ({', '.join(kinds)})" if kinds else "False"


def _position_text(param: Parameter) -> str:
    positions = {param.position_in(s) for s in param.sets}
    positions.discard(None)
    return str(min(positions)) if positions else "named"


def _default_text(param: Parameter) -> str:
    if param.is_switch:
        return "False"
    return "None" if param.default is None else str(param.default)


def parameter_block(param: Parameter, full: bool) -> List[str]:
    """`-Name <String[]>`, its description, and (with full) the Required?/Position? table."""
    head = f"-{param.name}" if param.is_switch else f"-{param.name} <{parameter_type_names(param)[1]}>"
    lines = ["    " + head]
    if param.help:
        lines += _indent(param.help, 8)
    if full:
        required = any(param.mandatory_in(s) for s in param.sets)
        wildcard = "true" if getattr(param, "wildcards", False) else "false"
        lines += ["", f"        Required?                    {str(required).lower()}",
                  f"        Position?                    {_position_text(param)}",
                  f"        Default value                {_default_text(param)}",
                  f"        Accept pipeline input?       {_pipeline_text(param)}",
                  f"        Accept wildcard characters?  {wildcard}"]
    return lines + [""]


def _parameters_section(cls, full: bool) -> List[str]:
    lines = ["PARAMETERS"]
    for param in visible_parameters(cls):
        lines += parameter_block(param, full)
    if cls.supports_should_process:
        for name, text in (("WhatIf", "Shows what would happen if the cmdlet runs. The cmdlet is not run."),
                           ("Confirm", "Prompts you for confirmation before running the cmdlet.")):
            extra = Parameter("switch", help=text)
            extra.name, extra._switch = name, True  # type: ignore[attr-defined]
            lines += parameter_block(extra, full)
    lines += ["    <CommonParameters>"] + _indent(COMMON_PARAMETERS_HELP, 8) + [""]
    return lines


def examples_section(cls) -> List[str]:
    lines: List[str] = []
    for number, example in enumerate(cls.examples, 1):
        lines += [f"    {EXAMPLE_RULE} EXAMPLE {number} {EXAMPLE_RULE}", ""]
        code = example.code.splitlines() or [""]
        lines += [f"    PS C:\\>{code[0]}"] + [f"    {more}" for more in code[1:]] + [""]
        if example.remarks:
            lines += _indent(example.remarks, 4) + [""]
        lines.append("")
    return lines


def _head(cls) -> List[str]:
    return ["", "NAME", f"    {cls.name}", "", "SYNOPSIS"] + _indent(cls.synopsis or cls.name, 4) + ["", ""]


def _syntax_section(cls) -> List[str]:
    lines = ["SYNTAX"]
    for line in syntax_lines(cls, help_style=True):
        lines += [f"    {line}", ""]
    return lines + [""]


def _description_section(cls) -> List[str]:
    if not cls.description:
        return []
    return ["DESCRIPTION"] + _indent(cls.description, 4) + ["", ""]



def _remarks(cls) -> List[str]:
    name = cls.name
    return ["REMARKS",
            f'    To see the examples, type: "get-help {name} -examples".',
            f'    For more information, type: "get-help {name} -detailed".',
            f'    For technical information, type: "get-help {name} -full".', ""]


def _inputs_outputs(cls) -> List[str]:
    inputs = []
    for param in visible_parameters(cls):
        if param.pipeline or param.pipeline_by_property:
            full_name = parameter_type_names(param)[2]
            if full_name not in inputs:
                inputs.append(full_name)
    lines = ["INPUTS"] + [f"    {name}" for name in (inputs or ["None"])] + ["", ""]
    lines += ["OUTPUTS", f"    {cls.output_type or 'System.Object'}", "", ""]
    return lines


def render_help(cls, view: str = "default") -> str:
    """Get-Help's text for a cmdlet; view is 'default', 'detailed', 'full' or 'examples'."""
    lines = _head(cls)
    if view == "examples":
        lines = lines[:-1] + examples_section(cls)
        return "\n".join(lines).rstrip("\n") + "\n"
    lines += _syntax_section(cls) + _description_section(cls)
    if view in ("detailed", "full"):
        lines += _parameters_section(cls, full=view == "full")
    if view == "full":
        lines += _inputs_outputs(cls)
    if view in ("detailed", "full"):
        lines += examples_section(cls)
    if view != "full":
        lines += _remarks(cls)
    return "\n".join(lines).rstrip("\n") + "\n"


def find_parameters(cls, pattern: str) -> List[Parameter]:
    """-Parameter accepts wildcards, as pwsh's does."""
    regex = wildcard_regex(pattern)
    return [p for p in visible_parameters(cls) if regex.match(p.name)]


def render_parameter_help(cls, params: Sequence[Parameter]) -> str:
    lines = [""]
    for param in params:
        lines += [line[4:] if line.startswith("    ") else line for line in parameter_block(param, True)]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def wildcard_regex(pattern: str) -> "re.Pattern[str]":
    """A pwsh wildcard (* ? [a-z]) as an anchored case-insensitive regex."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "`" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        elif ch == "[" and "]" in pattern[i + 1:]:
            end = pattern.index("]", i + 1)
            out.append("[" + pattern[i + 1:end].replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z", re.I | re.S)


def has_wildcard(text: str) -> bool:
    return any(ch in text for ch in "*?[")


# -------------------------------------------------------------------- about_ topics

def _topic_dir():
    return importlib.resources.files("msolsh") / "help_topics"


def about_topic_names() -> List[str]:
    """The about_ topics shipped under msolsh/help_topics, by name without '.help.txt'."""
    try:
        entries = list(_topic_dir().iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    names = [e.name[:-len(".help.txt")] for e in entries if e.name.endswith(".help.txt")]
    return sorted(names, key=str.lower)


def about_topic_text(name: str) -> Optional[str]:
    for topic in about_topic_names():
        if topic.lower() == name.lower():
            return (_topic_dir() / f"{topic}.help.txt").read_text(encoding="utf-8")
    return None


def about_topic_synopsis(name: str) -> str:
    """The first line under SHORT DESCRIPTION, as Get-Help's topic list shows it."""
    text = about_topic_text(name) or ""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip().upper() == "SHORT DESCRIPTION":
            for following in lines[index + 1:]:
                if following.strip():
                    return following.strip()
    return ""
