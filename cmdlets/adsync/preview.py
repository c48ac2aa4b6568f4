"""What synchronizing one AD connector-space object would do, without doing it: the inbound
rules' metaverse attributes, the outbound 'Out to AAD' outcome, and the attribute changes.

Used by Sync-ADSyncCSObject (preview) and Invoke-ADSyncSingleObjectSync. Reads the tenant's
stores and calls the pure rule functions of msolsh/tenant/rules.py; changes nothing.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from msolsh.tenant import rules
from msolsh.tenant.errors import SyncRuleError

AAD_CONTRIBUTED = ("cloudAnchor", "cloudSourceAnchor", "cloudMastered")


def inbound(tenant: Any, cs_obj: Any) -> Optional[dict]:
    """The metaverse attributes the inbound rules give (None: out of every rule's scope).
    May raise SyncRuleError (e.g. AccountName is not present)."""
    a, config = cs_obj.attrs, tenant.config
    if cs_obj.object_type == "group":
        members = []
        for dn in a.get("member") or ():
            m = tenant.ad_cs.by_dn(dn)
            if m is not None and m.mv_id:
                members.append(m.mv_id)
        return rules.inbound_group(a, cs_obj.dn, members, config)
    if cs_obj.object_type == "contact":
        return rules.inbound_contact(a, cs_obj.dn, config)
    return rules.inbound_user(a, cs_obj.dn, tenant.directory.domain_of(cs_obj.dn), config)


def preview(tenant: Any, cs_obj: Any) -> Dict[str, Any]:
    """{'mv': MV object or None, 'new': attrs or None, 'outbound': (rule, attrs) or None,
    'error': message or None, 'changes': [(name, old, new)]}."""
    mv = tenant.metaverse.get(cs_obj.mv_id) if cs_obj.mv_id else None
    result: Dict[str, Any] = {"mv": mv, "new": None, "outbound": None, "error": None,
                              "changes": []}
    try:
        new = inbound(tenant, cs_obj)
        result["new"] = new
        if new is None:
            return result
        joined = mv or tenant.metaverse.by_source_anchor(new.get("sourceAnchor") or "")
        merged = dict(new)
        if joined is not None:
            merged.update({k: joined.attrs[k] for k in AAD_CONTRIBUTED if k in joined.attrs})
        result["outbound"] = rules.outbound_aad(merged, tenant.config)
        result["changes"] = changes(mv.attrs if mv else {}, merged)
    except SyncRuleError as exc:
        result["error"] = exc.message
    return result


def changes(old: dict, new: dict) -> List[tuple]:
    names = sorted(set(old) | set(new), key=str.lower)
    return [(n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n)]


def aad_link(tenant: Any, mv: Any) -> Any:
    if mv is None:
        return None
    cs_id = mv.connectors.get(tenant.aad_cs.name)
    return tenant.aad_cs.get(cs_id) if cs_id else None
