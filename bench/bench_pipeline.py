"""Pipeline speed: 100,000 objects through `Where-Object { $_.N -gt 5 } | Measure-Object`,
as a ratio against a plain Python filter over the same objects, median of 5 runs
(target: 25x or better).

    python bench/bench_pipeline.py
"""
from __future__ import annotations

import statistics
import time

from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session
from msolsh.runtime.values import PSObject

RUNS = 5
COUNT = 100_000


def main() -> None:
    objects = [PSObject([("N", i % 10)]) for i in range(COUNT)]
    session = Session(MemoryHost())
    session.global_scope.vars["objects"] = objects

    def plain() -> int:
        return sum(1 for o in objects if o.get("N") > 5)

    def shell() -> int:
        result = session.invoke("$objects | Where-Object { $_.N -gt 5 } | Measure-Object")
        return result[0].get("Count")

    assert plain() == shell(), (plain(), shell())
    python = statistics.median(_times(plain))
    msolsh = statistics.median(_times(shell))
    print(f"{'case':40} {'python':>10} {'msolsh':>10} {'ratio':>8}")
    print(f"{'Where-Object | Measure-Object x100,000':40} {python * 1000:8.1f}ms "
          f"{msolsh * 1000:8.1f}ms {msolsh / python:7.1f}x")


def _times(action) -> list:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    main()
