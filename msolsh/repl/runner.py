"""Running what the user typed, for the REPL: one place that talks to session.run.

The runtime session runs the text and renders output and errors itself. This turns what
happens into an Outcome (did it succeed, did it ask to exit with a code), stops a command on
Ctrl+C (KeyboardInterrupt) and keeps an engine bug from ending the shell with a traceback.
Knows nothing of prompt_toolkit or the tenant.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Optional


@dataclass
class Outcome:
    success: bool
    exit_code: Optional[int] = None


def record_history(session: Any, text: str) -> None:
    """Add the input to the engine's history (Get-History), as pwsh does before running it."""
    history = getattr(session, "history", None)
    if isinstance(history, list):
        history.append(text)


def run_input(session: Any, text: str) -> Outcome:
    """Run one input; Ctrl+C stops it and counts as a failure, as in pwsh."""
    try:
        result = session.run(text)
    except KeyboardInterrupt:
        _write(session, "\n")
        return Outcome(False)
    except SystemExit as leave:
        return Outcome(True, _code(leave.code))
    except Exception as error:
        if type(error).__name__ == "ExitSignal":
            return Outcome(True, _code(getattr(error, "code", 0)))
        _write(session, f"msolsh: internal error: {type(error).__name__}: {error}\n", error=True)
        return Outcome(False)
    if getattr(result, "interrupted", False):
        _write(session, "\n")
    return _outcome(result)


def _outcome(result: Any) -> Outcome:
    if result is None:
        return Outcome(True)
    exit_code = None
    for name in ("exit_code", "exitcode"):
        value = getattr(result, name, None)
        if value is not None:
            exit_code = value
            break
    if exit_code is not None and not getattr(result, "exited", True):
        exit_code = None
    return Outcome(bool(getattr(result, "success", True)), _code(exit_code))


def _code(value: Any) -> Optional[int]:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1


def call_function(session: Any, name: str) -> str:
    """The output of a user function as text (the prompt function); '' when it fails."""
    invoke = getattr(session, "invoke", None) or getattr(session, "evaluate", None)
    if invoke is None:
        return ""
    try:
        values = invoke(name)
    except BaseException:   # includes Ctrl+C inside the prompt function
        return ""
    if values is None:
        return ""
    if isinstance(values, (list, tuple)):
        return "".join(str(v) for v in values if v is not None)
    return str(values)


def _write(session: Any, text: str, error: bool = False) -> None:
    host = getattr(session, "host", None)
    if host is not None:
        (host.write_error_text if error and hasattr(host, "write_error_text") else host.write)(text)
    else:
        (sys.stderr if error else sys.stdout).write(text)
