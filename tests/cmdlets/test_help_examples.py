"""Every registered cmdlet's help examples run cleanly in a fresh Session.

An example fails the test if running it raises or writes an error record. A cmdlet may exempt an
example only with a reason, by declaring `unrunnable_examples = {number: "reason"}` (1-based).
Each example runs in its own session inside a temporary directory, so file examples are safe.
"""
import importlib
import pkgutil

import pytest

import msolsh.cmdlets
from msolsh.runtime.cmdlet import REGISTRY
from msolsh.runtime.host import MemoryHost


def _import_all_cmdlet_modules():
    """Import every module under msolsh.cmdlets; returns the ones that failed, with the reason."""
    failures = []
    for info in pkgutil.walk_packages(msolsh.cmdlets.__path__, "msolsh.cmdlets.",
                                      onerror=lambda name: failures.append((name, "package failed"))):
        try:
            importlib.import_module(info.name)
        except Exception as problem:  # noqa: BLE001 - reported as a failing case below
            failures.append((info.name, f"{type(problem).__name__}: {problem}"))
    return failures


IMPORT_FAILURES = _import_all_cmdlet_modules()


def _cases():
    for cls in REGISTRY.all():
        skipped = getattr(cls, "unrunnable_examples", {}) or {}
        for number, example in enumerate(cls.examples, 1):
            marks = [pytest.mark.skip(reason=skipped[number])] if number in skipped else []
            yield pytest.param(cls, number, example.code, id=f"{cls.name}-{number}", marks=marks)


def test_every_cmdlet_module_imports():
    assert IMPORT_FAILURES == []


def test_every_cmdlet_has_an_example():
    assert [cls.name for cls in REGISTRY.all() if not cls.examples] == []


def test_exemptions_give_a_reason():
    for cls in REGISTRY.all():
        for number, reason in (getattr(cls, "unrunnable_examples", {}) or {}).items():
            assert 1 <= number <= len(cls.examples) and str(reason).strip(), cls.name


def _new_session(host):
    """A session as `msolsh -NoProfile` starts one: with the default tenant once the CLI's
    tenant hook (msolsh.cli_tenant) exists, so product examples have something to work on."""
    session_module = pytest.importorskip("msolsh.runtime.session")
    session = session_module.Session(host=host)
    try:
        hook = importlib.import_module("msolsh.cli_tenant")
    except ImportError:
        return session
    from msolsh.cli import parse_args
    hook.load(session, parse_args(["-NoProfile"]))
    # Product examples assume the services are connected, as their real help pages do.
    for connect in ("Connect-MsolService", "Connect-ExchangeOnline"):
        if session.registry.get(connect) is not None:
            session.run(connect)
    host.clear_transcript()
    return session


@pytest.mark.parametrize("cls,number,code", list(_cases()))
def test_example_runs_without_errors(cls, number, code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    host = MemoryHost()
    session = _new_session(host)
    result = session.run(code)
    shown = f"{cls.name} example {number}:\n{code}\n---\n{host.text}"
    assert not result.terminated, shown
    assert host.errors == "", shown
    assert session.global_scope.vars.get("error") == [], shown   # no silenced errors either


@pytest.mark.parametrize("cls", REGISTRY.all(), ids=lambda cls: cls.name)
def test_help_renders_for_every_cmdlet(cls):
    from msolsh.runtime import help as helptext
    assert cls.synopsis, f"{cls.name} has no synopsis (the first paragraph of its docstring)"
    for line in helptext.syntax_lines(cls):
        assert line.startswith(cls.name + " ") and line.endswith("[<CommonParameters>]")
    for view in ("default", "detailed", "full", "examples"):
        text = helptext.render_help(cls, view)
        assert text.startswith(f"\nNAME\n    {cls.name}\n\nSYNOPSIS\n")
