"""Export to Azure AD: hard match, soft match, and the export errors by their real names."""
from msolsh.tenant.ids import source_anchor

from conftest import STAGING, add_group, add_user, export_step, settle


def only_error(runs):
    exp = export_step(runs)
    assert exp["StepResult"] == "completed-export-errors"
    assert len(exp["ObjectErrors"]) == 1
    return exp["ObjectErrors"][0]


def test_soft_match_on_primary_smtp_takes_over_the_cloud_user(tenant):
    cloud = tenant.aad.add_cloud_user("ann@contoso.onmicrosoft.com", "Cloud Ann",
                                      proxy_addresses=["SMTP:ann@contoso.com"])
    ann = add_user(tenant, "ann")
    runs = tenant.sync.run_cycle("Initial")
    assert export_step(runs)["ExportAdd"] == 1
    assert cloud.immutable_id == source_anchor(ann.guid) and cloud.dirsync_enabled
    assert cloud.display_name == "Ann"  # on-premises values overwrite
    assert len(list(tenant.aad.users())) == 1


def test_soft_match_on_upn_only_when_enabled(tenant):
    cloud = tenant.aad.add_cloud_user("ann@contoso.com", "Cloud Ann")
    add_user(tenant, "ann", proxyAddresses=None)
    tenant.sync.run_cycle("Initial")
    assert cloud.dirsync_enabled

    other = type(tenant)(seed=2)
    other.aad.add_domain("contoso.com")
    other.aad.set_feature("EnableSoftMatchOnUpn", False)
    lone = other.aad.add_cloud_user("ann@contoso.com", "Cloud Ann")
    add_user(other, "ann", ou="CN=Users,DC=contoso,DC=com", proxyAddresses=None)
    other.sync.run_cycle("Initial")
    assert not lone.dirsync_enabled  # no match: the new object got a quarantined UPN
    synced = next(u for u in other.aad.users() if u.dirsync_enabled)
    assert synced.provisioning_errors[0]["PropertyName"] == "UserPrincipalName"


def test_block_soft_match(tenant):
    cloud = tenant.aad.add_cloud_user("x@contoso.onmicrosoft.com", "X",
                                      proxy_addresses=["SMTP:ann@contoso.com"])
    tenant.aad.set_feature("BlockSoftMatch", True)
    add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    assert not cloud.dirsync_enabled
    synced = tenant.aad.by_upn("ann@contoso.com")
    assert synced.provisioning_errors == [{
        "ErrorCategory": "PropertyConflict", "PropertyName": "ProxyAddresses",
        "PropertyValue": "SMTP:ann@contoso.com", "WhenStarted": tenant.clock.now}]


def test_soft_match_refused_onto_an_admin(tenant):
    tenant.aad.add_cloud_user("ann@contoso.com", "Admin Ann", roles=["Company Administrator"])
    add_user(tenant, "ann", proxyAddresses=None)
    error = only_error(tenant.sync.run_cycle("Initial"))
    assert error["ErrorType"] == "AdminRoleConflict"


def test_invalid_soft_match_without_resiliency(tenant):
    tenant.aad.features["DuplicateProxyAddressResiliency"] = False
    bsmith = add_user(tenant, "bsmith", proxyAddresses=["SMTP:bob@contoso.com"])
    tenant.sync.run_cycle("Initial")
    add_user(tenant, "btaylor", proxyAddresses=["SMTP:bob@contoso.com"])
    runs = tenant.sync.run_cycle("Delta")
    error = only_error(runs)
    assert error["ErrorType"] == "InvalidSoftMatch"
    assert "[ProxyAddresses SMTP:bob@contoso.com;]" in error["ErrorLiteral"]
    assert tenant.aad.by_upn("btaylor@contoso.com") is None
    assert tenant.aad.by_address("bob@contoso.com").immutable_id == source_anchor(bsmith.guid)
    # retried on every export until fixed
    again = only_error(tenant.sync.run_cycle("Delta"))
    assert again["RetryCount"] == 1
    tenant.directory.set_attribute("btaylor", "proxyAddresses", ["SMTP:btaylor@contoso.com"])
    runs = tenant.sync.run_cycle("Delta")
    assert export_step(runs)["StepResult"] == "success"
    assert tenant.aad.by_upn("btaylor@contoso.com") is not None


def test_object_type_mismatch_with_a_cloud_group(tenant):
    tenant.aad.add_cloud_group("Tax", group_type="MailEnabledSecurity",
                               proxy_addresses=["SMTP:tax@contoso.com"])
    add_user(tenant, "tina", proxyAddresses=["SMTP:tax@contoso.com"])
    error = only_error(tenant.sync.run_cycle("Initial"))
    assert error["ErrorType"] == "ObjectTypeMismatch"
    assert tenant.aad.by_upn("tina@contoso.com") is None
    assert tenant.trace("tina")["StuckAt"] == "Azure AD connector space"


