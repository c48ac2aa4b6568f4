"""A trainee's first day: the default Contoso tenant starts healthy at every stage.

The Initial cycle run at load must end `success` on every step (nested groups are exported in the
same run as their parent groups, and their references resolve in the export's reference pass).
"""
from __future__ import annotations

import pytest

from msolsh.tenant.fixtures import load_fixture

CYCLE = [("contoso.com", "Full Import"), ("contoso.onmicrosoft.com - AAD", "Full Import"),
         ("contoso.com", "Full Synchronization"),
         ("contoso.onmicrosoft.com - AAD", "Full Synchronization"),
         ("contoso.onmicrosoft.com - AAD", "Export"), ("contoso.com", "Export")]


@pytest.fixture(scope="module")
def contoso():
    return load_fixture("contoso")


def test_every_step_of_the_initial_cycle_succeeds(contoso):
    runs = contoso.sync.history
    assert [(r["ConnectorName"], r["RunProfileName"]) for r in runs] == CYCLE
    assert [r["Result"] for r in runs] == ["success"] * 6
    for r in runs:
        step = r["RunStepResults"][0]
        assert step["StepResult"] == "success"
        assert step["ObjectErrors"] == []
    export = runs[4]["RunStepResults"][0]
    assert (export["ExportAdd"], export["ExportUpdate"], export["ExportFailure"]) == (94, 0, 0)
    assert not [e for e in contoso.event_log if e["EventID"] in (116, 6949)]


def test_no_connector_space_object_has_an_error(contoso):
    for cs in (contoso.ad_cs, contoso.aad_cs):
        assert [o.dn for o in cs.objects.values() if o.export_error or o.sync_error] == []
        assert [o.dn for o in cs.objects.values() if o.pending_export] == []
        assert [o.dn for o in cs.objects.values() if o.unresolved_members] == []
    assert not contoso.ad_cs.retry


def test_azure_ad_objects_are_healthy(contoso):
    assert [o.display_name for o in contoso.aad.objects.values()
            if o.errors or o.provisioning_errors] == []
    assert all(u.validation_status == "Healthy" for u in contoso.aad.users())


def test_nested_groups_reach_azure_ad_with_their_parent(contoso):
    aad = contoso.aad
    by_name = {g.display_name: g for g in aad.of_type("Group")}
    all_staff = by_name["SG-All Staff"]
    departments = ["SG-Sales", "SG-Marketing", "SG-Engineering", "SG-Finance", "SG-HR",
                   "SG-IT", "SG-Support"]
    assert {by_name[d].object_id for d in departments} <= set(all_staff.members)
    assert len(all_staff.members) == 13  # 7 department groups and 6 direct users
    vpn = by_name["SG-VPN Users"]
    assert {by_name["SG-IT"].object_id, by_name["SG-Support"].object_id} <= set(vpn.members)
    # the metaverse and the Azure AD connector space agree with Azure AD
    mv = contoso.metaverse.by_source_anchor(all_staff.immutable_id)
    assert len(mv.attrs["member"]) == 13
    link = contoso.aad_cs.get(mv.connectors[contoso.aad_cs.name])
    assert link.object_id == all_staff.object_id and link.pending_export is None


def test_a_second_delta_cycle_stays_clean(contoso):
    runs = contoso.sync.run_cycle("Delta")
    assert [r["Result"] for r in runs] == ["success"] * 6
    export = runs[4]["RunStepResults"][0]
    assert (export["ExportAdd"], export["ExportUpdate"], export["ExportFailure"]) == (0, 0, 0)


def test_parent_group_exported_before_its_nested_group_gets_it_in_the_same_run():
    from tests.tenant.conftest import STAGING, add_group, add_user, export_step, make_tenant
    t = make_tenant()
    ann = add_user(t, "ann")
    child = add_group(t, "ZZ Child", [ann])
    add_group(t, "AA Parent", [child])
    hidden = add_user(t, "hidden", ou=STAGING)           # excluded OU: never in Azure AD
    add_group(t, "AB Mixed", [ann, hidden])
    runs = t.sync.run_cycle("Initial")
    step = export_step(runs)
    assert step["StepResult"] == "completed-export-errors"   # only the real missing member
    assert [(e["ErrorType"], e["ErrorLiteral"]) for e in step["ObjectErrors"]] == [
        ("dn-attributes-failure", "Some members of the group could not be exported because "
         "they are not synchronized to Azure AD: Hidden.")]
    assert (step["ExportAdd"], step["ExportUpdate"]) == (4, 0)
    groups = {g.display_name: g for g in t.aad.of_type("Group")}
    assert groups["AA Parent"].members == [groups["ZZ Child"].object_id]
    assert groups["ZZ Child"].members == [t.aad.by_upn("ann@contoso.com").object_id]
    assert groups["AB Mixed"].members == [t.aad.by_upn("ann@contoso.com").object_id]
    assert [e["EventID"] for e in t.event_log] == [6949]


def test_synced_and_cloud_users_show_their_addresses_and_country(contoso):
    alex = contoso.aad.by_upn("alex.wilber@contoso.com")
    assert (alex.country, alex.city, alex.state, alex.usage_location) == (
        "United States", "Redmond", "WA", "US")
    kiosk = contoso.aad.by_upn("kiosk.lobby@contoso.com")     # cloud-only, Exchange licence
    assert kiosk.proxy_addresses == ["SMTP:kiosk.lobby@contoso.com",
                                     "smtp:kiosk.lobby@contoso.onmicrosoft.com"]
    admin = contoso.aad.by_upn("admin@contoso.onmicrosoft.com")
    assert admin.proxy_addresses == ["SMTP:admin@contoso.onmicrosoft.com"]
    guest = contoso.aad.by_upn("nora.lind_fabrikam.net#EXT#@contoso.onmicrosoft.com")
    assert guest.proxy_addresses == []                       # no licence, no mail
    mbx = contoso.exchange.by_external_id(kiosk.object_id)
    assert (mbx.recipient_type_details, mbx.email_addresses) == (
        "UserMailbox", kiosk.proxy_addresses)
