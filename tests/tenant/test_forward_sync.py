"""Forward sync to Exchange Online: recipient types, validation errors, stuck objects."""
import uuid

import pytest

from msolsh.tenant.errors import ExchangeError
from msolsh.tenant.forward_sync import FORWARD_SYNC_DELAY

from conftest import SKU, STAGING, add_group, add_user, licensed, settle

G1 = "6d8ed5f1-3c3e-4b8a-9f0e-2b1a6c7d8e91"
A1 = "a1a1a1a1-0000-4000-8000-000000000001"
A2 = "a2a2a2a2-0000-4000-8000-000000000002"


def synced(t, *users, **attrs):
    t.sync.run_cycle("Initial")
    settle(t)


def recipient(t, upn):
    cloud = t.aad.by_upn(upn)
    return t.exchange.by_external_id(cloud.object_id) if cloud else None


def error_text(cloud):
    return cloud.errors[0]["ErrorDetail"]["ObjectErrors"]["ErrorRecord"]["ErrorDescription"]


def test_licence_gives_a_user_mailbox_after_the_forward_sync_delay(tenant):
    add_user(tenant, "ann")
    synced(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert recipient(tenant, "ann@contoso.com").recipient_type_details == "User"
    cloud = licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY - 1)
    assert recipient(tenant, "ann@contoso.com").recipient_type_details == "User"
    assert tenant.trace("ann")["StuckAt"] is None
    tenant.advance(1)
    mbx = recipient(tenant, "ann@contoso.com")
    assert (mbx.recipient_type, mbx.recipient_type_details) == ("UserMailbox", "UserMailbox")
    assert mbx.external_directory_object_id == cloud.object_id and mbx.is_dir_synced
    assert mbx.sku_assigned is True and mbx.exchange_guid != "00000000-0000-0000-0000-000000000000"
    assert mbx.primary_smtp_address == "ann@contoso.com"
    assert cloud.validation_status == "Healthy"


def test_licence_needs_usage_location(tenant):
    add_user(tenant, "ann")
    synced(tenant)
    from msolsh.tenant.errors import AzureADError
    with pytest.raises(AzureADError) as err:
        tenant.aad.assign_license("ann@contoso.com", SKU)
    assert err.value.message == ("You must provide a required property: Parameter name: "
                                 "UsageLocation")
    tenant.aad.set_user("ann@contoso.com", UsageLocation="US")
    tenant.aad.assign_license("ann@contoso.com", SKU)
    with pytest.raises(AzureADError, match="Unable to assign this license because it is invalid"):
        tenant.aad.assign_license("ann@contoso.com", SKU)


def test_on_premises_mailbox_is_a_mail_user_even_when_licensed(tenant):
    add_user(tenant, "ann", msExchRecipientTypeDetails=1, msExchMailboxGuid=G1,
             homeMDB="CN=DB01")
    synced(tenant)
    licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    mu = recipient(tenant, "ann@contoso.com")
    assert (mu.recipient_type_details, mu.exchange_guid, mu.sku_assigned) == (
        "MailUser", G1, True)


