"""The default tenant: what each stage holds after loading contoso.yaml, and determinism."""
from __future__ import annotations

from collections import Counter

import pytest

from msolsh.tenant.fixtures import load_document, load_fixture


@pytest.fixture(scope="module")
def contoso():
    return load_fixture("contoso")


def test_the_document_is_valid_and_realistic():
    doc = load_document(open(_path()).read(), "contoso.yaml")
    users = doc["onPremises"]["users"]
    people = [u for u in users if u.get("department")]
    assert len(people) >= 60
    assert {u["department"] for u in people} >= {"Sales", "Marketing", "Engineering", "Finance",
                                                 "HR", "IT", "Support"}
    assert all(u.get("manager") for u in people if u["title"] != "Chief Executive Officer"
               and u["sAMAccountName"] != "pat.kowalczyk")


def _path():
    from msolsh.tenant.fixtures import resolve_fixture_path
    return resolve_fixture_path("contoso")


def test_on_premises_directory(contoso):
    kinds = Counter(o.object_class for o in contoso.directory.objects.values())
    assert (kinds["user"], kinds["inetOrgPerson"], kinds["group"], kinds["contact"],
            kinds["organizationalUnit"]) == (77, 2, 19, 5, 22)
    adele = contoso.directory.by_sam("adele.vance")
    assert adele.object_class == "inetOrgPerson"
    assert adele.attrs["manager"] == \
        "CN=Alex Wilber,OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com"


def test_connector_spaces_and_metaverse(contoso):
    # The excluded OU (Disabled Users) is never imported; critical objects and the User_
    # adminDescription one are not projected; cloudFiltered ones are (sync-engine.md §2.2).
    assert Counter(o.object_type for o in contoso.ad_cs.objects.values()) == \
        {"user": 76, "inetOrgPerson": 2, "group": 19, "contact": 5}
    assert Counter(o.object_type for o in contoso.metaverse.objects.values()) == \
        {"person": 80, "group": 18}
    assert Counter(o.object_type for o in contoso.aad_cs.objects.values()) == \
        {"user": 79, "group": 19, "contact": 5}


def test_azure_ad_holds_synced_and_cloud_objects_but_not_filtered_ones(contoso):
    assert Counter(o.object_type for o in contoso.aad.objects.values()) == \
        {"User": 79, "Group": 19, "Contact": 5}
    ad = {o.attrs.get("userPrincipalName") for o in contoso.directory.objects.values()
          if o.object_class in ("user", "inetOrgPerson")}
    aad = {u.user_principal_name for u in contoso.aad.users()}
    assert {u for u in ad - aad if u} == {
        "Administrator@contoso.com", "MSOL_8f3b2c1d9e0a@contoso.com",
        "SystemMailbox{1f05a927-8f3c-4b2e-9d61-5c7a2e4b8d10}@contoso.com",
        "pat.kowalczyk@contoso.com", "svc-wbtest@contoso.com"}
    assert sorted(aad - ad) == [
        "admin@contoso.onmicrosoft.com", "breakglass@contoso.onmicrosoft.com",
        "exoadmin@contoso.onmicrosoft.com", "helpdesk@contoso.onmicrosoft.com",
        "kiosk.lobby@contoso.com", "nora.lind_fabrikam.net#EXT#@contoso.onmicrosoft.com"]


def test_admins_licences_and_domains(contoso):
    admin = contoso.aad.by_upn("admin@contoso.onmicrosoft.com")
    assert admin.roles == ["Company Administrator"] and not admin.dirsync_enabled
    assert contoso.aad.consumed_units("contoso:ENTERPRISEPACK") == 64
    assert contoso.aad.consumed_units("contoso:EMS") == 19
    assert contoso.aad.domain("fabrikam.com")["Authentication"] == "Federated"
    assert contoso.aad.domain("contoso.com")["IsDefault"] is True
    megan = contoso.aad.by_upn("megan.bowen@contoso.com")
    assert (megan.dirsync_enabled, megan.usage_location, megan.title) == \
        (True, "US", "Chief Executive Officer")


def test_exchange_online_recipients(contoso):
    kinds = Counter(r.recipient_type_details for r in contoso.exchange.recipients.values())
    assert kinds == {"UserMailbox": 62, "MailUser": 10, "MailUniversalDistributionGroup": 7,
                     "MailContact": 6, "User": 4, "SharedMailbox": 2, "RoomMailbox": 2,
                     "EquipmentMailbox": 1, "MailUniversalSecurityGroup": 1}
    megan = contoso.exchange.get("megan.bowen@contoso.com")
    on_premises = contoso.directory.by_sam("megan.bowen").attrs
    assert (megan.recipient_type_details, megan.exchange_guid, megan.archive_guid) == \
        ("UserMailbox", on_premises["msExchMailboxGuid"], on_premises["msExchArchiveGUID"])
    onprem = contoso.exchange.get("joni.sherman@contoso.com")
    assert onprem.recipient_type_details == "MailUser"  # her mailbox is still on premises
    inactive = contoso.exchange.get("rob.young@contoso.com", include_soft_deleted=True)
    assert (inactive.is_inactive, inactive.litigation_hold_enabled) == (True, True)


def test_clock_and_run_history(contoso):
    assert str(contoso.clock.now) == "2026-01-05 09:03:00+00:00"
    assert [(r["ConnectorName"], r["RunProfileName"]) for r in contoso.sync.history] == [
        ("contoso.com", "Full Import"),
        ("contoso.onmicrosoft.com - AAD", "Full Import"),
        ("contoso.com", "Full Synchronization"),
        ("contoso.onmicrosoft.com - AAD", "Full Synchronization"),
        ("contoso.onmicrosoft.com - AAD", "Export"),
        ("contoso.com", "Export"),
    ]


def test_two_loads_give_the_same_ids(contoso):
    again = load_fixture("contoso")
    assert again.snapshot() == contoso.snapshot()
    assert sorted(again.aad.objects) == sorted(contoso.aad.objects)


def test_the_seed_decides_the_ids(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("schema: 1\ninclude: contoso\ntenant: {seed: 42}\n")
    other = load_fixture(path)
    base = load_fixture("contoso")
    assert other.directory.by_sam("megan.bowen").guid != base.directory.by_sam("megan.bowen").guid
