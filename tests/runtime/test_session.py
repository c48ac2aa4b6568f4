"""The Session API: run / invoke / execute_script_file, Ctrl+C, $Error, scripts calling
scripts, and the error view's layout rules."""
from __future__ import annotations

from pathlib import Path

from binding_cmdlets import TEST_REGISTRY, make_session
from msolsh.language.ast import Extent
from msolsh.runtime.cmdlet import Cmdlet, cmdlet
from msolsh.runtime.error_view import position_lines, render_record
from msolsh.runtime.errors import ErrorRecord, InvocationInfo
from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session


@cmdlet("Get-Interrupted", module="Test", registry=TEST_REGISTRY)
class GetInterrupted(Cmdlet):
    """Outputs two objects, then the user presses Ctrl+C."""

    def process(self):
        yield 1
        yield 2
        raise KeyboardInterrupt


def test_invoke_returns_objects() -> None:
    session = Session(MemoryHost())
    assert session.invoke("1..3 | ForEach-Object { $_ * 2 }") == [2, 4, 6]
    assert session.invoke("$x = 5") == []
    assert session.invoke("$x") == [5]          # the global scope persists between calls


def test_ctrl_c_stops_the_pipeline_and_the_session_goes_on() -> None:
    session = make_session()
    result = session.run("Get-Interrupted | ForEach-Object { \"got $_\" }; 'not reached'")
    assert result.interrupted and not result.success
    assert session.host.text == "got 1\ngot 2\n"
    session.host.clear_transcript()
    assert session.run("'next command'").success
    assert session.host.text == "next command\n"


def test_error_list_is_newest_first_and_capped() -> None:
    session = Session(MemoryHost())
    session.run("foreach ($i in 1..300) { Write-Error \"e$i\" -ErrorAction SilentlyContinue }")
    errors = session.global_scope.vars["error"]
    assert len(errors) == 256
    assert errors[0].message == "e300"


def test_script_files_get_their_own_scope_and_automatic_variables(tmp_path: Path) -> None:
    inner = tmp_path / "inner.ps1"
    inner.write_text("param($Who)\n$leak = 'no'\n\"inner $Who $($MyInvocation.MyCommand.Name)\"\nexit 5\n",
                     encoding="utf-8")
    outer = tmp_path / "outer.ps1"
    outer.write_text(f"& '{inner}' -Who me\n\"exit code $LASTEXITCODE, leak '$leak'\"\n"
                     "\"root $($PSScriptRoot -eq (Split-Path $PSCommandPath))\"\n", encoding="utf-8")
    session = Session(MemoryHost())
    result = session.execute_script_file(str(outer), [])
    assert session.host.text == "inner me inner.ps1\nexit code 5, leak ''\nroot True\n"
    assert result.exit_code is None and result.success


def test_script_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.ps1"
    path.write_text("\n  Get-Nope\n", encoding="utf-8")
    session = Session(MemoryHost())
    session.execute_script_file(str(path), [])
    assert f"At {path}:2 char:3\n+   Get-Nope\n+   ~~~~~~~~\n" in session.host.text


def _extent(line: str, start: int, end: int) -> Extent:
    return Extent(None, 1, start, 1, end, line[start - 1:end - 1], source=line)


def test_long_lines_are_cut_with_an_ellipsis() -> None:
    line = "    Set-MsolUser -UserPrincipalName $user -StrongAuthenticationRequirements $sta -Verbose"
    lines = position_lines(_extent(line, 5, len(line) + 1))
    assert lines[1] == "+ " + line[:69] + " ..."
    assert lines[2] == "+     " + "~" * 65


def test_far_right_elements_get_a_leading_ellipsis() -> None:
    line = "$a = 1; " * 12 + "Get-Nope"
    start = line.index("Get-Nope") + 1
    lines = position_lines(_extent(line, start, start + 8))
    assert lines[1].startswith("+ ... ") and lines[1][2 + lines[2].index("~") - 2:].startswith("Get-Nope")


