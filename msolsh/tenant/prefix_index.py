"""A lazily sorted key index for prefix searches (-SearchString, tab completion).

Built from the owning store's records on first use after a change (one sort), then answered by
bisect, so repeated searches between changes cost what they return. Knows nothing of the shell.
"""
from __future__ import annotations

import bisect


class PrefixIndex:
    def __init__(self, keys_of, records):
        """keys_of(record) -> iterable of keys; records() -> iterable of (id, record)."""
        self._keys_of, self._records = keys_of, records
        self._sorted: list[tuple[str, str]] | None = None

    def invalidate(self) -> None:
        self._sorted = None

    def search(self, prefix: str) -> list[str]:
        """Ids of records having a key that starts with `prefix` (case-insensitive), sorted."""
        if self._sorted is None:
            self._sorted = sorted((key.lower(), rid) for rid, rec in self._records()
                                  for key in self._keys_of(rec) if key)
        low = prefix.lower()
        start = bisect.bisect_left(self._sorted, (low, ""))
        out = {}
        for key, rid in self._sorted[start:]:
            if not key.startswith(low):
                break
            out[rid] = None
        return sorted(out)
