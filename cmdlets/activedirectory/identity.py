"""-Identity resolution as the ActiveDirectory module does it: a distinguished name, an
objectGUID, an objectSid or a sAMAccountName (a UPN is not an identity), or an object that came
down the pipeline (an ADUser/ADGroup/ADObject record, which carries its ObjectGUID).

Returns the tenant's ADObject or None; the cmdlet turns None into the not-found error.
Knows nothing of error records or formatting.
"""
from __future__ import annotations

import re
import uuid
from typing import Any, Optional

from msolsh.runtime.values import PSObject

SID_PATTERN = re.compile(r"^S-1-(\d+-)*\d+$", re.IGNORECASE)
_SID_CACHE: dict = {}


def identity_text(identity: Any) -> str:
    """How the identity reads in 'Cannot find an object with identity: ...'."""
    if isinstance(identity, PSObject):
        return str(identity.get("DistinguishedName") or identity.get("ObjectGUID") or "")
    return "" if identity is None else str(identity)


def by_sid(directory: Any, sid: str) -> Optional[Any]:
    """objectSid lookup through a map rebuilt only when the directory changed (usn)."""
    stamp = (id(directory), directory.usn)
    cached = _SID_CACHE.get("sid")
    if cached is None or cached[0] != stamp:
        table = {str(o.attrs["objectSid"]).upper(): o.guid for o in directory.live_objects()
                 if o.attrs.get("objectSid")}
        cached = (stamp, table)
        _SID_CACHE["sid"] = cached
    guid = cached[1].get(sid.upper())
    return directory.objects.get(guid) if guid else None


def resolve(directory: Any, identity: Any, include_deleted: bool = False,
            principal: bool = True) -> Optional[Any]:
    """The live (or, with include_deleted, recycled) object an -Identity value names. Only a
    principal identity (ADUser, ADGroup, ADAccount) may be a SID or sAMAccountName; an
    ADObject identity is a DN or GUID."""
    if identity is None:
        return None
    if isinstance(identity, PSObject):
        guid = identity.get("ObjectGUID") or identity.get("objectGUID")
        key = guid if guid is not None else identity.get("DistinguishedName")
        return resolve(directory, key, include_deleted, principal) if key is not None else None
    if isinstance(identity, uuid.UUID):
        return _by_guid(directory, str(identity), include_deleted)
    if isinstance(identity, list) and len(identity) == 1:
        return resolve(directory, identity[0], include_deleted, principal)
    text = str(identity).strip()
    if not text:
        return None
    if SID_PATTERN.match(text):
        return by_sid(directory, text) if principal else None
    if _looks_like_guid(text):
        return _by_guid(directory, text, include_deleted)
    if include_deleted and "\\0ADEL:" in text:
        return _by_guid(directory, text.split("\\0ADEL:")[1].split(",")[0], True)
    if not principal and "=" not in text:
        return None
    return directory.find(text)


def _looks_like_guid(text: str) -> bool:
    try:
        uuid.UUID(text.strip("{}"))
    except ValueError:
        return False
    return True


def _by_guid(directory: Any, guid: str, include_deleted: bool) -> Optional[Any]:
    obj = directory.objects.get(str(uuid.UUID(guid.strip("{}"))))
    if obj is None or (obj.deleted and not include_deleted):
        return None
    return obj


def is_dn(identity: Any) -> bool:
    """A DN identity that does not resolve gives 'Directory object not found' instead."""
    return isinstance(identity, str) and bool(re.match(r"^\s*(CN|OU|DC)=", identity, re.I))
