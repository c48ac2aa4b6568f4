"""Requests from the MSOnline side: attribute flows, cloud UPN domains, ProxyCalc for cloud
users, licence options, switching directory synchronization off, licences of deleted users."""
from __future__ import annotations

import pytest

from conftest import SKU, add_user, export_step, licensed, settle
from msolsh.tenant.errors import AzureADError
from msolsh.tenant.forward_sync import FORWARD_SYNC_DELAY

ADDRESS = {"c": "US", "co": "United States", "l": "Redmond", "st": "WA", "postalCode": "98052",
           "streetAddress": "1 Microsoft Way", "telephoneNumber": "+1 425 555 0100",
           "mobile": "+1 425 555 0199", "facsimileTelephoneNumber": "+1 425 555 0198",
           "physicalDeliveryOfficeName": "Building 2", "title": "Account Executive",
           "department": "Sales", "givenName": "Ann", "sn": "Lee",
           "msExchUsageLocation": " US "}
INVALID_UPN = ("The domain portion of the userPrincipalName property is invalid. You must use "
               "one of the verified domain names in your organization.")


def synced(t, name: str, **attrs):
    ad = add_user(t, name, **attrs)
    t.sync.run_cycle("Initial")
    settle(t)
    return ad, t.aad.by_upn(f"{name}@contoso.com")


def stages(t, ad):
    cs = t.ad_cs.by_anchor(ad.guid)
    mv = t.metaverse.get(cs.mv_id)
    return cs, mv, t.aad_cs.get(mv.connectors[t.aad_cs.name])


# ----- attribute flows (sync-engine.md §2.4, §2.5) ------------------------------------------------
def test_address_and_job_attributes_flow_to_azure_ad(tenant):
    ad, user = synced(tenant, "ann", **ADDRESS)
    cs, mv, link = stages(tenant, ad)
    assert cs.attrs["co"] == "United States"
    assert {k: mv.attrs[k] for k in ("c", "co", "l", "st", "facsimileTelephoneNumber",
                                      "usageLocation")} == {
        "c": "US", "co": "United States", "l": "Redmond", "st": "WA",
        "facsimileTelephoneNumber": "+1 425 555 0198", "usageLocation": "US"}
    assert {k: link.attrs[k] for k in ("country", "countryLetterCode", "city", "state",
                                        "usageLocation", "facsimileTelephoneNumber")} == {
        "country": "United States", "countryLetterCode": "US", "city": "Redmond", "state": "WA",
        "usageLocation": "US", "facsimileTelephoneNumber": "+1 425 555 0198"}
    assert (user.country, user.city, user.state, user.postal_code, user.street_address) == (
        "United States", "Redmond", "WA", "98052", "1 Microsoft Way")
    assert (user.phone_number, user.mobile_phone, user.extra["Fax"], user.office) == (
        "+1 425 555 0100", "+1 425 555 0199", "+1 425 555 0198", "Building 2")
    assert (user.title, user.department, user.first_name, user.last_name,
            user.usage_location) == ("Account Executive", "Sales", "Ann", "Lee", "US")


def test_changed_and_cleared_attributes_follow_on_the_next_delta(tenant):
    ad, user = synced(tenant, "ann", **ADDRESS)
    tenant.directory.set_attribute(ad, "co", "Canada")
    tenant.directory.set_attribute(ad, "facsimileTelephoneNumber", None)
    runs = tenant.sync.run_cycle("Delta")
    assert export_step(runs)["ExportUpdate"] == 1
    _cs, mv, link = stages(tenant, ad)
    assert mv.attrs["co"] == "Canada" and "facsimileTelephoneNumber" not in mv.attrs
    assert link.attrs["country"] == "Canada" and "facsimileTelephoneNumber" not in link.attrs
    assert user.country == "Canada" and "Fax" not in user.extra


def test_country_letter_code_is_not_a_usage_location(tenant):
    """Only msExchUsageLocation gives UsageLocation (the KB 4051375 case stays possible)."""
    _ad, user = synced(tenant, "ann", c="US", co="United States")
    assert (user.country, user.usage_location) == ("United States", None)


