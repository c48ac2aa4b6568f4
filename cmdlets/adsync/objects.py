"""Looking inside the engine: Get-ADSyncCSObject (every parameter set), Get-ADSyncMVObject and
Sync-ADSyncCSObject (the Synchronization Service Manager's preview, optionally committed).

Knows the tenant through tenant.ad_cs / tenant.aad_cs / tenant.metaverse and, for -Commit, the
engine's synchronization step; records come from records.py.
"""
from __future__ import annotations

from itertools import islice
from typing import Any, Iterator, List

from msolsh.runtime.cmdlet import Example, Parameter, Switch
from msolsh.runtime.values import PSObject
from msolsh.tenant.run_history import StepRun
from msolsh.tenant.sync_step import ADSync

from .common import (NS, ADSyncCmdlet, adsync_cmdlet, complete_connectors, complete_cs_dns,
                     guid)
from .preview import aad_link, preview
from .records import CS_OBJECT, MV_OBJECT, custom, cs_object_record, mv_object_record

DN_SETS = ("ConnectorNameAndDN", "ConnectorIdentifierAndDN")
LIST_SETS = ("ConnectorNamePaged", "ConnectorIdentifierPaged")
# No default set, and the DN sets sort first: with pipeline input (Get-ADUser x |
# Get-ADSyncCSObject -ConnectorName c) the binder then picks the set whose DN comes from the
# pipeline; without it, the paged set (every other set misses a mandatory parameter).
NAME_SETS = ("ConnectorNameAndDN", "ConnectorNamePaged")
ID_SETS = ("ConnectorIdentifierAndDN", "ConnectorIdentifierPaged")
SYNC_PREVIEW = f"{NS}.SyncPreview"


@adsync_cmdlet("Get-ADSyncCSObject", output_type=CS_OBJECT)
class GetADSyncCSObject(ADSyncCmdlet):
    """Gets connector-space objects: what the engine holds for an object of one connector.

    HasSyncError / SynchronizationError and HasExportError / ExportError show where it is
    stuck; IsConnector and ConnectedMVObjectId whether it is joined to the metaverse; Lineage
    the rules that apply. The Azure AD connector's DNs have the form CN={hex of the UTF-8
    sourceAnchor}. Without -DistinguishedName, pages through the connector space with
    -StartIndex and -MaxResultCount."""
    examples = [
        Example("Get-ADSyncCSObject -ConnectorName contoso.com -DistinguishedName "
                "'CN=Megan Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com'",
                "Gets Megan Bowen's object in the AD connector space."),
        Example("Get-ADSyncCSObject -ConnectorName 'contoso.onmicrosoft.com - AAD' "
                "-MaxResultCount 3 | Select-Object DistinguishedName, ObjectType, IsConnector",
                "The first three objects of the Azure AD connector space."),
    ]
    Identifier = Parameter("guid", set="Identifier", mandatory=True, pipeline_by_property=True,
                           help="Specifies the connector-space object's ObjectId.")
    ConnectorName = Parameter(str, set=NAME_SETS, mandatory=True,
                              complete=complete_connectors, help="Specifies the connector.")
    ConnectorIdentifier = Parameter("guid", set=ID_SETS, mandatory=True,
                                    help="Specifies the connector by identifier.")
    DistinguishedName = Parameter(str, set=DN_SETS, mandatory=True, pipeline_by_property=True,
                                  complete=complete_cs_dns,
                                  help="Specifies the object's DN in that connector space.")
    SkipDNValidation = Switch(set=DN_SETS, help="Does not check the DN's syntax.")
    Transient = Switch(set=DN_SETS + LIST_SETS, help="Gets only transient objects.")
    StartIndex = Parameter("int", set=LIST_SETS, help="Specifies where paging starts (0).")
    MaxResultCount = Parameter("int", set=LIST_SETS,
                               help="Specifies the most objects to return.")

    def process(self) -> Iterator[Any]:
        if self.parameter_set == "Identifier":
            yield from self._by_identifier()
            return
        cs = self.connector_or_fail(self.ConnectorName, self.ConnectorIdentifier)
        if cs is None or self.Transient:  # msolsh keeps no transient objects
            return
        if self.parameter_set in DN_SETS:
            cs_obj = cs.by_dn(self.DistinguishedName)
            if cs_obj is not None:
                yield cs_object_record(cs, cs_obj)
            return
        yield from self._page(cs)

    def _by_identifier(self) -> Iterator[Any]:
        wanted = str(self.Identifier).lower()
        for cs in (self.engine.ad_cs, self.engine.aad_cs):
            cs_obj = cs.get(wanted)
            if cs_obj is not None:
                yield cs_object_record(cs, cs_obj)

    def _page(self, cs: Any) -> Iterator[Any]:
        start = max(0, self.StartIndex or 0)
        stop = None if self.MaxResultCount is None else start + max(0, self.MaxResultCount)
        for cs_obj in islice(list(cs.objects.values()), start, stop):
            yield cs_object_record(cs, cs_obj)


