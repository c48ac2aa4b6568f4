"""REPL benchmark: Tab-completion latency for a UPN prefix with 100,000 users, and the time from
starting `python -m msolsh` to its first prompt. Each is reported as a ratio against
`python -c pass` (a bare interpreter start) measured in the same run, so numbers compare across
machines.

The completion path measured is the REPL's whole one: suggest() on the typed line, resolving
Get-MsolUser's declaration, calling the parameter's `complete(session, prefix)` callback and
building prompt_toolkit Completions. The product's Get-MsolUser is measured over a real tenant
of that many users when it declares a completer; until then a stand-in with the contract's
shape answers from a sorted index with bisect (the run says which).

    python bench/bench_repl.py [--users 100000] [--rounds 200]
"""
from __future__ import annotations

import argparse
import bisect
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Callable, List

from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from msolsh.repl.completer import MsolshCompleter
from msolsh.runtime.cmdlet import Cmdlet, CmdletRegistry, Parameter, Switch, cmdlet

FIRST = ["adele", "alex", "allan", "diego", "grady", "henrietta", "isaiah", "johanna", "joni",
         "lee", "lidia", "lynne", "megan", "miriam", "nestor", "patti", "pradeep", "raul"]
LAST = ["vance", "wilber", "deyoung", "siciliani", "archie", "mueller", "langer", "lorenz",
        "sherman", "gu", "holloway", "robbins", "bowen", "graham", "wilke", "fernandez"]


def upn_index(count: int) -> List[str]:
    names = []
    for n in range(count):
        first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
        names.append(f"{first}.{last}{n}@contoso.com")
    return sorted(names)


class BenchSession:
    """Just what the completer reads: a registry with Get-MsolUser and the UPN index."""

    def __init__(self, upns: List[str]):
        self.upns = upns
        self.functions, self.aliases = {}, {}
        self.registry = CmdletRegistry()

        def complete_upn(session: "BenchSession", prefix: str):
            keys = session.upns
            at = bisect.bisect_left(keys, prefix.lower())
            while at < len(keys) and keys[at].startswith(prefix.lower()):
                yield keys[at]
                at += 1

        @cmdlet("Get-MsolUser", module="MSOnline", registry=self.registry)
        class GetMsolUser(Cmdlet):
            """Stand-in with the product declaration's shape."""
            UserPrincipalName = Parameter(str, set="GetUser__0", mandatory=True, position=0,
                                          complete=complete_upn)
            All = Switch(set="All__0")


def time_calls(action: Callable[[], object], rounds: int) -> List[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def p99(samples: List[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def python_start(rounds: int) -> List[float]:
    return time_calls(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), rounds)


def first_prompt(rounds: int) -> List[float]:
    import pexpect
    samples = []
    home = tempfile.mkdtemp()
    env = dict(os.environ, HOME=home, XDG_STATE_HOME=home, NO_COLOR="1",
               PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    for _ in range(rounds):
        start = time.perf_counter()
        child = pexpect.spawn(sys.executable, ["-m", "msolsh", "-NoProfile", "-NoLogo"],
                              env=env, encoding="utf-8", timeout=60)
        child.expect(r"PS[^\r\n]*>")
        samples.append(time.perf_counter() - start)
        child.send("exit\r")
        child.expect(pexpect.EOF)
        child.close()
    return samples


def product_session(upns: List[str]):
    """A real Session over a real Tenant holding `upns`, when the product's Get-MsolUser
    declares a UPN completer; None otherwise (the stand-in is measured instead)."""
    try:
        from msolsh.runtime.host import MemoryHost
        from msolsh.runtime.session import Session
        from msolsh.tenant.tenant import Tenant
        session = Session(host=MemoryHost())
        declared = session.registry.get("Get-MsolUser")
        if declared is None or declared.parameters["UserPrincipalName"].complete is None:
            return None
        tenant = Tenant()
        for upn in upns:
            tenant.aad.add_cloud_user(upn)
        session.tenant = tenant
        return session
    except Exception as error:   # the bench reports what it measured rather than failing
        print(f"(product completer not measurable: {type(error).__name__}: {error})")
        return None


def build_session(users: int):
    upns = upn_index(users)
    session = product_session(upns)
    print("completer measured:", "the product's Get-MsolUser" if session else
          "stand-in with the contract's shape (bisect over a sorted index)")
    return session or BenchSession(upns)


def completion(session, rounds: int, prefix: str) -> List[float]:
    completer = MsolshCompleter(session)
    text = f"Get-MsolUser -UserPrincipalName {prefix}"
    doc, event = Document(text, len(text)), CompleteEvent(completion_requested=True)
    found = list(completer.get_completions(doc, event))
    assert found, f"no completion for {prefix!r}"
    return time_calls(lambda: list(completer.get_completions(doc, event)), rounds)


def report(label: str, samples: List[float], baseline: float) -> None:
    median = statistics.median(samples)
    print(f"{label:<44} median {median * 1000:8.3f} ms  p99 {p99(samples) * 1000:8.3f} ms  "
          f"median/python-start {median / baseline:7.4f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--starts", type=int, default=10)
    args = parser.parse_args()
    baseline_samples = python_start(args.starts)
    baseline = statistics.median(baseline_samples)
    print(f"python -c pass: median {baseline * 1000:.1f} ms ({args.starts} runs); "
          f"{args.users:,} users")
    session = build_session(args.users)
    report("Tab on 'grady.arch' (narrow prefix)", completion(session, args.rounds, "grady.arch"),
           baseline)
    report("Tab on 'a' (broad prefix, first 1000 read)", completion(session, args.rounds, "a"),
           baseline)
    report("start to first prompt", first_prompt(args.starts), baseline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
