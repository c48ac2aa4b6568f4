"""Synchronization run profiles (Full/Delta Synchronization) for both connectors.

Inbound: join or project AD CS objects into the metaverse through the out-of-box rules; outbound:
provision, update or deprovision the Azure AD CS object. A rule error (e.g. "SourceAnchor
attribute has changed.") is recorded on the CS object being synchronized and nothing is applied,
so the object keeps its last good state; it is retried on every later synchronization.
Knows nothing of the shell.
"""
from __future__ import annotations

from .connector_space import CSObject
from .errors import AmbiguousJoinError, SyncRuleError
from .ids import aad_cs_dn
from .metaverse import MVObject
from . import dn as dnlib
from . import rules

AAD_CONTRIBUTED = ("cloudAnchor", "cloudSourceAnchor", "cloudMastered")
IMPORT_ONLY = frozenset({"cloudAnchor", "cloudMastered", "cloudSourceAnchor", "objectId"})
MV_TYPES = {"user": "person", "inetOrgPerson": "person", "contact": "person", "group": "group"}


class Outbound:
    """MV -> Azure AD CS: provisioning, export attribute flow, deprovisioning."""

    def __init__(self, engine, step):
        self.e, self.step = engine, step
        self.mv, self.aad_cs = engine.metaverse, engine.aad_cs

    def evaluate(self, mv: MVObject):
        return rules.outbound_aad(mv.attrs, self.e.config)  # may raise SyncRuleError

    def apply(self, mv: MVObject, outcome) -> None:
        link = self.aad_cs.get(mv.connectors.get(self.aad_cs.name))
        if outcome is None:
            if link is not None:
                self.deprovision(link, mv)
            return
        rule, attrs = outcome
        unresolved = []
        if mv.attrs.get("sourceObjectType") == "Group":
            attrs["member"], unresolved = self._members(mv)
        if link is None:
            link = self._provision(mv, rule, attrs)
        else:
            self._flow(link, attrs)
        link.unresolved_members = unresolved

    def _members(self, mv: MVObject):
        resolved, unresolved = [], []
        for member_id in mv.attrs.get("member") or ():
            member = self.mv.get(member_id)
            cs = self.aad_cs.get(member.connectors.get(self.aad_cs.name)) if member else None
            if cs is not None and cs.pending_export != "Delete":
                resolved.append(cs.dn)
            elif member is not None:
                unresolved.append(member.attrs.get("displayName") or member_id)
        unresolved += [dnlib.rdn_value(d) for d in mv.attrs.get("unresolvedMember") or ()]
        return sorted(resolved), sorted(set(unresolved))

    def _provision(self, mv: MVObject, rule: str, attrs: dict) -> CSObject:
        dn = aad_cs_dn(attrs["sourceAnchor"])
        link = self.aad_cs.by_dn(dn)
        if link is not None and not link.is_connector:  # already in Azure AD: join it
            link.mv_id = mv.mv_id
            mv.connectors[self.aad_cs.name] = link.cs_id
            self._flow(link, attrs)
            return link
        link = CSObject(cs_id=self.e.ids.guid(), dn=dn, object_type=attrs_type(mv),
                        pending_export="Add", export_attrs=dict(attrs), mv_id=mv.mv_id,
                        lineage=rules.outbound_lineage(rule))
        self.aad_cs.add(link)
        mv.connectors[self.aad_cs.name] = link.cs_id
        self.step.count("ProvisioningAdds")
        return link

    def _flow(self, link: CSObject, attrs: dict) -> None:
        if link.pending_export == "Add":
            link.export_attrs = dict(attrs)
        else:
            state = {k: v for k, v in link.attrs.items() if k not in IMPORT_ONLY}
            state.update(link.export_attrs)
            changed = {k: v for k, v in attrs.items() if state.get(k) != v}
            changed.update({k: None for k in state if k not in attrs and state[k] is not None})
            if not changed and link.pending_export != "Delete":
                return
            link.export_attrs = {**link.export_attrs, **changed} \
                if link.pending_export == "Update" else changed
            link.pending_export = "Update"
            self.step.count("ExportAttributeFlow")
        self.aad_cs.mark(link)

    def deprovision(self, link: CSObject, mv: MVObject) -> None:
        mv.connectors.pop(self.aad_cs.name, None)
        link.mv_id = None
        self.step.count("ProvisioningDeletes")
        if link.object_id is None:
            self.aad_cs.remove(link)  # never exported: the engine drops the export object
        else:
            link.pending_export, link.export_attrs = "Delete", {}
            self.aad_cs.mark(link)
        self.refresh_groups(mv)

    def refresh_groups(self, mv: MVObject) -> None:
        """A member appeared or vanished in Azure AD CS: its groups' member lists change."""
        for group in self.mv.groups_of(mv.mv_id):
            try:
                self.apply(group, self.evaluate(group))
            except SyncRuleError:
                pass  # the group's own synchronization reports it


def attrs_type(mv: MVObject) -> str:
    return {"User": "user", "Group": "group", "Contact": "contact"}.get(
        mv.attrs.get("sourceObjectType"), "user")


