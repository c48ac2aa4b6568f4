"""The utility cmdlets through a real Session: exact console text for default output and errors."""
import datetime as dt

import pytest

from msolsh.runtime.host import MemoryHost

session_module = pytest.importorskip("msolsh.runtime.session")


@pytest.fixture
def shell(bare_shell):
    return bare_shell


# -------------------------------------------------------------------- output streams

def test_write_output_sends_each_element(shell):
    assert shell("Write-Output 'a','b'; (Write-Output -InputObject 1,2 | Measure-Object).Count") == "a\nb\n2\n"


@pytest.mark.xfail(reason="binder: a single remaining argument that is a collection must bind unwrapped "
                          "(pwsh's BindUnboundArguments), so `echo 1,2` sends two objects", strict=False)
def test_echo_with_one_array_argument_sends_its_elements(shell):
    assert shell("(echo 1,2 | Measure-Object).Count") == "2\n"


def test_write_output_no_enumerate(shell):
    assert shell("Write-Output 1,2,3 -NoEnumerate | Measure-Object | Select-Object -ExpandProperty Count") == "1\n"


def test_write_host_separator_nonewline_and_not_in_pipeline(shell):
    assert shell("Write-Host (1,2,3) -Separator ', '; Write-Host 'x' -NoNewline; Write-Host 'y'") == \
        "1, 2, 3\nxy\n"
    assert shell("$x = Write-Host 'seen'; $null -eq $x") == "seen\nTrue\n"


def test_write_warning_verbose_debug(shell):
    assert shell("Write-Warning 'careful'; Write-Verbose 'hidden'; Write-Verbose 'shown' -Verbose; "
                 "Write-Debug 'quiet'") == "WARNING: careful\nVERBOSE: shown\n"


def test_write_information_follows_preference(shell):
    assert shell("Write-Information 'no'; Write-Information 'yes' -InformationAction Continue") == "yes\n"


def test_write_error_default_record(shell):
    # At the prompt 5.1 names the error after the typed line and shows no position.
    assert shell("Write-Error 'The user was not found.'") == (
        "Write-Error 'The user was not found.' : The user was not found.\n"
        "    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException\n"
        "    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException\n\n")


def test_write_error_category_id_and_target(shell):
    text = shell("Write-Error -Message 'bad' -Category ObjectNotFound -ErrorId UserMissing -TargetObject ann")
    assert "    + CategoryInfo          : ObjectNotFound: (ann:String) [Write-Error], WriteErrorException\n" in text
    assert "    + FullyQualifiedErrorId : UserMissing\n" in text


def test_write_error_goes_to_error_variable(shell):
    assert shell("Write-Error 'x' -ErrorAction SilentlyContinue; $Error[0].FullyQualifiedErrorId") == \
        "Microsoft.PowerShell.Commands.WriteErrorException\n"


def test_write_progress_is_not_drawn_off_terminal(shell):
    assert shell("Write-Progress -Activity 'Export' -Status 'Half' -PercentComplete 50; 'done'") == "done\n"


# -------------------------------------------------------------------- host input, time

def test_read_host_prompts_through_the_host(tmp_path, monkeypatch):
    host = MemoryHost(answers=["contoso"])
    session = session_module.Session(host=host)
    session.run("$t = Read-Host -Prompt 'Tenant'; \"[$t]\"")
    assert host.text == "Tenant: contoso\n[contoso]\n"


def test_read_host_without_input_is_an_error(shell):
    assert "Read-Host : Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.\n" \
        in shell("Read-Host")


def test_get_date_reads_the_simulated_clock(shell):
    assert shell("Get-Date -Format 'yyyy-MM-dd HH:mm:ss'") == "2026-01-05 09:00:00\n"
    assert shell("Get-Date -UFormat '%Y/%m/%d %A %j'") == "2026/01/05 Monday 005\n"
    assert shell("Get-Date -Year 2020 -Month 2 -Day 29 -Format D") == "Saturday, February 29, 2020\n"
    assert shell("(Get-Date).GetType().FullName") == "System.DateTime\n"


def test_get_date_bad_day_is_an_error(shell):
    assert "Get-Date : Year, Month, and Day parameters describe an un-representable DateTime.\n" in \
        shell("Get-Date -Month 2 -Day 30")


def test_start_sleep_moves_the_clock(shell):
    assert shell("Start-Sleep -Seconds 1800; sleep -Milliseconds 1500; Get-Date -Format 'HH:mm:ss'") == "09:30:01\n"
    assert shell.session.clock.now() == dt.datetime(2026, 1, 5, 9, 30, 1, 500000)


# -------------------------------------------------------------------- history

