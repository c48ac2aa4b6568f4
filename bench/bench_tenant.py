"""Benchmark of the tenant model: build, an Initial cycle, and a Delta cycle of 10 changes.

Reports ratios measured in the same run (no absolute thresholds):
  * build(N) / plain(N): building the tenant against building the same N attribute dicts in
    plain Python;
  * delta(100k) / delta(1k): a Delta cycle with 10 changed users must cost what changed, so this
    stays near 1;
  * the Initial cycle's cost per user at N against the small tenant's (stays near 1: linear);
  * snapshot(N) and restore(N) against plain(N).
Times are CPU time of this process (time.process_time), so other work on the machine does not
distort them. Medians of several runs; a full garbage collection runs before each timed region so the
collector's debt from building the tenant does not land inside it. Usage: python bench/bench_tenant.py [--users 100000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import gc
import statistics
import time

from msolsh.tenant import Tenant

OUS = ("Sales", "Marketing", "Engineering", "Finance", "Support")


def user_attrs(i: int) -> dict:
    name = f"user{i:06d}"
    return {"sAMAccountName": name, "userPrincipalName": f"{name}@contoso.com",
            "displayName": f"User {i}", "givenName": "User", "sn": str(i),
            "mailNickname": name, "mail": f"{name}@contoso.com",
            "proxyAddresses": [f"SMTP:{name}@contoso.com"], "department": OUS[i % len(OUS)]}


def plain(n: int) -> float:
    """The floor: the same attribute dicts in a plain dict keyed by DN."""
    start = time.process_time()
    store = {}
    for i in range(n):
        store[f"CN=User {i},OU={OUS[i % len(OUS)]},DC=contoso,DC=com"] = user_attrs(i)
    return time.process_time() - start


def build(n: int) -> tuple[Tenant, float]:
    start = time.process_time()
    t = Tenant(seed=1)
    t.aad.add_domain("contoso.com")
    t.scheduler.configure(sync_cycle_enabled=False)
    for ou in OUS:
        t.directory.add_ou(f"OU={ou},DC=contoso,DC=com")
    for i in range(n):
        t.directory.add_user(f"CN=User {i},OU={OUS[i % len(OUS)]},DC=contoso,DC=com",
                             user_attrs(i))
    return t, time.process_time() - start


def timed(fn) -> float:
    gc.collect()  # collect earlier garbage outside the timed region: measure the engine
    start = time.process_time()
    fn()
    return time.process_time() - start


def settled(n: int) -> tuple[Tenant, float, float]:
    t, build_time = build(n)
    initial = timed(lambda: t.sync.run_cycle("Initial"))
    t.sync.run_cycle("Delta")  # confirming import and the ConsistencyGuid write-back
    t.sync.run_cycle("Delta")
    return t, build_time, initial


def delta_of_ten(t: Tenant, n: int, round_no: int) -> float:
    for k in range(10):
        i = (round_no * 7919 + k * 104729) % n
        t.directory.set_attribute(f"user{i:06d}", "title", f"Title {round_no}")
    return timed(lambda: t.sync.run_cycle("Delta"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    big, build_big, initial_big = settled(args.users)
    small, build_small, initial_small = settled(args.small)
    plain_big = statistics.median(plain(args.users) for _ in range(3))
    bigs, smalls = [], []
    for r in range(args.repeat):  # interleaved, so machine load hits both sides alike
        bigs.append(delta_of_ten(big, args.users, r))
        smalls.append(delta_of_ten(small, args.small, r))
    delta_big, delta_small = statistics.median(bigs), statistics.median(smalls)
    snap = statistics.median(timed(big.snapshot) for _ in range(3))
    data = big.snapshot()
    restore = statistics.median(timed(lambda: Tenant.restore(data)) for _ in range(3))
    assert big.aad.by_upn("user000000@contoso.com").title is not None
    print(f"users: {args.users} (small tenant: {args.small})")
    print(f"build {args.users}: {build_big:.2f}s  = {build_big / plain_big:.1f} x plain Python "
          f"dicts ({plain_big:.3f}s)")
    print(f"Initial cycle {args.users}: {initial_big:.2f}s  "
          f"({initial_big / args.users * 1e6:.0f} us/user; "
          f"{initial_big / initial_small * args.small / args.users:.2f} x the small tenant per user)")
    print(f"Delta cycle, 10 changed users: {delta_big * 1000:.2f} ms at {args.users}, "
          f"{delta_small * 1000:.2f} ms at {args.small}")
    print(f"delta({args.users})/delta({args.small}) = {delta_big / delta_small:.2f}  "
          "(should stay near 1)")
    print(f"snapshot {args.users}: {snap:.2f}s = {snap / plain_big:.1f} x plain; "
          f"restore: {restore:.2f}s = {restore / plain_big:.1f} x plain")


if __name__ == "__main__":
    main()