class ADSync:
    """Delta/Full Synchronization on the AD connector."""

    def __init__(self, engine, step):
        self.e, self.step, self.cs, self.mv = engine, step, engine.ad_cs, engine.metaverse
        self.out = Outbound(engine, step)
        self.deferred_groups: list[CSObject] = []

    def run(self, full: bool) -> None:
        ids = list(self.cs.objects) if full else list(self.cs.pending_imports | self.cs.retry)
        batch = [self.cs.objects[i] for i in ids if i in self.cs.objects]
        batch.sort(key=lambda o: (o.object_type == "group", o.dn.lower()))
        for cs_obj in batch:
            self.synchronize(cs_obj)
        for cs_obj in self.deferred_groups:  # nested groups projected later in this run
            if cs_obj.cs_id in self.cs.objects:
                self.synchronize(cs_obj, count=False)

    def synchronize(self, cs_obj: CSObject, count: bool = True) -> None:
        try:
            self._synchronize(cs_obj, count)
        except SyncRuleError as err:
            self.step.count("FlowFailure")
            self.step.escalate("completed-sync-errors")
            record = self.step.error(cs_obj, err.error_type, err.message, self.e.clock.now,
                                     "Provisioning" if cs_obj.is_connector else "Join",
                                     previous=cs_obj.sync_error)
            cs_obj.sync_error = record
            self.cs.retry.add(cs_obj.cs_id)
            return
        cs_obj.sync_error = None
        self.cs.retry.discard(cs_obj.cs_id)

    def _synchronize(self, cs_obj: CSObject, count: bool) -> None:
        if cs_obj.pending_import == "Delete":
            self._delete(cs_obj)
            return
        new = self._inbound(cs_obj)
        mv = self.mv.get(cs_obj.mv_id) if cs_obj.mv_id else None
        if new is None:
            self._filtered(cs_obj, mv)
            return
        joined = mv or self._join_candidate(new)
        merged = dict(new)
        if joined is not None:
            merged.update({k: joined.attrs[k] for k in AAD_CONTRIBUTED if k in joined.attrs})
        outcome = rules.outbound_aad(merged, self.e.config)  # may raise: nothing applied yet
        counter = self._link(cs_obj, mv, joined, merged)
        cs_obj.lineage = rules.inbound_lineage(cs_obj.object_type, cs_obj.attrs)
        if count:
            self.step.count(counter)
        if counter.startswith("Disconnector"):
            self._revisit_groups_of(cs_obj)
        target = self.mv.get(cs_obj.mv_id)
        had_link = self.e.aad_cs.name in target.connectors
        self.out.apply(target, outcome)
        if had_link != (self.e.aad_cs.name in target.connectors):
            self.out.refresh_groups(target)
        self._stage_anchor_writeback(cs_obj, target)
        cs_obj.pending_import = None
        self.cs.mark(cs_obj)

    def _revisit_groups_of(self, cs_obj: CSObject) -> None:
        """A newly joined object may be a member its groups could not resolve before."""
        for group_cs in self.cs.groups_referencing(cs_obj.dn):
            if group_cs.pending_import is None and group_cs not in self.deferred_groups:
                self.deferred_groups.append(group_cs)

    def _inbound(self, cs_obj: CSObject):
        a = cs_obj.attrs
        domain = self.e.directory.domain_of(cs_obj.dn)
        if cs_obj.object_type == "group":
            members, outside, missing = [], [], False
            for dn in a.get("member") or ():
                m = self.cs.by_dn(dn)
                if m is not None and m.mv_id:
                    members.append(m.mv_id)
                elif m is not None and m.pending_import:
                    missing = True
                else:
                    outside.append(dn)  # filtered or not in scope: never reaches Azure AD
            if missing and cs_obj not in self.deferred_groups:
                self.deferred_groups.append(cs_obj)
            result = rules.inbound_group(a, cs_obj.dn, members, self.e.config)
            if result is not None and outside:
                result["unresolvedMember"] = outside
            return result
        if cs_obj.object_type == "contact":
            return rules.inbound_contact(a, cs_obj.dn, self.e.config)
        return rules.inbound_user(a, cs_obj.dn, domain, self.e.config)

    def _join_candidate(self, new: dict):
        anchor = new.get("sourceAnchor")
        candidate = self.mv.by_source_anchor(anchor) if anchor else None
        if candidate is not None and self.cs.name in candidate.connectors:
            other = self.cs.get(candidate.connectors[self.cs.name])
            raise AmbiguousJoinError(
                f"The sourceAnchor {anchor} is already used by '{other.dn if other else '?'}'.")
        return candidate

    def _link(self, cs_obj, mv, joined, merged) -> str:
        if mv is not None:
            return "ConnectorFlow" if self.mv.set_attrs(mv, merged) else "ConnectorNoFlow"
        if joined is not None:
            self.mv.set_attrs(joined, merged)
            joined.connectors[self.cs.name] = cs_obj.cs_id
            cs_obj.mv_id = joined.mv_id
            return "DisconnectorJoinedFlow"
        new = MVObject(mv_id=self.e.ids.guid(), object_type=MV_TYPES[cs_obj.object_type],
                       attrs={}, connectors={self.cs.name: cs_obj.cs_id})
        self.mv.add(new)
        self.mv.set_attrs(new, merged)
        cs_obj.mv_id = new.mv_id
        return "DisconnectorProjectedFlow"

    def _filtered(self, cs_obj: CSObject, mv) -> None:
        if mv is None:
            self.step.count("DisconnectorFiltered")
        else:
            self.step.count("ConnectorFilteredRemoveMv")
            self._remove_mv(cs_obj, mv)
        cs_obj.pending_import = None
        self.cs.mark(cs_obj)

    def _delete(self, cs_obj: CSObject) -> None:
        mv = self.mv.get(cs_obj.mv_id) if cs_obj.mv_id else None
        if mv is not None:
            self.step.count("ConnectorDeleteRemoveMv")
            self._remove_mv(cs_obj, mv)
        self.cs.remove(cs_obj)

    def _remove_mv(self, cs_obj: CSObject, mv: MVObject) -> None:
        """The AD object was the projecting connector: the MV object and its links go."""
        link = self.e.aad_cs.get(mv.connectors.get(self.e.aad_cs.name))
        if link is not None:
            self.out.deprovision(link, mv)
        for group in self.mv.groups_of(mv.mv_id):
            members = [m for m in group.attrs.get("member", []) if m != mv.mv_id]
            self.mv.set_attrs(group, {**group.attrs, "member": members})
            try:
                self.out.apply(group, self.out.evaluate(group))
            except SyncRuleError:
                pass
        cs_obj.mv_id = None
        cs_obj.lineage = []
        self.mv.remove(mv)

    def _stage_anchor_writeback(self, cs_obj: CSObject, mv: MVObject) -> None:
        """ms-DS-ConsistencyGuid anchor: write objectGUID back to AD when it is empty."""
        cfg = self.e.config
        if cfg.anchor_attribute.lower() != "ms-ds-consistencyguid" or \
                not cfg.consistency_guid_writeback or cs_obj.object_type not in \
                ("user", "inetOrgPerson") or cs_obj.attrs.get("ms-DS-ConsistencyGuid") or \
                self.e.aad_cs.name not in mv.connectors:
            return
        cs_obj.pending_export = "Update"
        cs_obj.export_attrs = {"ms-DS-ConsistencyGuid": cs_obj.attrs["objectGUID"]}
        self.cs.mark(cs_obj)


