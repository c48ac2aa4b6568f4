"""ADUser / ADGroup / ADObject / ADOrganizationalUnit / ADPrincipal records, as the module
returns them: the class's default property set plus whatever -Properties asked for, in the
module's alphabetical order, with the real type names (they have no format view: more than
four properties show as a list).

Knows the tenant's ADObject and attributes.py; nothing of cmdlets or the session.
"""
from __future__ import annotations

from typing import Any, Iterable, List, Optional, Sequence

from msolsh.runtime.values import PSObject

from . import attributes

NS = "Microsoft.ActiveDirectory.Management."
ENTITY = [NS + "ADObject", NS + "ADEntity", NS + "ADPropertyCollection", "System.Object"]
PRINCIPAL = [NS + "ADPrincipal"] + ENTITY
KINDS = {
    "ADUser": ([NS + "ADUser", NS + "ADAccount"] + PRINCIPAL,
               ["DistinguishedName", "Enabled", "GivenName", "Name", "ObjectClass", "ObjectGUID",
                "SamAccountName", "SID", "Surname", "UserPrincipalName"]),
    "ADGroup": ([NS + "ADGroup"] + PRINCIPAL,
                ["DistinguishedName", "GroupCategory", "GroupScope", "Name", "ObjectClass",
                 "ObjectGUID", "SamAccountName", "SID"]),
    "ADObject": (ENTITY, ["DistinguishedName", "Name", "ObjectClass", "ObjectGUID"]),
    "ADOrganizationalUnit": ([NS + "ADOrganizationalUnit"] + ENTITY,
                             ["City", "Country", "DistinguishedName", "LinkedGroupPolicyObjects",
                              "ManagedBy", "Name", "ObjectClass", "ObjectGUID", "PostalCode",
                              "State", "StreetAddress"]),
    # Get-ADGroupMember: the member as an ADPrincipal, with lower-case names (its real output)
    "ADPrincipal": (PRINCIPAL, ["distinguishedName", "name", "objectClass", "objectGUID",
                                "SamAccountName", "SID"]),
}
# Extended (friendly) properties -Properties * adds for each class, even when empty.
EXTENDED = {
    "ADUser": ["AccountExpirationDate", "CannotChangePassword", "CanonicalName", "City", "CN",
               "Company", "Country", "Department", "Description", "DisplayName", "EmailAddress",
               "EmployeeID", "Fax", "HomePage", "Initials", "LockedOut", "Manager", "MemberOf",
               "MobilePhone", "Modified", "Office", "OfficePhone", "PasswordNeverExpires",
               "PostalCode", "ProtectedFromAccidentalDeletion", "State", "StreetAddress",
               "Title"],
    "ADGroup": ["CanonicalName", "CN", "Description", "DisplayName", "ManagedBy", "MemberOf",
                "Members", "ProtectedFromAccidentalDeletion"],
    "ADObject": ["CanonicalName", "CN", "Description", "DisplayName",
                 "ProtectedFromAccidentalDeletion"],
    "ADOrganizationalUnit": ["CanonicalName", "Description", "ProtectedFromAccidentalDeletion"],
}
_NOT_MODELLED = {"accountexpirationdate", "cannotchangepassword", "lockedout", "modified",
                 "passwordneverexpires"}
_EXTENDED_LOOKUP = {n.lower(): n for names in EXTENDED.values() for n in names}


def kind_of(obj: Any) -> str:
    cls = obj.object_class
    if cls in ("user", "inetOrgPerson"):
        return "ADUser"
    if cls == "group":
        return "ADGroup"
    if cls == "organizationalUnit":
        return "ADOrganizationalUnit"
    return "ADObject"


def build(obj: Any, directory: Any, kind: Optional[str] = None,
          properties: Sequence[str] = ()) -> PSObject:
    """The record for `obj` as `kind` (default: its own kind) with -Properties added."""
    kind = kind or kind_of(obj)
    type_names, defaults = KINDS[kind]
    names = list(defaults)
    if obj.deleted and "Deleted" not in names:
        names.append("Deleted")
    for name in _requested(obj, kind, properties):
        if name.lower() not in {n.lower() for n in names}:
            names.append(name)
    if kind != "ADPrincipal":
        names.sort(key=str.lower)
    pairs = [(n, _value(obj, n, directory)) for n in names]
    return PSObject(pairs, list(type_names))


def _requested(obj: Any, kind: str, properties: Sequence[str]) -> Iterable[str]:
    wanted = [str(p) for p in properties or () if p is not None]
    if any(p == "*" for p in wanted):
        yield from EXTENDED.get(kind, EXTENDED["ADObject"])
        yield from (k for k in obj.attrs if not k.startswith("_"))
        yield from ("ObjectCategory", "objectSid" if obj.attrs.get("objectSid") else "CN")
        if obj.deleted:
            yield from ("isDeleted", "LastKnownParent")
        wanted = [p for p in wanted if p != "*"]
    for name in wanted:
        spelled = _spelling(obj, name)
        if spelled is not None:
            yield spelled


def _spelling(obj: Any, name: str) -> Optional[str]:
    """Extended names keep the module's spelling; LDAP names the schema's; an LDAP attribute
    that holds no value is left out (only extended properties show empty)."""
    low = name.lower()
    if low in _EXTENDED_LOOKUP:
        return _EXTENDED_LOOKUP[low]
    if low in attributes.COMPUTED:
        return name
    for key in obj.attrs:
        if key.lower() == low:
            return key
    return None


def _value(obj: Any, name: str, directory: Any) -> Any:
    low = name.lower()
    if low in _NOT_MODELLED:
        flags = ("cannotchangepassword", "lockedout", "passwordneverexpires")
        return False if low in flags else None
    value = attributes.property_value(obj, name, directory)
    if low in ("memberof", "members", "linkedgrouppolicyobjects") and value is None:
        return []
    return value


def principal_names(objs: List[Any]) -> List[str]:
    return [o.dn for o in objs]
