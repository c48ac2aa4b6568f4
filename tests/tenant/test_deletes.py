"""Deletes: recycle bin, restore, Remove-/Restore-MsolUser, prevent accidental deletes."""
from datetime import timedelta

import pytest

from msolsh.tenant.errors import AzureADError
from msolsh.tenant.ids import source_anchor

from conftest import STAGING, add_group, add_user, export_step, settle, step


def test_ad_delete_soft_deletes_the_user_for_30_days(tenant):
    ann = add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    cloud = tenant.aad.by_upn("ann@contoso.com")
    tenant.directory.delete(ann)
    runs = tenant.sync.run_cycle("Delta")
    assert step(runs, "contoso.com", "Delta Synchronization")["ConnectorDeleteRemoveMv"] == 1
    assert export_step(runs)["ExportDelete"] == 1
    assert cloud.is_deleted and cloud.soft_deletion_timestamp == tenant.clock.now
    assert tenant.aad.by_upn("ann@contoso.com") is None
    assert tenant.trace(cloud.object_id)["Stages"]["Azure AD"]["Status"] == "Deleted"
    tenant.advance(timedelta(days=29).total_seconds())
    assert tenant.aad.get(cloud.object_id) is cloud
    tenant.advance(timedelta(days=1).total_seconds())
    assert tenant.aad.get(cloud.object_id) is None


def test_ad_recycle_bin_restore_rejoins_by_hard_match(tenant):
    ann = add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    cloud = tenant.aad.by_upn("ann@contoso.com")
    tenant.directory.delete(ann)
    tenant.sync.run_cycle("Delta")
    tenant.directory.restore(ann.guid)
    runs = tenant.sync.run_cycle("Delta")
    assert export_step(runs)["ExportAdd"] == 1
    assert not cloud.is_deleted and cloud.immutable_id == source_anchor(ann.guid)
    assert len(list(tenant.aad.users())) == 1


def test_groups_are_deleted_permanently(tenant):
    group = add_group(tenant, "Sales")
    tenant.sync.run_cycle("Initial")
    object_id = next(tenant.aad.of_type("Group")).object_id
    tenant.directory.delete(group)
    tenant.sync.run_cycle("Delta")
    assert tenant.aad.get(object_id) is None


def test_recreated_ad_account_is_a_new_cloud_user(tenant):
    ann = add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    tenant.directory.delete(ann)
    tenant.sync.run_cycle("Delta")
    new = add_user(tenant, "ann")
    tenant.sync.run_cycle("Delta")
    assert tenant.aad.by_upn("ann@contoso.com").immutable_id == source_anchor(new.guid)
    assert len(list(tenant.aad.users(deleted=True))) == 1


def test_remove_msol_user_and_purge(tenant):
    user = tenant.aad.add_cloud_user("amy@contoso.com", "Amy")
    tenant.aad.remove_user("amy@contoso.com")
    assert user.is_deleted
    with pytest.raises(AzureADError) as err:
        tenant.aad.remove_user("amy@contoso.com")
    assert err.value.message == "User Not Found.  User: amy@contoso.com."
    tenant.aad.remove_user(user.object_id, remove_from_recycle_bin=True)
    assert tenant.aad.get(user.object_id) is None
    with pytest.raises(AzureADError):
        tenant.aad.restore_user(user.object_id)


def test_restore_msol_user_conflicts(tenant):
    amy = tenant.aad.add_cloud_user("amy@contoso.com", "Amy",
                                    proxy_addresses=["SMTP:amy.k@contoso.com"])
    tenant.aad.remove_user(amy.object_id)
    tenant.aad.add_cloud_user("amy@contoso.com", "New Amy")
    tenant.aad.add_cloud_user("other@contoso.com", "Other", proxy_addresses=["SMTP:amy.k@contoso.com"])
    with pytest.raises(AzureADError) as err:
        tenant.aad.restore_user(amy.object_id)
    assert err.value.message == ("The specified user account cannot be restored because of the "
                                 "following error: Error Type UserPrincipalName")
    with pytest.raises(AzureADError) as err:
        tenant.aad.restore_user(amy.object_id, new_user_principal_name="amy2@contoso.com")
    assert err.value.message.endswith("Error Type proxyAddress")
    tenant.aad.restore_user(amy.object_id, new_user_principal_name="amy2@contoso.com",
                            auto_reconcile_proxy_conflicts=True)
    assert not amy.is_deleted and amy.user_principal_name == "amy2@contoso.com"
    assert amy.proxy_addresses == []


def test_synced_user_removed_in_the_cloud_comes_back_on_the_next_cycles(tenant):
    add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    cloud = tenant.aad.by_upn("ann@contoso.com")
    tenant.aad.remove_user(cloud.object_id)
    runs = tenant.sync.run_cycle("Delta")
    assert step(runs, "- AAD", "Delta Import")["StageDelete"] == 1
    assert export_step(runs)["ExportAdd"] == 1   # re-provisioned, hard match restores it
    assert not cloud.is_deleted and cloud.dirsync_enabled


def test_prevent_accidental_deletes_stops_the_whole_export(tenant):
    users = [add_user(tenant, f"u{i}") for i in range(4)]
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.config.deletion_threshold = 2
    for u in users[:3]:
        tenant.directory.move(u, STAGING)
    add_user(tenant, "newbie")
    runs = tenant.sync.run_cycle("Delta")
    exp = export_step(runs)
    assert exp["StepResult"] == "stopped-deletion-threshold-exceeded"
    assert run_result(runs) == "stopped-deletion-threshold-exceeded"
    assert (exp["ExportDelete"], exp["ExportAdd"]) == (0, 0)
    assert tenant.aad.by_upn("newbie@contoso.com") is None  # adds are not exported either
    assert len(list(tenant.aad.users())) == 4
    event = tenant.event_log[-1]
    assert (event["EventID"], event["Level"]) == (116, "Warning")
    assert event["Message"] == (
        "Prevent Accidental Deletes: The number of deletions for this sync cycle (3 pending "
        "deletes) has exceeded the current threshold of 2 objects. Deletions will be suppressed "
        "for this sync cycle. Please visit http://go.microsoft.com/fwlink/?LinkId=390655 for "
        "more information.")
    assert tenant.trace("u0")["StuckAt"] == "On-premises AD"
    stats = tenant.sync.connector_statistics(tenant.aad_cs.name)
    assert (stats["ExportDeletes"], stats["ExportAdds"]) == (3, 1)
    tenant.config.deletion_threshold_enabled = False  # Disable-ADSyncExportDeletionThreshold
    run = tenant.sync.run_profile(tenant.aad_cs.name, "Export")
    assert run["Result"] == "success"
    assert run["RunStepResults"][0]["ExportDelete"] == 3
    assert tenant.aad.by_upn("newbie@contoso.com") is not None


def run_result(runs):
    return next(r for r in runs if r["RunProfileName"] == "Export"
                and r["ConnectorName"].endswith("- AAD"))["Result"]


def test_default_threshold_is_500_and_enabled(tenant):
    assert (tenant.config.deletion_threshold_enabled, tenant.config.deletion_threshold) == (
        True, 500)
