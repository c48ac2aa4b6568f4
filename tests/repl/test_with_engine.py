"""The REPL over the real runtime Session (MemoryHost), through prompt_toolkit's pipe input."""
import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from msolsh.repl.completer import MsolshCompleter
from msolsh.repl.session import Repl, run_repl
from msolsh.runtime.host import MemoryHost

Session = pytest.importorskip("msolsh.runtime.session").Session

ENTER, CTRL_D, TAB = "\r", "\x04", "\t"


@pytest.fixture
def engine():
    return Session(host=MemoryHost())


def drive(session, keys):
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        return run_repl(session, {"no_logo": True}, input=pipe, output=DummyOutput(),
                        history=InMemoryHistory())


def texts(session, text):
    doc = Document(text, len(text))
    return [c.text for c in MsolshCompleter(session).get_completions(doc, CompleteEvent())]


def test_output_and_exit_code(engine):
    assert drive(engine, "'hello'" + ENTER + "exit 7" + ENTER) == 7
    assert engine.host.text == "hello\n"


def test_get_history_sees_the_typed_lines(engine):
    drive(engine, "'one'" + ENTER + "Get-History | ForEach-Object CommandLine" + ENTER + CTRL_D)
    # as in pwsh, the running Get-History is not in its own list yet
    assert engine.host.text == "one\n'one'\n"


def test_variables_defined_at_the_prompt_complete_as_spelled(engine):
    repl = repl_typing(engine, "$tenantName = 'contoso'" + ENTER + CTRL_D)
    doc = Document("$tenantN", 8)
    assert [c.text for c in repl.completer.get_completions(doc, CompleteEvent())] == ["$tenantName"]
    assert texts(engine, "$tenantName.Len") == ["Length"]
    assert texts(engine, "$ErrorActionP") == ["$ErrorActionPreference"]
    assert texts(engine, "$env:COMPUTERN") == ["$env:COMPUTERNAME"]


def test_function_and_its_parameters_complete(engine):
    engine.run("function Get-Greeting { param([string]$Name, [switch]$Loud) 'hi ' + $Name }")
    assert texts(engine, "Get-Greet") == ["Get-Greeting"]
    assert texts(engine, "Get-Greeting -") == ["-Name", "-Loud"]
    assert texts(engine, "Get-Greeting -Loud -") == ["-Name"]


def test_standard_alias_resolves_for_parameters(engine):
    assert "-FilterScript" in texts(engine, "? -F")


def test_prompt_function_defines_the_prompt(engine):
    engine.run('function prompt { "msol> " }')
    repl = Repl(engine, {"no_logo": True}, output=DummyOutput(), history=InMemoryHistory())
    assert repl._message() == [("", "msol> ")]


def repl_typing(engine, keys):
    """A Repl that has read `keys` (ending the loop), for looking at its state after."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        repl = Repl(engine, {"no_logo": True}, input=pipe, output=DummyOutput(),
                    history=InMemoryHistory())
        pipe.send_text(keys)
        pipe.close()
        repl.loop()
    return repl


def test_prompt_is_red_after_a_failure(engine):
    repl = repl_typing(engine, "Get-NoSuchThing" + ENTER + CTRL_D)
    assert repl.last_failed
    assert repl._message() == [("", "PS"), ("class:prompt.error", "> ")]
    assert "Get-NoSuchThing" in engine.host.errors


def test_f1_shows_help_for_the_command_under_the_cursor(engine):
    helped = []
    Repl.run_help, original = (lambda self, text: helped.append(text)), Repl.run_help
    try:
        repl_typing(engine, "Get-Command -Name x" + "\x1bOP" + "\x03" + CTRL_D)   # F1, Ctrl+C
    finally:
        Repl.run_help = original
    assert helped == ["Get-Help Get-Command"]


def test_alt_h_shows_parameter_help(engine):
    helped = []
    Repl.run_help, original = (lambda self, text: helped.append(text)), Repl.run_help
    try:
        repl_typing(engine, "Get-Command -Name x" + "\x1bh" + "\x03" + CTRL_D)
    finally:
        Repl.run_help = original
    assert helped == ["Get-Help Get-Command -Parameter Name"]


def test_help_runs_through_the_session(engine):
    repl = Repl(engine, {"no_logo": True}, output=DummyOutput(), history=InMemoryHistory())
    repl.run_help("Get-Help Get-Command")
    assert "Get-Command" in engine.host.output and engine.host.errors == ""


def test_f2_toggles_the_toolbar(engine):
    repl = repl_typing(engine, "\x1bOQ" + CTRL_D)   # F2
    assert repl.prompt.bottom_toolbar is None and repl.show_toolbar is False


def test_get_help_name_completes_commands_and_about_topics(engine):
    assert texts(engine, "Get-Help about_ms") == ["about_msolsh"]
    assert texts(engine, "help Get-Comm") == ["Get-Command"]
    assert texts(engine, "Get-Command -Name Where-O") == ["Where-Object"]
