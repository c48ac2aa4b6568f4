"""Fixture validation: every kind of problem, with its exact text, file and line, all at once."""
from __future__ import annotations

import pytest

from msolsh.tenant.fixtures import FixtureError, load_document, load_fixture, load_fixture_text

HEAD = """\
schema: 1
tenant:
  initialDomain: contoso.onmicrosoft.com
  domains:
    - name: contoso.com
onPremises:
  forest: contoso.com
  organizationalUnits:
    - OU=Corp,DC=contoso,DC=com
"""  # 9 lines: what follows starts at line 10


def outdent(body: str) -> str:
    """Bodies are written indented by 4 inside the test; the YAML starts at column 0."""
    return "".join(line[4:] if line.startswith("    ") else line
                   for line in body.splitlines(keepends=True))


def problems(body: str, head: str = HEAD, name: str = "t.yaml") -> list[str]:
    with pytest.raises(FixtureError) as caught:
        load_document(head + outdent(body), name)
    return caught.value.problems


def test_yaml_syntax_error_names_file_and_line():
    assert problems("      users:\n        - dn: [unclosed\n") == [
        "t.yaml:12: invalid YAML: while parsing a flow sequence, did not find expected ',' "
        "or ']'"]


def test_duplicate_key():
    assert problems("""\
      users:
        - dn: CN=Ann,OU=Corp,DC=contoso,DC=com
          sn: Lee
          sn: Li
    """) == ["t.yaml:13: duplicate key 'sn'"]


def test_missing_and_unsupported_schema_version():
    assert problems("tenant: {}\n", head="") == [
        "t.yaml:1: missing required key 'schema' (schema: 1)"]
    assert problems("schema: 2\n", head="") == [
        "t.yaml:1: schema: unsupported schema version 2 (this msolsh reads schema 1)"]


def test_document_must_be_a_mapping():
    assert problems("- a\n- b\n", head="") == [
        "t.yaml:1: a fixture must be a mapping (schema:, tenant:, onPremises: ...)"]


def test_unknown_keys_with_did_you_mean():
    assert problems("""\
      users:
        - dn: CN=Ann,OU=Corp,DC=contoso,DC=com
          givenNam: Ann
          favouriteColour: blue
    initalSync: true
    """) == [
        "t.yaml:12: onPremises.users[0].givenNam: unknown key (did you mean 'givenName'?)",
        "t.yaml:13: onPremises.users[0].favouriteColour: unknown key",
        "t.yaml:14: initalSync: unknown key (did you mean 'initialSync'?)",
    ]


def test_wrong_types_every_problem_reported():
    assert problems("""\
      users:
        - dn: CN=Ann,OU=Corp,DC=contoso,DC=com
          proxyAddresses: 5
          userAccountControl: "512"
          msExchHideFromAddressLists: yes please
          otherTelephone: [+1 425 555 0100, 4255550101]
    initialSync: 1
    """) == [
        "t.yaml:12: onPremises.users[0].proxyAddresses: expected a list of strings, got int",
        "t.yaml:13: onPremises.users[0].userAccountControl: expected an integer, got str",
        "t.yaml:14: onPremises.users[0].msExchHideFromAddressLists: expected true or false, "
        "got str",
        "t.yaml:15: onPremises.users[0].otherTelephone[1]: expected a string, got int",
        "t.yaml:16: initialSync: expected true or false, got int",
    ]


def test_value_formats():
    assert problems("""\
      users:
        - dn: CN=Ann,OU=Corp,DC=contoso,DC=com
          objectGUID: not-a-guid
          msExchMailboxGuid: "{0d3f6a0e-6c1b-4f5e-9a51-2f7b1c9e4a10}"
          proxyAddresses: [SMTP:ann@contoso.com, "ann.contoso.com", "SMTP:nobody"]
          manager: "CN=,OU"
        - dn: Ann Lee
    """) == [
        "t.yaml:12: onPremises.users[0].objectGUID: 'not-a-guid' is not a valid GUID",
        "t.yaml:14: onPremises.users[0].proxyAddresses[1]: 'ann.contoso.com' is not a proxy "
        "address (prefix:address)",
        "t.yaml:14: onPremises.users[0].proxyAddresses[2]: 'SMTP:nobody' is not a valid SMTP "
        "proxy address",
        "t.yaml:15: onPremises.users[0].manager: 'CN=,OU' is not a valid distinguished name",
        "t.yaml:16: onPremises.users[1].dn: 'Ann Lee' is not a valid distinguished name",
    ]


