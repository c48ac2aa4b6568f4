"""Bad input never gives a traceback: any damaged fixture loads or raises FixtureError."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msolsh.tenant.fixtures import FixtureError, load_fixture_text

BASE = yaml.safe_load("""\
schema: 1
tenant:
  initialDomain: contoso.onmicrosoft.com
  domains: [{name: contoso.com, authentication: Managed}]
  skus: [{accountSkuId: 'contoso:ENTERPRISEPACK', servicePlans: [EXCHANGE_S_ENTERPRISE]}]
onPremises:
  organizationalUnits: ["OU=Corp,DC=contoso,DC=com"]
  users:
    - dn: CN=Ann,OU=Corp,DC=contoso,DC=com
      sAMAccountName: ann
      userPrincipalName: ann@contoso.com
      mailNickname: ann
      proxyAddresses: [SMTP:ann@contoso.com]
      msExchUsageLocation: US
      manager: bob
    - dn: CN=Bob,OU=Corp,DC=contoso,DC=com
      sAMAccountName: bob
  groups:
    - {dn: "CN=G,OU=Corp,DC=contoso,DC=com", members: [ann, bob], mail: g@contoso.com}
  contacts:
    - {dn: "CN=P,OU=Corp,DC=contoso,DC=com", mail: p@example.com}
sync:
  partitions: [{name: contoso.com}]
  scheduler: {intervalMinutes: 30}
cloud:
  users: [{UserPrincipalName: admin@contoso.onmicrosoft.com, UsageLocation: US}]
licenses:
  - {userPrincipalName: ann@contoso.com, accountSkuId: 'contoso:ENTERPRISEPACK'}
exchange:
  recipients: [{Name: X, RecipientTypeDetails: MailContact, ExternalEmailAddress: x@y.com}]
initialSync: true
""")

JUNK = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), st.text(max_size=12),
                 st.lists(st.text(max_size=8), max_size=3),
                 st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=2),
                 st.sampled_from(["", "CN=", "=", "SMTP:", "@", "a@b", "{", "-1", "User_x",
                                  "OU=Corp,DC=contoso,DC=com", "2026-13-01"]))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, prefix + (i,))


PATHS = [p for p in _paths(BASE) if p]


def _replace(doc, path, value):
    import copy
    doc = copy.deepcopy(doc)
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), JUNK), min_size=1, max_size=3))
def test_damaged_fixtures_load_or_raise_fixture_error(damage):
    doc = BASE
    for path, value in damage:
        try:
            doc = _replace(doc, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the path
    text = yaml.safe_dump(doc)
    try:
        load_fixture_text(text, "fuzz.yaml")
    except FixtureError as exc:
        assert exc.problems and all(p.startswith("fuzz.yaml:") for p in exc.problems)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=" \n-:[]{}#&*!|>'\"%@`,?abcsCNDO=0123456789", max_size=80))
def test_arbitrary_text_never_escapes_as_a_traceback(text):
    try:
        load_fixture_text("schema: 1\n" + text, "fuzz.yaml")
    except FixtureError as exc:
        assert exc.problems
