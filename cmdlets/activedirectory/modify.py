"""One Set-ADUser / Set-ADObject call as AD applies it: -Remove, then -Add, then -Replace, then
-Clear, then the named property parameters, checked first (so a refused change writes nothing)
and then written to the tenant attribute by attribute (each write bumps usnChanged, so the next
delta import picks the object up).

AD itself refuses: a UPN already used in the forest (8648), a sAMAccountName already used in the
domain, a GUID attribute given as text (8322), -Add of a value already there (8323), a second
value in a single-valued attribute (8321). It does NOT check that proxyAddresses are unique: that
is the sync engine's and Azure AD's business. Knows nothing of cmdlets or records.
"""
from __future__ import annotations

import uuid
from typing import Any, Dict, Iterable, List, Optional

from msolsh.runtime.values import PSHashtable
from msolsh.tenant.directory import MULTI_VALUED
from msolsh.tenant.errors import DirectoryError

from .attributes import OCTET_GUIDS, ldap_name

SINGLE_VALUE = "Multiple values were specified for an attribute that can have only one value"
VALUE_EXISTS = "The specified value already exists."
UPN_NOT_UNIQUE = ("The operation failed because UPN value provided for addition/modification "
                  "is not unique forest-wide")
NULL_ARGUMENT = ("Cannot validate argument on parameter '{0}'. The argument is null or an "
                 "element of the argument collection contains a null value.")


class NullArgument(Exception):
    def __init__(self, parameter: str):
        super().__init__(NULL_ARGUMENT.format(parameter))
        self.parameter = parameter
        self.message = NULL_ARGUMENT.format(parameter)


def ad_value(name: str, value: Any) -> Any:
    """A PowerShell value as the AD module sends it: byte arrays and [guid] for GUID octets."""
    if name.lower() in OCTET_GUIDS:
        if isinstance(value, list) and len(value) == 16 and all(type(b) is int for b in value):
            return bytes(value)
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _values(parameter: str, name: str, value: Any) -> List[Any]:
    items = value if isinstance(value, list) and name.lower() not in OCTET_GUIDS else [value]
    if not items or any(v is None or v == "" for v in items):
        raise NullArgument(parameter)
    return [ad_value(name, v) for v in items]


def table_values(parameter: str, table: Optional[PSHashtable]) -> List[tuple]:
    """(lDAPDisplayName, [values]) pairs of an -Add/-Remove/-Replace/-OtherAttributes table."""
    if table is None:
        return []
    if not isinstance(table, PSHashtable):
        raise NullArgument(parameter)
    return [(ldap_name(str(k)), _values(parameter, ldap_name(str(k)), v)) for k, v in table.items()]


class Change:
    """The attributes one call will write: name -> final value (None clears)."""

    def __init__(self, obj: Any):
        self.obj = obj
        self.final: Dict[str, Any] = {}

    def current(self, name: str) -> Any:
        if name in self.final:
            return self.final[name]
        for key, value in self.obj.attrs.items():
            if key.lower() == name.lower():
                return value
        return None

    def _key(self, name: str) -> str:
        existing = next((k for k in self.obj.attrs if k.lower() == name.lower()), None)
        return next((k for k in self.final if k.lower() == name.lower()), existing or name)

    def remove(self, name: str, values: List[Any]) -> None:
        drop = {str(v).lower() for v in values}
        have = _as_list(self.current(name))
        self.final[self._key(name)] = [v for v in have if str(v).lower() not in drop] or None

    def add(self, name: str, values: List[Any]) -> None:
        have = _as_list(self.current(name))
        for v in values:
            if any(str(v).lower() == str(h).lower() for h in have):
                raise DirectoryError(VALUE_EXISTS, code=8323)
            have.append(v)
        if name.lower() not in MULTI_VALUED and len(have) > 1:
            raise DirectoryError(SINGLE_VALUE, code=8321)
        self.final[self._key(name)] = have if name.lower() in MULTI_VALUED else have[0]

    def replace(self, name: str, values: List[Any]) -> None:
        if name.lower() not in MULTI_VALUED and len(values) > 1:
            raise DirectoryError(SINGLE_VALUE, code=8321)
        self.final[self._key(name)] = values if name.lower() in MULTI_VALUED else values[0]

    def clear(self, name: str) -> None:
        self.final[self._key(name)] = None

    def set(self, name: str, value: Any) -> None:
        """A named parameter (-Department...): $null or '' clears."""
        if value is None or value == "":
            self.clear(name)
        else:
            self.replace(name, [ad_value(name, value)])


def _as_list(value: Any) -> List[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def plan(obj: Any, remove: Any = None, add: Any = None, replace: Any = None,
         clear: Optional[Iterable[str]] = None, named: Optional[Dict[str, Any]] = None) -> Change:
    """The change in AD's order: Remove, Add, Replace, Clear, then named parameters."""
    change = Change(obj)
    for name, values in table_values("Remove", remove):
        change.remove(name, values)
    for name, values in table_values("Add", add):
        change.add(name, values)
    for name, values in table_values("Replace", replace):
        change.replace(name, values)
    for name in clear or ():
        change.clear(ldap_name(str(name)))
    for name, value in (named or {}).items():
        change.set(name, value)
    return change


def other_attributes(table: Optional[PSHashtable]) -> Dict[str, Any]:
    """-OtherAttributes of New-AD*: one value as itself, several as a list."""
    return {name: values if len(values) > 1 else values[0]
            for name, values in table_values("OtherAttributes", table)}


def check(directory: Any, change: Change) -> None:
    """What the DC refuses before anything is written (one LDAP modify is atomic)."""
    domain = directory.domain_of(change.obj.dn)["fqdn"]
    check_values(directory, change.final, change.obj.guid, domain)


def check_values(directory: Any, values: Dict[str, Any], guid: Optional[str] = None,
                 domain: Optional[str] = None) -> None:
    """AD's own refusals for these values on object `guid` (None: a new object, whose
    sAMAccountName the directory checks when it creates it, in its own domain)."""
    for name, value in values.items():
        low = name.lower()
        if low == "userprincipalname" and value:
            other = directory.by_upn(str(value))
            if other is not None and other.guid != guid:
                raise DirectoryError(UPN_NOT_UNIQUE, code=8648)
        if low == "samaccountname" and value and domain:
            other = directory.by_sam(str(value), domain)
            if other is not None and other.guid != guid:
                raise DirectoryError("The specified account already exists", code=1316)
        if low in OCTET_GUIDS and value is not None and isinstance(value, str):
            raise DirectoryError("A value for the attribute was not in the acceptable range "
                                 "of values", code=8322)


def write(directory: Any, change: Change) -> Any:
    check(directory, change)
    obj = change.obj
    for name, value in change.final.items():
        obj = directory.set_attribute(obj, name, value)
    return obj
