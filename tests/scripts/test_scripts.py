"""Script-level behaviour as data: every tests/scripts/**/*.ps1 runs in a fresh Session with an
in-memory host, and the transcript (output and error text interleaved, as a console shows
it) must equal the .expected file beside it.

A first line `# answers: a|b|c` feeds those answers to prompts (the host is then interactive).
MSOLSH_REGEN=1 rewrites the .expected files (review the diff before keeping it).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session

HERE = Path(__file__).parent
CASES = sorted(HERE.rglob("*.ps1"))


def run_case(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0] if text else ""
    answers = first.split(":", 1)[1].strip().split("|") if first.startswith("# answers:") else []
    host = MemoryHost(answers=answers)
    session = Session(host=host)
    result = session.run(text)
    transcript = host.text
    if result.exit_code is not None:
        transcript += f"[exit {result.exit_code}]\n"
    return transcript


@pytest.mark.parametrize("path", CASES, ids=[str(p.relative_to(HERE)) for p in CASES])
def test_script(path: Path) -> None:
    expected_path = path.with_suffix(".expected")
    actual = run_case(path)
    if os.environ.get("MSOLSH_REGEN"):
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"missing {expected_path.name}"
    assert actual == expected_path.read_text(encoding="utf-8")
