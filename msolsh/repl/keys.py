"""Key bindings: one small function per key, PSReadLine's Windows-mode keys on prompt_toolkit.

The functions are bound by `key_bindings(repl)`, where `repl` offers `runtime` (the runtime
session), `show_toolbar` (settable: F2 flips it) and `run_help(command)`, which runs a help
command above the prompt. Completion and history suggestion are computed synchronously here
(answers come from indexes), so keys typed right after Tab or Right see their result. Knows
nothing of the tenant.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.buffer import Buffer, CompletionState
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.filters import has_completions, has_focus
from prompt_toolkit.input.ansi_escape_sequences import ANSI_SEQUENCES
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys
from prompt_toolkit.search import SearchDirection, start_search

from msolsh.repl.scan import needs_more_input
from msolsh.repl.suggest import suggest

# Shift+Enter has no key of its own in prompt_toolkit; terminals that report it (xterm's
# modifyOtherKeys, the kitty/CSI-u protocol) send these. They are mapped to an unused key.
SHIFT_ENTER = Keys.F24
for _sequence in ("\x1b[13;2u", "\x1b[27;2;13~", "\x1b[13;2~"):
    ANSI_SEQUENCES.setdefault(_sequence, SHIFT_ENTER)

_NAME = re.compile(r"^[\w][\w.-]*$")


def input_is_complete(text: str) -> bool:
    """The Enter rule: accept unless only more input could fix the text (PSReadLine asks the
    parser the same question). Uses the language parser when present, else scan.py."""
    try:
        from msolsh.language.parser import parse
        from msolsh.language.errors import ParseException
    except ImportError:
        return not needs_more_input(text)
    try:
        parse(text)
    except ParseException as error:
        return not error.incomplete
    except Exception:   # a parser bug must not trap the user in continuation lines
        return not needs_more_input(text)
    return True


def accept_or_continue(event: KeyPressEvent) -> None:
    """Enter: run the input when it is complete, else start a '>> ' continuation line."""
    buffer = event.current_buffer
    buffer.complete_state = None   # a candidate chosen by Tab is already in the text
    if input_is_complete(buffer.text):
        buffer.validate_and_handle()
    else:
        buffer.insert_text("\n")


def insert_newline(event: KeyPressEvent) -> None:
    """Shift+Enter / Alt+Enter: a new line without running anything."""
    event.current_buffer.insert_text("\n")


def start_completion_now(buffer: Buffer, select: Optional[int]) -> None:
    """Compute the candidates synchronously (they come from indexes, so this is quick, and
    keys typed right after Tab then see the completed text); a single one is inserted."""
    event = CompleteEvent(completion_requested=True)
    completions = list(buffer.completer.get_completions(buffer.document, event))
    if len(completions) == 1:
        buffer.apply_completion(completions[0])
    elif completions:
        buffer.complete_state = CompletionState(buffer.document, completions)
        buffer.go_to_completion(len(completions) - 1 if select == -1 else select)


def tab_complete_next(event: KeyPressEvent) -> None:
    """Tab: complete in place, each further Tab cycles to the next candidate."""
    buffer = event.current_buffer
    if buffer.complete_state:
        buffer.complete_next()
    else:
        start_completion_now(buffer, 0)


def tab_complete_previous(event: KeyPressEvent) -> None:
    """Shift+Tab: cycle backwards through the candidates."""
    buffer = event.current_buffer
    if buffer.complete_state:
        buffer.complete_previous()
    else:
        start_completion_now(buffer, -1)


def menu_complete(event: KeyPressEvent) -> None:
    """Ctrl+Space: show every candidate in a menu without choosing one yet."""
    start_completion_now(event.current_buffer, None)


def cancel_line(event: KeyPressEvent) -> None:
    """Ctrl+C while editing: abandon the line (left on screen) and start a fresh prompt."""
    event.app.exit(exception=KeyboardInterrupt, style="class:aborting")


def exit_on_empty_line(event: KeyPressEvent) -> None:
    """Ctrl+D: leave the shell on an empty line, otherwise delete the character under the
    cursor (PSReadLine's DeleteCharOrExit)."""
    buffer = event.current_buffer
    if buffer.text:
        buffer.delete()
    else:
        event.app.exit(exception=EOFError, style="class:exiting")


def history_search_backward(event: KeyPressEvent) -> None:
    """Up: previous line of a multi-line input, else the previous history entry starting with
    what is typed before the cursor (prefix search)."""
    event.current_buffer.auto_up(count=event.arg)


def history_search_forward(event: KeyPressEvent) -> None:
    """Down: next line, else the next history entry with the same prefix."""
    event.current_buffer.auto_down(count=event.arg)


def reverse_search_history(event: KeyPressEvent) -> None:
    """Ctrl+R: incremental search backwards through the history."""
    start_search(direction=SearchDirection.BACKWARD)


def accept_suggestion_or_right(event: KeyPressEvent) -> None:
    """Right arrow: take the grey inline suggestion from history at the end of the line,
    else move right."""
    buffer = event.current_buffer
    at_end = buffer.document.is_cursor_at_the_end
    suggestion = buffer.suggestion
    if at_end and suggestion is None and buffer.auto_suggest is not None:
        # the suggestion is computed in the background; a fast typist may be ahead of it
        suggestion = buffer.auto_suggest.get_suggestion(buffer, buffer.document)
    if at_end and suggestion:
        buffer.insert_text(suggestion.text)
    else:
        buffer.cursor_position += buffer.document.get_cursor_right_position(count=event.arg)


def undo(event: KeyPressEvent) -> None:
    """Ctrl+Z: undo the last edit (PSReadLine's Windows-mode Undo)."""
    event.current_buffer.undo()


def command_under_cursor(text: str, cursor: int) -> Optional[str]:
    """The command whose name or arguments the cursor is on."""
    end = _word_end(text, cursor)
    wanted = suggest(text, end)
    name = wanted.word if wanted.kind == "command" else wanted.command
    return name if name and _NAME.match(name) else None


def parameter_under_cursor(text: str, cursor: int) -> Optional[tuple]:
    """(command, parameter) when the cursor is on a parameter name or its value."""
    wanted = suggest(text, _word_end(text, cursor))
    name = wanted.word if wanted.kind == "parameter" else wanted.parameter
    if wanted.kind in ("parameter", "value") and name and _NAME.match(name) \
            and _NAME.match(wanted.command):
        return wanted.command, name
    return None


def _word_end(text: str, cursor: int) -> int:
    while cursor < len(text) and not text[cursor].isspace() and text[cursor] not in "|;{}()":
        cursor += 1
    return cursor


def key_bindings(repl: Any) -> KeyBindings:
    """Every binding, wired to the REPL state `repl`."""
    bindings = KeyBindings()
    default = has_focus("DEFAULT_BUFFER")
    bindings.add("enter", filter=default)(accept_or_continue)
    bindings.add("escape", "enter", filter=default)(insert_newline)
    bindings.add(SHIFT_ENTER, filter=default)(insert_newline)
    bindings.add("tab", filter=default)(tab_complete_next)
    bindings.add("s-tab", filter=default)(tab_complete_previous)
    bindings.add("c-space", filter=default)(menu_complete)
    bindings.add("c-c", filter=default)(cancel_line)
    bindings.add("c-d", filter=default)(exit_on_empty_line)
    bindings.add("up", filter=default & ~has_completions)(history_search_backward)
    bindings.add("down", filter=default & ~has_completions)(history_search_forward)
    bindings.add("c-r", filter=default)(reverse_search_history)
    bindings.add("right", filter=default)(accept_suggestion_or_right)
    bindings.add("c-z", filter=default)(undo)

    @bindings.add("f1", filter=default)
    def show_command_help(event: KeyPressEvent) -> None:
        """F1: Get-Help for the command under the cursor, shown above the prompt."""
        doc = event.current_buffer.document
        name = command_under_cursor(doc.text, doc.cursor_position)
        if name:
            run_in_terminal(lambda: repl.run_help(f"Get-Help {name}"))

    @bindings.add("escape", "h", filter=default)
    def show_parameter_help(event: KeyPressEvent) -> None:
        """Alt+H: the help of the parameter under the cursor (Get-Help X -Parameter Y)."""
        doc = event.current_buffer.document
        found = parameter_under_cursor(doc.text, doc.cursor_position)
        if found:
            run_in_terminal(lambda: repl.run_help(f"Get-Help {found[0]} -Parameter {found[1]}"))

    @bindings.add("f2")
    def toggle_toolbar(event: KeyPressEvent) -> None:
        """F2: show or hide the bottom toolbar."""
        repl.show_toolbar = not repl.show_toolbar
        event.app.invalidate()

    return bindings

