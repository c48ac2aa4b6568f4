"""Ids, clock and snapshot/restore: determinism and plain-data state."""
from msolsh.tenant import Tenant
from msolsh.tenant.clock import Clock
from msolsh.tenant.ids import IdGenerator, aad_cs_dn, guid_from_anchor, source_anchor

from conftest import add_group, add_user, licensed, make_tenant, settle


def test_source_anchor_is_base64_of_little_endian_guid_bytes():
    assert source_anchor("3ab39606-c642-489b-84b6-58c038d3ef39") == "BpazOkLGm0iEtljAONPvOQ=="
    assert aad_cs_dn("BpazOkLGm0iEtljAONPvOQ==") == \
        "CN={4270617A4F6B4C476D306945746C6A414F4E50764F513D3D}"
    assert guid_from_anchor("BpazOkLGm0iEtljAONPvOQ==") == "3ab39606-c642-489b-84b6-58c038d3ef39"


def test_ids_are_deterministic_per_seed():
    a, b, c = IdGenerator(5), IdGenerator(5), IdGenerator(6)
    assert [a.guid(), a.four_digits()] == [b.guid(), b.four_digits()]
    assert IdGenerator(5).guid() != c.guid()
    digits = IdGenerator(5).four_digits()
    assert len(digits) == 4 and digits.isdigit()


def test_clock_fires_due_events_in_time_order():
    clock = Clock("2026-01-05T09:00:00Z")
    fired = []
    clock.on("x", lambda key: fired.append((key, clock.now.strftime("%H:%M"))))
    clock.schedule_in(600, "x", "second")
    clock.schedule_in(60, "x", "first")
    clock.schedule_in(7200, "x", "later")
    assert clock.advance(900) == 2
    assert fired == [("first", "09:01"), ("second", "09:10")]
    assert clock.now.strftime("%H:%M") == "09:15"


def _scenario(seed=11):
    t = make_tenant(seed)
    ann = add_user(t, "ann")
    add_group(t, "Sales", [ann], proxyAddresses=["SMTP:sales@contoso.com"], mail="sales@contoso.com")
    t.aad.add_cloud_user("ann@contoso.com", "Cloud Ann", immutable_id="x" * 22 + "==")
    t.sync.run_cycle("Initial")
    settle(t)
    synced = t.aad.by_immutable_id(source_anchor(ann.guid))
    licensed(t, synced.object_id)
    t.advance(3600)
    return t


def test_same_seed_and_operations_give_the_same_state():
    assert _scenario().snapshot() == _scenario().snapshot()


def test_restore_of_snapshot_reproduces_the_state_exactly():
    t = _scenario()
    data = t.snapshot()
    restored = Tenant.restore(data)
    assert restored.snapshot() == data
    # and the restored tenant keeps behaving identically
    t.directory.set_attribute("ann", "displayName", "Ann B")
    restored.directory.set_attribute("ann", "displayName", "Ann B")
    t.sync.run_cycle("Delta")
    restored.sync.run_cycle("Delta")
    t.advance(2000)
    restored.advance(2000)
    assert restored.snapshot() == t.snapshot()


def test_snapshot_is_plain_data():
    def walk(value):
        if isinstance(value, dict):
            assert all(isinstance(k, str) for k in value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        else:
            assert value is None or type(value).__name__ in (
                "str", "int", "float", "bool", "datetime")
    walk(_scenario().snapshot())
