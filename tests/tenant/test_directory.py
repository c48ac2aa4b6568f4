"""On-premises AD: what AD itself refuses, the recycle bin, the USN change log."""
import uuid

import pytest

from msolsh.tenant.errors import DirectoryError, IdentityNotFoundError

from conftest import SALES, add_group, add_user


def test_upn_must_be_unique_forest_wide(tenant):
    add_user(tenant, "ann")
    with pytest.raises(DirectoryError) as err:
        add_user(tenant, "bob", userPrincipalName="ANN@contoso.com")
    assert err.value.code == 8648
    assert err.value.message == ("The operation failed because UPN value provided for "
                                 "addition/modification is not unique forest-wide")
    bob = add_user(tenant, "bob")
    with pytest.raises(DirectoryError):
        tenant.directory.set_attribute(bob, "userPrincipalName", "ann@contoso.com")
    assert bob.attrs["userPrincipalName"] == "bob@contoso.com"


def test_sam_account_name_unique_per_domain_and_dn_unique(tenant):
    add_user(tenant, "ann")
    with pytest.raises(DirectoryError, match="The specified account already exists"):
        tenant.directory.add_user(f"CN=Other,{SALES}", {"sAMAccountName": "ANN"})
    with pytest.raises(DirectoryError, match="name that is already in use"):
        tenant.directory.add_user(f"CN=Ann,{SALES}", {"sAMAccountName": "ann2"})
    tenant.directory.add_domain("emea.contoso.com")
    tenant.directory.add_user("CN=Ann,CN=Users,DC=emea,DC=contoso,DC=com",
                              {"sAMAccountName": "ann"})  # another domain: allowed


def test_missing_parent_or_member_is_refused(tenant):
    with pytest.raises(IdentityNotFoundError, match="Directory object not found"):
        tenant.directory.add_user("CN=X,OU=Nowhere,DC=contoso,DC=com", {"sAMAccountName": "x"})
    with pytest.raises(IdentityNotFoundError):
        tenant.directory.add_group(f"CN=G,{SALES}", {"member": [f"CN=Ghost,{SALES}"]})


def test_guid_attributes_take_bytes_not_text(tenant):
    ann = add_user(tenant, "ann")
    with pytest.raises(DirectoryError) as err:
        tenant.directory.set_attribute(ann, "msExchMailboxGuid",
                                       "3ab39606-c642-489b-84b6-58c038d3ef39")
    assert err.value.code == 8322
    assert err.value.message == "A value for the attribute was not in the acceptable range of values"
    tenant.directory.set_attribute(
        ann, "msExchMailboxGuid", uuid.UUID("3ab39606-c642-489b-84b6-58c038d3ef39").bytes_le)
    assert ann.attrs["msExchMailboxGuid"] == "3ab39606-c642-489b-84b6-58c038d3ef39"


def test_identity_is_dn_guid_or_sam_but_not_upn(tenant):
    ann = add_user(tenant, "ann")
    d = tenant.directory
    assert d.get(ann.dn) is d.get(ann.guid) is d.get("ANN") is ann
    with pytest.raises(IdentityNotFoundError) as err:
        d.get("ann@contoso.com")
    assert err.value.message == ("Cannot find an object with identity: 'ann@contoso.com' under: "
                                 "'DC=contoso,DC=com'.")
    assert d.by_upn("ANN@CONTOSO.COM") is ann
    assert d.by_proxy("smtp:ann@contoso.com") == [ann]


def test_recycle_bin_keeps_guid_and_restores_memberships(tenant):
    ann = add_user(tenant, "ann")
    group = add_group(tenant, "Sales", [ann])
    guid, dn = ann.guid, ann.dn
    tenant.directory.delete(ann)
    assert ann.deleted and "\\0ADEL:" in ann.dn and tenant.directory.find(guid) is None
    assert group.attrs.get("member") is None
    restored = tenant.directory.restore(guid)
    assert (restored.guid, restored.dn) == (guid, dn)
    assert group.attrs["member"] == [dn]


def test_move_updates_member_references_and_change_log(tenant):
    ann = add_user(tenant, "ann")
    group = add_group(tenant, "Sales", [ann])
    mark = tenant.directory.usn
    tenant.directory.move(ann, "OU=Staging,DC=contoso,DC=com")
    assert group.attrs["member"] == ["CN=Ann,OU=Staging,DC=contoso,DC=com"]
    assert set(tenant.directory.changes_since(mark)) == {ann.guid, group.guid}
    assert tenant.directory.changes_since(tenant.directory.usn) == []