def test_duplicate_mailbox_when_the_mailbox_guid_did_not_sync(tenant):
    add_user(tenant, "ann", msExchRecipientTypeDetails=1, msExchMailboxGuid=G1)
    tenant.config.excluded_attributes = ["msExchMailboxGuid"]
    synced(tenant)
    licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = recipient(tenant, "ann@contoso.com")
    assert mbx.recipient_type_details == "UserMailbox" and mbx.exchange_guid != G1
    # the documented fix: make the GUID flow, remove the licence, clear, relicense
    tenant.config.excluded_attributes = []
    tenant.sync.run_cycle("Initial")
    tenant.aad.remove_license("ann@contoso.com", SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mbx.recipient_type_details == "MailUser"
    assert mbx.previous_recipient_type_details == "UserMailbox"
    tenant.exchange.clear_previous_mailbox_info(mbx.guid)
    tenant.aad.assign_license("ann@contoso.com", SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert (mbx.recipient_type_details, mbx.exchange_guid) == ("MailUser", G1)


def test_relicensing_without_clearing_reconnects_the_cloud_mailbox(tenant):
    add_user(tenant, "ann", msExchRecipientTypeDetails=1, msExchMailboxGuid=G1)
    tenant.config.excluded_attributes = ["msExchMailboxGuid"]
    synced(tenant)
    licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    cloud_guid = recipient(tenant, "ann@contoso.com").exchange_guid
    tenant.config.excluded_attributes = []
    tenant.sync.run_cycle("Initial")
    tenant.aad.remove_license("ann@contoso.com", SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    tenant.aad.assign_license("ann@contoso.com", SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = recipient(tenant, "ann@contoso.com")
    assert (mbx.recipient_type_details, mbx.exchange_guid) == ("UserMailbox", cloud_guid)


@pytest.mark.parametrize("rrt,details", [(97, "SharedMailbox"), (33, "RoomMailbox"),
                                         (65, "EquipmentMailbox")])
def test_resource_mailboxes_from_the_remote_recipient_type(tenant, rrt, details):
    add_user(tenant, "res", msExchRecipientTypeDetails=34359738368, msExchRemoteRecipientType=rrt)
    synced(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert recipient(tenant, "res@contoso.com").recipient_type_details == details


def test_mail_user_and_contact_and_mail_enabled_group(tenant):
    ann = add_user(tenant, "ann")
    vendor = add_user(tenant, "vendor", msExchRecipientTypeDetails=128,
                      targetAddress="SMTP:vendor@partner.com")
    tenant.directory.add_contact("CN=Partner,OU=Sales,DC=contoso,DC=com",
                                 {"mail": "p@partner.com", "displayName": "Partner",
                                  "proxyAddresses": ["SMTP:p@partner.com"]})
    add_group(tenant, "Sales-DL", [ann, vendor], groupType=8, mail="dl@contoso.com",
              proxyAddresses=["SMTP:dl@contoso.com"], mailNickname="Sales-DL")
    synced(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    mu = recipient(tenant, "vendor@contoso.com")
    assert (mu.recipient_type_details, mu.external_email_address) == (
        "MailUser", "SMTP:vendor@partner.com")
    contact = tenant.exchange.get("Partner")
    assert (contact.recipient_type_details, contact.external_email_address) == (
        "MailContact", "SMTP:p@partner.com")
    dl = tenant.exchange.get("dl@contoso.com")
    assert dl.recipient_type_details == "MailUniversalDistributionGroup"
    assert sorted(dl.members) == sorted([recipient(tenant, "ann@contoso.com").guid, mu.guid])


def test_proxy_address_used_by_another_recipient_stays_stuck_until_requested(tenant):
    bob_contact = tenant.exchange.add_cloud_recipient(
        "MailContact", "Partner Bob", email_addresses=["SMTP:bob@contoso.com"])
    add_user(tenant, "bob")
    synced(tenant)
    cloud = licensed(tenant, "bob@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    assert cloud.validation_status == "Error"
    assert error_text(cloud) == (
        'The proxy address "SMTP:bob@contoso.com" is already being used by the proxy addresses '
        'or LegacyExchangeDN of "Partner Bob". Please choose another proxy address.')
    assert cloud.errors[0]["ErrorDetail"]["Name"].split("/")[0] == "Exchange"
    assert recipient(tenant, "bob@contoso.com") is None
    assert tenant.trace("bob")["StuckAt"] == "Exchange Online"
    # fixing the cause alone is not enough: later changes are ignored while stuck
    tenant.exchange.update(bob_contact, email_addresses=["SMTP:bob@partner.com"])
    tenant.aad.set_user(cloud.object_id, UsageLocation="GB")
    tenant.advance(FORWARD_SYNC_DELAY)
    assert cloud.validation_status == "Error"
    tenant.request_forward_sync(cloud.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert cloud.validation_status == "Healthy" and cloud.errors == []
    assert recipient(tenant, "bob@contoso.com").recipient_type_details == "UserMailbox"


def test_name_already_used(tenant):
    tenant.exchange.add_cloud_recipient("MailContact", "Ann",
                                        email_addresses=["SMTP:ann@partner.com"])
    add_user(tenant, "ann")
    synced(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert error_text(tenant.aad.by_upn("ann@contoso.com")) == (
        'The name "Ann" is already being used. Please try another name.')


def test_archive_guid_mismatch_freezes_other_updates(tenant):
    ann = add_user(tenant, "ann", msExchRecipientTypeDetails=2147483648,
                   msExchRemoteRecipientType=3, msExchArchiveGUID=A1)
    synced(tenant)
    licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = recipient(tenant, "ann@contoso.com")
    assert (mbx.archive_guid, mbx.archive_status) == (A1, "Active")
    tenant.directory.set_attribute(ann, "msExchArchiveGUID", uuid.UUID(A2).bytes_le)
    tenant.directory.set_attribute(ann, "displayName", "Ann Lee")
    tenant.sync.run_cycle("Delta")
    tenant.advance(FORWARD_SYNC_DELAY)
    cloud = tenant.aad.by_upn("ann@contoso.com")
    assert error_text(cloud) == (f"Failed to sync the ArchiveGuid {A2} of mailbox "
                                 f"{mbx.exchange_guid} because one cloud archive {A1} exists.")
    assert mbx.display_name == "Ann"  # frozen
    tenant.directory.set_attribute(ann, "msExchArchiveGUID", uuid.UUID(A1))
    tenant.sync.run_cycle("Delta")
    tenant.request_forward_sync(cloud.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert cloud.validation_status == "Healthy" and mbx.display_name == "Ann Lee"


def test_exchange_guid_used_by_a_soft_deleted_mailbox(tenant):
    tenant.exchange.add_cloud_recipient("UserMailbox", "Old Ann", exchange_guid=G1,
                                        when_soft_deleted=tenant.clock.now)
    add_user(tenant, "ann", msExchRecipientTypeDetails=2147483648, msExchRemoteRecipientType=4,
             msExchMailboxGuid=G1)
    synced(tenant)
    cloud = licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    assert error_text(cloud) == (f'The value "{G1}" of property "ExchangeGuid" is used by '
                                 'another recipient object. Please specify a unique value.')
    old = tenant.exchange.get("Old Ann", include_soft_deleted=True)
    tenant.exchange.remove_permanently(old.guid)
    tenant.request_forward_sync(cloud.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert recipient(tenant, "ann@contoso.com").exchange_guid == G1


def test_licence_removed_from_a_mailbox_on_hold(tenant):
    add_user(tenant, "ann")
    synced(tenant)
    cloud = licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = recipient(tenant, "ann@contoso.com")
    tenant.exchange.update(mbx, litigation_hold_enabled=True)
    tenant.aad.remove_license(cloud.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert error_text(cloud) == (
        'Exchange can\'t disable the mailbox "NAMPR06A002.prod.outlook.com/Microsoft Exchange '
        'Hosted Organizations/contoso.onmicrosoft.com/Ann" because it is on litigation hold')
    assert mbx.is_active and mbx.recipient_type_details == "UserMailbox"


def test_user_deleted_soft_deletes_the_mailbox_and_restore_reconnects(tenant):
    ann = add_user(tenant, "ann")
    synced(tenant)
    cloud = licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = recipient(tenant, "ann@contoso.com")
    tenant.directory.move(ann, STAGING)
    tenant.sync.run_cycle("Delta")
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mbx.when_soft_deleted is not None and not mbx.is_active
    tenant.aad.restore_user(cloud.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mbx.when_soft_deleted is None and mbx.is_active


def test_purged_user_unlinks_the_soft_deleted_mailbox(tenant):
    cloud = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.aad.assign_license(cloud.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = tenant.exchange.by_external_id(cloud.object_id)
    tenant.aad.remove_user(cloud.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    tenant.aad.remove_user(cloud.object_id, remove_from_recycle_bin=True)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mbx.when_soft_deleted is not None and mbx.external_directory_object_id is None


def test_held_mailbox_becomes_inactive_on_delete(tenant):
    cloud = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.aad.assign_license(cloud.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = tenant.exchange.by_external_id(cloud.object_id)
    tenant.exchange.update(mbx, litigation_hold_enabled=True)
    tenant.aad.remove_user(cloud.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mbx.is_inactive and mbx.when_soft_deleted is None
    with pytest.raises(ExchangeError):
        tenant.exchange.remove_permanently(mbx.guid)


def test_write_scope_refusal_for_synced_recipients(tenant):
    add_user(tenant, "ann")
    synced(tenant)
    licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    with pytest.raises(ExchangeError) as err:
        tenant.exchange.set_recipient("ann", "Set-Mailbox", EmailAddresses=["SMTP:x@contoso.com"])
    assert err.value.message == (
        "The operation on mailbox \"Ann\" failed because it's out of the current user's write "
        "scope. The action 'Set-Mailbox', 'EmailAddresses', can't be performed on the object "
        "'Ann' because the object is being synchronized from your on-premises organization. "
        "This action should be performed on the object in your on-premises organization.")


def test_cloud_edit_of_a_synced_user_is_refused_but_usage_location_is_allowed(tenant):
    from msolsh.tenant.errors import AzureADError
    add_user(tenant, "ann")
    synced(tenant)
    with pytest.raises(AzureADError) as err:
        tenant.aad.set_user("ann@contoso.com", FirstName="Annie")
    assert err.value.message == "Unable to update parameter. Parameter name: FIRSTNAME."
    tenant.aad.set_user("ann@contoso.com", UsageLocation="US")
    assert tenant.aad.by_upn("ann@contoso.com").usage_location == "US"


def test_licensing_an_on_premises_mail_user_converts_it_and_removal_reverts(tenant):
    add_user(tenant, "vendor1", msExchRecipientTypeDetails=128,
             targetAddress="SMTP:vendor1@partner.com")
    synced(tenant)
    cloud = licensed(tenant, "vendor1@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    r = recipient(tenant, "vendor1@contoso.com")
    assert r.recipient_type_details == "UserMailbox"
    tenant.aad.remove_license(cloud.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert (r.recipient_type_details, r.external_email_address,
            r.previous_recipient_type_details) == ("MailUser", "SMTP:vendor1@partner.com",
                                                   "UserMailbox")


def test_disabled_mailbox_reconnects_only_within_30_days(tenant):
    first = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.aad.assign_license(first.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = tenant.exchange.by_external_id(first.object_id)
    guid = mbx.exchange_guid
    tenant.aad.remove_license(first.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mbx.disabled_at is not None and not mbx.is_active
    tenant.advance(12 * 86400)
    tenant.aad.assign_license(first.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mbx.is_active and mbx.exchange_guid == guid
    tenant.aad.remove_license(first.object_id, SKU)
    tenant.advance(31 * 86400)
    tenant.aad.assign_license(first.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mbx.is_active and mbx.exchange_guid != guid  # the old content is gone


def test_inet_org_person_behaves_as_user(tenant):
    tenant.directory.add_user("CN=Ivy,OU=Sales,DC=contoso,DC=com",
                              {"sAMAccountName": "ivy", "userPrincipalName": "ivy@contoso.com"},
                              object_class="inetOrgPerson")
    tenant.sync.run_cycle("Initial")
    assert tenant.aad.by_upn("ivy@contoso.com").object_type == "User"


def test_licence_service_status(tenant):
    user = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.aad.assign_license(user.object_id, SKU, disabled_plans=["SHAREPOINTENTERPRISE"])
    assert tenant.aad.service_status(user, SKU) == [
        {"ServicePlan": {"ServiceName": "EXCHANGE_S_ENTERPRISE", "ServiceType": "Exchange",
                         "TargetClass": "User"}, "ProvisioningStatus": "Success"},
        {"ServicePlan": {"ServiceName": "SHAREPOINTENTERPRISE", "ServiceType": "SharePoint",
                         "TargetClass": "User"}, "ProvisioningStatus": "Disabled"}]
    assert tenant.aad.consumed_units(SKU) == 1 and user.is_licensed


def test_cloud_archive_and_undo_soft_delete(tenant):
    user = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.aad.assign_license(user.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = tenant.exchange.enable_archive("amy")
    assert mbx.archive_status == "Active" and mbx.archive_name == "In-Place Archive - Amy"
    with pytest.raises(ExchangeError):
        tenant.exchange.enable_archive("amy")
    tenant.exchange.update(mbx, when_soft_deleted=tenant.clock.now)
    assert tenant.exchange.find("amy") == []
    assert tenant.exchange.find("amy", include_soft_deleted=True) == [mbx]
    tenant.exchange.undo_soft_delete("amy")
    assert tenant.exchange.get("amy@contoso.com") is mbx


def test_a_mailbox_always_has_a_primary_address_and_a_plain_user_none(tenant):
    amy = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.aad.add_cloud_user("ben@contoso.com", "Ben")
    tenant.aad.assign_license(amy.object_id, SKU)
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = tenant.exchange.get("amy")
    # ProxyCalc: the UPN as primary address and the MOERA (proxy_calc.py)
    assert (mbx.email_addresses, mbx.primary_smtp_address) == (
        ["SMTP:amy@contoso.com", "smtp:amy@contoso.onmicrosoft.com"], "amy@contoso.com")
    ben = tenant.exchange.get("ben@contoso.com")
    assert (ben.recipient_type_details, ben.email_addresses) == ("User", [])


def test_fixture_can_hold_an_object_out_of_forward_sync(tenant):
    amy = tenant.aad.add_cloud_user("amy@contoso.com", "Amy", usage_location="US")
    tenant.forward_sync.hold(amy.object_id)
    tenant.aad.assign_license(amy.object_id, SKU)
    tenant.advance(3600)
    assert tenant.exchange.by_external_id(amy.object_id) is None
    assert amy.validation_status == "Healthy"  # S2: nothing looks wrong in Azure AD
    tenant.request_forward_sync(amy.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert tenant.exchange.by_external_id(amy.object_id).recipient_type_details == "UserMailbox"


def test_fixture_can_preset_a_validation_error(tenant):
    ben = tenant.aad.add_cloud_user("ben@contoso.com", "Ben")
    tenant.forward_sync.fail(ben.object_id, 'The name "Ben" is already being used. '
                             'Please try another name.')
    tenant.advance(3600)
    assert ben.validation_status == "Error"
    tenant.request_forward_sync(ben.object_id)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert ben.validation_status == "Healthy" and ben.errors == []
