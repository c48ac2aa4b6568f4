"""Export run profiles: Azure AD (with prevent-accidental-deletes) and AD (anchor write-back).

Like the real engine, an export run adds the objects first and the references to them second:
pending exports are applied in a fixed order (users and contacts, then groups, then deletes),
then a reference pass resolves group members again, so a nested group exported later in the same
run is a member of its parent and only members that are really not in Azure AD raise
dn-attributes-failure. A failing object keeps its pending export and is retried by every later
Export run. Knows nothing of the shell.
"""
from __future__ import annotations

import uuid

from . import dn as dnlib
from .errors import ExportError

EVENT_116 = ("Prevent Accidental Deletes: The number of deletions for this sync cycle ({count} "
             "pending deletes) has exceeded the current threshold of {threshold} objects. "
             "Deletions will be suppressed for this sync cycle. Please visit "
             "http://go.microsoft.com/fwlink/?LinkId=390655 for more information.")
EVENT_6949 = ("The sync process couldn't add some members to the group '{group}' in Azure AD "
              "because the member objects themselves were not synchronized: {members}.")
DN_ATTRIBUTES_FAILURE = "dn-attributes-failure"


class AADExport:
    def __init__(self, engine, step):
        self.e, self.step, self.cs = engine, step, engine.aad_cs
        self.provisioner = engine.provisioner
        self._exported_groups: list = []   # groups exported in this run, for the reference pass

    def run(self) -> None:
        pending = [self.cs.objects[i] for i in self.cs.pending_exports if i in self.cs.objects]
        deletes = [o for o in pending if o.pending_export == "Delete"]
        cfg = self.e.config
        if pending and not self.e.aad.dirsync_enabled:
            # Azure AD refuses exports while directory synchronization is off (a documented
            # simplification: the connector stops and exports nothing)
            self.step.escalate("stopped-extension-dll-exception")
            return
        if cfg.deletion_threshold_enabled and len(deletes) > cfg.deletion_threshold:
            self.step.escalate("stopped-deletion-threshold-exceeded")
            self.e.log_event(116, "Warning", EVENT_116.format(
                count=len(deletes), threshold=cfg.deletion_threshold))
            return
        order = sorted(pending, key=lambda o: (o.pending_export == "Delete",
                                               o.object_type == "group", o.dn))
        refresh = set()
        for cs_obj in order:
            added = self._export(cs_obj)
            if added and cs_obj.mv_id:
                refresh.update(self._groups_of(cs_obj))
        self._reference_pass(refresh)
        self.provisioner.resolve_conflicts()
        self.e.aad.company["LastDirSyncTime"] = self.e.clock.now

    def _reference_pass(self, refresh: set) -> None:
        """Second pass: member references to objects added in this run, then the
        dn-attributes-failure of members that are still not in Azure AD."""
        exported = {o.cs_id for o in self._exported_groups}
        for cs_id in sorted(refresh | exported):
            cs_obj = self.cs.get(cs_id)
            if cs_obj is None or not cs_obj.object_id or cs_obj.pending_export is not None:
                continue  # not in Azure AD (yet): nothing to reference
            cloud = self.e.aad.get(cs_obj.object_id)
            members = self._member_ids(cs_obj)
            if cloud is not None and sorted(cloud.members) != members:
                self.e.aad.update(cloud, members=members)
                if cs_id not in exported:  # an existing group whose new member arrived
                    self.step.count("ExportUpdate")
        for cs_obj in self._exported_groups:
            if cs_obj.unresolved_members and cs_obj.pending_export is None:
                self._report_missing_members(cs_obj)

    def _groups_of(self, cs_obj) -> list[str]:
        out = []
        for g in self.e.metaverse.groups_of(cs_obj.mv_id):
            link = g.connectors.get(self.cs.name)
            if link:
                out.append(link)
        return out

    def _member_ids(self, cs_obj) -> list[str]:
        """Translate members to ObjectIds now; members not in Azure AD are unresolved."""
        mv = self.e.metaverse.get(cs_obj.mv_id)
        if mv is None:
            return []
        member_ids, missing = [], []
        for member_id in mv.attrs.get("member") or ():
            member = self.e.metaverse.get(member_id)
            link = self.cs.get(member.connectors.get(self.cs.name)) if member else None
            if link is not None and link.object_id and link.pending_export != "Delete":
                member_ids.append(link.object_id)
            elif member is not None:
                missing.append(member.attrs.get("displayName") or member_id)
        missing += [dnlib.rdn_value(d) for d in mv.attrs.get("unresolvedMember") or ()]
        cs_obj.unresolved_members = sorted(set(missing))
        return sorted(member_ids)

    def export(self, cs_obj) -> bool:
        """Export one object on its own (single-object sync), references included."""
        added = self._export(cs_obj)
        self._reference_pass(set())
        return added

    def _export(self, cs_obj) -> bool:
        """Export one object's own attributes; True when it was an Add that succeeded."""
        operation = cs_obj.pending_export
        try:
            if operation == "Delete":
                self.provisioner.delete(cs_obj.object_id)
                self.cs.remove(cs_obj)
                self.step.count("ExportDelete")
                return False
            state = {k: v for k, v in {**cs_obj.attrs, **cs_obj.export_attrs}.items()
                     if v is not None and k not in ("cloudAnchor", "cloudMastered",
                                                    "cloudSourceAnchor", "objectId")}
            payload = dict(state)
            if cs_obj.object_type == "group":
                payload["member"] = self._member_ids(cs_obj)
            cs_obj.object_id = self.provisioner.export(operation, cs_obj.object_type, payload,
                                                       cs_obj.object_id)
        except ExportError as err:
            self.step.count("ExportFailure")
            self.step.escalate("completed-export-errors")
            cs_obj.export_error = self.step.error(cs_obj, err.error_type, err.message,
                                                  self.e.clock.now, "Export",
                                                  previous=cs_obj.export_error)
            return False
        merged = {**cs_obj.attrs, **cs_obj.export_attrs}  # a None export removes the value
        self.cs.set_attrs(cs_obj, {k: v for k, v in merged.items() if v is not None})
        cs_obj.pending_export, cs_obj.export_attrs = None, {}
        cs_obj.export_error = None
        self.cs.mark(cs_obj)
        self.step.count("ExportAdd" if operation == "Add" else "ExportUpdate")
        if cs_obj.object_type == "group":
            self._exported_groups.append(cs_obj)
        return operation == "Add"

    def _report_missing_members(self, cs_obj) -> None:
        """V2 endpoint: informational dn-attributes-failure plus event 6949."""
        name = cs_obj.attrs.get("displayName") or cs_obj.dn
        members = ", ".join(cs_obj.unresolved_members)
        self.step.escalate("completed-export-errors")
        cs_obj.export_error = self.step.error(
            cs_obj, DN_ATTRIBUTES_FAILURE, f"Some members of the group could not be exported "
            f"because they are not synchronized to Azure AD: {members}.", self.e.clock.now,
            "Export", previous=cs_obj.export_error)
        self.e.log_event(6949, "Information", EVENT_6949.format(group=name, members=members))


class ADExport:
    """Export to AD: today only the ms-DS-ConsistencyGuid write-back."""

    def __init__(self, engine, step):
        self.e, self.step, self.cs = engine, step, engine.ad_cs

    def run(self) -> None:
        for cs_id in sorted(self.cs.pending_exports):
            cs_obj = self.cs.get(cs_id)
            obj = self.e.directory.find(cs_obj.anchor)
            if obj is not None:
                for name, value in cs_obj.export_attrs.items():
                    self.e.directory.set_attribute(obj, name, uuid.UUID(value))
                self.step.count("ExportUpdate")
            cs_obj.pending_export, cs_obj.export_attrs = None, {}
            self.cs.mark(cs_obj)
