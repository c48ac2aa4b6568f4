"""What an AD object's properties are called and what they hold, as the ActiveDirectory module
sees them: friendly property names (EmailAddress, Surname, Office...) mapped to lDAPDisplayNames,
the computed properties (Enabled, ObjectClass, ObjectGUID, SID, Name, DistinguishedName...) and
the object-class hierarchy LDAP filters match against.

Pure functions over a tenant ADObject; knows nothing of cmdlets, filters or formatting.
"""
from __future__ import annotations

import uuid
from typing import Any, List

# Friendly property -> lDAPDisplayName (about_ActiveDirectory_ObjectModel).
FRIENDLY = {
    "emailaddress": "mail", "surname": "sn", "givenname": "givenName", "city": "l",
    "office": "physicalDeliveryOfficeName", "officephone": "telephoneNumber",
    "mobilephone": "mobile", "manager": "manager", "title": "title", "department": "department",
    "company": "company", "country": "c", "state": "st", "postalcode": "postalCode",
    "streetaddress": "streetAddress", "employeeid": "employeeID",
    "samaccountname": "sAMAccountName",
    "userprincipalname": "userPrincipalName", "displayname": "displayName",
    "description": "description", "managedby": "managedBy", "homepage": "wWWHomePage",
    "initials": "initials", "fax": "facsimileTelephoneNumber", "members": "member",
}
# Friendly names as the module spells them, for -Properties * output.
FRIENDLY_SPELLING = {
    "mail": "EmailAddress", "sn": "Surname", "l": "City", "physicalDeliveryOfficeName": "Office",
    "telephoneNumber": "OfficePhone", "mobile": "MobilePhone", "manager": "Manager",
    "title": "Title", "department": "Department", "company": "Company", "c": "Country",
    "st": "State", "postalCode": "PostalCode", "streetAddress": "StreetAddress",
    "employeeID": "EmployeeID", "displayName": "DisplayName", "description": "Description",
}
COMPUTED = ("distinguishedname", "enabled", "name", "objectclass", "objectguid", "sid",
            "objectsid", "memberof", "deleted", "cn", "objectcategory", "canonicalname",
            "groupscope", "groupcategory", "lastknownparent", "usnchanged", "usncreated",
            "isdeleted", "protectedfromaccidentaldeletion")
CLASS_CHAIN = {
    "user": ["top", "person", "organizationalPerson", "user"],
    "inetOrgPerson": ["top", "person", "organizationalPerson", "user", "inetOrgPerson"],
    "contact": ["top", "person", "organizationalPerson", "contact"],
    "group": ["top", "group"],
    "organizationalUnit": ["top", "organizationalUnit"],
    "container": ["top", "container"],
    "domainDNS": ["top", "domain", "domainDNS"],
}
CATEGORY = {"user": "Person", "inetOrgPerson": "Person", "contact": "Person", "group": "Group",
            "organizationalUnit": "Organizational-Unit", "container": "Container",
            "domainDNS": "Domain-DNS"}
ACCOUNTDISABLE = 0x2
USER_CLASSES = ("user", "inetOrgPerson")   # what Get-ADUser returns
OCTET_GUIDS = frozenset({"msexchmailboxguid", "msexcharchiveguid", "ms-ds-consistencyguid"})

GROUP_SCOPES = {2: "Global", 4: "DomainLocal", 8: "Universal", 1: "DomainLocal"}
SECURITY_BIT = 0x80000000


# lDAPDisplayNames as the schema spells them: `-Replace @{msExchArchiveguid=...}` must land in
# msExchArchiveGUID, the attribute Azure AD Connect reads.
SCHEMA = {n.lower(): n for n in (
    "adminDescription", "c", "cn", "co", "company", "department", "description", "displayName",
    "employeeID", "employeeType", "facsimileTelephoneNumber", "givenName", "groupType",
    "homeMDB", "info", "initials", "isCriticalSystemObject", "l", "legacyExchangeDN", "mail",
    "mailNickname", "managedBy", "manager", "member", "memberOf", "mobile",
    "ms-DS-ConsistencyGuid", "msDS-ExternalDirectoryObjectID", "msExchArchiveGUID",
    "msExchArchiveName", "msExchExtensionAttribute1", "msExchHideFromAddressLists",
    "msExchHomeServerName", "msExchLitigationHoldDate", "msExchLitigationHoldOwner",
    "msExchMailboxGuid", "msExchPoliciesExcluded", "msExchRecipientDisplayType",
    "msExchRecipientTypeDetails", "msExchRemoteRecipientType", "msExchUsageLocation",
    "msExchUserHoldPolicies", "objectSid", "otherMailbox", "otherTelephone",
    "physicalDeliveryOfficeName", "postalCode", "proxyAddresses", "publicDelegates",
    "sAMAccountName", "servicePrincipalName", "showInAddressBook", "sn", "st", "streetAddress",
    "targetAddress", "telephoneNumber", "thumbnailPhoto", "title", "url", "userAccountControl",
    "userCertificate", "userPrincipalName", "userSMIMECertificate", "wWWHomePage")}
