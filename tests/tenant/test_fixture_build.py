"""What a fixture builds: the fixture conveniences map onto the real attributes and settings."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from msolsh.tenant.fixtures import load_fixture_text

FIXTURE = """\
schema: 1
kind: fixture
tenant:
  name: Fabrikam
  initialDomain: fabrikam.onmicrosoft.com
  seed: 5
  clockStart: 2026-03-02T08:30:00+01:00
  domains:
    - {name: fabrikam.com, authentication: Federated, default: true}
    - {name: fabrikam.net, verified: false}
  dirSyncFeatures: {BlockSoftMatch: true}
  skus:
    - {accountSkuId: 'fabrikam:ENTERPRISEPACK', activeUnits: 3, warningUnits: 1,
       servicePlans: [EXCHANGE_S_ENTERPRISE, SWAY], skuId: 6fd2c87f-b296-42f0-b197-1e91e994b900}
onPremises:
  forest: fabrikam.com
  domains: [{fqdn: fabrikam.com, netbiosName: FAB}]
  organizationalUnits:
    - OU=Staff,OU=Corp,DC=fabrikam,DC=com
    - {dn: "OU=Corp,DC=fabrikam,DC=com", description: Everything}
  users:
    - dn: CN=Ann,OU=Staff,OU=Corp,DC=fabrikam,DC=com
      objectClass: inetOrgPerson
      sAMAccountName: ann
      enabled: false
      manager: bob
      objectGUID: "{0D3F6A0E-6C1B-4F5E-9A51-2F7B1C9E4A10}"
    - dn: CN=Bob,OU=Staff,OU=Corp,DC=fabrikam,DC=com
      sAMAccountName: bob
      userAccountControl: 514
      enabled: true
  groups:
    - dn: CN=Outer,OU=Corp,DC=fabrikam,DC=com
      sAMAccountName: Outer
      groupScope: Universal
      groupCategory: Distribution
      members: [Inner, ann]
    - dn: CN=Inner,OU=Corp,DC=fabrikam,DC=com
      sAMAccountName: Inner
      groupScope: DomainLocal
      member: ["CN=Bob,OU=Staff,OU=Corp,DC=fabrikam,DC=com"]
    - dn: CN=Raw,OU=Corp,DC=fabrikam,DC=com
      groupType: -2147483640
sync:
  sourceAnchor: objectGUID
  partitions: [{name: fabrikam.com, exclusions: ["OU=Staff,OU=Corp,DC=fabrikam,DC=com"]}]
  groupFilter: Outer
  attributeRules:
    - name: In from AD - User NoSync
      precedence: 10
      objectType: user
      scope: [[{attribute: extensionAttribute15, operator: EQUAL, value: NoSync}]]
      cloudFiltered: true
  excludedAttributes: [mobile]
  deletionThreshold: {enabled: false, threshold: 50}
  scheduler: {enabled: false, intervalMinutes: 60}
  stagingMode: true
cloud:
  users:
    - {UserPrincipalName: admin@fabrikam.onmicrosoft.com, UsageLocation: DE,
       Roles: [Company Administrator], FirstName: Ada, PasswordNeverExpires: true}
  groups:
    - {DisplayName: Pilot, Members: [admin@fabrikam.onmicrosoft.com]}
  contacts:
    - {DisplayName: Vendor, EmailAddress: vendor@example.com}
licenses:
  - {userPrincipalName: admin@fabrikam.onmicrosoft.com, accountSkuId: 'fabrikam:ENTERPRISEPACK',
     disabledPlans: [SWAY]}
exchange:
  recipients:
    - {Name: Old Mailbox, RecipientTypeDetails: UserMailbox, WhenSoftDeleted: 2026-02-01T00:00:00Z,
       ExchangeGuid: 8e2a4c6d-0f1b-4a3c-9e5d-7b9f1a3c5e60}
