"""The forest root domain keeps the domainSid its fixture gives (Tenant() made it first)."""
from msolsh.tenant.fixtures import load_fixture

CONTOSO_SID = "S-1-5-21-3623811015-3361044348-30300820"


def test_contoso_root_domain_sid_is_the_fixtures():
    t = load_fixture("contoso")
    assert [(d["fqdn"], d["sid"]) for d in t.directory.domains] == [("contoso.com", CONTOSO_SID)]
    megan = t.directory.by_upn("megan.bowen@contoso.com")
    assert megan.attrs["objectSid"] == CONTOSO_SID + "-1103"
    cloud = t.aad.by_upn("megan.bowen@contoso.com")
    assert cloud.on_premises["onPremiseSecurityIdentifier"] == CONTOSO_SID + "-1103"
    principals = [o for o in t.directory.objects.values() if o.attrs.get("objectSid")]
    assert principals and all(o.attrs["objectSid"].startswith(CONTOSO_SID + "-")
                              for o in principals)
