"""Duplicate attribute resiliency and the UPN/MOERA calculation."""
from msolsh.tenant.ids import source_anchor

from conftest import add_user, export_step, make_tenant, settle


def test_duplicate_upn_gets_placeholder_with_seeded_digits():
    def build():
        t = make_tenant(seed=21)
        t.aad.add_cloud_user("alex@contoso.com", "Cloud Alex", immutable_id="abcdefghijklmnopqrstuv==",
                             dirsync_enabled=False)
        alex = add_user(t, "alex")
        runs = t.sync.run_cycle("Initial")
        return t, alex, runs
    t, alex, runs = build()
    assert export_step(runs)["StepResult"] == "success"  # no export error with resiliency
    synced = t.aad.by_immutable_id(source_anchor(alex.guid))
    prefix, domain = synced.user_principal_name.split("@")
    assert domain == "contoso.onmicrosoft.com"
    assert prefix.startswith("alex") and len(prefix) == 8 and prefix[4:].isdigit()
    assert synced.provisioning_errors == [{
        "ErrorCategory": "PropertyConflict", "PropertyName": "UserPrincipalName",
        "PropertyValue": "alex@contoso.com", "WhenStarted": t.clock.now}]
    again, alex2, _ = build()
    assert again.aad.by_immutable_id(source_anchor(alex2.guid)).user_principal_name == \
        synced.user_principal_name  # same seed, same 4 digits
    # fixed by changing the on-premises UPN
    t.directory.set_attribute(alex, "userPrincipalName", "alex.b@contoso.com")
    t.sync.run_cycle("Delta")
    assert synced.user_principal_name == "alex.b@contoso.com"
    assert synced.provisioning_errors == []
    assert t.aad.with_provisioning_errors() == []


def test_duplicate_smtp_is_quarantined_and_restored_when_freed(tenant):
    add_user(tenant, "bsmith", proxyAddresses=["SMTP:bsmith@contoso.com", "smtp:bob@contoso.com"])
    add_user(tenant, "btaylor")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.directory.add_values("btaylor", "proxyAddresses", ["smtp:bob@contoso.com"])
    runs = tenant.sync.run_cycle("Delta")
    assert export_step(runs)["StepResult"] == "success"
    btaylor = tenant.aad.by_upn("btaylor@contoso.com")
    assert btaylor.proxy_addresses == ["SMTP:btaylor@contoso.com"]
    assert [(e["PropertyName"], e["PropertyValue"]) for e in btaylor.provisioning_errors] == [
        ("ProxyAddresses", "smtp:bob@contoso.com")]
    # the value is freed on the other object: the next cycle applies it and clears the error
    tenant.directory.set_attribute("bsmith", "proxyAddresses", ["SMTP:bsmith@contoso.com"])
    tenant.sync.run_cycle("Delta")
    assert btaylor.proxy_addresses == ["SMTP:btaylor@contoso.com", "smtp:bob@contoso.com"]
    assert btaylor.provisioning_errors == []


def test_unverified_upn_suffix_falls_back_to_moera(tenant):
    add_user(tenant, "ann", userPrincipalName="ann@contoso.local")
    tenant.sync.run_cycle("Initial")
    user = tenant.aad.by_upn("ann@contoso.onmicrosoft.com")
    assert user is not None and user.mail_nickname == "ann"
    assert user.on_premises["onPremisesUserPrincipalName"] == "ann@contoso.local"


def test_mail_nickname_precedence_without_on_premises_alias(tenant):
    add_user(tenant, "ann", userPrincipalName="ann@contoso.local", mailNickname=None,
             proxyAddresses=["SMTP:ann.lee@contoso.com"])
    tenant.sync.run_cycle("Initial")
    assert tenant.aad.by_upn("ann.lee@contoso.onmicrosoft.com") is not None


def test_unverified_proxy_addresses_dropped_for_mailbox_users(tenant):
    add_user(tenant, "ann", msExchRecipientTypeDetails=2147483648, msExchRemoteRecipientType=1,
             proxyAddresses=["SMTP:ann@contoso.com", "smtp:ann@old-unverified.com"])
    add_user(tenant, "bob", mailNickname=None,
             proxyAddresses=["SMTP:bob@contoso.com", "smtp:bob@old-unverified.com"])
    tenant.sync.run_cycle("Initial")
    assert tenant.aad.by_upn("ann@contoso.com").proxy_addresses == ["SMTP:ann@contoso.com"]
    assert len(tenant.aad.by_upn("bob@contoso.com").proxy_addresses) == 2


def test_upn_changes_of_licensed_managed_users_need_the_feature(tenant):
    bob = add_user(tenant, "bob", usageLocation="US")
    tenant.sync.run_cycle("Initial")
    cloud = tenant.aad.by_upn("bob@contoso.com")
    tenant.aad.assign_license(cloud.object_id, "contoso:ENTERPRISEPACK")
    tenant.aad.features["SynchronizeUpnForManagedUsers"] = False
    tenant.directory.set_attribute(bob, "userPrincipalName", "robert@contoso.com")
    tenant.sync.run_cycle("Delta")
    assert cloud.user_principal_name == "bob@contoso.com"  # silently ignored
