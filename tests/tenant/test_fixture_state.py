"""Saving a tenant and loading it back: exact round trips, atomic writes, bad saved states."""
from __future__ import annotations

import os
from datetime import timedelta

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msolsh.tenant import fixture_state
from msolsh.tenant.fixtures import (FixtureError, SaveError, load_fixture, load_fixture_text,
                                    save_tenant)

SMALL = """\
schema: 1
tenant:
  initialDomain: contoso.onmicrosoft.com
  seed: 11
  domains: [{name: contoso.com}]
  skus: [{accountSkuId: 'contoso:ENTERPRISEPACK', servicePlans: [EXCHANGE_S_ENTERPRISE]}]
onPremises:
  organizationalUnits: ["OU=Corp,DC=contoso,DC=com"]
  users:
    - dn: CN=Ann Lee,OU=Corp,DC=contoso,DC=com
      sAMAccountName: ann
      userPrincipalName: ann@contoso.com
      mailNickname: ann
      proxyAddresses: [SMTP:ann@contoso.com]
      msExchUsageLocation: US
sync:
  scheduler: {intervalMinutes: 45}
licenses:
  - {userPrincipalName: ann@contoso.com, accountSkuId: 'contoso:ENTERPRISEPACK'}
initialSync: true
"""


def test_round_trip_reproduces_the_state(tmp_path):
    tenant = load_fixture_text(SMALL, "small.yaml")
    tenant.advance(3600)  # a scheduler cycle, run history, a non-default interval
    save_tenant(tenant, tmp_path / "state.yaml")
    again = load_fixture(tmp_path / "state.yaml")
    assert again.snapshot() == tenant.snapshot()
    assert again.scheduler.customized_interval == timedelta(minutes=45)


def test_the_restored_tenant_carries_on_identically(tmp_path):
    tenant = load_fixture_text(SMALL, "small.yaml")
    save_tenant(tenant, tmp_path / "state.yaml")
    again = load_fixture(tmp_path / "state.yaml")
    for t in (tenant, again):
        t.directory.set_attribute("ann", "title", "Manager")
        t.advance(1800)
    assert again.snapshot() == tenant.snapshot()


def test_saved_file_says_what_it_is(tmp_path):
    save_tenant(load_fixture_text(SMALL, "small.yaml"), tmp_path / "state.yaml")
    lines = (tmp_path / "state.yaml").read_text().splitlines()
    assert lines[3:6] == ["schema: 1", "kind: saved-state", "state:"]
    assert lines[6] == '  version: 1'
    assert all(line.startswith("  ") for line in lines[6:])
    assert lines[0].startswith("# msolsh saved state")


def test_the_saved_file_is_plain_yaml_and_may_be_reformatted(tmp_path):
    tenant = load_fixture_text(SMALL, "small.yaml")
    save_tenant(tenant, tmp_path / "state.yaml")
    doc = yaml.safe_load((tmp_path / "state.yaml").read_text())
    assert (doc["schema"], doc["kind"]) == (1, "saved-state")
    assert doc["state"]["clock"]["now"] == {"$datetime": "2026-01-05T09:03:00+00:00"}
    # Rewritten in block style (as a person or another tool might), it still loads the same.
    (tmp_path / "block.yaml").write_text(yaml.safe_dump(doc, default_flow_style=False))
    assert load_fixture(tmp_path / "block.yaml").snapshot() == tenant.snapshot()


def test_contoso_round_trip(tmp_path):
    tenant = load_fixture("contoso")
    save_tenant(tenant, tmp_path / "contoso-state.yaml")
    assert load_fixture(tmp_path / "contoso-state.yaml").snapshot() == tenant.snapshot()


def test_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "state.yaml"
    target.write_text("previous content\n")

    def broken_dump(snapshot, stream):
        stream.write("half a state")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixture_state, "dump_state", broken_dump)
    monkeypatch.setattr("msolsh.tenant.fixtures.dump_state", broken_dump)
    with pytest.raises(OSError, match="No space left on device"):
        save_tenant(load_fixture_text(SMALL, "small.yaml"), target)
    assert target.read_text() == "previous content\n"
    assert os.listdir(tmp_path) == ["state.yaml"]  # no temporary file left behind


