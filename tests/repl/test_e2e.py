"""End to end: the real `python -m msolsh` in a pseudo-terminal, typed at like a user would.

Colour is off (NO_COLOR) so the screen text can be matched; prompt_toolkit's cursor-position
request is off because pexpect is not a terminal that answers it.
"""
import os
import re
import subprocess
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

PROMPT = "PS"          # then the tenant (if any) and '>'; the trailing space is cursor movement
TIMEOUT = 15


SPAWNED = []


@pytest.fixture
def home(tmp_path):
    """A fresh HOME; any shell a failing test left running is ended afterwards."""
    yield tmp_path
    while SPAWNED:
        child = SPAWNED.pop()
        if child.isalive():
            child.terminate(force=True)


def spawn(home, flags, env):
    child = pexpect.spawn(sys.executable, ["-m", "msolsh", "-NoProfile", *flags], env=env,
                          encoding="utf-8", timeout=TIMEOUT, dimensions=(30, 160), cwd=str(home))
    SPAWNED.append(child)
    return child


def environment(home):
    env = dict(os.environ, HOME=str(home), XDG_STATE_HOME=str(home / "state"), TERM="xterm",
               NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("XDG_CONFIG_HOME", None)
    return env


def start(home, *flags):
    child = spawn(home, flags, environment(home))
    child.expect(r"PS[^\r\n]*>")
    return child


def expect_output(child, text):
    """A line of output (the echo of the typed line has quotes or more after the text)."""
    child.expect(re.escape(text) + "\r\n")


def finish(child):
    child.send("exit 0\r")
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_banner_then_exit_code(home):
    child = start(home)
    assert "Connect-MsolService" in child.before
    child.send("exit 4\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 4


def test_no_logo_hides_the_banner(home):
    child = start(home, "-NoLogo")
    assert "Connect-MsolService" not in child.before
    assert finish(child) == 0


def test_tab_completes_a_cmdlet_name(home):
    child = start(home, "-NoLogo")
    child.send("Write-Outp\t 'cmdlet-done'\r")
    child.expect("Write-Output 'cmdlet-done'")
    expect_output(child, "cmdlet-done")
    assert finish(child) == 0


def test_tab_completes_a_parameter_name(home):
    child = start(home, "-NoLogo")
    child.send("Write-Output -NoEnum\t 'param-done'\r")
    child.expect("Write-Output -NoEnumerate 'param-done'")
    expect_output(child, "param-done")
    assert finish(child) == 0


def test_tab_completes_a_upn(home):
    upn = first_upn(home)
    child = start(home, "-NoLogo")
    child.send("Connect-MsolService\r")
    child.expect(r"PS[^\r\n]*>")
    child.send(f"Get-MsolUser -UserPrincipalName {upn[:-3]}\t | Select-Object -ExpandProperty UserPrincipalName\r")
    child.expect(re.escape(f"-UserPrincipalName {upn}"))
    expect_output(child, upn)
    assert finish(child) == 0


def test_tab_completes_a_validate_set_value_of_a_function(home):
    child = start(home, "-NoLogo")
    child.send("function Set-Upn { param([ValidateSet('adele.vance@contoso.com', "
               "'alex.wilber@contoso.com')][string]$User) \"set $User\" }\r")
    child.expect(r"PS[^\r\n]*>")
    child.send("Set-Upn -User ale\t\r")
    expect_output(child, "set alex.wilber@contoso.com")
    assert finish(child) == 0


def first_upn(home):
    script = ("Connect-MsolService; Get-MsolUser -All | Sort-Object UserPrincipalName | "
              "Select-Object -First 1 -ExpandProperty UserPrincipalName")
    done = subprocess.run([sys.executable, "-m", "msolsh", "-NoProfile", "-Command", script],
                          env=environment(home), capture_output=True, text=True, timeout=60)
    upn = done.stdout.strip()
    if done.returncode != 0 or "@" not in upn:
        pytest.skip("no Get-MsolUser with a user in the default tenant yet")
    return upn


def test_multi_line_input_continues_with_chevrons(home):
    child = start(home, "-NoLogo")
    child.send("if ($true) {\r")
    child.expect(">>")
    child.send("'multi' + '-line'\r")
    child.expect(">>")
    child.send("}\r")
    expect_output(child, "multi-line")
    assert finish(child) == 0


def test_ctrl_c_stops_a_long_loop_and_the_prompt_returns(home):
    child = start(home, "-NoLogo")
    child.send("while ($true) { $i++ }\r")
    child.expect(re.escape("{ $i++ }"))
    time.sleep(0.5)
    child.sendintr()
    child.expect(r"PS[^\r\n]*>")
    child.send('"count=$($i -gt 0)"\r')
    child.expect("count=True")
    assert finish(child) == 0


def test_history_is_shared_across_runs(home):
    child = start(home, "-NoLogo")
    child.send("'remember-me' + '-please'\r")
    expect_output(child, "remember-me-please")
    assert finish(child) == 0
    assert (home / "state" / "msolsh" / "history").exists()

    child = start(home, "-NoLogo")
    child.send("'remember")
    child.send("\x1b[A")            # Up: prefix search in the history
    child.send("\r")
    expect_output(child, "remember-me-please")
    assert finish(child) == 0


def test_get_history_lists_what_was_typed(home):
    child = start(home, "-NoLogo")
    child.send("'one'\r")
    expect_output(child, "one")
    child.send("Get-History | Select-Object -ExpandProperty CommandLine\r")
    expect_output(child, "'one'")
    assert finish(child) == 0


def test_colour_on_a_terminal_and_off_with_no_color(home):
    env = environment(home)
    env.pop("NO_COLOR")
    child = spawn(home, ["-NoLogo"], env)
    child.expect(r"PS[^\r\n]*>")
    child.send("Write-Output 'x'")
    child.expect(r"\x1b\[[0-9;]*93m" + "Write-Output")      # commands in bright yellow
    child.send("\r")
    assert finish(child) == 0

    child = start(home, "-NoLogo")
    child.send("Write-Output 'y'\r")
    expect_output(child, "y")
    assert "93m" not in child.before
    assert finish(child) == 0


def test_toolbar_appears_when_the_terminal_reports_the_cursor(home):
    env = environment(home)
    env.pop("PROMPT_TOOLKIT_NO_CPR")   # answer the cursor-position request like a terminal
    child = spawn(home, ["-NoLogo"], env)
    child.expect(r"\x1b\[6n")
    child.send("\x1b[1;1R")
    child.expect(r"F2 hides")
    line = child.before.rsplit("\n", 1)[-1]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  \|  ", line)   # the simulated clock
    assert finish(child) == 0


def test_f1_and_alt_h_show_help_above_the_line(home):
    child = start(home, "-NoLogo")
    child.send("Get-Command -Name x")
    child.send("\x1bOP")                     # F1
    child.expect("SYNOPSIS")
    child.send("\x1bh")                      # Alt+H: the parameter under the cursor
    child.expect(re.escape("-Name <String[]>"))
    child.send("\x03")                       # Ctrl+C drops the line
    assert finish(child) == 0
