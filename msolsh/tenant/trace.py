"""Where does an object stand? One record per stage, for trainers and the training engine.

trace_object(tenant, identity) follows the anchors from whatever the identity names (AD DN,
objectGUID, sAMAccountName, UPN, Azure AD ObjectId) through the six stages and says, for each,
whether the object is there, pending, filtered or in error, and why. Knows nothing of the shell.
"""
from __future__ import annotations

from .ids import aad_cs_dn, source_anchor
from . import rules

STAGES = ("On-premises AD", "AD connector space", "Metaverse", "Azure AD connector space",
          "Azure AD", "Exchange Online")


def _stage(status: str, detail: str, **facts) -> dict:
    return {"Status": status, "Detail": detail, **facts}


def _locate(t, identity):
    """(AD object, Azure AD object) named by the identity."""
    text = str(identity)
    ad = t.directory.find(text) or t.directory.by_upn(text)
    aad = t.aad.get(text) or t.aad.by_upn(text)
    if ad is None and aad is not None and aad.immutable_id:
        cs = t.aad_cs.by_dn(aad_cs_dn(aad.immutable_id))
        mv = t.metaverse.get(cs.mv_id) if cs and cs.mv_id else \
            t.metaverse.by_source_anchor(aad.immutable_id)
        ad_cs = t.ad_cs.get(mv.connectors.get(t.ad_cs.name)) if mv else None
        ad = t.directory.objects.get(ad_cs.anchor) if ad_cs else None
    return ad, aad


def trace_object(t, identity) -> dict:
    ad, aad = _locate(t, identity)
    stages = {}
    ad_cs = t.ad_cs.by_anchor(ad.guid) if ad is not None else None
    stages[STAGES[0]] = _ad_stage(t, ad)
    stages[STAGES[1]] = _ad_cs_stage(ad_cs)
    mv = t.metaverse.get(ad_cs.mv_id) if ad_cs and ad_cs.mv_id else None
    stages[STAGES[2]] = _mv_stage(mv)
    aad_cs = t.aad_cs.get(mv.connectors.get(t.aad_cs.name)) if mv else None
    if aad_cs is None and aad is not None and aad.immutable_id:
        aad_cs = t.aad_cs.by_dn(aad_cs_dn(aad.immutable_id))
    stages[STAGES[3]] = _aad_cs_stage(aad_cs)
    if aad is None and aad_cs is not None and aad_cs.object_id:
        aad = t.aad.get(aad_cs.object_id)
    stages[STAGES[4]] = _aad_stage(aad)
    stages[STAGES[5]] = _exo_stage(t, aad)
    stuck = next((name for name in STAGES if stages[name]["Status"] != "OK"), None)
    return {"Identity": str(identity), "StuckAt": stuck, "Stages": stages}


def _ad_stage(t, ad) -> dict:
    if ad is None:
        return _stage("Missing", "No such object in on-premises AD.")
    if ad.deleted:
        return _stage("Deleted", "The object is in the AD Recycle Bin.", ObjectGUID=ad.guid)
    domain = t.directory.domain_of(ad.dn)
    if not rules.in_partition_scope(ad.dn, domain["fqdn"], t.config.partitions):
        return _stage("Filtered", "The object's domain or OU is not selected for sync.",
                      DistinguishedName=ad.dn, ObjectGUID=ad.guid)
    group = t.directory.find(t.config.group_filter) if t.config.group_filter else None
    if t.config.group_filter and not any(
            m.lower() == ad.dn.lower() for m in (group.attrs.get("member") or [] if group else [])):
        return _stage("Filtered", "Not a direct member of the group used for group-based "
                      "filtering.", DistinguishedName=ad.dn, ObjectGUID=ad.guid)
    return _stage("OK", "Present.", DistinguishedName=ad.dn, ObjectGUID=ad.guid,
                  SourceAnchor=source_anchor(ad.guid))


def _ad_cs_stage(cs) -> dict:
    if cs is None:
        return _stage("Missing", "Not imported into the AD connector space (filtered or not "
                      "yet imported).")
    facts = {"CsObjectId": cs.cs_id, "PendingImport": cs.pending_import,
             "IsConnector": cs.is_connector}
    if cs.sync_error:
        return _stage("Error", f"Sync error: {cs.sync_error['ErrorLiteral']}", **facts)
    if cs.pending_import:
        return _stage("Pending", f"Pending import {cs.pending_import}: waiting for a "
                      "synchronization run.", **facts)
    if not cs.is_connector:
        return _stage("Filtered", "A disconnector: out of scope of every inbound rule.", **facts)
    return _stage("OK", "Joined to the metaverse.", **facts)


def _mv_stage(mv) -> dict:
    if mv is None:
        return _stage("Missing", "No metaverse object.")
    facts = {"MvObjectId": mv.mv_id, "Connectors": sorted(mv.connectors),
             "cloudFiltered": mv.attrs.get("cloudFiltered")}
    if mv.attrs.get("cloudFiltered") is True:
        return _stage("Filtered", "cloudFiltered is True: never provisioned to Azure AD.",
                      **facts)
    return _stage("OK", "Present.", **facts)


def _aad_cs_stage(cs) -> dict:
    if cs is None:
        return _stage("Missing", "Not provisioned to the Azure AD connector space (outbound "
                      "rule out of scope).")
    facts = {"DistinguishedName": cs.dn, "CsObjectId": cs.cs_id,
             "PendingExport": cs.pending_export}
    if cs.export_error:
        return _stage("Error", f"Export error {cs.export_error['ErrorType']}: "
                      f"{cs.export_error['ErrorLiteral']}", **facts)
    if cs.pending_export:
        return _stage("Pending", f"Pending export {cs.pending_export}: waiting for an Export "
                      "run (staging mode or deletion threshold stop it).", **facts)
    return _stage("OK", "Exported.", **facts)


def _aad_stage(aad) -> dict:
    if aad is None:
        return _stage("Missing", "No Azure AD object.")
    facts = {"ObjectId": aad.object_id, "UserPrincipalName": aad.user_principal_name,
             "ImmutableId": aad.immutable_id}
    if aad.is_deleted:
        return _stage("Deleted", "In the Azure AD recycle bin.", **facts)
    if aad.provisioning_errors:
        values = ", ".join(e["PropertyValue"] for e in aad.provisioning_errors)
        return _stage("Error", f"Duplicate attribute quarantined: {values}.", **facts)
    return _stage("OK", "Present.", **facts)


def _exo_stage(t, aad) -> dict:
    if aad is None:
        return _stage("Missing", "Nothing for forward sync to send.")
    if aad.validation_status == "Error":
        text = aad.errors[0]["ErrorDetail"]["ObjectErrors"]["ErrorRecord"]["ErrorDescription"]
        return _stage("Error", f"Validation error: {text}")
    r = t.exchange.by_external_id(aad.object_id)
    if r is None:
        queued = aad.object_id in t.forward_sync.queue
        return _stage("Pending" if queued else "Missing",
                      "Waiting for forward sync." if queued else "No recipient in Exchange Online.")
    return _stage("OK", "Present.", RecipientTypeDetails=r.recipient_type_details,
                  ExchangeGuid=r.exchange_guid)
