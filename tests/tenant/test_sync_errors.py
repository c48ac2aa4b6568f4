"""Sync (apply-rules) errors: held-back changes keep the last good state; retried until fixed."""
import uuid

from msolsh.tenant.ids import source_anchor

from conftest import add_group, add_user, settle, step


def test_source_anchor_changed_holds_the_object_at_its_last_good_state(tenant):
    ann = add_user(tenant, "ann")
    tenant.config.anchor_attribute = "objectGUID"
    tenant.sync.run_cycle("Initial")
    settle(tenant)  # the AAD import confirms: cloudSourceAnchor reaches the metaverse
    cloud = tenant.aad.by_upn("ann@contoso.com")
    tenant.config.anchor_attribute = "mS-DS-ConsistencyGuid"
    new_guid = "0f0f0f0f-1111-4222-8333-444444444444"
    tenant.directory.set_attribute(ann, "ms-DS-ConsistencyGuid", uuid.UUID(new_guid))
    tenant.directory.set_attribute(ann, "displayName", "Ann Renamed")
    runs = tenant.sync.run_cycle("Delta")
    sync = step(runs, "contoso.com", "Delta Synchronization")
    assert sync["StepResult"] == "completed-sync-errors"
    error = sync["ObjectErrors"][0]
    assert (error["ErrorType"], error["ErrorLiteral"]) == (
        "sync-rule-error-function-triggered", "SourceAnchor attribute has changed.")
    assert error["ObjectDn"] == ann.dn
    cs = tenant.ad_cs.by_anchor(ann.guid)
    assert cs.sync_error["ErrorLiteral"] == "SourceAnchor attribute has changed."
    mv = tenant.metaverse.get(cs.mv_id)
    assert mv.attrs["sourceAnchor"] == source_anchor(ann.guid)  # last good state kept
    assert mv.attrs["displayName"] == "Ann"
    assert cloud.display_name == "Ann" and cloud.immutable_id == source_anchor(ann.guid)
    assert export_result(runs) == "success"
    # retried every cycle while broken
    runs = tenant.sync.run_cycle("Delta")
    again = step(runs, "contoso.com", "Delta Synchronization")["ObjectErrors"][0]
    assert again["RetryCount"] == 1 and again["FirstOccurred"] == error["FirstOccurred"]
    assert tenant.trace("ann")["StuckAt"] == "AD connector space"
    # the fix: put the old value back
    tenant.directory.set_attribute(ann, "ms-DS-ConsistencyGuid", uuid.UUID(ann.guid))
    runs = tenant.sync.run_cycle("Delta")
    assert step(runs, "contoso.com", "Delta Synchronization")["StepResult"] == "success"
    assert cs.sync_error is None
    assert cloud.display_name == "Ann Renamed"


def export_result(runs):
    return step(runs, "- AAD", "Export")["StepResult"]


def test_maximum_group_member_count_exceeded(tenant):
    users = [add_user(tenant, f"u{i}") for i in range(4)]
    group = add_group(tenant, "Big", users[:2])
    tenant.config.group_member_limit = 3  # stands in for 50,000 in a small test
    tenant.sync.run_cycle("Initial")
    settle(tenant)  # cloudAnchor of the group reaches the metaverse
    cloud = next(tenant.aad.of_type("Group"))
    assert len(cloud.members) == 2
    for u in users[2:]:
        tenant.directory.add_member(group, u)
    runs = tenant.sync.run_cycle("Delta")
    sync = step(runs, "contoso.com", "Delta Synchronization")
    assert sync["StepResult"] == "completed-sync-errors"
    assert sync["ObjectErrors"][0]["ErrorLiteral"] == "Maximum Group member count exceeded"
    assert len(cloud.members) == 2  # the group keeps its last good membership
    tenant.directory.remove_member(group, users[3])
    tenant.sync.run_cycle("Delta")
    assert len(cloud.members) == 3


def test_new_group_over_the_limit_is_not_provisioned(tenant):
    users = [add_user(tenant, f"u{i}") for i in range(3)]
    add_group(tenant, "Big", users)
    tenant.config.group_member_limit = 3
    runs = tenant.sync.run_cycle("Initial")
    assert step(runs, "contoso.com", "Full Synchronization")["StepResult"] == "success"
    assert list(tenant.aad.of_type("Group")) == []


def test_two_objects_with_the_same_source_anchor(tenant):
    shared = uuid.UUID("12345678-1234-4234-8234-123456789abc")
    add_user(tenant, "ann", **{"ms-DS-ConsistencyGuid": shared.bytes_le})
    bob = add_user(tenant, "bob", **{"ms-DS-ConsistencyGuid": shared.bytes_le})
    runs = tenant.sync.run_cycle("Initial")
    sync = step(runs, "contoso.com", "Full Synchronization")
    assert sync["StepResult"] == "completed-sync-errors"
    assert [(e["ErrorType"], e["ObjectDn"]) for e in sync["ObjectErrors"]] == [
        ("ambiguous-inbound-join", bob.dn)]
    assert [u.user_principal_name for u in tenant.aad.users()] == ["ann@contoso.com"]


def test_synchronize_one_object_now(tenant):
    ann = add_user(tenant, "ann")
    tenant.sync.run_profile("contoso.com", "Full Import")
    result = tenant.sync.synchronize_object(tenant.ad_cs.by_anchor(ann.guid))
    assert (result["StepResult"], result["DisconnectorProjectedFlow"]) == ("success", 1)
    assert tenant.sync.connector_statistics(tenant.aad_cs.name)["ExportAdds"] == 1
    assert tenant.sync.history[-1]["RunProfileName"] == "Full Import"