def test_enumerations_and_required_keys():
    assert problems("""\
      groups:
        - dn: CN=G,OU=Corp,DC=contoso,DC=com
          groupScope: Planetary
        - sAMAccountName: nodn
    sync:
      sourceAnchor: employeeID
    """) == [
        "t.yaml:12: onPremises.groups[0].groupScope: 'Planetary' is not one of DomainLocal, "
        "Global, Universal",
        "t.yaml:13: onPremises.groups[1]: missing required key 'dn'",
        "t.yaml:15: sync.sourceAnchor: 'employeeID' is not one of mS-DS-ConsistencyGuid, "
        "objectGUID",
    ]


def test_keys_are_case_insensitive_and_canonicalised():
    doc = load_document(HEAD + outdent("""\
      users:
        - dn: CN=Ann,OU=Corp,DC=contoso,DC=com
          SAMACCOUNTNAME: ann
          ms-DS-ConsistencyGuid: 0D3F6A0E-6C1B-4F5E-9A51-2F7B1C9E4A10
    """), "t.yaml")
    user = doc["onPremises"]["users"][0]
    assert dict(user) == {"dn": "CN=Ann,OU=Corp,DC=contoso,DC=com", "sAMAccountName": "ann",
                          "mS-DS-ConsistencyGuid": "0d3f6a0e-6c1b-4f5e-9a51-2f7b1c9e4a10"}


def test_ad_uniqueness_rules():
    assert problems("""\
      users:
        - dn: CN=Ann,OU=Corp,DC=contoso,DC=com
          sAMAccountName: ann
          userPrincipalName: ann@contoso.com
          objectGUID: 0d3f6a0e-6c1b-4f5e-9a51-2f7b1c9e4a10
        - dn: CN=Ann Two,OU=Corp,DC=contoso,DC=com
          sAMAccountName: ANN
          userPrincipalName: Ann@Contoso.com
          objectGUID: 0D3F6A0E-6C1B-4F5E-9A51-2F7B1C9E4A10
        - dn: cn=ann,ou=corp,dc=contoso,dc=com
          sAMAccountName: ann3
    """) == [
        "t.yaml:16: onPremises.users[1].sAMAccountName: sAMAccountName 'ANN' is already used "
        "by CN=Ann,OU=Corp,DC=contoso,DC=com (unique per domain)",
        "t.yaml:17: onPremises.users[1].userPrincipalName: userPrincipalName "
        "'Ann@Contoso.com' is already used by CN=Ann,OU=Corp,DC=contoso,DC=com (UPNs are "
        "unique forest-wide)",
        "t.yaml:18: onPremises.users[1].objectGUID: objectGUID "
        "'0d3f6a0e-6c1b-4f5e-9a51-2f7b1c9e4a10' is already used by "
        "CN=Ann,OU=Corp,DC=contoso,DC=com",
        "t.yaml:19: onPremises.users[2].dn: duplicate distinguished name "
        "'cn=ann,ou=corp,dc=contoso,dc=com'",
    ]


def test_sam_account_name_rules():
    assert problems("""\
      users:
        - dn: CN=Long,OU=Corp,DC=contoso,DC=com
          sAMAccountName: a.very.long.logon.name
        - dn: CN=Bad,OU=Corp,DC=contoso,DC=com
          sAMAccountName: bad*name
      contacts:
        - dn: CN=Partner,OU=Corp,DC=contoso,DC=com
          sAMAccountName: partner
    """) == [
        "t.yaml:12: onPremises.users[0].sAMAccountName: 'a.very.long.logon.name' is longer "
        "than 20 characters",
        "t.yaml:14: onPremises.users[1].sAMAccountName: 'bad*name' contains characters AD "
        "refuses (*)",
        "t.yaml:17: onPremises.contacts[0].sAMAccountName: a contact has no sAMAccountName",
    ]


def test_missing_parents_managers_and_members():
    assert problems("""\
        - OU=Sales,OU=Nowhere,DC=contoso,DC=com
        - OU=Elsewhere,DC=fabrikam,DC=com
      users:
        - dn: CN=Ann,OU=Sales,OU=Nowhere,DC=contoso,DC=com
          sAMAccountName: ann
          manager: bob
        - dn: CN=Cy,OU=Corp,DC=contoso,DC=com
          manager: CN=Nobody,OU=Corp,DC=contoso,DC=com
      groups:
        - dn: CN=G,OU=Corp,DC=contoso,DC=com
          members: [ann, ghost, "CN=Corp2,DC=contoso,DC=com", OU=Corp,DC=contoso,DC=com]
    """) == [
        "t.yaml:10: onPremises.organizationalUnits[1]: parent 'OU=Nowhere,DC=contoso,DC=com' "
        "does not exist",
        "t.yaml:11: onPremises.organizationalUnits[2]: 'OU=Elsewhere,DC=fabrikam,DC=com' is "
        "not in a domain of the forest (contoso.com)",
        "t.yaml:15: onPremises.users[0].manager: manager 'bob' does not exist",
        "t.yaml:17: onPremises.users[1].manager: manager 'CN=Nobody,OU=Corp,DC=contoso,DC=com' "
        "does not exist",
        "t.yaml:20: onPremises.groups[0].members[1]: member 'ghost' does not exist",
        "t.yaml:20: onPremises.groups[0].members[2]: member 'CN=Corp2,DC=contoso,DC=com' does "
        "not exist",
        "t.yaml:20: onPremises.groups[0].members[3]: member 'OU=Corp' does not exist (quote a "
        "DN inside [...]: its commas split it)",
        "t.yaml:20: onPremises.groups[0].members[4]: member 'DC=contoso' does not exist (quote "
        "a DN inside [...]: its commas split it)",
        "t.yaml:20: onPremises.groups[0].members[5]: member 'DC=com' does not exist (quote a "
        "DN inside [...]: its commas split it)",
    ]


