"""The toolbar, history file, colouring, prompt and key helpers, each on its own."""
from datetime import datetime, timedelta

from msolsh.repl.history import SharedFileHistory, history_path, open_history, parse_entries
from msolsh.repl.keys import command_under_cursor, parameter_under_cursor
from msolsh.repl.lexer import PowerShellColourLexer
from msolsh.repl.prompt import prompt_text
from msolsh.repl.toolbar import format_duration, toolbar, toolbar_text


class Status:
    def __init__(self, status=None, error=False):
        self._status, self._error = status, error

    def status(self):
        if self._error:
            raise RuntimeError("tenant not loaded")
        return self._status


FULL = {"tenant": "contoso.onmicrosoft.com", "time": datetime(2026, 1, 5, 9, 30),
        "next_sync": timedelta(minutes=29, seconds=5), "staging": False, "sync_errors": 0,
        "export_errors": 2, "validation_errors": 1, "scenario": "duplicate-upn",
        "objectives": (1, 3)}


# -- toolbar ---------------------------------------------------------------------------------
def test_toolbar_shows_everything_the_provider_gives():
    assert toolbar_text(Status(FULL)) == (
        " contoso.onmicrosoft.com  |  2026-01-05 09:30:00  |  next sync in 29m 05s  |  "
        "staging off  |  errors: sync 0, export 2, validation 1  |  "
        "duplicate-upn: objectives 1/3  |  F2 hides")


def test_toolbar_marks_non_zero_error_counts_and_staging():
    fragments = toolbar(Status(dict(FULL, staging=True)))
    alerts = [text for style, text in fragments if style.endswith(".alert")]
    assert alerts == ["STAGING MODE", "export 2", "validation 1"]


def test_toolbar_without_provider_or_with_a_failing_one():
    assert toolbar_text(object()) == " F2 hides"
    assert toolbar_text(Status(error=True)) == " F2 hides"
    assert toolbar_text(Status({"next_sync": None})) == " sync scheduler disabled  |  F2 hides"


def test_durations():
    assert [format_duration(x) for x in (0, 59, 61, 3600 + 120, timedelta(minutes=30), -5, "soon")] \
        == ["0s", "59s", "1m 01s", "1h 02m", "30m 00s", "0s", "soon"]


# -- history ---------------------------------------------------------------------------------
def test_history_path_follows_xdg_state_home(tmp_path):
    assert history_path({"XDG_STATE_HOME": "/x/state", "HOME": "/h"}) == \
        __import__("pathlib").Path("/x/state/msolsh/history")
    assert str(history_path({"HOME": "/h"})) == "/h/.local/state/msolsh/history"


def _load(history):
    import asyncio

    async def collect():
        return [item async for item in history.load()]
    return asyncio.run(collect())


def test_history_is_shared_between_two_open_sessions(tmp_path):
    path = tmp_path / "state" / "msolsh" / "history"
    first, second = open_history(path), open_history(path)
    assert _load(first) == [] and _load(second) == []
    first.append_string("Get-MsolUser -All")
    second.append_string("Start-ADSyncSyncCycle")
    assert _load(first) == ["Start-ADSyncSyncCycle", "Get-MsolUser -All"]
    assert _load(SharedFileHistory(str(path))) == ["Start-ADSyncSyncCycle", "Get-MsolUser -All"]


def test_multi_line_entries_and_secrets(tmp_path):
    history = open_history(tmp_path / "h")
    history.append_string("if ($x) {\n  1\n}")
    history.append_string("$p = ConvertTo-SecureString 'x' -AsPlainText -Force")
    assert _load(SharedFileHistory(str(tmp_path / "h"))) == ["if ($x) {\n  1\n}"]


def test_parse_entries():
    assert parse_entries("\n# date\n+a\n+b\n\n# date\n+c\n") == ["a\nb", "c"]


