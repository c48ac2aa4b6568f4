"""Language speed, as a ratio against the same loop in plain Python measured in the same run.

    python bench/bench_language.py

Each case runs 5 times; the table shows the medians and the ratio (target: 20x or better).
"""
from __future__ import annotations

import statistics
import time
from typing import Callable, List, Tuple

from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session

RUNS = 5
N = 1_000_000
STRINGS = 100_000


def python_sum() -> int:
    total = 0
    for i in range(1, N + 1):
        total += i * 2
    return total


def python_strings() -> int:
    text = ""
    for i in range(STRINGS):
        text += "x" + str(i)
    return len(text)


CASES: List[Tuple[str, str, Callable[[], object]]] = [
    (f"foreach 1..{N:,} sum += i*2", f"$sum = 0; foreach ($i in 1..{N}) {{ $sum += $i * 2 }}; $sum",
     python_sum),
    (f"string building x{STRINGS:,}", f'$s = ""; for ($i = 0; $i -lt {STRINGS}; $i++) {{ $s += "x$i" }}; $s.Length',
     python_strings),
]


def median_time(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    session = Session(MemoryHost())
    print(f"{'case':34} {'python':>10} {'msolsh':>10} {'ratio':>8}")
    for name, script, baseline in CASES:
        expected = baseline()
        got = session.invoke(script)
        assert got == [expected], (got, expected)
        python = median_time(baseline)
        shell = median_time(lambda: session.invoke(script))
        print(f"{name:34} {python * 1000:8.1f}ms {shell * 1000:8.1f}ms {shell / python:7.1f}x")


if __name__ == "__main__":
    main()
