"""No input, however malformed or hostile, produces a Python traceback: generated and mutated
scripts must give results or PowerShell-style errors, never a Python exception (records made
from an escaped Python exception carry `python_exception`, and count as failures here)."""
from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session

SCRIPTS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "scripts").rglob("*.ps1"))]

TOKENS = ["$x", "$_", "$null", "$true", "1", "2.5", "'s'", '"d $x"', "@(", "@{", "(", ")", "{", "}",
          "[", "]", "[int]", "[string]", "::", ".", ",", ";", "\n", "|", "=", "+=", "+", "-", "*",
          "/", "%", "-eq", "-like", "-match", "-replace", "-split", "-join", "-f", "..", "!",
          "-not", "if", "else", "foreach", "in", "switch", "function", "f", "param", "return",
          "throw", "try", "catch", "finally", "trap", "break", "continue", "exit", "&", ".",
          "Write-Output", "Get-Date", "Where-Object", "ForEach-Object", "Select-Object",
          "-First", "-Name", "@x", "$x.Length", "$x[0]", "'a','b'", "`", "#", "<#", "#>", "@'\n",
          "\n'@", '@"\n', '\n"@', "$(", "${x}", "-ErrorAction", "Stop", ":label"]


def _session() -> Session:
    return Session(MemoryHost())


SESSION = _session()
EXAMPLES = int(os.environ.get("MSOLSH_FUZZ_EXAMPLES", "150"))   # raise it for a longer hunt


class _Timeout(Exception):
    pass


def _run(text: str) -> None:
    """Run with a 2-second alarm (a generated loop may never end): Ctrl+C semantics stop it."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as sandbox:
        os.chdir(sandbox)
        try:
            SESSION.global_scope.vars["error"].clear()
            SESSION.host.clear_transcript()
            SESSION.run(text)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            os.chdir(cwd)
    bugs = [r for r in SESSION.global_scope.vars["error"] if getattr(r, "python_exception", None)]
    assert not bugs, [(r.python_exception, r.message) for r in bugs]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join))
def test_generated_token_soup(text: str) -> None:
    _run(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SCRIPTS), st.data())
def test_mutated_scripts(script: str, data: st.DataObject) -> None:
    chars = list(script)
    for _ in range(data.draw(st.integers(1, 4))):
        if not chars:
            break
        at = data.draw(st.integers(0, len(chars) - 1))
        action = data.draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if action == "delete":
            del chars[at]
        elif action == "insert":
            chars.insert(at, data.draw(st.sampled_from(list("{}()[]$@'\"`|;,.-=+\n#<>&"))))
        else:
            chars.insert(at, chars[at])
    _run("".join(chars))


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    _run("(" * 3000 + "1" + ")" * 3000)
    _run("@(" * 2000)
    _run("{" * 2000)