# -- colouring -------------------------------------------------------------------------------
def colours(text):
    return [(style.replace("class:ps.", ""), piece) for style, piece in
            PowerShellColourLexer().fragments(text) if piece.strip()]


def test_psreadline_palette_kinds():
    assert colours("Get-MsolUser -All | ? { $_.Name -eq 'a' } # why") == [
        ("command", "Get-MsolUser"), ("parameter", "-All"), ("operator", "|"), ("command", "?"),
        ("", "{"), ("variable", "$_"), ("", "."), ("member", "Name"), ("operator", "-eq"),
        ("string", "'a'"), ("", "}"), ("comment", "# why")]


def test_user_commands_and_numbers():
    assert colours("foo 42; $x = Start-ADSyncSyncCycle Delta") == [
        ("command", "foo"), ("number", "42"), ("", ";"), ("variable", "$x"), ("operator", "="),
        ("command", "Start-ADSyncSyncCycle"), ("", "Delta")]


def test_keywords_and_lines():
    lexer = PowerShellColourLexer()
    from prompt_toolkit.document import Document
    line = lexer.lex_document(Document("if ($a) {\n  Get-X\n}"))
    assert line(0)[0] == ("class:ps.keyword", "if")
    assert ("class:ps.command", "Get-X") in line(1)
    assert line(5) == []


# -- prompt ----------------------------------------------------------------------------------
class PromptSession:
    def __init__(self, functions=None, status=None):
        self.functions = functions or {}
        self._status = status

    def status(self):
        return self._status or {}

    def invoke(self, text):
        return ["[", "custom", "]> "]


def test_default_prompt_names_the_tenant():
    assert prompt_text(PromptSession(status={"tenant": "contoso"})) == "PS contoso> "
    assert prompt_text(PromptSession()) == "PS> "


def test_user_prompt_function_wins():
    assert prompt_text(PromptSession({"prompt": object()}, {"tenant": "contoso"})) == "[custom]> "


# -- key helpers -----------------------------------------------------------------------------
def test_command_under_cursor_for_f1():
    text = "Get-MsolUser -All | Where-Object { $_.X }"
    assert command_under_cursor(text, 3) == "Get-MsolUser"
    assert command_under_cursor(text, 15) == "Get-MsolUser"
    assert command_under_cursor(text, 24) == "Where-Object"
    assert command_under_cursor("", 0) is None


def test_parameter_under_cursor_for_alt_h():
    text = "Start-ADSyncSyncCycle -PolicyType Delta"
    assert parameter_under_cursor(text, 25) == ("Start-ADSyncSyncCycle", "PolicyType")
    assert parameter_under_cursor(text, 37) == ("Start-ADSyncSyncCycle", "PolicyType")
    assert parameter_under_cursor(text, 5) is None


def test_prompt_falls_back_on_the_tenant_initial_domain():
    session = type("Bare", (), {"functions": {}})()   # no status provider
    session.tenant = type("Tenant", (), {"initial_domain": "fabrikam.onmicrosoft.com"})()
    assert prompt_text(session) == "PS fabrikam.onmicrosoft.com> "


def test_toolbar_without_provider_reads_the_session_clock_and_tenant():
    class Clock:
        def now(self):
            return datetime(2026, 1, 5, 9, 0)

    class Bare:
        clock = Clock()
        tenant = type("Tenant", (), {"initial_domain": "contoso.onmicrosoft.com"})()
    assert toolbar_text(Bare()) == " contoso.onmicrosoft.com  |  2026-01-05 09:00:00  |  F2 hides"


def test_banner_from_the_session_when_set():
    from msolsh.repl.prompt import BANNER, banner
    session = type("S", (), {})()
    assert banner(session) == BANNER
    session.banner = lambda: "Welcome to fabrikam\n"
    assert banner(session) == "Welcome to fabrikam\n\n"
    session.banner = lambda: 1 / 0
    assert banner(session) == BANNER
