"""The out-of-box synchronization rules as Get-ADSyncRule lists them (sync-engine.md §2.1:
single forest, precedence from 100), plus the custom attribute-filtering rules in the tenant's
configuration. The tenant applies the rules' semantics (msolsh/tenant/rules.py); this table only
describes them. Pure data and functions; knows nothing of the shell.
"""
from __future__ import annotations

from typing import Any, List

# (name, direction, link type, source object type, target object type, AD side?)
_AD = True
_RULES = [
    ("In from AD - User Join", "Inbound", "Provision", "user", "person", _AD),
    ("In from AD - InetOrgPerson Join", "Inbound", "Provision", "inetOrgPerson", "person", _AD),
    ("In from AD - User AccountEnabled", "Inbound", "Join", "user", "person", _AD),
    ("In from AD - InetOrgPerson AccountEnabled", "Inbound", "Join", "inetOrgPerson", "person",
     _AD),
    ("In from AD - User Common from Exchange", "Inbound", "Join", "user", "person", _AD),
    ("In from AD - InetOrgPerson Common from Exchange", "Inbound", "Join", "inetOrgPerson",
     "person", _AD),
    ("In from AD - User Common", "Inbound", "Join", "user", "person", _AD),
    ("In from AD - InetOrgPerson Common", "Inbound", "Join", "inetOrgPerson", "person", _AD),
    ("In from AD - User Exchange", "Inbound", "Join", "user", "person", _AD),
    ("In from AD - InetOrgPerson Exchange", "Inbound", "Join", "inetOrgPerson", "person", _AD),
    ("In from AD - User Lync", "Inbound", "Join", "user", "person", _AD),
    ("In from AD - InetOrgPerson Lync", "Inbound", "Join", "inetOrgPerson", "person", _AD),
    ("In from AD - Group Join", "Inbound", "Provision", "group", "group", _AD),
    ("In from AD - Group Exchange", "Inbound", "Join", "group", "group", _AD),
    ("In from AD - Group Common", "Inbound", "Join", "group", "group", _AD),
    ("In from AD - Contact Join", "Inbound", "Provision", "contact", "person", _AD),
    ("In from AD - Contact Common", "Inbound", "Join", "contact", "person", _AD),
    ("In from AD - Contact Lync", "Inbound", "Join", "contact", "person", _AD),
    ("In from AD - ForeignSecurityPrincipal Join User", "Inbound", "Join",
     "foreignSecurityPrincipal", "person", _AD),
    ("In from AAD - User Join", "Inbound", "Join", "user", "person", False),
    ("In from AAD - Contact Join", "Inbound", "Join", "contact", "person", False),
    ("In from AAD - Group Join", "Inbound", "Join", "group", "group", False),
    ("In from AAD - User NGCKey", "Inbound", "Join", "user", "person", False),
    ("Out to AAD - User Join", "Outbound", "Provision", "person", "user", False),
    ("Out to AAD - User Identity", "Outbound", "Join", "person", "user", False),
    ("Out to AAD - User ExchangeOnline", "Outbound", "Join", "person", "user", False),
] + [(f"Out to AAD - User {s}", "Outbound", "Join", "person", "user", False)
     for s in ("DynamicsCRM", "Intune", "LyncOnline", "SharePointOnline", "AzureRMS")] + [
    ("Out to AAD - Contact Join", "Outbound", "Provision", "person", "contact", False),
] + [(f"Out to AAD - Contact {s}", "Outbound", "Join", "person", "contact", False)
     for s in ("Identity", "ExchangeOnline", "DynamicsCRM", "Intune", "LyncOnline",
               "SharePointOnline", "AzureRMS")] + [
    ("Out to AAD - Group Join", "Outbound", "Provision", "group", "group", False),
] + [(f"Out to AAD - Group {s}", "Outbound", "Join", "group", "group", False)
     for s in ("Identity", "ExchangeOnline", "DynamicsCRM", "Intune", "LyncOnline",
               "SharePointOnline", "AzureRMS")] + [
    ("Out to AAD - User OfficeProPlus", "Outbound", "Join", "person", "user", False),
]
FIRST_PRECEDENCE = 100


def _tag(name: str) -> str:
    """ImmutableTag like Microsoft.InfromADUserJoin.004: the name without spaces/dashes."""
    return "Microsoft." + "".join(ch for ch in name.replace(" - ", "") if ch.isalnum()) + ".001"


def rules(tenant: Any) -> List[dict]:
    """Every rule, custom ones (precedence below 100) first, as plain dicts."""
    out = []
    for rule in getattr(tenant.config, "attribute_rules", ()):
        obj_type = rule.get("object_type", "user")
        out.append(dict(Name=rule["name"], Direction="Inbound", LinkType="Join",
                        SourceObjectType=obj_type, TargetObjectType=_mv_type(obj_type),
                        Precedence=rule.get("precedence", 50), Connector=tenant.ad_cs.identifier,
                        ImmutableTag=None, IsStandardRule=False, Scope=rule.get("scope") or [],
                        CloudFiltered=rule.get("cloud_filtered")))
    for i, (name, direction, link, source, target, ad_side) in enumerate(_RULES):
        out.append(dict(Name=name, Direction=direction, LinkType=link, SourceObjectType=source,
                        TargetObjectType=target, Precedence=FIRST_PRECEDENCE + i,
                        Connector=(tenant.ad_cs if ad_side else tenant.aad_cs).identifier,
                        ImmutableTag=_tag(name), IsStandardRule=True, Scope=[],
                        CloudFiltered=None))
    return out


def _mv_type(object_type: str) -> str:
    return "group" if object_type == "group" else "person"


def rule_names(tenant: Any) -> List[str]:
    return [r["Name"] for r in rules(tenant)]