class AADSync:
    """Delta/Full Synchronization on the Azure AD connector (In from AAD - * Join rules)."""

    def __init__(self, engine, step):
        self.e, self.step, self.cs, self.mv = engine, step, engine.aad_cs, engine.metaverse
        self.out = Outbound(engine, step)

    def run(self, full: bool) -> None:
        ids = list(self.cs.objects) if full else list(self.cs.pending_imports)
        for cs_id in sorted(ids, key=lambda i: self.cs.objects[i].dn if i in self.cs.objects
                            else ""):
            cs_obj = self.cs.get(cs_id)
            if cs_obj is not None:
                self.synchronize(cs_obj)

    def synchronize(self, cs_obj: CSObject) -> None:
        mv = self.mv.get(cs_obj.mv_id) if cs_obj.mv_id else None
        if cs_obj.pending_import == "Delete":
            self._delete(cs_obj, mv)
            return
        if mv is None:
            mv = self._join(cs_obj)
        if mv is None:
            self.step.count("DisconnectorRemains")
        else:
            flows = {k: cs_obj.attrs[k] for k in ("cloudAnchor", "cloudSourceAnchor")
                     if cs_obj.attrs.get(k) is not None}
            changed = self.mv.set_attrs(mv, {**mv.attrs, **flows})
            self.step.count("ConnectorFlow" if changed else "ConnectorNoFlow")
        cs_obj.pending_import = None
        self.cs.mark(cs_obj)

    def _join(self, cs_obj: CSObject):
        """In from AAD - User Join: scope cloudMastered EQUAL False, join on sourceAnchor."""
        anchor = cs_obj.attrs.get("cloudSourceAnchor")
        if cs_obj.attrs.get("cloudMastered") is not False or not anchor:
            return None
        mv = self.mv.by_source_anchor(anchor)
        if mv is None or self.cs.name in mv.connectors:
            return None
        mv.connectors[self.cs.name] = cs_obj.cs_id
        cs_obj.mv_id = mv.mv_id
        self.step.count("DisconnectorJoinedFlow")
        try:
            self.out.apply(mv, self.out.evaluate(mv))
        except SyncRuleError:
            pass
        return mv

    def _delete(self, cs_obj: CSObject, mv) -> None:
        """Deleted in the cloud (e.g. Remove-MsolUser): the MV object stays and is re-provisioned."""
        self.cs.remove(cs_obj)
        if mv is None:
            return
        self.step.count("ConnectorDeleteLeaveMv")
        mv.connectors.pop(self.cs.name, None)
        self.mv.set_attrs(mv, {k: v for k, v in mv.attrs.items() if k not in AAD_CONTRIBUTED})
        try:
            self.out.apply(mv, self.out.evaluate(mv))
        except SyncRuleError:
            pass
