"""The command line, run as a real subprocess: flags, exit codes, script arguments."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def msolsh(*args: str, stdin: str = "", cwd: Path = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "msolsh", "-NoProfile", *args], input=stdin,
                          capture_output=True, text=True, timeout=60, cwd=cwd)


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "greet.ps1"
    path.write_text("param($Name = 'world', [int]$Times = 1)\n"
                    "\"Hello $Name x$Times\"\n"
                    "\"rest: $($args -join ',')\"\n"
                    "\"root ok: $($PSScriptRoot -eq (Split-Path $PSCommandPath))\"\n"
                    "if ($Name -eq 'quit') { exit 3 }\n", encoding="utf-8")
    return path


def test_script_arguments_reach_param_and_args(script: Path) -> None:
    result = msolsh(str(script), "-Name", "Ada", "-Times", "2", "extra", "more")
    assert result.stdout == "Hello Ada x2\nrest: extra,more\nroot ok: True\n"
    assert result.returncode == 0


def test_file_flag_and_exit_code(script: Path) -> None:
    result = msolsh("-File", str(script), "quit")
    assert result.stdout.startswith("Hello quit x1\n")
    assert result.returncode == 3


def test_command_and_abbreviated_flags() -> None:
    result = subprocess.run([sys.executable, "-m", "msolsh", "-nop", "-noni", "-c", "1 + 1;", "'two'"],
                            capture_output=True, text=True, timeout=60)
    assert (result.stdout, result.returncode) == ("2\ntwo\n", 0)


def test_command_exit_codes() -> None:
    assert msolsh("-Command", "exit 7").returncode == 7
    assert msolsh("-Command", "Get-Nothing").returncode == 1      # $? false at the end
    assert msolsh("-Command", "Get-Nothing; 'fine'").returncode == 0
    assert msolsh("-Command", "throw 'x'").returncode == 1


def test_unhandled_error_in_script_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "fail.ps1"
    path.write_text("'before'\nthrow 'stop here'\n'after'\n", encoding="utf-8")
    result = msolsh(str(path))
    assert result.returncode == 1
    assert result.stdout == "before\n"
    assert result.stderr == (f"stop here\nAt {path}:2 char:1\n+ throw 'stop here'\n+ ~~~~~~~~~~~~~~~~~\n"
                             "    + CategoryInfo          : OperationStopped: (stop here:String) [], RuntimeException\n"
                             "    + FullyQualifiedErrorId : stop here\n\n")


def test_parse_error_runs_nothing_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "broken.ps1"
    path.write_text("'first'\nif ($true) {\n", encoding="utf-8")
    result = msolsh(str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Missing closing '}' in statement block or type definition." in result.stderr
    assert "FullyQualifiedErrorId : MissingEndCurlyBrace" in result.stderr


def test_command_from_stdin() -> None:
    result = msolsh("-Command", "-", stdin="$a = 5\n$a * 2\nexit 4\n")
    assert (result.stdout, result.returncode) == ("10\n", 4)


def test_missing_file_and_bad_flags() -> None:
    assert msolsh("-File", "nope.ps1").returncode == 64
    assert msolsh("-Bogus").returncode == 64
    assert msolsh("-No").returncode == 64          # ambiguous: NoProfile, NonInteractive, ...


def test_version_and_help() -> None:
    assert msolsh("-Version").stdout.startswith("msolsh ")
    assert "-Command" in msolsh("-Help").stdout


def test_plain_line_reader_continues_incomplete_input() -> None:
    result = msolsh(stdin="if ($true) {\n'inside'\n}\n'next'\n")
    assert (result.stdout, result.returncode) == ("inside\nnext\n", 0)


def test_profile_runs_unless_no_profile(tmp_path: Path) -> None:
    profile = tmp_path / ".config" / "msolsh" / "profile.ps1"
    profile.parent.mkdir(parents=True)
    profile.write_text("function prof { 'from profile' }\n", encoding="utf-8")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "msolsh", *a], capture_output=True,
                                    text=True, timeout=60, env=env)
    assert run("-c", "prof").stdout == "from profile\n"
    assert run("-NoProfile", "-c", "prof").returncode == 1


def test_non_interactive_runs_import_no_prompt_toolkit() -> None:
    code = ("import sys; from msolsh.cli import main; main(['-nop', '-c', '1']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('prompt_toolkit', 'pygments')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout == "1\n[]\n"


def test_a_script_without_a_terminal_cannot_be_asked_to_confirm(tmp_path: Path) -> None:
    path = tmp_path / "remove.ps1"
    path.write_text("function Remove-Widget {\n"
                    "    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')] param($Name)\n"
                    "    if ($PSCmdlet.ShouldProcess($Name, 'Remove')) { \"removed $Name\" }\n"
                    "}\n"
                    "Remove-Widget a\n"
                    "Remove-Widget b -Confirm:$false\n", encoding="utf-8")
    result = msolsh("-NonInteractive", "-File", str(path))
    assert result.stdout == "removed b\n"
    assert result.stderr.startswith(
        'Exception calling "ShouldProcess" with "2" argument(s): "Windows PowerShell is in '
        'NonInteractive mode. Read and Prompt functionality is not available."\n'
        f"At {path}:3 char:9\n")
    assert msolsh("-File", str(path)).stdout == "removed b\n"     # no terminal: the same


def test_product_cmdlets_take_pipeline_input_in_their_other_parameter_sets() -> None:
    result = msolsh("-c", "Connect-MsolService; "
                    "Get-MsolUser -All | Select-Object -First 2 | Get-MsolUser | ForEach-Object UserPrincipalName; "
                    "Get-ADUser -Filter * | Select-Object -First 2 | Get-ADUser | ForEach-Object SamAccountName; "
                    "Get-ADUser -Filter * | Select-Object -First 1 | Set-ADUser -Department X -WhatIf")
    assert result.stderr == ""
    assert result.stdout == (
        "admin@contoso.onmicrosoft.com\nbreakglass@contoso.onmicrosoft.com\nmegan.bowen\nnestor.wilke\n"
        'What if: Performing the operation "Set" on target '
        '"CN=Megan Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com".\n')


def test_the_built_in_tenant_is_read_when_first_needed() -> None:
    deferred = msolsh("-c", "(Get-Date).ToString('HH:mm:ss'); (Get-ADUser -Filter *).Count -gt 0")
    eager = msolsh("-Tenant", "contoso", "-c", "(Get-Date).ToString('HH:mm:ss'); (Get-ADUser -Filter *).Count -gt 0")
    assert deferred.stdout == eager.stdout == "09:03:00\nTrue\n"
    bad = msolsh("-Tenant", "no-such-tenant.yaml", "-c", "'never run'")
    assert bad.returncode == 1 and bad.stdout == ""          # a named fixture is read first