def test_get_history_table(shell):
    shell.session.history[:] = ["Get-Date", "Get-Alias gcm"]
    assert shell("Get-History") == (
        "\n  Id CommandLine\n  -- -----------\n   1 Get-Date\n   2 Get-Alias gcm\n\n")
    assert shell("(h -Count 1).CommandLine") == "Get-Alias gcm\n"


def test_invoke_history_shows_and_reruns(shell):
    shell.session.history[:] = ["Get-Date -Format yyyy", "'other'"]
    assert shell("r 1") == "Get-Date -Format yyyy\n2026\n"
    assert "Invoke-History : Cannot locate history for Id 9.\n" in shell("Invoke-History 9")


def test_clear_history(shell):
    shell.session.history[:] = ["a", "b"]
    shell("Clear-History")
    assert shell.session.history == []


# -------------------------------------------------------------------- variables

def test_get_variable_table_and_value_only(shell):
    assert shell("$tenant = 'contoso'; Get-Variable -Name tenant") == (
        "\nName                           Value\n"
        "----                           -----\n"
        "tenant                         contoso\n\n")
    assert shell("Get-Variable -Name ErrorAction* -ValueOnly") == "Continue\n"
    assert shell("(Get-Variable -Name WarningPreference).Name") == "WarningPreference\n"


def test_get_variable_not_found(shell):
    assert shell("Get-Variable -Name nosuch") == (
        "Get-Variable : Cannot find a variable with the name 'nosuch'.\n"
        "At line:1 char:1\n"
        "+ Get-Variable -Name nosuch\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (nosuch:String) [Get-Variable], ItemNotFoundException\n"
        "    + FullyQualifiedErrorId : VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand\n\n")


def test_set_new_remove_clear_variable(shell):
    assert shell("Set-Variable -Name domain -Value 'contoso.com'; $domain") == "contoso.com\n"
    assert shell("function f { Set-Variable -Name g -Value 2 -Scope Global; Set-Variable -Name l -Value 3 }; "
                 "f; $g; $null -eq $l") == "2\nTrue\n"
    assert shell("$count = 5; Clear-Variable -Name count; $null -eq $count") == "True\n"
    assert shell("Remove-Variable -Name domain; $null -eq $domain") == "True\n"


def test_new_variable_exists_and_read_only(shell):
    text = shell("New-Variable -Name limit -Value 5 -Option ReadOnly; New-Variable -Name limit -Value 1")
    assert "New-Variable : A variable with name 'limit' already exists.\n" in text
    assert "    + CategoryInfo          : ResourceExists: (limit:String) [New-Variable], SessionStateException\n" in text
    assert "Cannot overwrite variable limit because it is read-only or constant.\n" in shell("$limit = 6")


# -------------------------------------------------------------------- aliases

def test_get_alias_table(shell):
    assert shell("Get-Alias -Name gcm, h") == (
        "\nCommandType     Name                                               Version\n"
        "-----------     ----                                               -------\n"
        "Alias           gcm -> Get-Command\n"
        "Alias           h -> Get-History\n\n")


def test_get_alias_by_definition(shell):
    assert shell("(Get-Alias -Definition Get-History).Name -join ','") == "ghy,h,history\n"


def test_get_alias_not_found(shell):
    assert shell("Get-Alias -Name nosuch") == (
        "Get-Alias : This command cannot find a matching alias because an alias with the name 'nosuch' does not exist.\n"
        "At line:1 char:1\n"
        "+ Get-Alias -Name nosuch\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (nosuch:String) [Get-Alias], ItemNotFoundException\n"
        "    + FullyQualifiedErrorId : ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand\n\n")


def test_set_alias_and_new_alias_conflict(shell):
    assert shell("Set-Alias -Name now -Value Get-Date; now -Format yyyy") == "2026\n"
    text = shell("New-Alias -Name now -Value Get-Date")
    assert text.startswith("New-Alias : The alias is not allowed, because an alias with the name 'now' already exists.\n")
    assert "+ FullyQualifiedErrorId : AliasAlreadyExists,Microsoft.PowerShell.Commands.NewAliasCommand\n" in text


# -------------------------------------------------------------------- commands and help

def test_get_command_table_mixes_cmdlets_and_aliases(shell):
    assert shell("Get-Command -Name Get-Alias, gcm") == (
        "\nCommandType     Name                                               Version\n"
        "-----------     ----                                               -------\n"
        "Cmdlet          Get-Alias                                          3.1.0.0\n"
        "Alias           gcm -> Get-Command\n\n")


def test_get_command_lists_aliases_functions_then_cmdlets(shell):
    assert shell("function Test-It {}; $all = Get-Command; "
                 "($all | Select-Object -ExpandProperty CommandType -Unique) -join ','") == "Alias,Function,Cmdlet\n"


