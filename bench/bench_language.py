"""Language speed, as a ratio against the same loop in plain Python measured in the same run.

    python bench/bench_language.py

Each case runs 5 rounds, plain Python and msolsh back to back in each round (so that a busy
machine slows both alike); the table shows the median times and the median of the per-round
ratios (target: 20x or better).
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


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def compare(baseline: Callable[[], object], shell: Callable[[], object]) -> Tuple[float, float, float]:
    """Median python time, median msolsh time, median per-round ratio."""
    rounds = [(timed(baseline), timed(shell)) for _ in range(RUNS)]
    python = statistics.median(p for p, _ in rounds)
    msolsh = statistics.median(m for _, m in rounds)
    return python, msolsh, statistics.median(m / p for p, m in rounds)


def main() -> None:
    session = Session(MemoryHost())
    print(f"{'case':34} {'python':>10} {'msolsh':>10} {'ratio':>8}")
    for name, script, baseline in CASES:
        expected = baseline()
        got = session.invoke(script)
        assert got == [expected], (got, expected)
        python, shell, ratio = compare(baseline, lambda: session.invoke(script))
        print(f"{name:34} {python * 1000:8.1f}ms {shell * 1000:8.1f}ms {ratio:7.1f}x")


if __name__ == "__main__":
    main()