def test_invalid_domains_and_tenant_rules():
    head = """\
schema: 1
tenant:
  initialDomain: contoso.com
  domains:
    - {name: contoso..com}
    - {name: fabrikam.com, authentication: Federated, verified: false, default: true}
    - {name: FABRIKAM.com, default: true}
"""
    assert problems("", head=head) == [
        "t.yaml:3: tenant.initialDomain: 'contoso.com' is not an initial domain "
        "(<name>.onmicrosoft.com)",
        "t.yaml:5: tenant.domains[0].name: 'contoso..com' is not a valid domain name",
        "t.yaml:6: tenant.domains[1].authentication: an unverified domain cannot be federated",
        "t.yaml:7: tenant.domains[2].name: duplicate domain 'FABRIKAM.com'",
        "t.yaml:7: tenant.domains[2].default: only one domain can be the default",
    ]


def test_sync_configuration_references():
    assert problems("""\
    sync:
      partitions:
        - name: fabrikam.com
        - name: contoso.com
          exclusions: ["OU=Corp,DC=fabrikam,DC=com"]
      groupFilter: SG-Pilot
    """) == [
        "t.yaml:12: sync.partitions[0].name: 'fabrikam.com' is not a domain of the forest",
        "t.yaml:14: sync.partitions[1].exclusions[0]: 'OU=Corp,DC=fabrikam,DC=com' is not in "
        "domain contoso.com",
        "t.yaml:15: sync.groupFilter: group 'SG-Pilot' does not exist",
    ]


def test_cloud_objects_and_licences():
    head = HEAD.replace("    - name: contoso.com\n", "    - name: contoso.com\n  skus:\n"
                        "    - {accountSkuId: 'contoso:ENTERPRISEPACK', activeUnits: 1,"
                        " servicePlans: [EXCHANGE_S_ENTERPRISE]}\n")
    assert problems("""\
    cloud:
      users:
        - UserPrincipalName: admin@contoso.onmicrosoft.com
          Roles: [Company Administrator, Global Admin]
        - UserPrincipalName: kiosk@fabrikam.com
        - UserPrincipalName: ADMIN@contoso.onmicrosoft.com
      groups:
        - {DisplayName: Falcon, Members: [admin@contoso.onmicrosoft.com, ghost@contoso.com]}
    licenses:
      - {userPrincipalName: admin@contoso.onmicrosoft.com, accountSkuId: 'contoso:ENTERPRISEPACK'}
      - {userPrincipalName: kiosk@fabrikam.com, accountSkuId: 'contoso:ENTERPRISEPACK',
         disabledPlans: [SWAY]}
      - {userPrincipalName: nobody@contoso.com, accountSkuId: 'contoso:E5'}
    """, head=head) == [
        "t.yaml:7: tenant.skus[0].activeUnits: 2 licences of contoso:ENTERPRISEPACK are "
        "assigned but only 1 units exist",
        "t.yaml:15: cloud.users[0].Roles[1]: unknown role 'Global Admin'",
        "t.yaml:16: cloud.users[1].UserPrincipalName: the domain fabrikam.com is not verified "
        "for this tenant",
        "t.yaml:17: cloud.users[2].UserPrincipalName: 'ADMIN@contoso.onmicrosoft.com' is "
        "already used by another cloud user",
        "t.yaml:19: cloud.groups[0].Members[1]: member 'ghost@contoso.com' does not exist",
        "t.yaml:23: licenses[1].disabledPlans[0]: 'SWAY' is not a service plan of "
        "contoso:ENTERPRISEPACK",
        "t.yaml:24: licenses[2].userPrincipalName: user 'nobody@contoso.com' does not exist",
        "t.yaml:24: licenses[2].accountSkuId: SKU 'contoso:E5' is not in tenant.skus",
    ]