def test_get_command_filters(shell):
    assert shell("(Get-Command -Verb Clear -Noun *History*).Name") == "Clear-History\n"
    assert shell("(Get-Command -Module Microsoft.PowerShell.Core -Name *-History).Name -join ','") == \
        "Clear-History,Get-History,Invoke-History\n"
    assert shell("(Get-Command -Name sleep -CommandType Alias).Definition") == "Start-Sleep\n"
    assert shell("function Test-It { param([string]$Name) }; (Get-Command -CommandType Function).Name") == "Test-It\n"


def test_get_command_syntax(shell):
    assert shell("Get-Command -Name Get-Alias -Syntax") == (
        "\nGet-Alias [[-Name] <string[]>] [-Exclude <string[]>] [-Scope <string>] [<CommonParameters>]\n\n"
        "Get-Alias [-Exclude <string[]>] [-Scope <string>] [-Definition <string[]>] [<CommonParameters>]\n\n")
    assert shell("function Test-It { param([string]$Name, [int]$Count) }; Get-Command Test-It -Syntax") == \
        "\nTest-It [[-Name] <string>] [[-Count] <int>]\n\n"
    assert shell("Get-Command sleep -Syntax") == (
        "sleep (alias) -> Start-Sleep\n\nStart-Sleep [-Seconds] <double> [<CommonParameters>]\n\n"
        "Start-Sleep -Milliseconds <int> [<CommonParameters>]\n\n")


def test_get_command_not_found(shell):
    text = shell("Get-Command -Name Get-Nothing")
    assert text.startswith("Get-Command : The term 'Get-Nothing' is not recognized as the name of a cmdlet, "
                           "function, script file, or operable program.")
    assert "+ FullyQualifiedErrorId : CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand\n" in text


def test_get_help_for_a_cmdlet(shell):
    text = shell("Get-Help Get-Alias")
    assert text.startswith("\nNAME\n    Get-Alias\n\nSYNOPSIS\n    Gets the aliases for the current session.\n\n\n"
                           "SYNTAX\n    Get-Alias [[-Name] <String[]>] [-Exclude <String[]>] [-Scope <String>] "
                           "[<CommonParameters>]\n\n")
    assert '    To see the examples, type: "get-help Get-Alias -examples".\n' in text
    assert shell("help gal") == text


def test_get_help_examples_and_parameter(shell):
    assert shell("Get-Help Get-Alias -Examples").count("-------------------------- EXAMPLE") == 2
    assert shell("Get-Help Get-Alias -Parameter Definition") == (
        "\n-Definition <String[]>\n    Gets the aliases of these commands. Wildcards are permitted.\n\n"
        "    Required?                    false\n    Position?                    named\n"
        "    Default value                None\n    Accept pipeline input?       False\n"
        "    Accept wildcard characters?  true\n\n")


def test_get_help_errors(shell):
    assert "Get-Help : No parameter matches criteria Nope.\n" in shell("Get-Help Get-Alias -Parameter Nope")
    text = shell("Get-Help Get-Nothing")
    assert text.startswith("Get-Help : Get-Help could not find Get-Nothing in a help file in this session.")
    assert "+ FullyQualifiedErrorId : HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand\n" in text


def test_get_help_about_topics_and_listing(shell):
    assert shell("Get-Help about_Hybrid_Sync_Workflow").startswith("TOPIC\n    about_Hybrid_Sync_Workflow\n")
    assert shell("(Get-Help about_*).Name -join ','") == \
        "about_CommonParameters,about_Hybrid_Sync_Workflow,about_msolsh,about_Sync_Errors,about_Training\n"
    assert shell("Get-Help").startswith("TOPIC\n    about_msolsh\n")


# -------------------------------------------------------------------- expressions, random, transcripts

def test_invoke_expression_runs_in_callers_scope(shell):
    assert shell("iex '1 + 2'; Invoke-Expression '$z = 5'; $z") == "3\n5\n"
    assert shell("function f { iex '$inner = 1'; $inner }; f; $null -eq $inner") == "1\nTrue\n"


def test_get_random_is_seeded_and_checks_range(shell):
    first = shell("Get-Random -SetSeed 7 -Minimum 1 -Maximum 1000")
    assert shell("Get-Random -SetSeed 7 -Minimum 1 -Maximum 1000") == first
    assert shell("(1..10 | Get-Random -Count 3 | Sort-Object -Unique).Count") == "3\n"
    text = shell("Get-Random -Minimum 10 -Maximum 5")
    assert text.startswith("Get-Random : The Minimum value (10) cannot be greater than or equal to the Maximum value (5).\n")
    assert "+ FullyQualifiedErrorId : MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand\n" in text


