"""Random operation sequences: only tenant errors escape, snapshots round-trip exactly, and
the engine reaches a steady state (no flip-flopping exports)."""
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msolsh.tenant import Tenant
from msolsh.tenant.errors import TenantError

from conftest import SALES, STAGING, SKU, make_tenant

NAMES = ["ann", "bob", "cid", "dee"]
OPS = st.lists(st.tuples(
    st.sampled_from(["add", "set", "move_out", "move_in", "delete", "restore", "group",
                     "cycle", "initial", "advance", "license", "remove_cloud", "proxy_dup",
                     "threshold", "request", "member_add", "anchor_change", "block_hard",
                     "resiliency_off", "unlicense", "staging", "rename_upn"]),
    st.sampled_from(NAMES), st.integers(0, 3)), max_size=25)


def apply(t: Tenant, op: str, name: str, n: int) -> None:
    d = t.directory
    if op == "add":
        d.add_user(f"CN={name}{n},{SALES}", {"sAMAccountName": f"{name}{n}",
                                             "userPrincipalName": f"{name}@contoso.com",
                                             "proxyAddresses": [f"SMTP:{name}@contoso.com"],
                                             "mailNickname": name, "usageLocation": "US"})
    elif op == "set":
        d.set_attribute(f"{name}{n}", "displayName", f"{name} {n}")
    elif op == "move_out":
        d.move(f"{name}{n}", STAGING)
    elif op == "move_in":
        d.move(f"{name}{n}", SALES)
    elif op == "delete":
        d.delete(f"{name}{n}")
    elif op == "restore":
        gone = [o for o in d.objects.values() if o.deleted]
        if gone:
            d.restore(gone[n % len(gone)].guid)
    elif op == "group":
        d.add_group(f"CN=G-{name}{n},{SALES}", {"member": [d.get(f"{name}{n}").dn]})
    elif op == "cycle":
        t.sync.run_cycle("Delta")
    elif op == "initial":
        t.sync.run_cycle("Initial")
    elif op == "advance":
        t.advance(n * 900)
    elif op == "license":
        t.aad.assign_license(f"{name}@contoso.com", SKU)
    elif op == "remove_cloud":
        t.aad.remove_user(f"{name}@contoso.com", remove_from_recycle_bin=n == 0)
    elif op == "proxy_dup":
        d.set_attribute(f"{name}{n}", "proxyAddresses", ["SMTP:shared@contoso.com"])
    elif op == "threshold":
        t.config.deletion_threshold = n
    elif op == "member_add":
        groups = [o for o in d.objects.values() if o.object_class == "group" and not o.deleted]
        if groups:
            d.add_member(groups[n % len(groups)], f"{name}{n}")
    elif op == "anchor_change":
        d.set_attribute(f"{name}{n}", "ms-DS-ConsistencyGuid",
                        uuid.UUID(int=n + 1000 * NAMES.index(name)))
    elif op == "block_hard":
        t.aad.set_feature("BlockCloudObjectTakeoverThroughHardMatch", n % 2 == 0)
    elif op == "resiliency_off":
        t.aad.features["DuplicateProxyAddressResiliency"] = n % 2 == 1
        t.aad.features["DuplicateUPNResiliency"] = n % 2 == 1
    elif op == "unlicense":
        t.aad.remove_license(f"{name}@contoso.com", SKU)
    elif op == "staging":
        t.config.staging_mode = n % 2 == 0
    elif op == "rename_upn":
        d.set_attribute(f"{name}{n}", "userPrincipalName", f"{NAMES[n]}@contoso.com")
    elif op == "request":
        user = t.aad.by_upn(f"{name}@contoso.com")
        if user:
            t.request_forward_sync(user.object_id)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_random_operations_keep_the_model_consistent(ops):
    t = make_tenant(seed=5)
    for op, name, n in ops:
        try:
            apply(t, op, name, n)
        except TenantError:
            pass  # refusals with real texts are fine; anything else is a bug
    data = t.snapshot()
    restored = Tenant.restore(data)
    assert restored.snapshot() == data
    t.sync.run_cycle("Delta")
    restored.sync.run_cycle("Delta")
    t.advance(1800)
    restored.advance(1800)
    assert restored.snapshot() == t.snapshot()
    for user in t.aad.users():  # indexes agree with the records
        assert t.aad.by_upn(user.user_principal_name) is user
    t.config.deletion_threshold_enabled = False
    t.config.staging_mode = False
    for _ in range(3):
        t.sync.run_cycle("Delta")
    runs = t.sync.run_cycle("Delta")  # steady state: nothing left to flow or export
    exp = runs[4]["RunStepResults"][0]
    assert (exp["ExportAdd"], exp["ExportUpdate"], exp["ExportDelete"]) == (0, 0, 0), exp
    assert runs[0]["RunStepResults"][0]["StageUpdate"] == 0
