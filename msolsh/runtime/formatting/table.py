"""Table layout: cell text in, lines out.

pwsh's rules: columns one space apart; a column is as wide as its fixed width or else its
widest header/cell (msolsh measures every row of one Out-Default call instead of pwsh's first
few, so a table never changes width mid-way); numbers right-aligned; the header underlined with
as many dashes as the header is long; columns that do not fit the line are dropped and the last
one that partly fits is narrowed; a cell too long for its column is cut with `...` (Windows
PowerShell 5.1's three dots), or wrapped onto more lines with -Wrap. Trailing spaces are trimmed.
Pure: knows nothing of records, views or the session.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence

ELLIPSIS = "..."
MIN_COLUMN = 4   # a column narrower than this is dropped rather than squeezed


@dataclass
class TableSpec:
    headers: List[str]
    aligns: List[str]                 # 'left' | 'right' | 'center'
    widths: List[Optional[int]]       # fixed widths; None: from the data
    wrap: bool = False
    hide_headers: bool = False


def truncate(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    if width <= len(ELLIPSIS):
        return text[:width]
    return text[:width - len(ELLIPSIS)] + ELLIPSIS


def align(text: str, width: int, how: str) -> str:
    if how == "right":
        return text.rjust(width)
    if how == "center":
        return text.center(width)
    return text.ljust(width)


def natural_widths(spec: TableSpec, rows: Sequence[Sequence[str]]) -> List[int]:
    widths = []
    for i, header in enumerate(spec.headers):
        fixed = spec.widths[i]
        if fixed:
            widths.append(fixed)
            continue
        longest = len(header) if not spec.hide_headers else 0
        for row in rows:
            lines = row[i].split("\n")
            if spec.wrap:
                longest = max([longest] + [len(line) for line in lines])
            else:       # only the first line shows, followed by '...' when there is more
                longest = max(longest, len(lines[0]) + (len(ELLIPSIS) if len(lines) > 1 else 0))
        widths.append(max(longest, 1))
    return widths


def fit(widths: List[int], available: int) -> List[int]:
    """Widths of the columns shown: leading columns that fit, the next one narrowed."""
    shown: List[int] = []
    used = 0
    for width in widths:
        sep = 1 if shown else 0
        if used + sep + width <= available:
            shown.append(width)
            used += sep + width
            continue
        room = available - used - sep
        if room >= min(width, MIN_COLUMN):
            shown.append(room)
        break
    return shown


def cell_lines(text: str, width: int, wrap: bool) -> List[str]:
    lines = text.split("\n")
    if not wrap:
        first = lines[0]
        if len(lines) > 1:
            first = truncate(first + ELLIPSIS, width) if len(first) + 3 > width else first + ELLIPSIS
        return [truncate(first, width)]
    out: List[str] = []
    for line in lines:
        out.extend(_wrap_line(line, width))
    return out or [""]


def _wrap_line(line: str, width: int) -> List[str]:
    """Break at spaces where possible, else hard at the width."""
    out = []
    while len(line) > width:
        cut = line.rfind(" ", 0, width + 1)
        if cut <= 0:
            out.append(line[:width])
            line = line[width:]
        else:
            out.append(line[:cut])
            line = line[cut + 1:]
    out.append(line)
    return out


def render_table(spec: TableSpec, rows: Sequence[Sequence[str]], available: int) -> List[str]:
    """Header, underline and row lines (no surrounding blank lines)."""
    widths = fit(natural_widths(spec, rows), available)
    if not widths:
        return []
    lines: List[str] = []
    if not spec.hide_headers:
        headers = [truncate(h, w) for h, w in zip(spec.headers, widths)]
        lines.append(_join(headers, widths, spec.aligns))
        lines.append(_join(["-" * len(h) for h in headers], widths, spec.aligns))
    for row in rows:
        cells = [cell_lines(row[i], w, spec.wrap) for i, w in enumerate(widths)]
        for n in range(max(len(c) for c in cells)):
            parts = [c[n] if n < len(c) else "" for c in cells]
            lines.append(_join(parts, widths, spec.aligns))
    return lines


def _join(parts: Sequence[str], widths: Sequence[int], aligns: Sequence[str]) -> str:
    return " ".join(align(p, w, aligns[i]) for i, (p, w) in enumerate(zip(parts, widths))).rstrip()
