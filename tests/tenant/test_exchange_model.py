"""Exchange Online recipients carry what Azure AD has: person properties, display name, names,
addresses, hidden-from-address-lists; and group member lists complete on the Contoso tenant."""
import pytest

from msolsh.tenant.errors import ExchangeError
from msolsh.tenant.forward_sync import FORWARD_SYNC_DELAY
from tests.cmdlets.conftest import Shell, contoso_tenant

from conftest import add_user, licensed, settle

PERSON = {"title": "Sales Lead", "department": "Sales", "office": "Building 2",
          "phone": "+1 425 555 0100", "mobile_phone": "+1 425 555 0199",
          "street_address": "1 Microsoft Way", "city": "Redmond", "state_or_province": "WA",
          "postal_code": "98052", "country_or_region": "United States"}
AD_NAMES = {"title": "title", "department": "department",
            "office": "physicalDeliveryOfficeName", "phone": "telephoneNumber",
            "mobile_phone": "mobile", "street_address": "streetAddress", "city": "l",
            "state_or_province": "st", "postal_code": "postalCode", "country_or_region": "co"}


def mailbox(t, upn):
    return t.exchange.by_external_id(t.aad.by_upn(upn).object_id)


def test_every_person_property_flows_to_the_recipient_and_follows_changes(tenant):
    add_user(tenant, "ann", givenName="Ann", sn="Lee",
             **{AD_NAMES[k]: v for k, v in PERSON.items()})
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    licensed(tenant, "ann@contoso.com")
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = mailbox(tenant, "ann@contoso.com")
    assert {k: getattr(mbx, k) for k in PERSON} == PERSON
    assert (mbx.first_name, mbx.last_name) == ("Ann", "Lee")
    for name, value in (("title", "Head of Sales"), ("department", "Sales EMEA"),
                        ("displayName", "Ann Lee (Sales)"), ("givenName", "Anne"),
                        ("sn", "Leigh"), ("l", "Seattle"),
                        ("proxyAddresses", ["SMTP:ann@contoso.com", "smtp:al@contoso.com"]),
                        ("msExchHideFromAddressLists", True)):
        tenant.directory.set_attribute("ann", name, value)
    tenant.directory.set_attribute("ann", "mobile", None)
    settle(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = mailbox(tenant, "ann@contoso.com")
    assert (mbx.title, mbx.department, mbx.city, mbx.mobile_phone) == (
        "Head of Sales", "Sales EMEA", "Seattle", None)
    assert (mbx.display_name, mbx.first_name, mbx.last_name) == ("Ann Lee (Sales)", "Anne",
                                                                 "Leigh")
    assert mbx.email_addresses == ["SMTP:ann@contoso.com", "smtp:al@contoso.com"]
    assert mbx.hidden_from_address_lists is True
    assert tenant.exchange.by_address("al@contoso.com") is mbx


def test_company_and_fax_come_from_the_msoluser_extra_properties(tenant):
    add_user(tenant, "ann")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    user = tenant.aad.by_upn("ann@contoso.com")
    tenant.aad.update(user, extra={**user.extra, "Company": "Contoso Ltd.",
                                   "Fax": "+1 425 555 0102"})
    tenant.advance(FORWARD_SYNC_DELAY)
    r = mailbox(tenant, "ann@contoso.com")
    assert (r.recipient_type_details, r.company, r.fax) == ("User", "Contoso Ltd.",
                                                           "+1 425 555 0102")


def test_a_cloud_mailbox_keeps_its_own_hidden_flag_through_forward_sync(tenant):
    user = tenant.aad.add_cloud_user("kim@contoso.com", "Kim", usage_location="US")
    tenant.aad.assign_license(user.object_id, "contoso:ENTERPRISEPACK")
    tenant.advance(FORWARD_SYNC_DELAY)
    tenant.exchange.set_recipient("kim@contoso.com", HiddenFromAddressListsEnabled=True)
    tenant.aad.update(user, title="Manager")
    tenant.advance(FORWARD_SYNC_DELAY)
    mbx = tenant.exchange.get("kim@contoso.com")
    assert (mbx.hidden_from_address_lists, mbx.title) == (True, "Manager")


def test_hidden_flag_written_as_ldap_text(tenant):
    add_user(tenant, "ann", msExchHideFromAddressLists="TRUE")
    add_user(tenant, "bea", msExchHideFromAddressLists="FALSE")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    assert mailbox(tenant, "ann@contoso.com").hidden_from_address_lists is True
    assert mailbox(tenant, "bea@contoso.com").hidden_from_address_lists is False


# ----- the Contoso tenant through the shell --------------------------------------------------
def contoso_shell() -> Shell:
    return Shell(contoso_tenant()).connect()


def test_marketing_team_has_all_seven_members_in_exchange_online():
    shell = contoso_shell()
    t = shell.tenant
    group = next(g for g in t.aad.of_type("Group") if g.display_name == "Marketing Team")
    assert len(group.members) == 7
    assert shell.run("Get-DistributionGroupMember 'Marketing Team'").splitlines() == [
        "", "Name            RecipientType", "----            -------------",
        "Allan Deyoung   UserMailbox", "Christie Cline  UserMailbox",
        "Enrico Cattaneo UserMailbox", "Irvin Sayers    MailUser", "Lee Gu          UserMailbox",
        "Patti Fernandez UserMailbox", "Raul Razo       UserMailbox", ""]
    # every mail-enabled group lists every member that has an active recipient
    for g in t.aad.of_type("Group"):
        r = t.exchange.by_external_id(g.object_id)
        if r is None:
            continue
        arrived = {t.exchange.by_external_id(m).guid for m in g.members
                   if t.exchange.by_external_id(m) is not None}
        assert set(r.members) == arrived, g.display_name


def test_a_title_change_reaches_exchange_online_after_a_sync_and_a_sleep():
    shell = contoso_shell()
    assert shell.run("Set-ADUser megan.bowen -Title 'Chief Technology Officer' "
                     "-Department Technology -Office 'Building 7'") == ""
    shell.run("Start-ADSyncSyncCycle -PolicyType Delta | Out-Null; Start-Sleep -Seconds 300")
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).Title") == \
        "Chief Technology Officer\n"
    mbx = shell.tenant.exchange.get("megan.bowen@contoso.com")
    assert (mbx.title, mbx.department, mbx.office) == ("Chief Technology Officer",
                                                       "Technology", "Building 7")
    assert (mbx.first_name, mbx.last_name, mbx.city, mbx.company) == (
        "Megan", "Bowen", "Redmond", shell.tenant.aad.by_upn(
            "megan.bowen@contoso.com").extra.get("Company"))


def test_person_properties_of_a_synced_recipient_are_mastered_on_premises(tenant):
    add_user(tenant, "ann", title="Clerk")
    tenant.sync.run_cycle("Initial")
    settle(tenant)
    tenant.advance(FORWARD_SYNC_DELAY)
    with pytest.raises(ExchangeError) as err:
        tenant.exchange.set_recipient("ann@contoso.com", "Set-User", Title="Boss")
    assert err.value.message == (
        "The operation on mailbox \"Ann\" failed because it's out of the current user's write "
        "scope. The action 'Set-User', 'Title', can't be performed on the object 'Ann' because "
        "the object is being synchronized from your on-premises organization. This action "
        "should be performed on the object in your on-premises organization.")
    assert mailbox(tenant, "ann@contoso.com").title == "Clerk"
