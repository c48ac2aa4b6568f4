"""Inbound/outbound out-of-box rules: scoping, cloudFiltered, attribute flows, attribute filters."""
import pytest

from msolsh.tenant.ids import source_anchor

from conftest import SALES, add_group, add_user, step


def mv_of(t, ad_obj):
    cs = t.ad_cs.by_anchor(ad_obj.guid)
    return t.metaverse.get(cs.mv_id) if cs and cs.mv_id else None


@pytest.mark.parametrize("attrs", [
    {"sAMAccountName": "AAD_0123abcd"},
    {"sAMAccountName": "MSOL_0123abcd"},
    {"sAMAccountName": "SUPPORT_388945a0"},
    {"mailNickname": "SystemMailbox{1f05a927-1234}"},
    {"mailNickname": "CAS_{abc}"},
    {"msExchRecipientTypeDetails": 8388608},   # bit in 0x21C07000
    {"msExchRecipientTypeDetails": 536870912},
])
def test_cloud_filtered_users_stay_in_the_metaverse_only(tenant, attrs):
    user = add_user(tenant, "svc", **attrs)
    tenant.sync.run_cycle("Initial")
    mv = mv_of(tenant, user)
    assert mv.attrs["cloudFiltered"] is True
    assert tenant.aad_cs.name not in mv.connectors
    assert tenant.aad.by_upn("svc@contoso.com") is None
    assert tenant.trace(user.guid)["StuckAt"] == "Metaverse"


def test_cnf_victim_and_missing_sam_are_cloud_filtered(tenant):
    cnf = tenant.directory.add_user(f"CN=Ann\\0ACNF:3ab39606-c642-489b-84b6-58c038d3ef39,{SALES}",
                                    {"sAMAccountName": "ann-cnf"})
    nosam = tenant.directory.add_user(f"CN=NoSam,{SALES}", {"userPrincipalName": "ns@contoso.com"})
    tenant.sync.run_cycle("Initial")
    assert mv_of(tenant, cnf).attrs["cloudFiltered"] is True
    assert mv_of(tenant, nosam).attrs["cloudFiltered"] is True


def test_critical_system_objects_and_admin_description_are_not_projected(tenant):
    admin = add_user(tenant, "administrator", isCriticalSystemObject=True)
    wb = add_user(tenant, "wb", adminDescription="User_1234")
    grp = add_group(tenant, "Writeback", adminDescription="Group_99")
    runs = tenant.sync.run_cycle("Initial")
    for obj in (admin, wb, grp):
        cs = tenant.ad_cs.by_anchor(obj.guid)
        assert cs is not None and not cs.is_connector
    assert step(runs, "contoso.com", "Full Synchronization")["DisconnectorFiltered"] == 3


def test_linked_mailbox_has_no_source_anchor_and_waits(tenant):
    linked = add_user(tenant, "lm", msExchRecipientTypeDetails=2)
    tenant.sync.run_cycle("Initial")
    mv = mv_of(tenant, linked)
    assert "sourceAnchor" not in mv.attrs and "sourceObjectType" not in mv.attrs
    assert tenant.aad.by_upn("lm@contoso.com") is None


def test_upn_falls_back_to_sam_at_domain_and_display_name_to_cn(tenant):
    user = add_user(tenant, "nate", userPrincipalName=None, displayName=None,
                    givenName="  Nate  ", proxyAddresses=["SMTP:nate@contoso.com",
                                                          "smtp:NATE@contoso.com ", "X500:/o=x"])
    tenant.sync.run_cycle("Initial")
    mv = mv_of(tenant, user)
    assert mv.attrs["userPrincipalName"] == "nate@contoso.com"
    assert mv.attrs["displayName"] == "Nate"  # the cn
    assert mv.attrs["givenName"] == "Nate"
    assert mv.attrs["proxyAddresses"] == ["SMTP:nate@contoso.com", "X500:/o=x"]
    cloud = tenant.aad.by_upn("nate@contoso.com")
    assert cloud.first_name == "Nate" and cloud.display_name == "Nate"


def test_account_name_is_not_present_is_a_sync_error(tenant):
    tenant.directory.add_user(f"CN=Ghost,{SALES}", {"displayName": "Ghost"})
    runs = tenant.sync.run_cycle("Initial")
    sync = step(runs, "contoso.com", "Full Synchronization")
    assert sync["StepResult"] == "completed-sync-errors"
    assert sync["ObjectErrors"][0]["ErrorType"] == "sync-rule-error-function-triggered"
    assert sync["ObjectErrors"][0]["ErrorLiteral"] == "AccountName is not present"