# ----- cloud users: verified UPN domains and ProxyCalc --------------------------------------------
@pytest.mark.parametrize("upn", ["ann@fabrikam.com", "ann@unverified.example", "ann"])
def test_cloud_user_upn_must_be_on_a_verified_domain(tenant, upn):
    tenant.aad.add_domain("unverified.example", verified=False)
    before = len(tenant.aad.objects)
    with pytest.raises(AzureADError) as err:
        tenant.aad.add_cloud_user(upn, "Ann")
    assert (err.value.message, err.value.exception_name) == (
        INVALID_UPN, "InvalidUserPrincipalNameException")
    assert len(tenant.aad.objects) == before


def test_set_user_principal_name_to_an_unverified_domain_is_refused(tenant):
    amy = tenant.aad.add_cloud_user("amy@contoso.com", "Amy")
    with pytest.raises(AzureADError, match="The domain portion"):
        tenant.aad.set_user_principal_name(amy.object_id, "amy@fabrikam.com")
    assert amy.user_principal_name == "amy@contoso.com"


def test_proxy_calc_gives_a_licensed_cloud_user_its_upn_and_moera(tenant):
    amy = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    assert amy.proxy_addresses == []                       # no mailbox plan, no mail
    tenant.aad.assign_license(amy.object_id, SKU)
    assert amy.proxy_addresses == ["SMTP:amy@contoso.com", "smtp:amy@contoso.onmicrosoft.com"]
    assert tenant.aad.by_address("amy@contoso.onmicrosoft.com") is amy
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = tenant.exchange.by_external_id(amy.object_id)
    assert (mbx.recipient_type_details, mbx.email_addresses) == (
        "UserMailbox", ["SMTP:amy@contoso.com", "smtp:amy@contoso.onmicrosoft.com"])
    tenant.aad.set_user_principal_name(amy.object_id, "amy.k@contoso.com")
    assert amy.proxy_addresses == ["SMTP:amy@contoso.com", "smtp:amy@contoso.onmicrosoft.com",
                                   "smtp:amy.k@contoso.com"]


def test_proxy_calc_details(tenant):
    aad = tenant.aad
    admin = aad.add_cloud_user("admin@contoso.onmicrosoft.com", "Admin", usage_location="US")
    aad.assign_license(admin.object_id, SKU)
    assert admin.proxy_addresses == ["SMTP:admin@contoso.onmicrosoft.com"]  # UPN is the MOERA
    mail_only = aad.add_cloud_user("info@contoso.com", "Info", mail="hello@contoso.com")
    assert mail_only.proxy_addresses == ["SMTP:hello@contoso.com"]
    aad.add_domain("unverified.example", verified=False)
    kept = aad.add_cloud_user("bo@contoso.com", "Bo", usage_location="US",
                              proxy_addresses=["SMTP:bo@unverified.example", "X500:/o=x"])
    taker = aad.add_cloud_user("cy@contoso.com", "Cy", proxy_addresses=["SMTP:bo@contoso.com"])
    aad.assign_license(kept.object_id, SKU)  # unverified dropped; bo@contoso.com is Cy's
    assert kept.proxy_addresses == ["SMTP:bo@contoso.onmicrosoft.com", "X500:/o=x"]
    assert taker.proxy_addresses == ["SMTP:bo@contoso.com"]


def test_synced_users_keep_their_on_premises_addresses(tenant):
    _ad, ann = synced(tenant, "ann", msExchUsageLocation="US")
    tenant.aad.assign_license(ann.object_id, SKU)
    assert ann.proxy_addresses == ["SMTP:ann@contoso.com"]


# ----- licence options --------------------------------------------------------------------------
def test_set_license_options_disables_and_enables_plans(tenant):
    amy = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.aad.assign_license(amy.object_id, SKU, disabled_plans=["EXCHANGE_S_ENTERPRISE"])
    assert amy.proxy_addresses == [] and not tenant.aad.has_exchange_plan(amy)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert tenant.exchange.by_external_id(amy.object_id).recipient_type_details == "User"
    tenant.aad.set_license_options(amy.object_id, "CONTOSO:enterprisepack", None)
    assert amy.licenses == [{"AccountSkuId": SKU, "DisabledPlans": []}]
    assert amy.proxy_addresses[0] == "SMTP:amy@contoso.com"
    tenant.advance(FORWARD_SYNC_DELAY)
    assert tenant.exchange.by_external_id(amy.object_id).recipient_type_details == "UserMailbox"
    tenant.aad.set_license_options(amy.object_id, SKU, ["SHAREPOINTENTERPRISE"])
    assert [(s["ServicePlan"]["ServiceName"], s["ProvisioningStatus"])
            for s in tenant.aad.service_status(amy, SKU)] == [
        ("EXCHANGE_S_ENTERPRISE", "Success"), ("SHAREPOINTENTERPRISE", "Disabled")]


