"""The simulated clock: current UTC time and a queue of timed events.

advance(seconds) moves time forward and fires, in time order, every event that falls due
(scheduler cycles, forward syncs, recycle-bin purges). The clock only stores (due, seq, kind,
key) tuples; what a kind means is decided by whoever registered a handler (the Tenant).
Knows nothing of the shell or of the stores.
"""
from __future__ import annotations

import heapq
from datetime import datetime, timedelta, timezone

DEFAULT_START = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)


def as_utc(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


class Clock:
    def __init__(self, start=DEFAULT_START):
        self.now: datetime = as_utc(start)
        self._events: list[tuple] = []   # a heap of (due, seq, kind, key)
        self._seq = 0
        self._handlers: dict = {}

    def on(self, kind: str, handler) -> None:
        """Register the function called as handler(key) when an event of `kind` is due."""
        self._handlers[kind] = handler

    def schedule(self, due: datetime, kind: str, key=None) -> None:
        self._seq += 1
        heapq.heappush(self._events, (as_utc(due), self._seq, kind, key))

    def schedule_in(self, seconds: float, kind: str, key=None) -> None:
        self.schedule(self.now + timedelta(seconds=seconds), kind, key)

    def cancel(self, kind: str, key=None) -> None:
        self._events = [e for e in self._events if not (e[2] == kind and e[3] == key)]
        heapq.heapify(self._events)

    def pending(self, kind: str | None = None) -> list[tuple]:
        return sorted(e for e in self._events if kind is None or e[2] == kind)

    def advance(self, seconds: float) -> int:
        """Move time forward, firing due events at their own time; returns how many fired."""
        if seconds < 0:
            raise ValueError("the simulated clock cannot go backwards")
        target = self.now + timedelta(seconds=seconds)
        fired = 0
        while self._events and self._events[0][0] <= target:
            due, _seq, kind, key = heapq.heappop(self._events)
            self.now = max(self.now, due)
            handler = self._handlers.get(kind)
            if handler is not None:
                handler(key)
                fired += 1
        self.now = target
        return fired

    def to_data(self) -> dict:
        return {"now": self.now, "seq": self._seq,
                "events": [[due, seq, kind, key] for due, seq, kind, key in sorted(self._events)]}

    @classmethod
    def from_data(cls, data: dict) -> "Clock":
        clock = cls(data["now"])
        clock._seq = data["seq"]
        clock._events = sorted((as_utc(d), s, k, key) for d, s, k, key in data["events"])
        return clock