def test_failed_rename_leaves_the_old_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "state.yaml"
    target.write_text("previous content\n")
    monkeypatch.setattr(fixture_state.os, "replace",
                        lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied")))
    with pytest.raises(PermissionError):
        save_tenant(load_fixture_text(SMALL, "small.yaml"), target)
    assert target.read_text() == "previous content\n"
    assert os.listdir(tmp_path) == ["state.yaml"]


def test_unrepresentable_state_is_a_save_error(tmp_path):
    class Weird:
        def snapshot(self):
            return {"version": 1, "thing": object()}

    target = tmp_path / "state.yaml"
    target.write_text("previous content\n")
    with pytest.raises(SaveError) as caught:
        save_tenant(Weird(), target)
    assert str(caught.value) == ("Cannot save the tenant state: cannot represent an object of "
                                 "type object")
    assert target.read_text() == "previous content\n"


def test_save_keeps_the_file_mode(tmp_path):
    target = tmp_path / "state.yaml"
    target.write_text("x")
    os.chmod(target, 0o640)
    save_tenant(load_fixture_text(SMALL, "small.yaml"), target)
    assert os.stat(target).st_mode & 0o777 == 0o640


@pytest.mark.parametrize("text, expected", [
    ("schema: 1\nkind: saved-state\nstate: [1]\n",
     ["s.yaml:1: state: expected a mapping, got list"]),
    ("schema: 2\nkind: saved-state\nstate: {}\nextra: 1\n",
     ["s.yaml:1: extra: unknown key in a saved state",
      "s.yaml:1: schema: unsupported schema version 2 (this msolsh reads schema 1)"]),
    ("schema: 1\nkind: saved-state\nstate: {version: 1}\n",
     ["s.yaml:1: state: not a valid msolsh saved state (missing 'ids')"]),
    ("schema: 1\nkind: saved-state\nstate: !!python/object:os.system {}\n",
     ["s.yaml:3: invalid YAML: could not determine a constructor for the tag "
      "'tag:yaml.org,2002:python/object:os.system'"]),
])
def test_bad_saved_states_are_problems_not_tracebacks(text, expected):
    with pytest.raises(FixtureError) as caught:
        load_fixture_text(text, "s.yaml")
    assert caught.value.problems == expected


# ----- property: any small fixture survives save -> load exactly ---------------------------------
NAMES = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@st.composite
def small_fixtures(draw):
    sams = draw(st.lists(NAMES, min_size=0, max_size=6, unique=True))
    users = []
    for sam in sams:
        user = {"dn": f"CN={sam},OU=Corp,DC=contoso,DC=com", "sAMAccountName": sam,
                "userPrincipalName": f"{sam}@contoso.com", "msExchUsageLocation": "US"}
        if draw(st.booleans()):
            user.update(mailNickname=sam, proxyAddresses=[f"SMTP:{sam}@contoso.com"])
        if draw(st.booleans()):
            user["adminDescription"] = "User_" + sam
        users.append(user)
    groups = []
    if sams and draw(st.booleans()):
        groups.append({"dn": "CN=Team,OU=Corp,DC=contoso,DC=com", "sAMAccountName": "Team",
                       "members": draw(st.lists(st.sampled_from(sams), unique=True))})
    initial = draw(st.booleans())
    doc = {"schema": 1,
           "tenant": {"initialDomain": "contoso.onmicrosoft.com",
                      "seed": draw(st.integers(0, 10**6)), "domains": [{"name": "contoso.com"}],
                      "skus": [{"accountSkuId": "contoso:ENTERPRISEPACK",
                                "servicePlans": ["EXCHANGE_S_ENTERPRISE"]}]},
           "onPremises": {"organizationalUnits": ["OU=Corp,DC=contoso,DC=com"], "users": users,
                          "groups": groups},
           "cloud": {"users": [{"UserPrincipalName": "admin@contoso.onmicrosoft.com",
                                "UsageLocation": "US", "Roles": ["Company Administrator"]}]},
           "licenses": [{"userPrincipalName": "admin@contoso.onmicrosoft.com",
                         "accountSkuId": "contoso:ENTERPRISEPACK"}],
           "initialSync": initial}
    if initial and sams:
        doc["licenses"].append({"userPrincipalName": f"{sams[0]}@contoso.com",
                                "accountSkuId": "contoso:ENTERPRISEPACK"})
        if users[0].get("adminDescription"):
            del users[0]["adminDescription"]  # a licence needs the user in Azure AD
    return yaml.safe_dump(doc, sort_keys=False), draw(st.integers(0, 7200))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(small_fixtures())
def test_property_save_load_round_trip(tmp_path, case):
    text, seconds = case
    tenant = load_fixture_text(text, "generated.yaml")
    tenant.advance(seconds)
    save_tenant(tenant, tmp_path / "state.yaml")
    assert load_fixture(tmp_path / "state.yaml").snapshot() == tenant.snapshot()