def test_exchange_attributes_flow_only_with_mail_nickname(tenant):
    guid = "11111111-2222-4333-8444-555555555555"
    with_nick = add_user(tenant, "ann", msExchMailboxGuid=guid, msExchRecipientTypeDetails=1)
    without = add_user(tenant, "bob", mailNickname=None, msExchMailboxGuid=guid.replace("1", "9"),
                       msExchRecipientTypeDetails=1)
    tenant.sync.run_cycle("Initial")
    assert mv_of(tenant, with_nick).attrs["msExchMailboxGuid"] == guid
    assert "msExchMailboxGuid" not in mv_of(tenant, without).attrs
    assert tenant.aad.by_upn("ann@contoso.com").exchange["msExchMailboxGuid"] == guid
    assert tenant.aad.by_upn("bob@contoso.com").exchange == {}


def test_source_anchor_uses_consistency_guid_or_object_guid(tenant):
    ann = add_user(tenant, "ann")
    tenant.config.anchor_attribute = "objectGUID"
    tenant.sync.run_cycle("Initial")
    assert tenant.aad.by_upn("ann@contoso.com").immutable_id == source_anchor(ann.guid)
    assert "ms-DS-ConsistencyGuid" not in ann.attrs  # no write-back with objectGUID anchor


def test_consistency_guid_is_written_back_to_ad(tenant):
    ann = add_user(tenant, "ann")
    runs = tenant.sync.run_cycle("Initial")
    assert step(runs, "contoso.com", "Export")["ExportUpdate"] == 1
    assert ann.attrs["ms-DS-ConsistencyGuid"] == ann.guid
    assert tenant.aad.by_upn("ann@contoso.com").immutable_id == source_anchor(ann.guid)


def test_attribute_based_filtering_rule(tenant):
    add_user(tenant, "ann", department="Sales")
    add_user(tenant, "bob", department="Contractors")
    tenant.config.add_attribute_rule(
        "In from AD - User DoNotSyncFilter", "user",
        [[{"attribute": "department", "operator": "EQUAL", "value": "Contractors"}]],
        cloud_filtered=True, precedence=50)
    tenant.sync.run_cycle("Initial")
    assert tenant.aad.by_upn("ann@contoso.com") is not None
    assert tenant.aad.by_upn("bob@contoso.com") is None


def test_distribution_group_must_be_mail_enabled_security_group_need_not(tenant):
    ann = add_user(tenant, "ann")
    add_group(tenant, "Dist-NoMail", [ann], groupType=2)       # global distribution, no mail
    add_group(tenant, "Dist-Mail", [ann], groupType=8, mail="dl@contoso.com",
              proxyAddresses=["SMTP:dl@contoso.com"], mailNickname="dl")
    add_group(tenant, "Sec", [ann])
    add_group(tenant, "X500Only", [ann], groupType=8, proxyAddresses=["X500:/o=x"])
    tenant.sync.run_cycle("Initial")
    groups = {g.display_name: g for g in tenant.aad.of_type("Group")}
    assert sorted(groups) == ["Dist-Mail", "Sec"]
    assert groups["Dist-Mail"].group_type == "DistributionList"
    assert groups["Sec"].group_type == "Security"


def test_contacts_sync_only_when_mail_enabled(tenant):
    tenant.directory.add_contact(f"CN=Partner,{SALES}", {"mail": "p@partner.com",
                                                         "displayName": "Partner"})
    tenant.directory.add_contact(f"CN=NoMail,{SALES}", {"displayName": "NoMail"})
    tenant.sync.run_cycle("Initial")
    assert [c.display_name for c in tenant.aad.of_type("Contact")] == ["Partner"]


def test_nested_groups_sync_with_their_members(tenant):
    ann = add_user(tenant, "ann")
    inner = add_group(tenant, "A-Inner", [ann])
    add_group(tenant, "Z-Outer", [inner])
    add_group(tenant, "0-First", [inner])  # processed before its member group exists in MV
    tenant.sync.run_cycle("Initial")
    groups = {g.display_name: g for g in tenant.aad.of_type("Group")}
    assert groups["Z-Outer"].members == [groups["A-Inner"].object_id]
    assert groups["0-First"].members == [groups["A-Inner"].object_id]


def test_lineage_names_the_out_of_box_rules(tenant):
    ann = add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    cs = tenant.ad_cs.by_anchor(ann.guid)
    assert [(l["SyncRuleName"], l["Operation"]) for l in cs.lineage] == [
        ("In from AD - User Join", "Provision"), ("In from AD - User AccountEnabled", "Join"),
        ("In from AD - User Common from Exchange", "Join"), ("In from AD - User Common", "Join"),
        ("In from AD - User Exchange", "Join")]
    aad_cs = tenant.aad_cs.get(tenant.metaverse.get(cs.mv_id).connectors[tenant.aad_cs.name])
    assert [l["SyncRuleName"] for l in aad_cs.lineage] == [
        "Out to AAD - User Join", "Out to AAD - User Identity", "Out to AAD - User ExchangeOnline"]
    assert aad_cs.dn == "CN={" + source_anchor(ann.guid).encode().hex().upper() + "}"
