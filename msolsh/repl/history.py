"""The line-editor history file, shared by every msolsh session of the user.

Lives at $XDG_STATE_HOME/msolsh/history (default ~/.local/state/msolsh/history), in
prompt_toolkit's FileHistory format. As PSReadLine's SaveIncrementally does, each accepted line
is appended at once, and lines other sessions appended are picked up before each new prompt.
Lines that look like they hold a secret stay in memory only (PSReadLine's default
AddToHistoryHandler). This is only the editor's recall; Get-History is the engine's.
Knows nothing of the session.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import AsyncGenerator, Iterable, List, Optional

from prompt_toolkit.history import FileHistory

SENSITIVE = re.compile(r"password|asplaintext|token|apikey|secret", re.IGNORECASE)


def history_path(environ: Optional[dict] = None) -> Path:
    """Where the history lives for this user."""
    env = os.environ if environ is None else environ
    state = env.get("XDG_STATE_HOME") or os.path.join(
        env.get("HOME") or os.path.expanduser("~"), ".local", "state")
    return Path(state) / "msolsh" / "history"


class SharedFileHistory(FileHistory):
    """FileHistory that also reads what other sessions appended since it last looked."""

    def __init__(self, filename: os.PathLike):
        super().__init__(filename)
        self._offset = 0

    def load_history_strings(self) -> Iterable[str]:
        return list(reversed(self._read_new()))

    async def load(self) -> AsyncGenerator[str, None]:
        if self._loaded:
            for line in self._read_new():
                self._loaded_strings.insert(0, line)
        async for item in super().load():
            yield item

    def store_string(self, string: str) -> None:
        if SENSITIVE.search(string):
            return
        foreign = self._read_new()
        for line in foreign:   # keep the line just accepted the newest
            self._loaded_strings.insert(1, line)
        try:
            super().store_string(string)
            self._offset = os.path.getsize(self.filename)
        except OSError:
            pass   # a read-only home must not stop the shell

    def _read_new(self) -> List[str]:
        """Entries appended to the file since the last read, oldest first."""
        try:
            with open(self.filename, "rb") as handle:
                handle.seek(self._offset)
                data = handle.read()
        except OSError:
            return []
        self._offset += len(data)
        return parse_entries(data.decode("utf-8", errors="replace"))


def parse_entries(text: str) -> List[str]:
    """FileHistory's format: '+'-prefixed lines make one entry; anything else separates."""
    entries: List[str] = []
    lines: List[str] = []
    for line in text.splitlines():
        if line.startswith("+"):
            lines.append(line[1:])
        elif lines:
            entries.append("\n".join(lines))
            lines = []
    if lines:
        entries.append("\n".join(lines))
    return entries


def open_history(path: Optional[Path] = None) -> Optional[SharedFileHistory]:
    """The shared history, creating its directory; None when it cannot be created."""
    path = path or history_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return SharedFileHistory(str(path))
