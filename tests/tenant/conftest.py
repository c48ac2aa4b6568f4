"""Small tenants built in Python for the tenant-model tests (no YAML)."""
from __future__ import annotations

import pytest

from msolsh.tenant import Tenant

SALES = "OU=Sales,DC=contoso,DC=com"
STAGING = "OU=Staging,DC=contoso,DC=com"
SKU = "contoso:ENTERPRISEPACK"


def make_tenant(seed: int = 7) -> Tenant:
    t = Tenant(seed=seed, initial_domain="contoso.onmicrosoft.com", forest="contoso.com",
               clock_start="2026-01-05T09:00:00Z", company_name="Contoso")
    t.aad.add_domain("contoso.com", verified=True)
    t.aad.add_sku(SKU, ["EXCHANGE_S_ENTERPRISE", "SHAREPOINTENTERPRISE"], active_units=25)
    t.directory.add_ou(SALES)
    t.directory.add_ou(STAGING)
    t.config.exclude_ou("contoso.com", STAGING)
    return t


def add_user(t: Tenant, name: str, ou: str = SALES, **attrs):
    values = {"sAMAccountName": name, "userPrincipalName": f"{name}@contoso.com",
              "displayName": name.capitalize(), "mailNickname": name,
              "proxyAddresses": [f"SMTP:{name}@contoso.com"]}
    values.update(attrs)
    return t.directory.add_user(f"CN={name.capitalize()},{ou}",
                                {k: v for k, v in values.items() if v is not None})


def add_group(t: Tenant, name: str, members=(), ou: str = SALES, **attrs):
    values = {"sAMAccountName": name, "member": [m.dn for m in members]}
    values.update(attrs)
    return t.directory.add_group(f"CN={name},{ou}", values)


def run(runs, connector_suffix: str, profile: str) -> dict:
    """The run of `profile` on the connector whose name ends with `connector_suffix`."""
    return next(r for r in runs if r["ConnectorName"].endswith(connector_suffix)
                and r["RunProfileName"] == profile)


def step(runs, connector_suffix: str, profile: str) -> dict:
    return run(runs, connector_suffix, profile)["RunStepResults"][0]


def export_step(runs) -> dict:
    return step(runs, "- AAD", "Export")


def settle(t: Tenant, cycles: int = 2) -> None:
    """Run delta cycles until exports are confirmed by the next import."""
    for _ in range(cycles):
        t.sync.run_cycle("Delta")


def licensed(t: Tenant, upn: str):
    u = t.aad.find_user(upn)
    t.aad.set_user(u.object_id, UsageLocation="US")
    t.aad.assign_license(u.object_id, SKU)
    return u


@pytest.fixture
def tenant() -> Tenant:
    return make_tenant()