def test_licensing_an_onprem_user_needs_the_initial_sync():
    head = HEAD.replace("    - name: contoso.com\n", "    - name: contoso.com\n  skus:\n"
                        "    - {accountSkuId: 'contoso:ENTERPRISEPACK', servicePlans: [X]}\n")
    assert problems("""\
      users:
        - {dn: "CN=Ann,OU=Corp,DC=contoso,DC=com", userPrincipalName: ann@contoso.com}
    licenses:
      - {userPrincipalName: ann@contoso.com, accountSkuId: 'contoso:ENTERPRISEPACK'}
    """, head=head) == [
        "t.yaml:15: licenses[0].userPrincipalName: 'ann@contoso.com' is an on-premises user: "
        "licensing it needs initialSync: true"]


def test_exchange_recipient_rules():
    assert problems("""\
    exchange:
      recipients:
        - {Name: Pat, RecipientTypeDetails: UserMailbox, PrimarySmtpAddress: pat@contoso.com,
           WhenSoftDeleted: yesterday}
        - {Name: pat, RecipientTypeDetails: Mailbox, EmailAddresses: [SMTP:PAT@contoso.com]}
    """) == [
        "t.yaml:13: exchange.recipients[0].WhenSoftDeleted: 'yesterday' is not a valid "
        "timestamp",
        "t.yaml:14: exchange.recipients[1].RecipientTypeDetails: 'Mailbox' is not one of "
        "UserMailbox, SharedMailbox, RoomMailbox, EquipmentMailbox, MailUser, MailContact, "
        "MailUniversalDistributionGroup, MailUniversalSecurityGroup",
    ]
    # An object whose required key is wrong is left out of the cross-checks; once fixed:
    assert problems("""\
    exchange:
      recipients:
        - {Name: Pat, RecipientTypeDetails: UserMailbox, PrimarySmtpAddress: pat@contoso.com}
        - {Name: pat, RecipientTypeDetails: MailUser, EmailAddresses: [SMTP:PAT@contoso.com]}
    """) == [
        "t.yaml:13: exchange.recipients[1].Name: duplicate recipient name 'pat'",
        "t.yaml:13: exchange.recipients[1].EmailAddresses: proxy address 'pat@contoso.com' is "
        "already used by Pat",
    ]


def test_unsupported_tags_and_merge_keys_are_refused():
    assert problems("  users: !!python/object:os.system {}\n") == [
        "t.yaml:10: unsupported YAML tag tag:yaml.org,2002:python/object:os.system"]
    assert problems("base: &b {a: 1}\nother:\n  <<: *b\n", head="schema: 1\n") == [
        "t.yaml:4: YAML merge keys ('<<') are not supported; use include"]


def test_a_problem_is_never_a_traceback_for_a_missing_file(tmp_path):
    with pytest.raises(FixtureError) as caught:
        load_fixture(tmp_path / "nope.yaml")
    assert caught.value.problems == [f"{tmp_path / 'nope.yaml'}: cannot find fixture "
                                     f"'{tmp_path / 'nope.yaml'}'"]


def test_error_text_is_every_problem_on_its_own_line():
    with pytest.raises(FixtureError) as caught:
        load_fixture_text("schema: 1\nfoo: 1\nbar: 2\n", "x.yaml")
    assert str(caught.value) == "x.yaml:2: foo: unknown key\nx.yaml:3: bar: unknown key"


def test_refusals_of_the_model_at_build_time_are_problems_too():
    text = """\
schema: 1
tenant:
  initialDomain: contoso.onmicrosoft.com
  domains: [{name: contoso.com}]
  skus: [{accountSkuId: 'contoso:ENTERPRISEPACK', servicePlans: [EXCHANGE_S_ENTERPRISE]}]
onPremises:
  users:
    - dn: CN=Svc,CN=Users,DC=contoso,DC=com
      sAMAccountName: svc
      userPrincipalName: svc@contoso.com
      adminDescription: User_1234
cloud:
  users:
    - {UserPrincipalName: kiosk@contoso.com}
licenses:
  - {userPrincipalName: kiosk@contoso.com, accountSkuId: 'contoso:ENTERPRISEPACK'}
  - {userPrincipalName: svc@contoso.com, accountSkuId: 'contoso:ENTERPRISEPACK'}
initialSync: true
"""
    with pytest.raises(FixtureError) as caught:
        load_fixture_text(text, "b.yaml")
    assert caught.value.problems == [
        "b.yaml:16: licenses[0].accountSkuId: You must provide a required property: "
        "Parameter name: UsageLocation",
        "b.yaml:17: licenses[1].userPrincipalName: 'svc@contoso.com' did not reach Azure AD "
        "in the initial sync, so it cannot be licensed",
    ]
