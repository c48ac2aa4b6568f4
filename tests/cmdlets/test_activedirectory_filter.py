"""The -Filter and -LDAPFilter languages, evaluated against the Contoso directory directly."""
import pytest

from msolsh.cmdlets.activedirectory.adfilter import FilterError, parse_filter
from msolsh.cmdlets.activedirectory.ldapfilter import parse_ldap
from tests.cmdlets.conftest import contoso_tenant

DIRECTORY = contoso_tenant().directory
USERS = [o for o in DIRECTORY.live_objects() if o.object_class in ("user", "inetOrgPerson")]


def sams(node, objs=USERS):
    return sorted(o.attrs.get("sAMAccountName") or o.cn for o in objs if node.test(o, DIRECTORY))


def f(text, variables=None):
    return parse_filter(text, lambda ref: (variables or {})[ref])


def test_star_matches_everything():
    assert len(sams(f("*"))) == len(USERS)


def test_eq_is_case_insensitive_and_like_uses_star_only():
    assert sams(f("Surname -eq 'BOWEN'")) == ["megan.bowen"]
    assert sams(f("Name -like 'Meg*'")) == ["megan.bowen"]
    assert sams(f("Name -like 'Meg?n*'")) == []          # ? is not a wildcard in AD filters


def test_and_or_not_and_parentheses():
    both = f("Department -eq 'Executive' -and (Title -like '*Financial*' -or Title -like '*Technology*')")
    assert sams(both) == ["diego.siciliani", "lidia.holloway"]
    assert "megan.bowen" not in sams(f("-not (Surname -eq 'Bowen')"))


def test_ne_and_notlike_match_objects_without_the_attribute():
    no_mail = sams(f("EmailAddress -notlike '*'"))
    assert "krbtgt" in no_mail and "megan.bowen" not in no_mail
    assert "krbtgt" in sams(f("mail -ne 'x@contoso.com'"))


def test_ldap_names_friendly_names_and_multivalued_attributes():
    assert sams(f("sn -eq 'Bowen'")) == sams(f("Surname -eq 'Bowen'")) == ["megan.bowen"]
    assert sams(f("proxyAddresses -eq 'smtp:megan.bowen@contoso.mail.onmicrosoft.com'")) == ["megan.bowen"]


def test_numbers_booleans_and_bitwise():
    assert "megan.bowen" in sams(f("msExchRecipientTypeDetails -eq 2147483648"))
    assert sams(f("Enabled -eq $false")) == sams(f("userAccountControl -band 2"))
    assert "megan.bowen" in sams(f("msExchRemoteRecipientType -ge 6"))


def test_variables_in_script_block_filters():
    block = type("ScriptBlock", (), {"text": " Name -eq $n "})()
    assert sams(f(block, {"$n": "Megan Bowen"})) == ["megan.bowen"]


def test_recursivematch_follows_nested_groups():
    all_staff = "CN=SG-All Staff,OU=Groups,OU=Contoso,DC=contoso,DC=com"
    direct = sams(f(f"memberOf -eq '{all_staff}'"))
    nested = sams(f(f"memberOf -RecursiveMatch '{all_staff}'"))
    assert len(nested) > len(direct)


@pytest.mark.parametrize("text,position", [("Name -eq", 9), ("Name 'x'", 6), ("Name -eq 'a' x", 14),
                                           ("(Name -eq 'a'", 14), ("Name -foo 'a'", 6)])
def test_syntax_errors_name_the_position(text, position):
    with pytest.raises(FilterError) as err:
        f(text)
    assert err.value.message == (f"Error parsing query: '{text}' Error Message: 'syntax error' at "
                                 f"position: '{position}'.")


def test_ldap_filters():
    assert sams(parse_ldap("(&(objectClass=user)(sn=Bowen))")) == ["megan.bowen"]
    assert sams(parse_ldap("sn=Bowen")) == ["megan.bowen"]
    enabled = sams(parse_ldap("(!userAccountControl:1.2.840.113556.1.4.803:=2)"))
    assert enabled == sams(f("Enabled -eq $true"))
    assert sams(parse_ldap("(|(sn=Bowen)(sn=Wilke))")) == ["megan.bowen", "nestor.wilke"]
    assert sams(parse_ldap("(&(objectCategory=person)(sn=Bow*))")) == ["megan.bowen"]
    chain = "(memberOf:1.2.840.113556.1.4.1941:=CN=SG-All Staff,OU=Groups,OU=Contoso,DC=contoso,DC=com)"
    assert sams(parse_ldap(chain)) == sams(f("memberOf -RecursiveMatch "
                                             "'CN=SG-All Staff,OU=Groups,OU=Contoso,DC=contoso,DC=com'"))


@pytest.mark.parametrize("text", ["(&(a=b)", "(sn~Bowen)", "()", "(&)", "(a:9.9:=1)"])
def test_bad_ldap_filters(text):
    with pytest.raises(FilterError) as err:
        parse_ldap(text)
    assert (err.value.message, err.value.ldap) == ("The search filter cannot be recognized", True)