@adsync_cmdlet("Get-ADSyncMVObject", output_type=MV_OBJECT)
class GetADSyncMVObject(ADSyncCmdlet):
    """Gets a metaverse object by its identifier (a CS object's ConnectedMVObjectId).

    Lineage lists the connector-space objects joined to it (one per connector: an object that
    reached Azure AD has both); each attribute names the rule and connector that contributed
    it."""
    examples = [Example("$cs = Get-ADSyncCSObject -ConnectorName contoso.com "
                        "-DistinguishedName 'CN=Megan Bowen,OU=Executive,OU=Users,OU=Contoso,"
                        "DC=contoso,DC=com'; Get-ADSyncMVObject -Identifier "
                        "$cs.ConnectedMVObjectId",
                        "Follows Megan Bowen from the AD connector space to the metaverse.")]
    Identifier = Parameter("guid", mandatory=True, position=0, pipeline=True,
                           help="Specifies the metaverse object's identifier.")

    def process(self) -> Iterator[Any]:
        mv = self.tenant.metaverse.get(str(self.Identifier).lower())
        if mv is None:
            self.fail(f"Metaverse object with identifier '{self.Identifier}' was not found.",
                      "System.ArgumentException", "ObjectNotFound", target=str(self.Identifier))
            return
        yield mv_object_record(self.tenant, mv)


@adsync_cmdlet("Sync-ADSyncCSObject", default_set="ConnectorName", output_type=SYNC_PREVIEW)
class SyncADSyncCSObject(ADSyncCmdlet):
    """Previews the synchronization of one AD connector-space object (SSM's Preview).

    Shows which inbound rules apply, the metaverse attribute changes, whether 'Out to AAD'
    provisions, updates or deprovisions the Azure AD object, and any rule error. Nothing is
    changed unless -Commit, which synchronizes the object now (exports still wait for the next
    Export run)."""
    examples = [Example("Sync-ADSyncCSObject -ConnectorName contoso.com -DistinguishedName "
                        "'CN=Megan Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com'",
                        "Previews what a synchronization would do to Megan Bowen.")]
    ConnectorName = Parameter(str, set="ConnectorName", mandatory=True,
                              complete=complete_connectors, help="Specifies the connector.")
    ConnectorIdentifier = Parameter("guid", set="ConnectorIdentifier", mandatory=True,
                                    help="Specifies the connector by identifier.")
    DistinguishedName = Parameter(str, set=("ConnectorName", "ConnectorIdentifier"),
                                  mandatory=True, complete=complete_cs_dns,
                                  help="Specifies the object's DN.")
    Identifier = Parameter("guid", set="Identifier", mandatory=True,
                           help="Specifies the connector-space object's ObjectId.")
    Commit = Switch(help="Synchronizes the object instead of only previewing.")

    def process(self) -> Iterator[Any]:
        cs_obj = self._target()
        if cs_obj is None:
            return
        result = preview(self.tenant, cs_obj)
        if self.Commit:
            ADSync(self.engine, StepRun("Delta Synchronization")).synchronize(cs_obj)
        yield preview_record(self.tenant, cs_obj, result, bool(self.Commit))

    def _target(self) -> Any:
        ad_cs = self.engine.ad_cs
        if self.parameter_set == "Identifier":
            cs_obj = ad_cs.get(str(self.Identifier).lower())
            wanted = str(self.Identifier)
        else:
            cs = self.connector_or_fail(self.ConnectorName, self.ConnectorIdentifier)
            if cs is None:
                return None
            if cs is not ad_cs:
                self.fail("Preview is supported for objects of an Active Directory connector "
                          "only.", "System.InvalidOperationException", "InvalidOperation",
                          target=cs.name)
                return None
            cs_obj, wanted = ad_cs.by_dn(self.DistinguishedName), self.DistinguishedName
        if cs_obj is None:
            self.fail(f"The connector space object '{wanted}' was not found.",
                      "System.ArgumentException", "ObjectNotFound", target=wanted)
        return cs_obj


def outbound_action(tenant: Any, mv: Any, result: dict) -> str:
    link = aad_link(tenant, mv)
    if result["error"]:
        return "None (error)"
    if result["outbound"] is None:
        return "Deprovision" if link is not None else "None"
    return "Update" if link is not None else f"Provision ({result['outbound'][0]})"


def preview_record(tenant: Any, cs_obj: Any, result: dict, committed: bool) -> PSObject:
    mv = result["mv"]
    inbound: List[str] = [e["SyncRuleName"] for e in cs_obj.lineage] if cs_obj.lineage else []
    changes = [custom([("Name", n), ("OldValue", old), ("NewValue", new)])
               for n, old, new in result["changes"]]
    status = "Error" if result["error"] else "Success"
    return PSObject([
        ("Status", status), ("Committed", committed and not result["error"]),
        ("ConnectorName", tenant.ad_cs.name), ("DistinguishedName", cs_obj.dn),
        ("ObjectId", guid(cs_obj.cs_id)),
        ("InboundAction", "Filtered" if result["new"] is None and not result["error"] else
         ("Join" if mv is not None else "Project")),
        ("InboundRules", inbound), ("MVObjectId", guid(mv.mv_id) if mv else None),
        ("OutboundAction", outbound_action(tenant, mv, result)),
        ("AttributeChanges", changes), ("ErrorMessage", result["error"]),
    ], [SYNC_PREVIEW, "System.Object"])
