"""Wide layout (Format-Wide): one value per cell, several cells per line.

With a column count each cell gets an equal share of the line; -AutoSize fits as many cells of
the widest value as the line holds. Cells fill rows left to right, as pwsh does.
Pure: strings in, lines out.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from msolsh.runtime.formatting.table import truncate


def render_wide(items: Sequence[str], available: int, columns: Optional[int] = None,
                auto_size: bool = False) -> List[str]:
    if not items:
        return []
    if auto_size or not columns:
        if auto_size:
            longest = max(len(t) for t in items)
            columns = max(1, (available + 1) // (longest + 1))
        else:
            columns = 2
    cell = max((available - (columns - 1)) // columns, 1)
    lines = []
    for start in range(0, len(items), columns):
        row = [truncate(t, cell).ljust(cell) for t in items[start:start + columns]]
        lines.append(" ".join(row).rstrip())
    return lines
