"""Variables and aliases: Get-, Set-, New-, Remove- and Clear-Variable; Get-, Set- and
New-Alias.

They reach the scopes and the alias table only through the adapters in utility.py. Nothing here
knows the tenant or any product module.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional, Tuple

from msolsh.cmdlets.core.utility import (CORE, HOST_MODULE, ITEM_NOT_FOUND, MANAGEMENT,
                                         SESSION_STATE, UTILITY, alias_table, module_version,
                                         name_matcher, set_alias, target_scope, visible_variables)
from msolsh.runtime import help as helptext
from msolsh.runtime.cmdlet import REGISTRY, Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.coerce import to_string
from msolsh.runtime.formatting.views import Column, register_view
from msolsh.runtime.values import PSObject


# ====================================================================== variables

VARIABLE_TYPE = "System.Management.Automation.PSVariable"


def variable_record(name: str, value: Any) -> PSObject:
    return PSObject([("Name", name), ("Value", value), ("Description", ""), ("Options", "None"),
                     ("Visibility", "Public")], [VARIABLE_TYPE, "System.Object"])



class _VariableCmdlet(Cmdlet):
    def not_found(self, name: str) -> None:
        self.write_error(self.error_record(
            f"Cannot find a variable with the name '{name}'.", "VariableNotFound", "ObjectNotFound",
            target=name, exception_type=ITEM_NOT_FOUND))

    def matching(self, names: Iterable[str], scope: Any) -> Iterable[Tuple[str, str, Any]]:
        """(pattern, name, value) for each variable matching each name; reports misses."""
        variables = visible_variables(scope)
        excluded = name_matcher(getattr(self, "Exclude", None))
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
        included = name_matcher(self.Include) if self.Include else (lambda name: True)
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
        excluded = name_matcher(self.Exclude)
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


register_view(VARIABLE_TYPE, "table", [Column("Name", width=30), Column("Value")])
