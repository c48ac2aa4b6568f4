"""Pipeline speed: 100,000 objects through `Where-Object { $_.N -gt 5 } | Measure-Object`,
as a ratio against a plain Python filter over the same objects: 5 rounds, each timing both back
to back; the median of the per-round ratios is reported (target: 25x or better).

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
    rounds = [(_timed(plain), _timed(shell)) for _ in range(RUNS)]
    python = statistics.median(p for p, _ in rounds)
    msolsh = statistics.median(m for _, m in rounds)
    ratio = statistics.median(m / p for p, m in rounds)
    print(f"{'case':40} {'python':>10} {'msolsh':>10} {'ratio':>8}")
    print(f"{'Where-Object | Measure-Object x100,000':40} {python * 1000:8.1f}ms "
          f"{msolsh * 1000:8.1f}ms {ratio:7.1f}x")


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
