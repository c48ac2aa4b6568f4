"""Connector-space and metaverse objects as the PSObjects Get-ADSyncCSObject and
Get-ADSyncMVObject return (real property names in the real order, sync-engine.md §8.2-8.3).

Pure functions from tenant records to PSObjects; nothing here changes the tenant. Nested values
(Lineage, Attributes, ExportError, SynchronizationError) are PSCustomObjects so they print as
@{...} the way the documentation samples show them.
"""
from __future__ import annotations

import base64
import struct
import uuid
from typing import Any, List, Optional

from msolsh.runtime.values import PSObject

from .common import EMPTY, NS, derived_guid, guid, naive

CS_OBJECT = f"{NS}.CsObject"
MV_OBJECT = f"{NS}.MvObject"
# ObjectModel attribute types: 0 String and 2 Boolean are observed; the rest are [unverified].
STRING, INTEGER, BOOLEAN, BINARY, REFERENCE = 0, 1, 2, 3, 4
NEVER = "0001-01-01T00:00:00"
GUID_VALUED = frozenset({"objectguid", "ms-ds-consistencyguid", "msexchmailboxguid",
                         "msexcharchiveguid"})
REFERENCE_VALUED = frozenset({"member", "manager"})


def custom(pairs: List[tuple]) -> PSObject:
    return PSObject(pairs)


# -- attributes -------------------------------------------------------------------------------

def attribute_type(name: str, values: List[Any]) -> int:
    low = name.lower()
    if low in GUID_VALUED:
        return BINARY
    if low in REFERENCE_VALUED:
        return REFERENCE
    sample = values[0] if values else None
    if isinstance(sample, bool):
        return BOOLEAN
    if isinstance(sample, int):
        return INTEGER
    return STRING


def attribute(name: str, value: Any, rule: str = "", connector: str = "") -> PSObject:
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    return custom([("Name", name), ("Type", attribute_type(name, values)),
                   ("IsMultiValued", isinstance(value, (list, tuple))),
                   ("SyncRuleName", rule), ("ConnectorName", connector),
                   ("LineageId", derived_guid("lineage", rule, connector) if rule else EMPTY),
                   ("LastModificationTime", NEVER), ("Values", values)])


def attributes(attrs: dict) -> List[PSObject]:
    return [attribute(name, value) for name, value in sorted(attrs.items(), key=lambda kv:
                                                             kv[0].lower())
            if value is not None and name != "objectClass"]


# -- connector-space objects -----------------------------------------------------------------

def anchor_value(cs: Any, cs_obj: Any) -> Optional[str]:
    """AD: the objectGUID bytes; Azure AD: a length-prefixed UTF-16 cloudAnchor (as the
    sample shows, base64-encoded)."""
    if not cs_obj.anchor:
        return None
    if cs.connector_type == "AD":
        try:
            return base64.b64encode(uuid.UUID(cs_obj.anchor).bytes_le).decode("ascii")
        except ValueError:
            return None
    raw = (cs_obj.anchor + "\0").encode("utf-16-le")
    return base64.b64encode(struct.pack("<I", len(raw)) + raw).decode("ascii")


def partition_id(cs: Any, cs_obj: Any) -> uuid.UUID:
    return derived_guid("partition", cs.identifier, (cs_obj.partition or cs.name).lower())


def lineage(entries: List[dict]) -> List[PSObject]:
    return [custom([("SyncRuleInternalId", derived_guid("rule", e.get("SyncRuleName", ""))),
                    ("SyncRuleName", e.get("SyncRuleName")), ("Operation", e.get("Operation"))])
            for e in entries]


def export_error(record: Optional[dict]) -> Optional[PSObject]:
    if not record:
        return None
    return custom([("RetryCount", record.get("RetryCount", 0)),
                   ("InitialOccurrence", naive(record.get("FirstOccurred"))),
                   ("LatestOccurrence", naive(record.get("DateOccurred"))),
                   ("ErrorType", record.get("ErrorType")), ("ErrorName", record.get("ErrorType")),
                   ("ErrorCode", record.get("ErrorCode")),
                   ("ErrorLiteral", record.get("ErrorLiteral")), ("ErrorExtraDetails", None)])


def synchronization_error(record: Optional[dict]) -> Optional[PSObject]:
    if not record:
        return None
    literal = record.get("ErrorLiteral")
    return custom([("RetryCount", record.get("RetryCount", 0)),
                   ("InitialOccurrence", naive(record.get("FirstOccurred"))),
                   ("LatestOccurrence", naive(record.get("DateOccurred"))),
                   ("ErrorType", record.get("ErrorType")),
                   ("ExportedChangedNotReimported", False),
                   ("SynchronizationStep", record.get("AlgorithmStep")),
                   ("StackTrace", f"Microsoft.Azure.ActiveDirectory.Synchronization.Framework."
                                  f"SyncRulesEngineException: InnerException=> {literal}")])


