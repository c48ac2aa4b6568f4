"""The host: where text goes and where prompts come from.

The runtime writes through a Host, never to sys.stdout directly, so the same session runs in a
terminal, in a script, in the REPL and in tests. StreamHost writes to two text streams (stdout
and stderr); MemoryHost records everything in order, as a console would show it, and answers
prompts from a list. Nothing here knows the language or the tenant; no prompt_toolkit here.
"""
from __future__ import annotations

import sys
from typing import IO, List, Optional, Sequence, Tuple

# ANSI colours for the console colour names Write-Host accepts.
ANSI = {
    "black": "30", "darkblue": "34", "darkgreen": "32", "darkcyan": "36", "darkred": "31",
    "darkmagenta": "35", "darkyellow": "33", "gray": "37", "darkgray": "90", "blue": "94",
    "green": "92", "cyan": "96", "red": "91", "magenta": "95", "yellow": "93", "white": "97",
}


class PromptUnavailable(Exception):
    """A prompt was needed but the host cannot ask anyone (pwsh -NonInteractive, no terminal)."""


class Host:
    """The interface the runtime uses. Subclasses implement _out/_err and the prompts."""

    name = "msolsh"
    interactive = False
    colour = False
    width = 80

    # -- output ---------------------------------------------------------------------------
    def write(self, text: str) -> None:
        self._out(text)

    def write_line(self, text: str = "") -> None:
        self._out(text + "\n")

    def write_host(self, text: str, foreground: Optional[str] = None,
                   background: Optional[str] = None, newline: bool = True) -> None:
        self._out(self.paint(text, foreground) + ("\n" if newline else ""))

    def write_error_text(self, text: str) -> None:
        """A rendered error record (already laid out, ends with its blank line)."""
        self._err(self.paint(text, "red"))

    def write_warning(self, message: str) -> None:
        self._out(self.paint(f"WARNING: {message}", "yellow") + "\n")

    def write_verbose(self, message: str) -> None:
        self._out(self.paint(f"VERBOSE: {message}", "yellow") + "\n")

    def write_debug(self, message: str) -> None:
        self._out(self.paint(f"DEBUG: {message}", "yellow") + "\n")

    def paint(self, text: str, colour: Optional[str]) -> str:
        code = ANSI.get((colour or "").lower()) if self.colour else None
        return f"\x1b[{code}m{text}\x1b[0m" if code and text else text

    def clear(self) -> None:
        if self.colour:
            self._out("\x1b[2J\x1b[H")

    # -- input ----------------------------------------------------------------------------
    def prompt_line(self, prompt: str) -> Optional[str]:
        """Show `prompt` and read one line; None when there is no input (end of file)."""
        return None

    def prompt_choice(self, caption: str, message: str,
                      choices: Sequence[Tuple[str, str]], default: int) -> int:
        """pwsh's PromptForChoice: choices are (label with &hotkey, help). Returns an index."""
        labels = [label for label, _ in choices]
        self.write_line(caption)
        self.write_line(message)
        line = "  ".join(f"[{_hotkey(l)}] {l.replace('&', '')}" for l in labels)
        while True:
            answer = self.prompt_line(f'{line}  [?] Help (default is "{_hotkey(labels[default])}"): ')
            if answer is None:
                return default
            answer = answer.strip()
            if answer == "":
                return default
            if answer == "?":
                for label, help_text in choices:
                    self.write_line(f"{_hotkey(label)} - {help_text}")
                continue
            for index, label in enumerate(labels):
                if answer.lower() in (_hotkey(label).lower(), label.replace("&", "").lower()):
                    return index

    def _out(self, text: str) -> None:
        raise NotImplementedError

    def _err(self, text: str) -> None:
        self._out(text)


def _hotkey(label: str) -> str:
    at = label.find("&")
    return label[at + 1].upper() if 0 <= at < len(label) - 1 else label[:1].upper()


class StreamHost(Host):
    """Scripts and -Command: output to stdout, errors to stderr; prompts read stdin."""

    def __init__(self, out: Optional[IO[str]] = None, err: Optional[IO[str]] = None,
                 inp: Optional[IO[str]] = None, interactive: bool = False,
                 colour: Optional[bool] = None, width: Optional[int] = None):
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.inp = inp or sys.stdin
        self.interactive = interactive
        is_tty = _isatty(self.out)
        self.colour = is_tty if colour is None else colour
        self.width = width or (_terminal_width() if is_tty else 80)

    def _out(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()

    def _err(self, text: str) -> None:
        self.out.flush()
        self.err.write(text)
        self.err.flush()

    def prompt_choice(self, caption: str, message: str,
                      choices: Sequence[Tuple[str, str]], default: int) -> int:
        if not self.interactive:     # pwsh refuses rather than assume the default answer
            raise PromptUnavailable(message)
        return super().prompt_choice(caption, message, choices, default)

    def prompt_line(self, prompt: str) -> Optional[str]:
        if not self.interactive:
            return None
        self._out(prompt)
        line = self.inp.readline()
        return line.rstrip("\n") if line else None


class MemoryHost(Host):
    """For tests: everything in one ordered transcript, answers to prompts from a list; a
    choice prompt with no answer left takes its default (tests rely on that)."""

    def __init__(self, answers: Sequence[str] = (), interactive: bool = False, width: int = 80):
        self.parts: List[Tuple[str, str]] = []   # (stream, text)
        self.answers = list(answers)
        self.interactive = interactive or bool(answers)
        self.width = width

    def _out(self, text: str) -> None:
        self.parts.append(("out", text))

    def _err(self, text: str) -> None:
        self.parts.append(("err", text))

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.parts)

    @property
    def output(self) -> str:
        return "".join(text for stream, text in self.parts if stream == "out")

    @property
    def errors(self) -> str:
        return "".join(text for stream, text in self.parts if stream == "err")

    def clear_transcript(self) -> None:
        self.parts.clear()

    def prompt_line(self, prompt: str) -> Optional[str]:
        if not self.answers:
            return None
        answer = self.answers.pop(0)
        self._out(prompt + answer + "\n")
        return answer


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_width() -> int:
    import shutil
    return shutil.get_terminal_size((80, 24)).columns
