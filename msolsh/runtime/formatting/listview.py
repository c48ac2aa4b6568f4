"""List layout: `Name : Value` lines for one record.

Labels are padded to the record's longest label; a value longer than the line continues on
the next lines under the value column, as pwsh wraps list values (it never cuts them).
Pure: (label, text) pairs in, lines out.
"""
from __future__ import annotations

from typing import List, Sequence, Tuple

from msolsh.runtime.formatting.table import _wrap_line


def render_list(entries: Sequence[Tuple[str, str]], available: int) -> List[str]:
    if not entries:
        return []
    label_width = max(len(label) for label, _ in entries)
    indent = " " * (label_width + 3)
    room = max(available - len(indent), 10)
    lines: List[str] = []
    for label, text in entries:
        pieces: List[str] = []
        for line in text.split("\n"):
            pieces.extend(_wrap_line(line, room) if len(line) > room else [line])
        lines.append(f"{label.ljust(label_width)} : {pieces[0]}".rstrip())
        lines.extend((indent + piece).rstrip() for piece in pieces[1:])
    return lines