def test_transcript_records_host_text(shell, tmp_path):
    out = shell("Start-Transcript -Path ./t.txt; Write-Host 'hello'; 'out'; Stop-Transcript")
    path = tmp_path / "t.txt"
    assert out == f"Transcript started, output file is {path}\nhello\nout\nTranscript stopped, output file is {path}\n"
    body = path.read_text()
    assert body.startswith("**********************\nWindows PowerShell transcript start\nStart time: 20260105090000\n")
    assert body.endswith(f"Transcript started, output file is {path}\nhello\nout\n**********************\n"
                         "Windows PowerShell transcript end\nEnd time: 20260105090000\n**********************\n")


def test_stop_transcript_without_one(shell):
    assert shell("Stop-Transcript").startswith(
        "Stop-Transcript : An error occurred stopping transcription: The host is not currently transcribing.\n")


def test_history_leaves_out_the_running_line(shell):
    for line in ("Get-Date -Format yyyy", "r"):
        shell.session.history.append(line)
        text = shell(line)
    assert text == "Get-Date -Format yyyy\n2026\n"
    shell.session.history.append("Get-History")
    assert shell("Get-History") == "\n  Id CommandLine\n  -- -----------\n   1 Get-Date -Format yyyy\n   2 r\n\n"


def test_write_host_colour_and_progress_on_a_terminal(tmp_path, monkeypatch):
    import io
    from msolsh.runtime.host import StreamHost
    out = io.StringIO()
    session = session_module.Session(host=StreamHost(out=out, err=out, colour=True, width=40))
    session.run("Write-Host 'ok' -ForegroundColor Green; "
                "Write-Progress -Activity Export -Status Half -PercentComplete 50")
    assert out.getvalue() == ("\x1b[92mok\x1b[0m\n\rExport: Half [oooooooooo          ]"
                              + " " * 4)


def test_invoke_expression_parse_error_shows_both_positions(shell):
    assert shell("iex '1 +'; 'after'") == (
        "Invoke-Expression : At line:1 char:4\n"
        "+ 1 +\n"
        "+    ~\n"
        "You must provide a value expression following the '+' operator.\n"
        "At line:1 char:1\n"
        "+ iex '1 +'; 'after'\n"
        "+ ~~~~~~~~~\n"
        "    + CategoryInfo          : ParserError: (:) [Invoke-Expression], ParseException\n"
        "    + FullyQualifiedErrorId : ExpectedValueExpression,Microsoft.PowerShell.Commands.InvokeExpressionCommand\n"
        "\nafter\n")


# -------------------------------------------------------------------- binding flags declared here

def test_write_output_takes_remaining_arguments(shell):
    assert shell("Write-Output a b; Write-Host a b") == "a\nb\na b\n"


def test_write_output_allows_null_and_empty(shell):
    assert shell("Write-Output $null; Write-Output @(); 'x'") == "x\n"


def test_variable_scope_errors(shell):
    assert shell("Get-Variable -Name x -Scope 1").startswith(
        "Get-Variable : The scope number '1' exceeds the number of active scopes.\n")
    assert shell("Get-Variable -Name x -Scope Bogus").startswith(
        "Get-Variable : Cannot process argument because the value of argument \"scopeID\" is not valid.")
    assert shell("function f { $v = 'inner'; Get-Variable -Name v -Scope 1 -ValueOnly }; $v = 'outer'; f") == \
        "outer\n"


def test_get_date_unknown_standard_format(shell):
    assert shell("Get-Date -Format q").startswith("Get-Date : Input string was not in a correct format.\n")


def test_more_errors_one_per_cmdlet(shell):
    assert shell("Start-Sleep -Seconds -1").startswith(
        "Start-Sleep : Cannot validate argument on parameter 'Seconds'. The -1 argument is less than the "
        "minimum allowed range of 0.")
    assert shell("Get-History -Id 5").startswith("Get-History : Cannot locate history for Id 5.\n")
    assert shell("Remove-Variable -Name nosuch").startswith(
        "Remove-Variable : Cannot find a variable with the name 'nosuch'.\n")
    assert shell("Write-Host x -ForegroundColor Pink").startswith(
        "Write-Host : Cannot validate argument on parameter 'ForegroundColor'.")


def test_clear_host_on_a_terminal(tmp_path):
    import io
    from msolsh.runtime.host import StreamHost
    out = io.StringIO()
    session_module.Session(host=StreamHost(out=out, err=out, colour=True)).run("cls")
    assert out.getvalue() == "\x1b[2J\x1b[H"
