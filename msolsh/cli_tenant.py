"""Wiring the simulated tenant into a shell session (called by msolsh/cli.py).

The runtime knows nothing of the tenant and the tenant nothing of the shell; this module is
the one place that joins them: it loads the fixture, hands the tenant's simulated clock to the
session (so Get-Date reads it and Start-Sleep advances it, running due sync cycles and
forward syncs), and gives the REPL its toolbar status and banner.
"""
from __future__ import annotations

import os
import sys
from datetime import timedelta
from typing import Any, Dict, Optional

DEFAULT_TENANT = "contoso"


class TenantClock:
    """The session's clock interface (now / sleep) over the tenant's clock."""

    def __init__(self, tenant: Any):
        self.tenant = tenant

    def now(self):
        # The runtime works in naive datetimes; the tenant keeps UTC.
        return self.tenant.clock.now.replace(tzinfo=None)

    def sleep(self, seconds: float) -> None:
        self.tenant.advance(seconds)


def attach(session: Any, tenant: Any) -> None:
    """Make `tenant` the session's world: its clock, its status for the toolbar."""
    session.tenant = tenant
    session.clock = TenantClock(tenant)
    rewire = getattr(session, "_wire_clock", None)
    if rewire is not None:
        rewire()
    session.status = StatusProvider(session)
    session.banner = lambda: banner(session)
    if getattr(tenant, "start_connected", False):
        connect_services(session)


def connect_services(session: Any) -> None:
    """What a trainee would type first, done for them (fixtures with startConnected: true)."""
    for command in ("Connect-MsolService", "Connect-ExchangeOnline -ShowBanner:$false"):
        if session.registry.get(command.split()[0]) is not None:
            session.invoke(command)


def load(session: Any, options: Any) -> None:
    """Load -Tenant (a fixture or a saved state) or the built-in Contoso tenant."""
    from msolsh.tenant.fixtures import FixtureError, load_fixture

    source = getattr(options, "tenant", None) or DEFAULT_TENANT
    scenario = getattr(options, "scenario", None)
    if scenario:
        source = os.path.join("scenarios", f"{scenario}.yaml")
    try:
        tenant = load_fixture(source)
    except FixtureError as exc:
        sys.stderr.write(f"{exc}\n")
        raise SystemExit(1)
    except OSError as exc:
        sys.stderr.write(f"msolsh: cannot read tenant '{source}': {exc.strerror or exc}\n")
        raise SystemExit(1)
    attach(session, tenant)


class StatusProvider:
    """session.status(): what the REPL's toolbar shows. Error counts are recomputed once per
    command (not per keystroke), since they walk the stores."""

    def __init__(self, session: Any):
        self.session = session
        self._cache_key: Optional[int] = None
        self._counts: Dict[str, int] = {}

    def __call__(self) -> Dict[str, Any]:
        tenant = self.session.tenant
        key = len(getattr(self.session, "history", ()))
        if key != self._cache_key:
            self._counts = error_counts(tenant)
            self._cache_key = key
        scheduler = tenant.scheduler
        next_sync = None
        if scheduler.sync_cycle_enabled and scheduler.next_start is not None:
            next_sync = max(scheduler.next_start - tenant.clock.now, timedelta(0))
        return {
            "tenant": tenant.aad.initial_domain,
            "time": tenant.clock.now.replace(tzinfo=None),
            "next_sync": next_sync,
            "staging": scheduler.staging_mode,
            **self._counts,
        }


def error_counts(tenant: Any) -> Dict[str, int]:
    sync_errors = sum(1 for cs in (tenant.ad_cs, tenant.aad_cs)
                      for o in cs.objects.values() if o.sync_error)
    export_errors = sum(1 for o in tenant.aad_cs.objects.values() if o.export_error)
    validation = sum(1 for o in tenant.aad.objects.values()
                     if getattr(o, "errors", None) and not getattr(o, "is_deleted", False))
    return {"sync_errors": sync_errors, "export_errors": export_errors,
            "validation_errors": validation}


def banner(session: Any) -> str:
    """The greeting of an interactive session: where you are and how to begin."""
    tenant = getattr(session, "tenant", None)
    name = tenant.aad.initial_domain if tenant is not None else "no tenant"
    return (
        f"msolsh - a simulated Office 365 hybrid tenant ({name})\n"
        "On-premises AD -> Azure AD Connect -> Azure AD -> Exchange Online, on a simulated clock.\n"
        "\n"
        "  Get-Help about_msolsh        how this shell works and where to start\n"
        "  Connect-MsolService          connect to Azure AD (then Get-MsolUser)\n"
        "  Connect-ExchangeOnline       connect to Exchange Online (then Get-Mailbox)\n"
        "  Get-ADUser -Filter *         the on-premises directory\n"
        "  Start-ADSyncSyncCycle        run a delta sync cycle now\n"
        "\n"
        "Tab completes commands, parameters and tenant values; F1 shows help; F2 the toolbar.\n"
    )