SCHEMA.update({f"extensionattribute{i}": f"extensionAttribute{i}" for i in range(1, 16)})


def ldap_name(name: str) -> str:
    """The lDAPDisplayName a property name stands for, spelled as the schema spells it."""
    ldap = FRIENDLY.get(name.lower(), name)
    return SCHEMA.get(ldap.lower(), ldap)


def attribute(obj: Any, name: str) -> Any:
    """An attribute's stored value by lDAPDisplayName, case-insensitively."""
    value = obj.attrs.get(name)
    if value is not None:
        return value
    low = name.lower()
    for key, val in obj.attrs.items():
        if key.lower() == low:
            return val
    return None


def enabled(obj: Any) -> Any:
    uac = obj.attrs.get("userAccountControl")
    if uac is None:
        return None
    return not (int(uac) & ACCOUNTDISABLE)


def group_scope(obj: Any) -> str:
    gt = int(obj.attrs.get("groupType", -2147483646)) & 0xFFFFFFFF
    return next((v for bit, v in GROUP_SCOPES.items() if gt & bit), "Global")


def group_category(obj: Any) -> str:
    gt = int(obj.attrs.get("groupType", -2147483646)) & 0xFFFFFFFF
    return "Security" if gt & SECURITY_BIT else "Distribution"


def object_name(obj: Any) -> str:
    if obj.deleted:  # the recycle bin mangles the RDN: name, a line feed, DEL:<guid>
        return f"{obj.dn.split(chr(92) + '0ADEL:')[0][3:]}\nDEL:{obj.guid}"
    return obj.cn


def canonical_name(obj: Any, domains: List[dict]) -> str:
    """contoso.com/Contoso/Users/Sales/Alex Wilber: the domain, then the RDNs root first."""
    from msolsh.tenant import dn as dnlib
    parts = dnlib.split(obj.dn)
    dcs = [p for p in parts if p.upper().startswith("DC=")]
    rest = [dnlib.unescape(p.split("=", 1)[1]) for p in parts if not p.upper().startswith("DC=")]
    fqdn = ".".join(p.split("=", 1)[1] for p in dcs)
    return "/".join([fqdn] + list(reversed(rest))) if rest else fqdn + "/"


def computed(obj: Any, low: str, directory: Any) -> Any:
    """The value of a computed property (lower-case name), or KeyError if it is not one."""
    if low == "distinguishedname":
        return obj.dn
    if low == "enabled":
        return enabled(obj)
    if low in ("name", "cn"):
        return object_name(obj)
    if low == "objectclass":
        return obj.object_class
    if low == "objectguid":
        return uuid.UUID(obj.guid)
    if low in ("sid", "objectsid"):
        return obj.attrs.get("objectSid")
    if low == "memberof":
        return [g.dn for g in directory.member_of(obj)]
    if low in ("deleted", "isdeleted"):
        return True if obj.deleted else None
    if low == "objectcategory":
        return f"CN={CATEGORY.get(obj.object_class, 'Person')},CN=Schema,CN=Configuration," \
               f"{directory.domains[-1]['dn']}"
    if low == "canonicalname":
        return canonical_name(obj, directory.domains)
    if low == "groupscope":
        return group_scope(obj) if obj.object_class == "group" else None
    if low == "groupcategory":
        return group_category(obj) if obj.object_class == "group" else None
    if low == "lastknownparent":
        return obj.last_known_parent
    if low == "usnchanged":
        return obj.usn_changed
    if low == "usncreated":
        return obj.usn_created
    if low == "protectedfromaccidentaldeletion":
        return bool(obj.attrs.get("protectedFromAccidentalDeletion", False))
    raise KeyError(low)


def display_value(name: str, value: Any) -> Any:
    """A stored value as the module hands it out: octet GUIDs as byte arrays, lists copied."""
    if value is None:
        return None
    if name.lower() in OCTET_GUIDS:
        return list(uuid.UUID(str(value)).bytes_le)
    if isinstance(value, list):
        return list(value)
    return value


def property_value(obj: Any, name: str, directory: Any) -> Any:
    """Any property by friendly or LDAP name, as Get-AD* would show it."""
    low = name.lower()
    try:
        return computed(obj, low, directory)
    except KeyError:
        pass
    ldap = ldap_name(name)
    value = attribute(obj, ldap)
    if ldap.lower() == "manager" and value and "=" not in str(value):
        target = directory.find(value)  # fixtures may name the manager by sAMAccountName
        value = target.dn if target is not None else value
    return display_value(ldap, value)


def filter_values(obj: Any, name: str, directory: Any) -> List[Any]:
    """Every value an attribute holds, for filter matching (an empty list when absent)."""
    low = name.lower()
    if low == "objectclass":
        return list(CLASS_CHAIN.get(obj.object_class, ["top", obj.object_class]))
    if low == "objectcategory":
        return [computed(obj, low, directory), CATEGORY.get(obj.object_class, "")]
    if low in OCTET_GUIDS:
        value = attribute(obj, name)
        return [str(value)] if value else []
    value = property_value(obj, name, directory)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