@pytest.mark.parametrize("sku, plans", [(SKU, ["NO_SUCH_PLAN"]), ("contoso:EMS", [])])
def test_set_license_options_refuses_unknown_plans_and_unassigned_skus(tenant, sku, plans):
    tenant.aad.add_sku("contoso:EMS", ["AAD_PREMIUM"])
    amy = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.aad.assign_license(amy.object_id, SKU)
    with pytest.raises(AzureADError, match="Unable to assign this license because it is invalid"):
        tenant.aad.set_license_options(amy.object_id, sku, plans)
    assert amy.licenses == [{"AccountSkuId": SKU, "DisabledPlans": []}]


# ----- Set-MsolDirSyncEnabled -------------------------------------------------------------------
def test_switching_dir_sync_off_makes_synced_objects_cloud_objects(tenant):
    ad, ann = synced(tenant, "ann")
    anchor = ann.immutable_id
    tenant.aad.set_dirsync_enabled(False)
    assert tenant.aad.company["DirectorySynchronizationEnabled"] is False
    assert (ann.dirsync_enabled, ann.immutable_id) == (False, anchor)
    tenant.aad.set_user(ann.object_id, City="Oslo")          # now editable in the cloud
    tenant.directory.set_attribute(ad, "title", "Boss")
    runs = tenant.sync.run_cycle("Delta")
    assert export_step(runs)["StepResult"] == "stopped-extension-dll-exception"
    assert ann.title is None
    _cs, _mv, link = stages(tenant, ad)
    assert link.pending_export == "Update"                    # waits in the connector space
    tenant.advance(FORWARD_SYNC_DELAY)
    assert tenant.exchange.by_external_id(ann.object_id).is_dir_synced is False


@pytest.mark.parametrize("blocked", [False, True])
def test_switching_dir_sync_back_on_hard_matches_again(tenant, blocked):
    ad, ann = synced(tenant, "ann")
    tenant.aad.set_dirsync_enabled(False)
    tenant.directory.set_attribute(ad, "title", "Boss")
    tenant.sync.run_cycle("Delta")
    tenant.aad.set_feature("BlockCloudObjectTakeoverThroughHardMatch", blocked)
    tenant.aad.set_dirsync_enabled(True)
    step = export_step(tenant.sync.run_cycle("Delta"))
    if blocked:
        assert step["StepResult"] == "completed-export-errors"
        assert step["ObjectErrors"][0]["ErrorType"] == "InvalidHardMatch"
        assert (ann.dirsync_enabled, ann.title) == (False, None)
    else:
        assert (step["StepResult"], step["ExportUpdate"]) == ("success", 1)
        assert (ann.dirsync_enabled, ann.title) == (True, "Boss")


# ----- deleted users lose their licences (cmdlets.md §2.4) ---------------------------------------
def test_deleted_user_loses_its_licences_and_restore_reconnects_the_mailbox(tenant):
    amy = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.aad.assign_license(amy.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = tenant.exchange.by_external_id(amy.object_id)
    guid = mbx.exchange_guid
    assert tenant.aad.consumed_units(SKU) == 1
    tenant.aad.remove_user(amy.object_id)
    assert (amy.is_deleted, amy.licenses, amy.is_licensed) == (True, [], False)
    assert tenant.aad.consumed_units(SKU) == 0
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mbx.when_soft_deleted is not None
    tenant.aad.restore_user(amy.object_id)
    assert amy.licenses == []
    tenant.advance(FORWARD_SYNC_DELAY)
    assert (mbx.is_active, mbx.recipient_type_details, mbx.exchange_guid) == (
        True, "UserMailbox", guid)


def test_synced_user_out_of_scope_loses_its_licences(tenant):
    ad, ann = synced(tenant, "ann")
    licensed(tenant, "ann@contoso.com")
    tenant.directory.delete(ad)
    tenant.sync.run_cycle("Delta")
    assert (ann.is_deleted, ann.licenses) == (True, [])