initial_sync: false
"""


def tenant():
    return load_fixture_text(FIXTURE, "fabrikam.yaml")


def test_company_domains_features_and_skus():
    t = tenant()
    assert t.clock.now == datetime(2026, 3, 2, 7, 30, tzinfo=timezone.utc)
    assert t.aad.company["DisplayName"] == "Fabrikam"
    assert (t.aad.domain("fabrikam.com")["Authentication"], t.aad.domain("fabrikam.com")
            ["IsDefault"], t.aad.domain("fabrikam.net")["Status"]) == ("Federated", True,
                                                                      "Unverified")
    assert t.aad.features["BlockSoftMatch"] is True
    sku = t.aad.skus["fabrikam:enterprisepack"]
    assert (sku["ActiveUnits"], sku["WarningUnits"], sku["SkuId"]) == \
        (3, 1, "6fd2c87f-b296-42f0-b197-1e91e994b900")


def test_users_conveniences_become_attributes():
    t = tenant()
    ann, bob = t.directory.by_sam("ann"), t.directory.by_sam("bob")
    assert (ann.object_class, ann.guid, ann.attrs["userAccountControl"]) == \
        ("inetOrgPerson", "0d3f6a0e-6c1b-4f5e-9a51-2f7b1c9e4a10", 514)
    assert ann.attrs["manager"] == "CN=Bob,OU=Staff,OU=Corp,DC=fabrikam,DC=com"
    assert bob.attrs["userAccountControl"] == 512
    assert t.directory.get("OU=Corp,DC=fabrikam,DC=com").attrs["description"] == "Everything"
    assert t.directory.domain_by_fqdn("fabrikam.com")["netbios"] == "FAB"


def test_groups_types_and_nested_members_defined_later():
    t = tenant()
    outer, inner = t.directory.by_sam("Outer"), t.directory.by_sam("Inner")
    assert outer.attrs["groupType"] == 8  # universal distribution
    assert inner.attrs["groupType"] == -2147483644  # domain-local security
    assert t.directory.get("CN=Raw,OU=Corp,DC=fabrikam,DC=com").attrs["groupType"] == \
        -2147483640
    assert sorted(outer.attrs["member"]) == ["CN=Ann,OU=Staff,OU=Corp,DC=fabrikam,DC=com",
                                             "CN=Inner,OU=Corp,DC=fabrikam,DC=com"]


def test_sync_configuration_and_scheduler():
    t = tenant()
    c = t.config
    assert (c.anchor_attribute, c.group_filter, c.excluded_attributes, c.staging_mode) == \
        ("objectGUID", "CN=Outer,OU=Corp,DC=fabrikam,DC=com", ["mobile"], True)
    assert (c.deletion_threshold_enabled, c.deletion_threshold) == (False, 50)
    assert c.partitions["fabrikam.com"]["exclusions"] == ["OU=Staff,OU=Corp,DC=fabrikam,DC=com"]
    assert c.attribute_rules == [{
        "name": "In from AD - User NoSync", "precedence": 10, "object_type": "user",
        "scope": [[{"attribute": "extensionAttribute15", "operator": "EQUAL",
                    "value": "NoSync"}]], "cloud_filtered": True}]
    assert (t.scheduler.sync_cycle_enabled, t.scheduler.customized_interval) == \
        (False, timedelta(hours=1))


def test_cloud_objects_licences_and_exchange_state_without_a_sync():
    t = tenant()
    admin = t.aad.by_upn("admin@fabrikam.onmicrosoft.com")
    assert (admin.first_name, admin.usage_location, admin.roles, admin.password_never_expires) \
        == ("Ada", "DE", ["Company Administrator"], True)
    assert admin.licenses == [{"AccountSkuId": "fabrikam:ENTERPRISEPACK",
                               "DisabledPlans": ["SWAY"]}]
    pilot = next(g for g in t.aad.of_type("Group") if g.display_name == "Pilot")
    assert pilot.members == [admin.object_id]
    vendor = next(c for c in t.aad.of_type("Contact"))
    assert vendor.mail == "vendor@example.com"
    old = t.exchange.get("Old Mailbox", include_soft_deleted=True)
    assert old.when_soft_deleted == datetime(2026, 2, 1, tzinfo=timezone.utc)
    assert t.sync.history == [] and len(list(t.aad.users())) == 1
