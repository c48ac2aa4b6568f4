"""tenant.trace() per stage, and the layering rule: the tenant imports nothing of the shell."""
import ast
import pathlib

from msolsh.tenant.forward_sync import FORWARD_SYNC_DELAY

from conftest import add_user, licensed, settle


def test_trace_follows_one_object_through_the_six_stages(tenant):
    add_user(tenant, "ann")
    trace = tenant.trace("ann")
    assert trace["StuckAt"] == "AD connector space"
    assert [s["Status"] for s in trace["Stages"].values()] == [
        "OK", "Missing", "Missing", "Missing", "Missing", "Missing"]
    tenant.sync.run_profile("contoso.com", "Full Import")
    assert tenant.trace("ann")["Stages"]["AD connector space"]["Status"] == "Pending"
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    cloud = licensed(tenant, "ann@contoso.com")
    trace = tenant.trace(cloud.object_id)  # by ObjectId as well
    assert trace["StuckAt"] == "Exchange Online"
    assert trace["Stages"]["Exchange Online"]["Detail"] == "Waiting for forward sync."
    tenant.advance(FORWARD_SYNC_DELAY)
    trace = tenant.trace("ann@contoso.com")
    assert trace["StuckAt"] is None
    assert trace["Stages"]["Exchange Online"]["RecipientTypeDetails"] == "UserMailbox"
    assert list(trace["Stages"]) == ["On-premises AD", "AD connector space", "Metaverse",
                                     "Azure AD connector space", "Azure AD", "Exchange Online"]


def test_upn_fallback_uses_the_objects_own_domain(tenant):
    tenant.directory.add_domain("emea.contoso.com")
    tenant.aad.add_domain("emea.contoso.com")
    tenant.directory.add_user("CN=Eve,CN=Users,DC=emea,DC=contoso,DC=com",
                              {"sAMAccountName": "eve"})
    tenant.sync.run_cycle("Initial")
    eve = tenant.aad.by_upn("eve@emea.contoso.com")
    assert eve.on_premises["netBiosName"] == "EMEA"


def test_the_tenant_imports_nothing_of_the_shell():
    package = pathlib.Path(__file__).parents[2] / "msolsh" / "tenant"
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            for name in names:
                assert not name.startswith(("msolsh.runtime", "msolsh.language", "msolsh.repl",
                                            "msolsh.cmdlets", "prompt_toolkit")), (path, name)


def test_prefix_search_indexes(tenant):
    add_user(tenant, "ann", displayName="Ann Lee")
    add_user(tenant, "annika")
    add_user(tenant, "bob")
    assert [o.attrs["sAMAccountName"] for o in tenant.directory.search("ann")] in (
        ["ann", "annika"], ["annika", "ann"])
    tenant.sync.run_cycle("Initial")
    found = tenant.aad.search("ANN", object_type="User")
    assert sorted(u.user_principal_name for u in found) == ["ann@contoso.com",
                                                            "annika@contoso.com"]
    tenant.directory.set_attribute("annika", "displayName", "Zed")
    tenant.sync.run_cycle("Delta")
    assert {u.display_name for u in tenant.aad.search("z")} == {"Zed"}
    assert tenant.aad.search("nobody") == []
