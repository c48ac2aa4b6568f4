"""Active Directory attribute values: which are multi-valued, which hold GUIDs as octets.

How AD stores a value a fixture or a cmdlet gives it, and the errors it raises for values it
cannot store. Knows nothing of the shell.
"""
from __future__ import annotations

from .errors import DirectoryError
from .ids import normalize_guid

# Octet-string attributes holding a GUID: AD takes bytes, not text (error 8322 otherwise).
OCTET_GUIDS = frozenset({"msexchmailboxguid", "msexcharchiveguid", "ms-ds-consistencyguid"})
MULTI_VALUED = frozenset({"proxyaddresses", "member", "objectclass", "url", "othermailbox",
                          "usercertificate", "usersmimecertificate", "othertelephone",
                          "publicdelegates", "msexchuserholdpolicies", "serviceprincipalname"})
UPN_NOT_UNIQUE = ("The operation failed because UPN value provided for addition/modification "
                  "is not unique forest-wide")
NOT_IN_RANGE = "A value for the attribute was not in the acceptable range of values"


def load_value(name, value):
    """Values as a fixture gives them: GUID text is accepted for octet attributes."""
    if name.lower() in OCTET_GUIDS:
        return guid_or_error(value)
    if name.lower() in MULTI_VALUED and not isinstance(value, list):
        return [value]
    return list(value) if isinstance(value, (list, tuple)) else value


def guid_or_error(value):
    """A GUID value as AD stores it; anything that is not 16 bytes of GUID is error 8322."""
    try:
        return normalize_guid(value)
    except (ValueError, TypeError, AttributeError):
        raise DirectoryError(NOT_IN_RANGE, code=8322) from None
