"""The parameter binder and the pipeline, through test-only cmdlets (binding_cmdlets.py):
exact output and exact error text, as a console shows them."""
from __future__ import annotations

import pytest

from binding_cmdlets import make_session


def run(text: str, answers=()) -> str:
    session = make_session(answers)
    session.run(text)
    return session.host.text


def error(command: str, message: str, column: int, length: int, category: str, fqid: str,
          line: str) -> str:
    return (f"{command} : {message}\nAt line:1 char:{column}\n+ {line}\n"
            f"+ {' ' * (column - 1)}{'~' * length}\n"
            f"    + CategoryInfo          : {category}\n"
            f"    + FullyQualifiedErrorId : {fqid}\n\n")


OK = [
    ("(Get-Thing foo).Set", "ByName\n"),
    ("(Get-Thing -Id 5).Set", "ById\n"),
    ("(Get-Thing -Identity 5 -Force).Force", "True\n"),      # alias
    ("(Get-Thing -ident 5).Id", "5\n"),                        # alias prefix, any case
    ("(Get-Thing -C 3).Count", "3\n"),                         # unambiguous prefix
    ("(Get-Thing -Name:colon).Name", "colon\n"),
    ("(Get-Thing -Force:$false).Force", "False\n"),
    ("$p = @{ Name = 'splat'; Force = $true }; $r = Get-Thing @p; $r.Name; $r.Force", "splat\nTrue\n"),
    ("$a = @('positional'); (Get-Thing @a).Name", "positional\n"),
    ("(Get-Thing -Kind delta).Kind", "delta\n"),
    ("([pscustomobject]@{ Name = 'byprop' } | Get-Thing).Name", "byprop\n"),
    ("'a', 'b' | Set-Thing -Value v -Confirm:$false", "set a=v\nset b=v\n"),
    ("Set-Thing x y -WhatIf", 'What if: Performing the operation "Set" on target "x".\n'),
    ("Get-Endless | Select-Object -First 3", "1\n2\n3\n"),
    ("'x' | Test-Fail -Verbose", "VERBOSE: checking x\nx\n"),
    ("'warn' | Test-Fail", "WARNING: careful\nwarn\n"),
    ("'warn' | Test-Fail -WarningAction SilentlyContinue", "warn\n"),
    ("'warn' | Test-Fail -WarningVariable w -wa 0 | Out-Null; $w", "careful\n"),
    ("'bad' | Test-Fail -ErrorAction SilentlyContinue; $?", "False\n"),
    ("'bad' | Test-Fail -ea SilentlyContinue -ev problems; $problems.Count", "1\n"),
    ("try { 'bad' | Test-Fail -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     "ThingIsBad,Microsoft.PowerShell.Commands.TestFailCommand\n"),
    ("'ok' | Test-Fail -OutVariable kept | Out-Null; $kept", "ok\n"),
    ("$VerbosePreference = 'Continue'; 'v' | Test-Fail | Out-Null", "VERBOSE: checking v\n"),
]


@pytest.mark.parametrize("text, expected", OK)
def test_binding_succeeds(text: str, expected: str) -> None:
    assert run(text) == expected


ERRORS = [
    ("Get-Thing -Bogus", "Get-Thing", "A parameter cannot be found that matches parameter name 'Bogus'.",
     11, 6, "InvalidArgument: (:) [Get-Thing], ParameterBindingException",
     "NamedParameterNotFound,Microsoft.PowerShell.Commands.GetThingCommand"),
    ("Get-Thing -Id abc", "Get-Thing", "Cannot bind parameter 'Id'. Cannot convert value \"abc\" to type "
     "\"System.Int32\". Error: \"Input string was not in a correct format.\"", 15, 3,
     "InvalidArgument: (:) [Get-Thing], ParameterBindingException",
     "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.GetThingCommand"),
    ("Get-Thing -Kind Foo", "Get-Thing", "Cannot validate argument on parameter 'Kind'. The argument "
     "\"Foo\" does not belong to the set \"Delta,Initial\" specified by the ValidateSet attribute. "
     "Supply an argument that is in the set and then try the command again.", 17, 3,
     "InvalidData: (:) [Get-Thing], ParameterBindingValidationException",
     "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetThingCommand"),
    ("Get-Thing -Count 11", "Get-Thing", "Cannot validate argument on parameter 'Count'. The 11 argument "
     "is greater than the maximum allowed range of 10. Supply an argument that is less than or equal "
     "to 10 and then try the command again.", 18, 2,
     "InvalidData: (:) [Get-Thing], ParameterBindingValidationException",
     "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetThingCommand"),
    ("Get-Thing -Count", "Get-Thing", "Missing an argument for parameter 'Count'. Specify a parameter "
     "of type 'System.Int32' and try again.", 11, 6,
     "InvalidArgument: (:) [Get-Thing], ParameterBindingException",
     "MissingArgument,Microsoft.PowerShell.Commands.GetThingCommand"),
    ("Get-Thing a b", "Get-Thing", "A positional parameter cannot be found that accepts argument 'b'.",
     13, 1, "InvalidArgument: (:) [Get-Thing], ParameterBindingException",
     "PositionalParameterNotFound,Microsoft.PowerShell.Commands.GetThingCommand"),
    ("Get-Thing -Name x -Id 3", "Get-Thing", "Parameter set cannot be resolved using the specified "
     "named parameters.", 1, 23, "InvalidArgument: (:) [Get-Thing], ParameterBindingException",
     "AmbiguousParameterSet,Microsoft.PowerShell.Commands.GetThingCommand"),
    ("Get-Need", "Get-Need", "Cannot process command because of one or more missing mandatory "
     "parameters: Name.", 1, 8, "InvalidArgument: (:) [Get-Need], ParameterBindingException",
     "MissingMandatoryParameter,Microsoft.PowerShell.Commands.GetNeedCommand"),
    ("Get-Thing -O x", "Get-Thing", "Parameter cannot be processed because the parameter name 'O' is "
     "ambiguous. Possible matches include: -OutVariable -OutBuffer.", 11, 2,
     "InvalidArgument: (:) [Get-Thing], ParameterBindingException",
     "AmbiguousParameter,Microsoft.PowerShell.Commands.GetThingCommand"),
    ("5 | Get-Thing", "Get-Thing", "The input object cannot be bound to any parameters for the command "
     "either because the command does not take pipeline input or the input and its properties do "
     "not match any of the parameters that take pipeline input.", 5, 9,
     "InvalidArgument: (5:Int32) [Get-Thing], ParameterBindingException",
     "InputObjectNotBound,Microsoft.PowerShell.Commands.GetThingCommand"),
    ("'bad' | Test-Fail", "Test-Fail", "Thing 'bad' is bad.", 9, 9,
     "InvalidData: (bad:String) [Test-Fail], RuntimeException",
     "ThingIsBad,Microsoft.PowerShell.Commands.TestFailCommand"),
]


@pytest.mark.parametrize("text, command, message, column, length, category, fqid", ERRORS)
def test_binding_errors(text, command, message, column, length, category, fqid) -> None:
    assert run(text) == error(command, message, column, length, category, fqid, text)


def test_missing_mandatory_is_prompted_for_when_interactive() -> None:
    assert run("Get-Need", answers=["Ada"]) == (
        "cmdlet Get-Need at command pipeline position 1\n"
        "Supply values for the following parameters:\n"
        "Name: Ada\n"
        "need Ada\n")


def test_confirm_prompt_and_answers() -> None:
    text = "'a', 'b' | Set-Thing -Value v"
    assert run(text, answers=["n", "y"]) == (
        "Confirm\nAre you sure you want to perform this action?\n"
        'Performing the operation "Set" on target "a".\n'
        '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): n\n'
        "Confirm\nAre you sure you want to perform this action?\n"
        'Performing the operation "Set" on target "b".\n'
        '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): y\n'
        "set b=v\n")


def test_yes_to_all_stops_asking() -> None:
    out = run("'a', 'b' | Set-Thing -Value v", answers=["a"])
    assert out.count("Confirm\n") == 1 and out.endswith("set a=v\nset b=v\n")


def test_select_first_stops_an_endless_upstream() -> None:
    assert run("(Get-Endless | Select-Object -First 2 | Measure-Object).Count") == "2\n"


def test_stop_upstream_only_stops_its_own_pipeline() -> None:
    text = "1..3 | ForEach-Object { Get-Endless | Select-Object -First 1 }"
    assert run(text) == "1\n1\n1\n"


def test_error_action_stop_is_terminating_and_uncaught_stops_the_script() -> None:
    out = run("'bad' | Test-Fail -ErrorAction Stop; 'not reached'")
    assert "not reached" not in out.splitlines() and out.startswith("Test-Fail : Thing 'bad' is bad.")


# ---------------------------------------------------------------- pipeline input in any set

PIPELINE_SETS = [
    # the default set takes no input: the object binds by property name in another set, the
    # first declared parameter winning (as ObjectId does for Get-MsolUser -All | Get-MsolUser)
    ("[pscustomobject]@{ Id = 5; Name = 'x' } | Get-Widget", "ById id=5 name=None\n"),
    ("[pscustomobject]@{ Name = 'x' } | Get-Widget", "ByName id=None name=x\n"),
    ("[pscustomobject]@{ Id = 1 }, [pscustomobject]@{ Name = 'y' } | Get-Widget",
     "ById id=1 name=None\nByName id=None name=y\n"),
    ("Get-Widget", "List id=None name=None\n"),
    # the default set's mandatory -Filter cannot come from the pipeline (Get-ADUser | Set-ADUser)
    ("'a', 'b' | Set-Widget -Note n", "Identity a n\nIdentity b n\n"),
    ("[pscustomobject]@{ Left = 1; Right = 2 } | Add-Pair", "1+2\n"),
]


@pytest.mark.parametrize("text, expected", PIPELINE_SETS)
def test_pipeline_binds_in_any_parameter_set(text: str, expected: str) -> None:
    assert run(text) == expected


def test_pipeline_parameter_set_name_in_an_advanced_function() -> None:
    text = ("function Get-Key { [CmdletBinding(DefaultParameterSetName = 'List')] param("
            "[Parameter(ParameterSetName = 'ById', Mandatory, ValueFromPipelineByPropertyName)][int]$Id,"
            "[Parameter(ParameterSetName = 'List')][switch]$All)"
            " process { \"$($PSCmdlet.ParameterSetName) $Id\" } }\n"
            "[pscustomobject]@{ Id = 3 } | Get-Key; Get-Key")
    assert run(text) == "ById 3\nList 0\n"


def test_input_missing_a_mandatory_property_names_it() -> None:
    text = "[pscustomobject]@{Left=1} | Add-Pair"
    assert run(text) == error(
        "Add-Pair", "The input object cannot be bound because it did not contain the information "
        "required to bind all mandatory parameters:  Right", 29, 8,
        "InvalidArgument: (@{Left=1}:PSCustomObject) [Add-Pair], ParameterBindingException",
        "InputObjectMissingMandatory,Microsoft.PowerShell.Commands.AddPairCommand", text)


def test_input_fitting_no_set_is_not_bound() -> None:
    text = "5 | Get-Widget"
    assert run(text) == error(
        "Get-Widget", "The input object cannot be bound to any parameters for the command either "
        "because the command does not take pipeline input or the input and its properties do not "
        "match any of the parameters that take pipeline input.", 5, 10,
        "InvalidArgument: (5:Int32) [Get-Widget], ParameterBindingException",
        "InputObjectNotBound,Microsoft.PowerShell.Commands.GetWidgetCommand", text)


# ---------------------------------------------------------------- enum-typed parameters

POLICY = "Microsoft.IdentityManagement.PowerShell.ObjectModel.SynchronizationPolicyType"


@pytest.mark.parametrize("text, expected", [
    ("Start-Cycle delta", "policy Delta\n"),                  # any case, declared spelling
    ("Start-Cycle -PolicyType INITIAL", "policy Initial\n"),
    ("Start-Cycle ini", "policy Initial\n"),                  # a unique prefix is enough
    ("Start-Cycle 1", "policy Delta\n"),                      # an ordinal
    ("'Delta' | ForEach-Object { Start-Cycle $_ }", "policy Delta\n"),
])
def test_enum_parameter_binds_the_declared_name(text: str, expected: str) -> None:
    assert run(text) == expected


@pytest.mark.parametrize("text, column, length, reason", [
    ("Start-Cycle Foo", 13, 3, f'Cannot convert value "Foo" to type "{POLICY}". Error: "Unable to '
     f'match the identifier name Foo to a valid enumerator name. Specify one of the following '
     f'enumerator names and try again:\nUnspecified, Delta, Initial"'),
    ("Start-Cycle ''", 13, 2, f'Cannot convert value "" to type "{POLICY}". Error: "The identifier '
     f'name  cannot be processed because it is either too similar or identical to the following '
     f'enumerator names: Unspecified, Delta, Initial. Use a more specific identifier name."'),
    ("Start-Cycle 7", 13, 1, f'Cannot convert value "7" to type "{POLICY}" due to enumeration '
     f'values that are not valid. Specify one of the following enumeration values and try again. '
     f'The possible enumeration values are "Unspecified,Delta,Initial".'),
])
def test_enum_parameter_rejects_other_values(text, column, length, reason) -> None:
    assert run(text) == error(
        "Start-Cycle", f"Cannot bind parameter 'PolicyType'. {reason}", column, length,
        "InvalidArgument: (:) [Start-Cycle], ParameterBindingException",
        "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.StartCycleCommand", text)


def test_enum_parameter_shows_its_short_type_name() -> None:
    assert run("Get-Command Start-Cycle -Syntax") == (
        "\nStart-Cycle [[-PolicyType] <SynchronizationPolicyType>] [<CommonParameters>]\n\n")
    assert "Start-Cycle [[-PolicyType] <SynchronizationPolicyType>]" in run("Get-Help Start-Cycle")
    assert run("Start-Cycle -PolicyType") == error(
        "Start-Cycle", f"Missing an argument for parameter 'PolicyType'. Specify a parameter of "
        f"type '{POLICY}' and try again.", 13, 11,
        "InvalidArgument: (:) [Start-Cycle], ParameterBindingException",
        "MissingArgument,Microsoft.PowerShell.Commands.StartCycleCommand", "Start-Cycle -PolicyType")


def test_enum_names_are_offered_to_tab_completion() -> None:
    import enum
    from binding_cmdlets import StartCycle
    from msolsh.runtime.cmdlet import Parameter
    assert StartCycle.parameters["PolicyType"].completion_values == ("Unspecified", "Delta", "Initial")

    class Colour(enum.Enum):
        Red = 4
        Blue = 9
    param = Parameter(enum=Colour)
    assert (param.completion_values, param.type, param.enum_values) == (("Red", "Blue"), "Colour", (4, 9))
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document
    from msolsh.repl.completer import MsolshCompleter
    from binding_cmdlets import make_session
    text = "Start-Cycle -PolicyType "
    found = [c.text for c in MsolshCompleter(make_session()).get_completions(
        Document(text, len(text)), CompleteEvent())]
    assert found == ["Unspecified", "Delta", "Initial"]


# ---------------------------------------------------------------- ShouldProcess and -Confirm

CONFIRM_B = ("Confirm\nAre you sure you want to perform this action?\n"
             'Performing the operation "Set" on target "b".\n'
             '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): n\n')


@pytest.mark.parametrize("text, expected", [
    ("Set-Thing a v -Confirm:$false", "set a=v\n"),                      # High impact, not asked
    ("$ConfirmPreference = 'None'; Set-Thing a v", "set a=v\n"),
    ("$ConfirmPreference = 'None'; Set-Thing b v -Confirm", CONFIRM_B),  # -Confirm still asks
    ("Set-Thing b v", CONFIRM_B),
])
def test_confirm_is_skipped_or_asked(text: str, expected: str) -> None:
    assert run(text, answers=["n"]) == expected      # an unexpected prompt would eat the "n"


def stream_session(interactive: bool):
    import io
    from msolsh.runtime.host import StreamHost
    session = make_session()
    session.host = StreamHost(io.StringIO(), io.StringIO(), io.StringIO(""), interactive=interactive)
    return session


def test_a_non_interactive_host_refuses_to_prompt() -> None:
    session = stream_session(interactive=False)
    session.run("Set-Thing a v; 'next'; Set-Thing c v -Confirm:$false")
    assert session.host.out.getvalue() == "next\nset c=v\n"
    assert session.host.err.getvalue() == error(
        "Set-Thing", "Windows PowerShell is in NonInteractive mode. Read and Prompt functionality "
        "is not available.", 1, 13, "InvalidOperation: (:) [Set-Thing], PSInvalidOperationException",
        "InvalidOperation,Microsoft.PowerShell.Commands.SetThingCommand",
        "Set-Thing a v; 'next'; Set-Thing c v -Confirm:$false")


def test_should_process_in_a_function_on_a_non_interactive_host() -> None:
    session = stream_session(interactive=False)
    text = ("function Remove-Widget { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')] "
            "param($Name) if ($PSCmdlet.ShouldProcess($Name, 'Remove')) { \"removed $Name\" } }\n"
            "Remove-Widget a; Remove-Widget b -Confirm:$false")
    session.run(text)
    assert session.host.out.getvalue() == "removed b\n"
    assert session.host.err.getvalue().startswith(
        'Exception calling "ShouldProcess" with "2" argument(s): "Windows PowerShell is in '
        'NonInteractive mode. Read and Prompt functionality is not available."\nAt line:1 char:')
    assert session.host.err.getvalue().endswith(
        "    + CategoryInfo          : NotSpecified: (:) [], MethodInvocationException\n"
        "    + FullyQualifiedErrorId : PSInvalidOperationException\n\n")


def test_pscmdlet_methods_check_their_arguments() -> None:
    text = ("function f { [CmdletBinding()] param() $PSCmdlet.WriteError('x'); $PSCmdlet.ShouldContinue('q'); 'end' }\n"
            "f")
    out = run(text)
    assert out.startswith(
        'Cannot convert argument "errorRecord", with value: "x", for "WriteError" to type '
        '"System.Management.Automation.ErrorRecord": "Cannot convert the "x" value of type '
        '"System.String" to type "System.Management.Automation.ErrorRecord"."\nAt line:1 char:40\n')
    assert "    + CategoryInfo          : NotSpecified: (:) [], MethodException\n" \
           "    + FullyQualifiedErrorId : MethodArgumentConversionInvalidCastArgument\n\n" \
           'Cannot find an overload for "ShouldContinue" and the argument count: "1".\n' in out
    assert out.endswith("    + FullyQualifiedErrorId : MethodCountCouldNotFindBest\n\nend\n")


def test_an_error_record_parameter_takes_only_error_records() -> None:
    assert run("try { 1/0 } catch { Write-Record $_ }") == "Attempted to divide by zero.\n"
    assert run("Write-Record 'x'") == error(
        "Write-Record", "Cannot bind parameter 'ErrorRecord'. Cannot convert the \"x\" value of type "
        "\"System.String\" to type \"System.Management.Automation.ErrorRecord\".", 14, 3,
        "InvalidArgument: (:) [Write-Record], ParameterBindingException",
        "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.WriteRecordCommand", "Write-Record 'x'")
    assert "Specify a parameter of type 'System.Management.Automation.ErrorRecord'" in run("Write-Record -ErrorRecord")