def test_attribute_value_must_be_unique_on_update_without_resiliency(tenant):
    tenant.aad.features["DuplicateProxyAddressResiliency"] = False
    add_user(tenant, "bsmith", proxyAddresses=["SMTP:bob@contoso.com"])
    add_user(tenant, "btaylor")
    tenant.sync.run_cycle("Initial")
    tenant.directory.add_values("btaylor", "proxyAddresses", ["smtp:bob@contoso.com"])
    error = only_error(tenant.sync.run_cycle("Delta"))
    assert error["ErrorType"] == "AttributeValueMustBeUnique"
    assert error["ErrorLiteral"] == (
        "Unable to update this object because the following attributes associated with this "
        "object have values that may already be associated with another object in your local "
        "directory services: [ProxyAddresses smtp:bob@contoso.com;]. Correct or remove the "
        "duplicate values in your local directory.")


def test_data_validation_failed_for_a_bad_upn(tenant):
    add_user(tenant, "bad", userPrincipalName="bad user@contoso.com")
    assert only_error(tenant.sync.run_cycle("Initial"))["ErrorType"] == "DataValidationFailed"


def test_large_object(tenant):
    add_user(tenant, "bob", userCertificate=[f"cert{i}" for i in range(16)])
    assert only_error(tenant.sync.run_cycle("Initial"))["ErrorType"] == "LargeObject"


def test_federated_domain_change_error(tenant):
    tenant.aad.add_domain("contoso.com", authentication="Federated")
    tenant.aad.add_domain("fabrikam.com", authentication="Federated")
    bob = add_user(tenant, "bob")
    tenant.sync.run_cycle("Initial")
    tenant.directory.set_attribute(bob, "userPrincipalName", "bob@fabrikam.com")
    error = only_error(tenant.sync.run_cycle("Delta"))
    assert error["ErrorType"] == "FederatedDomainChangeError"
    assert error["ErrorLiteral"].startswith("Unable to update this object in Azure Active "
                                            "Directory, because the attribute "
                                            "[FederatedUser.UserPrincipalName], is not valid.")
    cloud = tenant.aad.by_upn("bob@contoso.com")
    tenant.aad.set_user_principal_name(cloud.object_id, "bob@contoso.onmicrosoft.com")
    runs = tenant.sync.run_cycle("Delta")
    assert export_step(runs)["StepResult"] == "success"
    assert cloud.user_principal_name == "bob@fabrikam.com"


def test_user_missing_from_group_gives_dn_attributes_failure(tenant):
    ann = add_user(tenant, "ann")
    bob = add_user(tenant, "bob", ou=STAGING)
    add_group(tenant, "Sales-DL", [ann, bob], groupType=8, mail="sales@contoso.com",
              proxyAddresses=["SMTP:sales@contoso.com"], mailNickname="Sales-DL")
    runs = tenant.sync.run_cycle("Initial")
    error = only_error(runs)
    assert error["ErrorType"] == "dn-attributes-failure"
    assert "Bob" in error["ErrorLiteral"]
    event = tenant.event_log[-1]
    assert (event["EventID"], event["Level"], event["Source"]) == (
        6949, "Information", "Directory Synchronization")
    group = next(tenant.aad.of_type("Group"))
    assert group.members == [tenant.aad.by_upn("ann@contoso.com").object_id]
    # fix: bring the member into scope; the membership follows
    tenant.directory.move(bob, "OU=Sales,DC=contoso,DC=com")
    runs = tenant.sync.run_cycle("Delta")
    assert export_step(runs)["StepResult"] == "success"
    assert sorted(group.members) == sorted(
        [tenant.aad.by_upn("ann@contoso.com").object_id,
         tenant.aad.by_upn("bob@contoso.com").object_id])


def test_invalid_hard_match_when_takeover_is_blocked(tenant):
    ann = add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.directory.move(ann, STAGING)
    tenant.sync.run_cycle("Delta")  # out of scope: soft-deleted, DirSyncEnabled False
    deleted = next(tenant.aad.users(deleted=True))
    assert deleted.dirsync_enabled is False
    tenant.aad.set_feature("BlockCloudObjectTakeoverThroughHardMatch", True)
    tenant.directory.move(ann, "OU=Sales,DC=contoso,DC=com")
    error = only_error(tenant.sync.run_cycle("Delta"))
    assert error["ErrorType"] == "InvalidHardMatch"
    assert error["ErrorLiteral"] == ("Another cloud created object with the same source anchor "
                                     "already exists in Azure Active Directory")
    tenant.aad.set_feature("BlockCloudObjectTakeoverThroughHardMatch", False)
    runs = tenant.sync.run_cycle("Delta")
    assert export_step(runs)["StepResult"] == "success"
    assert not deleted.is_deleted and deleted.dirsync_enabled
