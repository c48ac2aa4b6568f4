"""Shells on a fresh copy of the Contoso tenant, for product cmdlet tests.

The fixture is loaded once per test run; every test gets its own copy restored from a
snapshot, so tests never see each other's changes.
"""
from __future__ import annotations

import pytest

from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session
from msolsh.tenant.fixtures import load_fixture
from msolsh.tenant.tenant import Tenant

_SNAPSHOT = None


def contoso_tenant() -> Tenant:
    global _SNAPSHOT
    if _SNAPSHOT is None:
        _SNAPSHOT = load_fixture("contoso").snapshot()
    return Tenant.restore(_SNAPSHOT)


class Shell:
    """Runs text the way the console would and returns everything it showed."""

    def __init__(self, tenant: Tenant, answers=()):
        self.host = MemoryHost(answers=answers)
        self.tenant = tenant
        self.session = Session(host=self.host, tenant=tenant)
        try:
            from msolsh import cli_tenant
        except ImportError:
            cli_tenant = None
        if cli_tenant is not None and hasattr(cli_tenant, "attach"):
            cli_tenant.attach(self.session, tenant)

    def run(self, text: str) -> str:
        self.host.clear_transcript()
        self.session.run(text)
        return self.host.text

    def connect(self) -> "Shell":
        self.run("Connect-MsolService; Connect-ExchangeOnline")
        self.host.clear_transcript()
        return self


@pytest.fixture
def shell() -> Shell:
    return Shell(contoso_tenant()).connect()


@pytest.fixture
def shell_disconnected() -> Shell:
    return Shell(contoso_tenant())


@pytest.fixture
def bare_shell(tmp_path, monkeypatch):
    """A session with no tenant, in a temporary directory: `bare_shell(text)` returns what the
    console showed; `.session` and `.host` are at hand."""
    monkeypatch.chdir(tmp_path)
    host = MemoryHost()
    session = Session(host=host)

    def run(text: str) -> str:
        host.clear_transcript()
        session.run(text)
        return host.text
    run.session, run.host = session, host
    return run
