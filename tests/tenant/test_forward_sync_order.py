"""Forward sync batches: change order, addresses released before they are claimed, and group
membership that fills in as members reach Exchange Online (KB 4052041)."""
from msolsh.tenant import Tenant
from msolsh.tenant.forward_sync import FORWARD_SYNC_DELAY

from conftest import add_group, add_user, licensed, settle

X = "smtp:x@contoso.com"


def cloud(t, name):
    return t.aad.by_upn(f"{name}@contoso.com")


def recipient(t, name):
    return t.exchange.by_external_id(cloud(t, name).object_id)


def loaded(t, *names):
    """Licensed users synced to Azure AD and forward-synced to Exchange Online (mailboxes)."""
    for name in names:
        add_user(t, name)
    t.sync.run_cycle("Initial")
    settle(t)
    for name in names:
        licensed(t, f"{name}@contoso.com")
    t.advance(FORWARD_SYNC_DELAY)


def by_object_id(t, *names):
    """The names, lowest Azure AD ObjectId first (the order the old batch used)."""
    return sorted(names, key=lambda n: cloud(t, n).object_id)


def set_proxies(t, name, *extra):
    t.directory.set_attribute(name, "proxyAddresses", [f"SMTP:{name}@contoso.com", *extra])


def assert_healthy(t, *names):
    for name in names:
        assert cloud(t, name).errors == [], name
    assert t.forward_sync.stuck == set()


