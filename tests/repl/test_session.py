"""The REPL loop driven through prompt_toolkit's pipe input, with a scripted session."""
import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from msolsh.repl.prompt import BANNER, prompt_fragments
from msolsh.repl.session import colour_wanted, run_repl
from msolsh.runtime.host import MemoryHost

from .conftest import ScriptedSession

ENTER = "\r"
ALT_ENTER = "\x1b\r"
TAB = "\t"
CTRL_C = "\x03"
CTRL_D = "\x04"


def drive(keys, session=None, no_logo=True, history=None):
    """Type `keys` into a REPL over `session`; returns (exit code, session)."""
    session = session or ScriptedSession(MemoryHost())
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()   # end of input ends the loop even if a test's keys leave it waiting
        code = run_repl(session, {"no_logo": no_logo}, input=pipe, output=DummyOutput(),
                        history=history or InMemoryHistory())
    return code, session


def test_runs_each_line_and_exits_with_the_code():
    code, session = drive("Get-MsolUser" + ENTER + "exit 3" + ENTER)
    assert code == 3
    assert session.ran == ["Get-MsolUser", "exit 3"]
    assert session.host.text == "ran Get-MsolUser\n"


def test_ctrl_d_on_empty_line_exits_zero():
    code, session = drive("x" + ENTER + CTRL_D)
    assert (code, session.ran) == (0, ["x"])


def test_ctrl_d_with_text_deletes_instead_of_exiting():
    code, session = drive("ab\x02" + CTRL_D + ENTER + CTRL_D)   # Ctrl+B back one, delete 'b'
    assert session.ran == ["a"]


def test_ctrl_c_cancels_the_line():
    code, session = drive("Remove-MsolUser" + CTRL_C + "Get-X" + ENTER + CTRL_D)
    assert session.ran == ["Get-X"]


def test_blank_lines_are_not_run():
    code, session = drive(ENTER + "   " + ENTER + CTRL_D)
    assert session.ran == []


def test_unclosed_brace_continues_until_closed():
    code, session = drive("if ($true) {" + ENTER + "  'yes'" + ENTER + "}" + ENTER + CTRL_D)
    assert session.ran == ["if ($true) {\n  'yes'\n}"]


def test_trailing_pipe_continues():
    code, session = drive("Get-MsolUser |" + ENTER + "Select-Object -First 1" + ENTER + CTRL_D)
    assert session.ran == ["Get-MsolUser |\nSelect-Object -First 1"]


def test_alt_enter_inserts_a_newline():
    code, session = drive("'a'" + ALT_ENTER + "'b'" + ENTER + CTRL_D)
    assert session.ran == ["'a'\n'b'"]


def test_shift_enter_sequence_inserts_a_newline():
    code, session = drive("'a'" + "\x1b[13;2u" + "'b'" + ENTER + CTRL_D)
    assert session.ran == ["'a'\n'b'"]


def test_tab_completes_a_cmdlet_in_place():
    code, session = drive("Start-ADSync" + TAB + ENTER + CTRL_D)
    assert session.ran == ["Start-ADSyncSyncCycle"]


def test_tab_cycles_through_candidates():
    code, session = drive("Get-Msol" + TAB + TAB + ENTER + CTRL_D)
    assert session.ran == ["Get-MsolUser"]


def test_tab_completes_parameter_and_value():
    keys = "Start-ADSyncSyncCycle -Pol" + TAB + " " + TAB + TAB + ENTER + CTRL_D
    code, session = drive(keys)
    assert session.ran == ["Start-ADSyncSyncCycle -PolicyType Initial"]


def test_tab_completes_a_upn():
    code, session = drive("Get-MsolUser -UserPrincipalName gr" + TAB + ENTER + CTRL_D)
    assert session.ran == ["Get-MsolUser -UserPrincipalName grady.archie@contoso.com"]