def test_record_layout_with_target_and_class() -> None:
    record = ErrorRecord("User Not Found.  User: .", "Microsoft.Online.Administration.Automation.UserNotFoundException",
                         "OperationStopped", exception_type="Microsoft.Online.Administration.Automation.MicrosoftOnlineException",
                         fq_class="Microsoft.Online.Administration.Automation.SetUser",
                         invocation=InvocationInfo("Set-MsolUser", _extent("Set-MsolUser -UserPrincipalName x", 1, 34)))
    assert render_record(record) == (
        "Set-MsolUser : User Not Found.  User: .\n"
        "At line:1 char:1\n"
        "+ Set-MsolUser -UserPrincipalName x\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : OperationStopped: (:) [Set-MsolUser], MicrosoftOnlineException\n"
        "    + FullyQualifiedErrorId : Microsoft.Online.Administration.Automation.UserNotFoundException,"
        "Microsoft.Online.Administration.Automation.SetUser\n\n")


def test_parse_errors_render_every_error_then_the_first_id() -> None:
    session = Session(MemoryHost())
    result = session.run("'x'\nif ($true) {")
    assert result.terminated and session.host.text == (
        "At line:2 char:12\n+ if ($true) {\n+            ~\n"
        "Missing closing '}' in statement block or type definition.\n"
        "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException\n"
        "    + FullyQualifiedErrorId : MissingEndCurlyBrace\n\n")


def test_env_is_sandboxed() -> None:
    import os
    session = Session(MemoryHost())
    session.run("$env:MSOLSH_SECRET_TEST = 'x'")
    assert "MSOLSH_SECRET_TEST" not in os.environ
    assert session.invoke("$env:msolsh_secret_test") == ["x"]


def test_preference_silences_statement_errors_but_keeps_them_in_error_list() -> None:
    session = Session(MemoryHost())
    session.run("$ErrorActionPreference = 'SilentlyContinue'; $null.Foo(); Get-Nope; 'quiet'")
    assert session.host.text == "quiet\n"
    assert len(session.global_scope.vars["error"]) == 2


def test_error_variable_of_an_advanced_function_collects_everything_written_inside() -> None:
    session = Session(MemoryHost())
    session.run("function f { [CmdletBinding()] param() Write-Error 'one'; Get-Nope; 'done' }\n"
                "f -ErrorVariable ev -ErrorAction SilentlyContinue\n"
                "\"$($ev.Count) $($ev[1].FullyQualifiedErrorId)\"")
    assert session.host.text == "done\n2 CommandNotFoundException\n"


def test_file_redirection_and_switch_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    session = Session(MemoryHost())
    session.run("'first' > out.txt; 'second' >> out.txt\n"
                "switch -file out.txt { 'second' { 'found second' } default { \"other $_\" } }")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "first\nsecond\n"
    assert session.host.text == "other first\nfound second\n"


def test_empty_redirection_path_is_a_pwsh_error() -> None:
    session = Session(MemoryHost())
    session.run("'x' > ''")
    assert session.host.text.startswith(
        "Out-File : Cannot bind argument to parameter 'FilePath' because it is an empty string.")


def test_a_deferred_tenant_loads_on_first_use_of_tenant_or_clock() -> None:
    class Clock:
        def now(self):
            import datetime
            return datetime.datetime(2030, 1, 2, 3, 4, 5)

    for first_use in ("Get-Date", "tenant"):
        session = Session(MemoryHost())
        loads = []

        def load():
            loads.append(1)
            session.tenant, session.clock = "the tenant", Clock()
        session.defer_tenant(load)
        session.run("1 + 1")
        assert loads == []                     # a script that never needs it never loads it
        if first_use == "tenant":
            assert session.tenant == "the tenant"
        session.run("(Get-Date).ToString('yyyy-MM-dd HH:mm:ss')")
        assert loads == [1]
        assert session.host.text == "2\n2030-01-02 03:04:05\n"
