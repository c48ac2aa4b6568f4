"""Azure AD object records and address helpers, shared by the store and its administration.

Knows nothing of the shell.
"""
from __future__ import annotations

from .records import Record


class AADObject(Record):
    """One Azure AD object; object_type is User, Group or Contact."""
    FIELDS = {
        "object_id": None, "object_type": "User", "display_name": None,
        "user_principal_name": None, "mail_nickname": None, "mail": None,
        "proxy_addresses": list, "immutable_id": None, "dirsync_enabled": False,
        "last_dirsync_time": None, "when_created": None, "soft_deletion_timestamp": None,
        "first_name": None, "last_name": None, "city": None, "country": None,
        "department": None, "title": None, "state": None, "office": None,
        "phone_number": None, "mobile_phone": None, "postal_code": None, "street_address": None,
        "usage_location": None, "block_credential": False, "licenses": list, "roles": list,
        "errors": list, "provisioning_errors": list, "shadow": dict, "exchange": dict,
        "on_premises": dict, "group_type": None, "security_enabled": False,
        "mail_enabled": False, "members": list, "description": None, "user_type": "Member",
        "password_never_expires": False, "extra": dict,
    }
    __slots__ = tuple(FIELDS)

    @property
    def is_deleted(self) -> bool:
        return self.soft_deletion_timestamp is not None

    @property
    def validation_status(self) -> str:
        return "Error" if any(not e.get("Resolved") for e in self.errors) else "Healthy"

    @property
    def is_licensed(self) -> bool:
        return bool(self.licenses)


def smtp_addresses(proxies) -> list[str]:
    """The SMTP addresses (no prefix) of a proxyAddresses list."""
    return [p.split(":", 1)[1] for p in proxies or () if p.lower().startswith("smtp:")]


def primary_smtp(proxies) -> str | None:
    return next((p[5:] for p in proxies or () if p.startswith("SMTP:")), None)