def hologram(cs_obj: Any) -> dict:
    """What the CS object holds: the imported values, or for an export object that was never
    confirmed by an import, the values staged for export."""
    if cs_obj.pending_export == "Add":
        return dict(cs_obj.export_attrs)
    return dict(cs_obj.attrs)


def cs_object_record(cs: Any, cs_obj: Any, transient: bool = False) -> PSObject:
    return PSObject([
        ("ObjectId", guid(cs_obj.cs_id)), ("ConnectorId", guid(cs.identifier)),
        ("ConnectorName", cs.name), ("ConnectorType", cs.connector_type),
        ("PartitionId", partition_id(cs, cs_obj)), ("DistinguishedName", cs_obj.dn),
        ("AnchorValue", anchor_value(cs, cs_obj)), ("ObjectType", cs_obj.object_type),
        ("IsTransient", transient), ("IsPlaceHolder", bool(cs_obj.is_placeholder)),
        ("IsConnector", cs_obj.is_connector), ("HasSyncError", bool(cs_obj.sync_error)),
        ("HasExportError", bool(cs_obj.export_error)),
        ("ExportError", export_error(cs_obj.export_error)),
        ("SynchronizationError", synchronization_error(cs_obj.sync_error)),
        ("ConnectedMVObjectId", guid(cs_obj.mv_id) if cs_obj.mv_id else EMPTY),
        ("Lineage", lineage(cs_obj.lineage)), ("Attributes", attributes(hologram(cs_obj))),
    ], [CS_OBJECT, "System.Object"])


# -- metaverse objects ------------------------------------------------------------------------

_AAD_ATTRS = frozenset({"cloudanchor", "cloudsourceanchor", "cloudmastered"})
_JOIN_ATTRS = frozenset({"sourceanchor", "sourceanchorbinary", "cloudfiltered",
                         "sourceobjecttype", "userprincipalname", "mailenabled"})


def contributing_rule(mv: Any, name: str, ad_name: str, aad_name: str) -> tuple:
    """(rule, connector) that contributed an MV attribute, by the out-of-box rules' split."""
    low = name.lower()
    kind = {"group": "Group"}.get(mv.object_type) or (
        "Contact" if mv.attrs.get("sourceObjectType") == "Contact" else "User")
    if low in _AAD_ATTRS:
        return f"In from AAD - {kind} Join", aad_name
    if low in _JOIN_ATTRS:
        return f"In from AD - {kind} Join", ad_name
    if kind == "User" and low == "accountenabled":
        return "In from AD - User AccountEnabled", ad_name
    if low.startswith("msexch") or low in ("mailnickname", "targetaddress", "legacyexchangedn"):
        return (f"In from AD - {kind} Exchange", ad_name) if kind != "Contact" else \
            ("In from AD - Contact Common", ad_name)
    return f"In from AD - {kind} Common", ad_name


def mv_lineage(tenant: Any, mv: Any) -> List[PSObject]:
    out = []
    for cs in (tenant.ad_cs, tenant.aad_cs):
        cs_id = mv.connectors.get(cs.name)
        cs_obj = cs.get(cs_id) if cs_id else None
        if cs_obj is None:
            continue
        rules = cs_obj.lineage or [{}]
        out.append(custom([
            ("ConnectorId", guid(cs.identifier)), ("ConnectorName", cs.name),
            ("ConnectedCsObjectDN", cs_obj.dn), ("ConnectedCsObjectId", guid(cs_obj.cs_id)),
            ("SyncRuleInternalId", derived_guid("rule", rules[0].get("SyncRuleName", ""))),
            ("SyncRuleName", rules[0].get("SyncRuleName"))]))
    return out


def mv_object_record(tenant: Any, mv: Any) -> PSObject:
    ad_name, aad_name = tenant.ad_cs.name, tenant.aad_cs.name
    attrs = []
    for name, value in sorted(mv.attrs.items(), key=lambda kv: kv[0].lower()):
        if value is None:
            continue
        rule, connector = contributing_rule(mv, name, ad_name, aad_name)
        attrs.append(attribute(name, value, rule, connector))
    return PSObject([("ObjectId", guid(mv.mv_id)), ("ObjectType", mv.object_type),
                     ("Lineage", mv_lineage(tenant, mv)), ("Attributes", attrs)],
                    [MV_OBJECT, "System.Object"])
