"""`include` and overrides: the exact merge rules of docs/fixtures.md, cycles, missing files."""
from __future__ import annotations

import pytest

from msolsh.tenant.fixtures import FixtureError, load_document, load_fixture

BASE = """\
schema: 1
tenant:
  initialDomain: contoso.onmicrosoft.com
  seed: 3
  domains:
    - {name: contoso.com}
  skus:
    - {accountSkuId: 'contoso:ENTERPRISEPACK', servicePlans: [EXCHANGE_S_ENTERPRISE, SWAY]}
onPremises:
  forest: contoso.com
  organizationalUnits: ["OU=Corp,DC=contoso,DC=com"]
  users:
    - dn: CN=Ann,OU=Corp,DC=contoso,DC=com
      sAMAccountName: ann
      title: Analyst
      proxyAddresses: [SMTP:ann@contoso.com, smtp:a@contoso.com]
    - dn: CN=Bob,OU=Corp,DC=contoso,DC=com
      sAMAccountName: bob
sync:
  stagingMode: false
  partitions:
    - {name: contoso.com, exclusions: ["OU=Corp,DC=contoso,DC=com"]}
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def load(tmp_path, text, name="scenario.yaml"):
    write(tmp_path, "base.yaml", BASE)
    path = write(tmp_path, name, text)
    return load_document(path.read_text(), str(path))


def test_maps_merge_and_scalars_replace(tmp_path):
    doc = load(tmp_path, "schema: 1\ninclude: base.yaml\ntenant: {seed: 9}\n"
                         "sync: {stagingMode: true}\n")
    assert doc["tenant"]["seed"] == 9
    assert doc["tenant"]["initialDomain"] == "contoso.onmicrosoft.com"
    assert doc["sync"]["stagingMode"] is True
    assert doc["sync"]["partitions"][0]["exclusions"] == ["OU=Corp,DC=contoso,DC=com"]


def test_object_lists_merge_by_key_and_inner_lists_replace(tmp_path):
    doc = load(tmp_path, """\
schema: 1
include: base.yaml
onPremises:
  users:
    - dn: cn=ann,ou=corp,dc=contoso,dc=com
      proxyAddresses: [SMTP:ann.lee@contoso.com]
    - dn: CN=Cy,OU=Corp,DC=contoso,DC=com
      sAMAccountName: cy
""")
    users = doc["onPremises"]["users"]
    assert [u["sAMAccountName"] for u in users] == ["ann", "bob", "cy"]
    assert users[0]["title"] == "Analyst"
    assert users[0]["proxyAddresses"] == ["SMTP:ann.lee@contoso.com"]


def test_remove_drops_the_matching_item(tmp_path):
    doc = load(tmp_path, "schema: 1\ninclude: base.yaml\nonPremises:\n  users:\n"
                         "    - {dn: 'CN=Bob,OU=Corp,DC=contoso,DC=com', remove: true}\n")
    assert [u["sAMAccountName"] for u in doc["onPremises"]["users"]] == ["ann"]


def test_remove_that_matches_nothing_is_a_problem(tmp_path):
    with pytest.raises(FixtureError) as caught:
        load(tmp_path, "schema: 1\ninclude: base.yaml\nonPremises:\n  users:\n"
                       "    - {dn: 'CN=Zed,OU=Corp,DC=contoso,DC=com', remove: true}\n")
    assert caught.value.problems == [
        "scenario.yaml:5: onPremises.users[0]: remove: true matches no item of the included "
        "fixtures"]


def test_other_lists_replace(tmp_path):
    doc = load(tmp_path, "schema: 1\ninclude: base.yaml\ntenant:\n  skus:\n"
                         "    - {accountSkuId: 'contoso:ENTERPRISEPACK', servicePlans: [SWAY]}\n")
    assert doc["tenant"]["skus"][0]["servicePlans"] == ["SWAY"]


def test_problems_name_the_file_they_are_in(tmp_path):
    with pytest.raises(FixtureError) as caught:
        load(tmp_path, "schema: 1\ninclude: base.yaml\nonPremises:\n  users:\n"
                       "    - {dn: 'CN=Bob,OU=Corp,DC=contoso,DC=com', titel: Boss}\n")
    assert caught.value.problems == [
        "scenario.yaml:5: onPremises.users[1].titel: unknown key (did you mean 'title'?)"]


def test_include_chain_and_list_of_includes(tmp_path):
    write(tmp_path, "extra.yaml", "schema: 1\nsync: {stagingMode: true}\n")
    write(tmp_path, "middle.yaml", "schema: 1\ninclude: [base.yaml, extra.yaml]\n"
                                   "tenant: {seed: 5}\n")
    doc = load(tmp_path, "schema: 1\ninclude: middle.yaml\n")
    assert (doc["tenant"]["seed"], doc["sync"]["stagingMode"]) == (5, True)


def test_include_relative_to_the_including_file(tmp_path):
    write(tmp_path, "scenarios/local.yaml", "schema: 1\ninclude: ../base.yaml\n")
    doc = load(tmp_path, "schema: 1\ninclude: local.yaml\n", name="scenarios/s.yaml")
    assert doc["tenant"]["seed"] == 3


def test_include_cycle(tmp_path):
    write(tmp_path, "a.yaml", "schema: 1\ninclude: b.yaml\n")
    write(tmp_path, "b.yaml", "schema: 1\n\ninclude: a.yaml\n")
    with pytest.raises(FixtureError) as caught:
        load_fixture(tmp_path / "a.yaml")
    assert caught.value.problems == ["b.yaml:3: include: include cycle: a.yaml -> b.yaml -> "
                                     "a.yaml"]


def test_missing_include(tmp_path):
    with pytest.raises(FixtureError) as caught:
        load(tmp_path, "schema: 1\ninclude: [base.yaml, nothere.yaml]\n")
    assert caught.value.problems == ["scenario.yaml:2: include: cannot find 'nothere.yaml'"]


def test_packaged_contoso_can_be_included_from_anywhere(tmp_path):
    doc = load(tmp_path, "schema: 1\ninclude: contoso.yaml\ninitialSync: false\n"
                         "licenses: []\n")
    assert doc["tenant"]["name"] == "Contoso" and doc["initialSync"] is False


def test_scenario_on_contoso_builds(tmp_path):
    path = write(tmp_path, "s.yaml", """\
schema: 1
include: contoso
onPremises:
  users:
    - dn: CN=Adele Vance,OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com
      title: Store Manager
""")
    tenant = load_fixture(path)
    adele = tenant.aad.by_upn("adele.vance@contoso.com")
    assert adele.title == "Store Manager"


def test_an_empty_keyed_list_clears(tmp_path):
    doc = load(tmp_path, "schema: 1\ninclude: base.yaml\nonPremises:\n  users: []\n")
    assert doc["onPremises"]["users"] == []
