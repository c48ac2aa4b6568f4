"""Import: pending import types, delta watermark, domain/OU/group filtering, import errors."""
from conftest import SALES, STAGING, add_group, add_user, settle, step


def test_initial_then_delta_import_stage_only_changes(tenant):
    ann, bob = add_user(tenant, "ann"), add_user(tenant, "bob")
    runs = tenant.sync.run_cycle("Initial")
    assert step(runs, "contoso.com", "Full Import")["StageAdd"] == 2
    settle(tenant)
    tenant.directory.set_attribute(ann, "title", "Manager")
    runs = tenant.sync.run_cycle("Delta")
    imp = step(runs, "contoso.com", "Delta Import")
    assert (imp["StageUpdate"], imp["StageAdd"], imp["StageNoChange"]) == (1, 0, 0)
    assert step(runs, "contoso.com", "Delta Synchronization")["ConnectorFlow"] == 1
    assert step(runs, "- AAD", "Export")["ExportUpdate"] == 1
    assert tenant.aad.by_upn("ann@contoso.com").title == "Manager"
    assert tenant.aad.by_upn("bob@contoso.com").title is None


def test_pending_import_add_update_delete(tenant):
    ann = add_user(tenant, "ann")
    tenant.sync.run_profile("contoso.com", "Delta Import")
    cs = tenant.ad_cs.by_anchor(ann.guid)
    assert cs.pending_import == "Add" and not cs.is_connector
    tenant.sync.run_profile("contoso.com", "Delta Synchronization")
    assert cs.pending_import is None and cs.is_connector
    tenant.directory.set_attribute(ann, "title", "Boss")
    tenant.sync.run_profile("contoso.com", "Delta Import")
    assert cs.pending_import == "Update"
    tenant.directory.delete(ann)
    tenant.sync.run_profile("contoso.com", "Delta Import")
    assert cs.pending_import == "Delete"
    stats = tenant.sync.connector_statistics("contoso.com")
    assert stats["ImportDeletes"] == 1


def test_excluded_ou_never_reaches_the_connector_space(tenant):
    jlee = add_user(tenant, "jlee", ou=STAGING)
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    assert tenant.ad_cs.by_anchor(jlee.guid) is None
    assert tenant.aad.by_upn("jlee@contoso.com") is None
    trace = tenant.trace("jlee")
    assert trace["StuckAt"] == "On-premises AD"
    assert trace["Stages"]["On-premises AD"]["Status"] == "Filtered"
    # Fix from S1: move into scope and sync
    tenant.directory.move(jlee, SALES)
    tenant.sync.run_cycle("Delta")
    user = tenant.aad.by_upn("jlee@contoso.com")
    assert user.immutable_id and user.last_dirsync_time is not None


def test_moving_out_of_scope_deletes_in_azure_ad(tenant):
    ann = add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.directory.move(ann, STAGING)
    runs = tenant.sync.run_cycle("Delta")
    assert step(runs, "contoso.com", "Delta Import")["StageDelete"] == 1
    assert step(runs, "- AAD", "Export")["ExportDelete"] == 1
    assert next(tenant.aad.users(deleted=True)).user_principal_name == "ann@contoso.com"


def test_unselected_domain_is_not_imported(tenant):
    tenant.directory.add_domain("emea.contoso.com")
    emea = tenant.directory.add_user("CN=Eve,CN=Users,DC=emea,DC=contoso,DC=com",
                                     {"sAMAccountName": "eve",
                                      "userPrincipalName": "eve@contoso.com"})
    tenant.config.select_domain("emea.contoso.com", False)
    tenant.sync.run_cycle("Initial")
    assert tenant.ad_cs.by_anchor(emea.guid) is None
    tenant.config.select_domain("emea.contoso.com", True)
    tenant.sync.run_cycle("Initial")  # a filter change needs a full import
    assert tenant.aad.by_upn("eve@contoso.com") is not None


def test_ou_inclusion_list_limits_scope(tenant):
    add_user(tenant, "ann")
    tenant.directory.add_ou("OU=Corp,DC=contoso,DC=com")
    carl = add_user(tenant, "carl", ou="OU=Corp,DC=contoso,DC=com")
    tenant.config.include_ou("contoso.com", "OU=Corp,DC=contoso,DC=com")
    tenant.sync.run_cycle("Initial")
    assert tenant.ad_cs.by_anchor(carl.guid) is not None
    assert tenant.aad.by_upn("ann@contoso.com") is None


def test_group_based_filtering_takes_direct_members_only(tenant):
    ann, bob, cid = add_user(tenant, "ann"), add_user(tenant, "bob"), add_user(tenant, "cid")
    inner = add_group(tenant, "Inner", [cid])
    pilot = add_group(tenant, "Pilot", [ann, inner])
    tenant.config.group_filter = pilot.dn
    tenant.sync.run_cycle("Initial")
    synced = {u.user_principal_name for u in tenant.aad.users()}
    assert synced == {"ann@contoso.com"}  # nested member cid and non-member bob stay out
    assert [g.display_name for g in tenant.aad.of_type("Group")] == ["Inner"]
    assert tenant.trace("cid")["Stages"]["On-premises AD"]["Detail"] == (
        "Not a direct member of the group used for group-based filtering.")
    tenant.directory.add_member(pilot, bob)
    tenant.sync.run_cycle("Delta")
    assert tenant.aad.by_upn("bob@contoso.com") is not None


def test_full_import_obsoletes_objects_of_a_renamed_ou(tenant):
    add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.directory.rename(SALES, "Sales2")  # the inclusion is the domain: still in scope
    runs = tenant.sync.run_cycle("Initial")
    assert step(runs, "contoso.com", "Full Import")["StageRename"] == 1
    tenant.config.include_ou("contoso.com", SALES)  # scope now names the old OU DN
    runs = tenant.sync.run_cycle("Initial")
    assert step(runs, "contoso.com", "Full Import")["StageDelete"] == 1
    assert step(runs, "- AAD", "Export")["ExportDelete"] == 1


def test_import_error_for_data_the_connector_rejects(tenant):
    add_user(tenant, "ann")
    add_user(tenant, "bad", displayName="Bad\x01Name")
    runs = tenant.sync.run_cycle("Initial")
    imp = run = step(runs, "contoso.com", "Full Import")
    assert imp["StageFailure"] == 1 and imp["StageAdd"] == 1
    assert run["StepResult"] == "completed-discovery-errors"
    assert imp["ObjectErrors"][0]["ErrorType"] == "cd-error"
    assert imp["ObjectErrors"][0]["ObjectDn"] == f"CN=Bad,{SALES}"
    assert tenant.aad.by_upn("bad@contoso.com") is None


def test_cleared_attribute_is_exported_once(tenant):
    ann = add_user(tenant, "ann", title="Manager")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.directory.set_attribute(ann, "title", None)
    runs = tenant.sync.run_cycle("Delta")
    assert step(runs, "- AAD", "Export")["ExportUpdate"] == 1
    assert tenant.aad.by_upn("ann@contoso.com").title is None
    runs = tenant.sync.run_cycle("Delta")
    assert step(runs, "- AAD", "Export")["ExportUpdate"] == 0