def test_a_batch_is_processed_in_change_order(tenant):
    loaded(tenant, "ann", "bea")
    claimer, releaser = by_object_id(tenant, "ann", "bea")
    set_proxies(tenant, releaser, X)
    settle(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert X in recipient(tenant, releaser).email_addresses
    # the releaser gives the address up first, then the claimer takes it: one batch
    set_proxies(tenant, releaser)
    settle(tenant)
    set_proxies(tenant, claimer, X)
    settle(tenant)
    assert list(tenant.forward_sync.queue) == [cloud(tenant, releaser).object_id,
                                               cloud(tenant, claimer).object_id]
    tenant.advance(FORWARD_SYNC_DELAY)
    assert_healthy(tenant, "ann", "bea")
    assert recipient(tenant, claimer).email_addresses == [f"SMTP:{claimer}@contoso.com", X]
    assert recipient(tenant, releaser).email_addresses == [f"SMTP:{releaser}@contoso.com"]
    assert tenant.exchange.by_address(X) is recipient(tenant, claimer)


def test_addresses_are_released_before_they_are_claimed(tenant):
    # The claimer's change comes first in the batch; the releaser's follows it.
    loaded(tenant, "ann", "bea")
    aad = tenant.aad
    ann, bea = cloud(tenant, "ann"), cloud(tenant, "bea")
    aad.update(ann, proxy_addresses=["SMTP:ann@contoso.com", X])
    tenant.advance(FORWARD_SYNC_DELAY)
    aad.update(bea, proxy_addresses=["SMTP:bea@contoso.com", X])
    aad.update(ann, proxy_addresses=["SMTP:ann@contoso.com"])
    aad.update(bea, display_name="Bea")  # bea changed again: it moves behind ann
    assert list(tenant.forward_sync.queue) == [ann.object_id, bea.object_id]
    aad.update(ann, display_name="Ann")
    assert list(tenant.forward_sync.queue) == [bea.object_id, ann.object_id]
    tenant.advance(FORWARD_SYNC_DELAY)
    assert_healthy(tenant, "ann", "bea")
    assert recipient(tenant, "bea").email_addresses == ["SMTP:bea@contoso.com", X]
    assert recipient(tenant, "ann").email_addresses == ["SMTP:ann@contoso.com"]
    assert recipient(tenant, "ann").display_name == "Ann"


def test_a_released_primary_address_is_not_left_as_primary(tenant):
    loaded(tenant, "ann", "bea")
    aad = tenant.aad
    ann, bea = cloud(tenant, "ann"), cloud(tenant, "bea")
    aad.update(bea, proxy_addresses=["SMTP:ann@contoso.com", "smtp:bea@contoso.com"])
    aad.update(ann, proxy_addresses=["SMTP:ann2@contoso.com"])
    tenant.advance(FORWARD_SYNC_DELAY)
    assert_healthy(tenant, "ann", "bea")
    assert recipient(tenant, "ann").primary_smtp_address == "ann2@contoso.com"
    assert recipient(tenant, "bea").primary_smtp_address == "ann@contoso.com"


def test_a_deleted_holder_lets_go_before_the_claimer_is_checked(tenant):
    loaded(tenant, "ann", "bea")
    aad = tenant.aad
    ann, bea = cloud(tenant, "ann"), cloud(tenant, "bea")
    aad.update(ann, proxy_addresses=["SMTP:ann@contoso.com", X])
    tenant.advance(FORWARD_SYNC_DELAY)
    aad.update(bea, proxy_addresses=["SMTP:bea@contoso.com", X])
    aad.remove_user(ann.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert bea.errors == []
    assert tenant.exchange.by_address(X) is recipient(tenant, "bea")
    assert tenant.exchange.by_external_id(ann.object_id).when_soft_deleted is not None


def test_a_real_conflict_outside_the_batch_still_fails(tenant):
    loaded(tenant, "ann", "bea")
    aad = tenant.aad
    aad.update(cloud(tenant, "ann"), proxy_addresses=["SMTP:ann@contoso.com", X])
    tenant.advance(FORWARD_SYNC_DELAY)
    aad.update(cloud(tenant, "bea"), proxy_addresses=["SMTP:bea@contoso.com", X])
    tenant.advance(FORWARD_SYNC_DELAY)
    bea = cloud(tenant, "bea")
    assert bea.validation_status == "Error"
    assert bea.errors[0]["ErrorDetail"]["ObjectErrors"]["ErrorRecord"]["ErrorDescription"] == (
        'The proxy address "smtp:x@contoso.com" is already being used by the proxy addresses '
        'or LegacyExchangeDN of "Ann". Please choose another proxy address.')
    assert X in recipient(tenant, "ann").email_addresses


def test_the_queue_order_survives_a_snapshot(tenant):
    loaded(tenant, "ann", "bea")
    aad = tenant.aad
    aad.update(cloud(tenant, "bea"), display_name="B")
    aad.update(cloud(tenant, "ann"), display_name="A")
    restored = Tenant.restore(tenant.snapshot())
    assert list(restored.forward_sync.queue) == list(tenant.forward_sync.queue)
    assert restored.snapshot() == tenant.snapshot()


# ----- group membership -------------------------------------------------------------------
def dl(t, name, members):
    return add_group(t, name, members, groupType=8, mail=f"{name}@contoso.com",
                     proxyAddresses=[f"SMTP:{name}@contoso.com"], mailNickname=name)


def exo_members(t, group_name):
    group = t.exchange.get(f"{group_name}@contoso.com")
    return sorted(t.exchange.recipients[g].name for g in group.members
                  if t.exchange.recipients[g].is_active)


def test_a_group_processed_before_its_members_gets_them_when_they_arrive(tenant):
    users = [add_user(tenant, n) for n in ("ann", "bea", "cid", "dee")]
    dl(tenant, "Sales-DL", users)
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    group = next(g for g in tenant.aad.of_type("Group") if g.display_name == "Sales-DL")
    # the group's change first in the batch, as when it is exported before its members
    tenant.forward_sync.queue.pop(group.object_id)
    tenant.forward_sync.queue = {group.object_id: None, **tenant.forward_sync.queue}
    tenant.advance(FORWARD_SYNC_DELAY)
    assert exo_members(tenant, "Sales-DL") == ["Ann", "Bea", "Cid", "Dee"]
    assert tenant.forward_sync.awaiting == {}


def test_a_stuck_member_is_missing_until_its_forward_sync_is_requested(tenant):
    # KB 4052041 case 2: the member is in Azure AD, but not (yet) in Exchange Online.
    tenant.exchange.add_cloud_recipient("MailContact", "Partner Bea",
                                        email_addresses=["SMTP:bea@contoso.com"])
    ann, bea = add_user(tenant, "ann"), add_user(tenant, "bea")
    dl(tenant, "Sales-DL", [ann, bea])
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    stuck = cloud(tenant, "bea")
    assert stuck.validation_status == "Error" and recipient(tenant, "bea") is None
    assert exo_members(tenant, "Sales-DL") == ["Ann"]
    tenant.exchange.remove(tenant.exchange.get("Partner Bea"))
    tenant.request_forward_sync(stuck.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert stuck.validation_status == "Healthy"
    assert exo_members(tenant, "Sales-DL") == ["Ann", "Bea"]
    assert cloud(tenant, "ann").errors == []


def test_a_member_that_comes_back_from_soft_delete_rejoins_the_group(tenant):
    ann, bea = add_user(tenant, "ann"), add_user(tenant, "bea")
    dl(tenant, "Sales-DL", [ann, bea])
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    bea_id = cloud(tenant, "bea").object_id
    tenant.aad.remove_user(bea_id)
    group = next(g for g in tenant.aad.of_type("Group") if g.display_name == "Sales-DL")
    tenant.aad.update(group, description="touched")  # the group is processed while bea is away
    tenant.advance(FORWARD_SYNC_DELAY)
    assert exo_members(tenant, "Sales-DL") == ["Ann"]
    tenant.aad.restore_user(bea_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert exo_members(tenant, "Sales-DL") == ["Ann", "Bea"]