def test_up_arrow_searches_history_by_prefix():
    history = InMemoryHistory()
    for line in ("Get-MsolUser -All", "Start-ADSyncSyncCycle", "Get-ADUser x"):
        history.append_string(line)
    code, session = drive("Get-M" + "\x1b[A" + ENTER + CTRL_D, history=history)
    assert session.ran == ["Get-MsolUser -All"]


def test_right_arrow_accepts_the_history_suggestion():
    history = InMemoryHistory()
    history.append_string("Start-ADSyncSyncCycle -PolicyType Delta")
    code, session = drive("Start-AD" + "\x1b[C" + ENTER + CTRL_D, history=history)
    assert session.ran == ["Start-ADSyncSyncCycle -PolicyType Delta"]


def test_ctrl_c_interrupts_a_running_command_and_the_loop_goes_on():
    code, session = drive("interrupt" + ENTER + "after" + ENTER + CTRL_D)
    assert session.ran == ["interrupt", "after"]
    assert session.host.text == "\nran after\n"


def test_engine_bug_is_reported_without_a_traceback():
    code, session = drive("crash" + ENTER + CTRL_D)
    assert session.host.errors == "msolsh: internal error: ZeroDivisionError: division by zero\n"
    assert code == 0


def test_banner_unless_no_logo():
    code, session = drive(CTRL_D, no_logo=False)
    assert session.host.text == BANNER
    code, session = drive(CTRL_D, no_logo=True)
    assert session.host.text == ""


def test_banner_names_the_first_commands():
    for command in ("Connect-MsolService", "Get-Help about_msolsh", "Start-ADSyncSyncCycle"):
        assert command in BANNER


def test_prompt_turns_red_only_after_a_failure():
    assert prompt_fragments("PS contoso> ", False) == [("", "PS contoso> ")]
    assert prompt_fragments("PS contoso> ", True) == [("", "PS contoso"),
                                                      ("class:prompt.error", "> ")]
    assert prompt_fragments("$ ", True) == [("class:prompt.error", "$ ")]


@pytest.mark.parametrize("env, expected", [({}, True), ({"NO_COLOR": "1"}, False),
                                           ({"NO_COLOR": ""}, True)])
def test_no_color(env, expected):
    assert colour_wanted(output=DummyOutput(), environ=env) is expected


def test_ctrl_r_searches_history_backwards():
    history = InMemoryHistory()
    for line in ("Start-ADSyncSyncCycle -PolicyType Delta", "Get-MsolUser -All"):
        history.append_string(line)
    # Ctrl+R, type 'Sync', Enter ends the search keeping the match, Enter runs it
    code, session = drive("\x12" + "Sync" + ENTER + ENTER + CTRL_D, history=history)
    assert session.ran == ["Start-ADSyncSyncCycle -PolicyType Delta"]


def test_shift_tab_cycles_backwards():
    code, session = drive("Get-Msol" + "\x1b[Z" + ENTER + CTRL_D)
    assert session.ran == ["Get-MsolUser"]


def test_prompt_shows_the_tenant_from_the_status_provider():
    session = ScriptedSession(MemoryHost())
    from msolsh.repl.prompt import prompt_text
    assert prompt_text(session) == "PS contoso.onmicrosoft.com> "


def test_ctrl_space_shows_the_menu_then_tab_picks():
    code, session = drive("Get-Msol" + "\x00" + TAB + ENTER + CTRL_D)
    assert session.ran == ["Get-MsolGroup"]


def test_ctrl_space_then_enter_runs_what_was_typed():
    code, session = drive("Get-Msol" + "\x00" + ENTER + CTRL_D)
    assert session.ran == ["Get-Msol"]


def test_output_that_is_not_a_terminal_turns_colour_off():
    # under pytest, standard output is captured: not a terminal
    assert colour_wanted(output=None, environ={}) is False


def test_ctrl_z_undoes_the_last_edit():
    # the completion is one edit: undo it to get back what was typed
    code, session = drive("Start-ADSync" + TAB + "\x1a" + ENTER + CTRL_D)
    assert session.ran == ["Start-ADSync"]
