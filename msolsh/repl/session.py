"""The interactive loop: `run_repl(session, options) -> exit code`.

Wires a prompt_toolkit PromptSession (colouring, completion, key bindings, history, toolbar) to
the runtime session, which does all the work: `session.run(text)` runs one input, renders its
output and errors through `session.host`, and returns a result (its `success` colours the next
prompt; an `exit N` ends the loop with N). `options` may carry `no_logo`; anything it lacks
reads as the default. prompt_toolkit is imported only here and below, so scripts never load it.
Knows nothing of the tenant: its state reaches the toolbar through the status provider.
"""
from __future__ import annotations

import os
import shutil
import sys
from typing import Any, Optional

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.output import ColorDepth
from prompt_toolkit.shortcuts import CompleteStyle
from prompt_toolkit.styles import Style

from msolsh.repl.completer import MsolshCompleter
from msolsh.repl.history import open_history
from msolsh.repl.keys import key_bindings
from msolsh.repl.lexer import STYLE, PowerShellColourLexer
from msolsh.repl.prompt import banner, prompt_fragments, prompt_text
from msolsh.repl.runner import record_history, run_input
from msolsh.repl.toolbar import toolbar

CONTINUATION = ">> "


def run_repl(session: Any, options: Any = None, *, input: Any = None, output: Any = None,
             history: Any = None) -> int:
    """Run the interactive shell until `exit` or Ctrl+D; returns the process exit code.
    `input`/`output` (prompt_toolkit Input/Output) and `history` are for tests."""
    return Repl(session, options, input=input, output=output, history=history).loop()


def colour_wanted(output: Any = None, environ: Optional[dict] = None) -> bool:
    """NO_COLOR (any non-empty value, see no-color.org) or output that is not a terminal
    turns colour off."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if output is not None:
        return True   # a prompt_toolkit Output was given: the caller decided it is a screen
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _option(options: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(options, dict) and name in options:
            return options[name]
        if hasattr(options, name):
            return getattr(options, name)
    return default


class Repl:
    """The state the loop and the key bindings share."""

    def __init__(self, session: Any, options: Any = None, *, input: Any = None,
                 output: Any = None, history: Any = None):
        self.runtime = session
        self.options = options
        self.colour = colour_wanted(output)
        self.last_failed = False
        self._show_toolbar = True
        if not self.colour and getattr(session, "host", None) is not None:
            session.host.colour = False
        self.completer = MsolshCompleter(session)
        self.prompt = self._prompt_session(input, output, history)

    def _prompt_session(self, input: Any, output: Any, history: Any) -> PromptSession:
        if history is None:
            history = open_history() or InMemoryHistory()
        return PromptSession(
            multiline=True, prompt_continuation=CONTINUATION, history=history,
            lexer=PowerShellColourLexer() if self.colour else None,
            style=STYLE if self.colour else Style([]),
            include_default_pygments_style=False,
            color_depth=None if self.colour else ColorDepth.DEPTH_1_BIT,
            completer=self.completer, complete_while_typing=False,
            complete_style=CompleteStyle.MULTI_COLUMN, reserve_space_for_menu=6,
            auto_suggest=AutoSuggestFromHistory(), enable_history_search=True,
            key_bindings=key_bindings(self), bottom_toolbar=self._toolbar,
            input=input, output=output, erase_when_done=False)

    # -- the toolbar (F2) ---------------------------------------------------------------------
    @property
    def show_toolbar(self) -> bool:
        return self._show_toolbar

    @show_toolbar.setter
    def show_toolbar(self, value: bool) -> None:
        self._show_toolbar = value
        self.prompt.bottom_toolbar = self._toolbar if value else None

    def _toolbar(self) -> Any:
        return FormattedText(toolbar(self.runtime))

    # -- the loop -----------------------------------------------------------------------------
    def loop(self) -> int:
        if not _option(self.options, "no_logo", "nologo", "NoLogo", default=False):
            self._write(banner(self.runtime))
        while True:
            try:
                code = self.read_and_run()
            except KeyboardInterrupt:   # Ctrl+C between two prompts
                continue
            if code is not None:
                return code

    def read_and_run(self) -> Optional[int]:
        """One prompt and its command; the exit code when the shell should end."""
        try:
            text = self.prompt.prompt(self._message())
        except KeyboardInterrupt:
            return None
        except EOFError:
            return 0
        if not text.strip():
            return None
        self._fit_width()
        record_history(self.runtime, text)
        self.completer.learn(text)
        outcome = run_input(self.runtime, text)
        self.last_failed = not outcome.success
        return outcome.exit_code

    def _message(self) -> Any:
        text = prompt_text(self.runtime)
        return FormattedText(prompt_fragments(text, self.last_failed and self.colour))

    def run_help(self, command: str) -> None:
        """Run a Get-Help command for F1/Alt+H, its output above the prompt."""
        run_input(self.runtime, command)

    def _fit_width(self) -> None:
        host = getattr(self.runtime, "host", None)
        if host is None:
            return
        try:
            host.width = self.prompt.app.output.get_size().columns or host.width
        except Exception:   # some outputs cannot tell their size: keep the host's
            host.width = host.width or shutil.get_terminal_size().columns

    def _write(self, text: str) -> None:
        host = getattr(self.runtime, "host", None)
        if host is not None and hasattr(host, "write"):
            host.write(text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
