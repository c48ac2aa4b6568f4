"""Finding commands and their help: Get-Command and Get-Help, over the cmdlet declarations,
the session's functions and its alias table.

Nothing here knows the tenant or any product module.
"""
from __future__ import annotations

from typing import Any, List, Optional, Tuple

from msolsh.cmdlets.core.utility import (CORE, alias_table, function_table, module_version,
                                         name_matcher)
from msolsh.cmdlets.core.variables import alias_record
from msolsh.runtime import help as helptext
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.errors import ErrorRecord
from msolsh.runtime.formatting.views import Column, register_view
from msolsh.runtime.values import PSObject


# ====================================================================== commands and help

COMMAND_TYPES = ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application", "Script", "All")
_TYPE_ORDER = {"Alias": 0, "Function": 1, "Filter": 2, "Cmdlet": 3}


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
            modules = name_matcher(self.Module)
            commands = [c for c in commands if c[0] == "Cmdlet" and modules(c[2].module)]
        if self.Verb or self.Noun:
            verbs, nouns = name_matcher(self.Verb or ["*"]), name_matcher(self.Noun or ["*"])
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


def _register_views() -> None:
    command_columns = [Column("CommandType", width=15),
                       Column("Name", lambda r: r.get("DisplayName") or r.get("Name"), width=50),
                       Column("Version", width=10), Column("Source")]
    # one view for every kind of command, so cmdlets and aliases share one table, as in pwsh
    register_view("System.Management.Automation.CommandInfo", "table", command_columns)
    register_view(HELP_SHORT_TYPE, "table", [Column("Name", width=33), Column("Category", width=9),
                                             Column("Module", width=25), Column("Synopsis")])


_register_views()
