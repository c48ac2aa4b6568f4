"""What forward sync copies from an Azure AD object onto its Exchange Online recipient.

The person properties Get-User shows (Title, Department, Office, Phone, City, Company, ...)
and the Exchange properties mastered on premises (HiddenFromAddressListsEnabled), each under
the recipient field named after the EXO property (exchange.py). Pure functions of the Azure AD
record; knows nothing of the shell, of AD or of the sync engine.
"""
from __future__ import annotations

# EXO recipient field <- Azure AD record field (MsolUser property in brackets)
PERSON_FIELDS = {
    "first_name": "first_name",            # FirstName
    "last_name": "last_name",              # LastName
    "title": "title",                      # Title
    "department": "department",            # Department
    "office": "office",                    # Office
    "phone": "phone_number",               # PhoneNumber
    "mobile_phone": "mobile_phone",        # MobilePhone
    "street_address": "street_address",    # StreetAddress
    "city": "city",                        # City
    "state_or_province": "state",          # State
    "postal_code": "postal_code",          # PostalCode
    "country_or_region": "country",        # Country
}
# MsolUser properties the Azure AD record may keep in `extra` rather than a field of its own
EXTRA_PERSON_FIELDS = {"company": "Company", "fax": "Fax"}


def person_fields(obj) -> dict:
    """The person properties of a user or contact, None where Azure AD has no value."""
    fields = {exo: _aad_value(obj, aad) for exo, aad in PERSON_FIELDS.items()}
    for exo, prop in EXTRA_PERSON_FIELDS.items():
        fields[exo] = _aad_value(obj, exo) if exo in obj.FIELDS else \
            (obj.extra or {}).get(prop)
    return fields


def _aad_value(obj, name: str):
    value = getattr(obj, name, None)
    return value if value not in ("", []) else None


def hidden_from_address_lists(obj, recipient) -> bool:
    """msExchHideFromAddressLists for a synced object; a cloud object keeps what EXO has."""
    if not obj.dirsync_enabled:
        return bool(recipient.hidden_from_address_lists) if recipient is not None else False
    value = (obj.exchange or {}).get("msExchHideFromAddressLists")
    if isinstance(value, str):  # an LDAP Boolean written as text
        return value.strip().upper() == "TRUE"
    if isinstance(value, list):
        value = value[0] if value else False
    return bool(value)
