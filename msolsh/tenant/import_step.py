"""Import run profiles: Full Import and Delta Import for the AD and Azure AD connectors.

Stages pending import Add/Update/Delete on connector-space objects. AD delta import reads the
directory's USN change log from the connector's watermark; full import re-reads everything and
obsoletes what it did not see. Domain/OU and group filtering happen here (filtered objects never
enter the CS). Knows nothing of the shell.
"""
from __future__ import annotations

import re

from .connector_space import CSObject
from .ids import aad_cs_dn
from . import rules

AD_CLASSES = frozenset({"user", "inetOrgPerson", "group", "contact"})
AAD_TYPES = {"User": "user", "Group": "group", "Contact": "contact"}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _has_bad_characters(attrs: dict) -> str | None:
    """Data AD accepts but the connector cannot carry: control characters in a string value."""
    for name, value in attrs.items():
        for v in value if isinstance(value, list) else (value,):
            if isinstance(v, str) and _CONTROL.search(v):
                return name
    return None


class ADImport:
    def __init__(self, engine, step):
        self.e, self.step = engine, step
        self.cs, self.directory, self.config = engine.ad_cs, engine.directory, engine.config
        self._members = None  # DNs of the filtering group's direct members, read once per run

    def in_scope(self, obj) -> bool:
        if obj.deleted or obj.object_class not in AD_CLASSES:
            return False
        domain = self.directory.domain_of(obj.dn)
        if not rules.in_partition_scope(obj.dn, domain["fqdn"], self.config.partitions):
            return False
        if self.config.group_filter is None:
            return True
        return obj.dn.lower() in self._filter_members()  # direct members only, no nesting

    def _filter_members(self) -> set:
        if self._members is None:
            group = self.directory.find(self.config.group_filter)
            self._members = {m.lower() for m in (group.attrs.get("member") or ())} \
                if group else set()
        return self._members

    def run(self, full: bool) -> None:
        if full:
            seen = set()
            for obj in list(self.directory.live_objects()):
                if self.in_scope(obj):
                    seen.add(obj.guid)
                    self.stage(obj)
            if self.step.result != "completed-discovery-errors":  # obsoletion is skipped then
                for cs_obj in list(self.cs.objects.values()):
                    if cs_obj.anchor not in seen:
                        self.stage_delete(cs_obj)
        else:
            for guid in self._delta_guids():
                obj = self.directory.objects.get(guid)
                cs_obj = self.cs.by_anchor(guid)
                if obj is not None and self.in_scope(obj):
                    self.stage(obj)
                elif cs_obj is not None:
                    self.stage_delete(cs_obj)
        self.cs.watermark = self.directory.usn
        self.directory.compact_changelog(self.cs.watermark)

    def _delta_guids(self) -> list[str]:
        guids = self.directory.changes_since(self.cs.watermark)
        group_dn = self.config.group_filter
        group = self.directory.find(group_dn) if group_dn else None
        if group is not None and group.guid in guids:  # filter group changed: members move
            members = [self.directory.find(m) for m in group.attrs.get("member") or ()]
            guids += [m.guid for m in members if m] + [o.anchor for o in self.cs.objects.values()]
        return list(dict.fromkeys(guids))

    def stage(self, obj) -> None:
        view = dict(obj.attrs, objectGUID=obj.guid, objectClass=obj.object_class)
        cs_obj = self.cs.by_anchor(obj.guid)
        bad = _has_bad_characters(view)
        if bad:
            self.step.count("StageFailure")
            self.step.escalate("completed-discovery-errors")
            self.step.error(cs_obj or CSObject(dn=obj.dn), "cd-error",
                            f"The value of attribute '{bad}' contains characters that cannot "
                            "be imported.", self.e.clock.now, "Import")
            return
        if cs_obj is None:
            cs_obj = CSObject(cs_id=self.e.ids.guid(), dn=obj.dn, anchor=obj.guid,
                              object_type=obj.object_class, attrs=view, pending_import="Add",
                              partition=self.directory.domain_of(obj.dn)["fqdn"])
            self.cs.add(cs_obj)
            self.step.count("StageAdd")
            return
        if cs_obj.attrs == view and cs_obj.dn == obj.dn and cs_obj.pending_import != "Delete":
            self.step.count("StageNoChange")
            return
        renamed, same_attrs = cs_obj.dn != obj.dn, cs_obj.attrs == view
        self.cs.set_dn(cs_obj, obj.dn)
        self.cs.set_attrs(cs_obj, view)
        cs_obj.partition = self.directory.domain_of(obj.dn)["fqdn"]
        if cs_obj.pending_import == "Add" or (cs_obj.pending_import == "Delete"
                                              and not cs_obj.is_connector):
            cs_obj.pending_import = "Add"
        else:
            cs_obj.pending_import = "Update"
        self.cs.mark(cs_obj)
        self.step.count("StageRename" if renamed and same_attrs else "StageUpdate")

    def stage_delete(self, cs_obj) -> None:
        self.step.count("StageDelete")
        if cs_obj.pending_import == "Add" and not cs_obj.is_connector:
            self.cs.remove(cs_obj)  # never synchronized: nothing downstream to clean up
            return
        cs_obj.pending_import = "Delete"
        self.cs.mark(cs_obj)


class AADImport:
    """Reads Azure AD: confirms exported objects (cloudAnchor) and stages orphans and deletes."""

    def __init__(self, engine, step):
        self.e, self.step, self.cs, self.aad = engine, step, engine.aad_cs, engine.aad

    def run(self, full: bool) -> None:
        ids = list(self.aad.objects) if full else self.aad.changes_since(self.cs.watermark)
        seen = set()
        for oid in ids:
            seen.add(oid)
            self.stage(oid)
        if full:
            for cs_obj in list(self.cs.objects.values()):
                if cs_obj.object_id and cs_obj.object_id not in seen:
                    self.stage_delete(cs_obj)
        self.cs.watermark = self.aad.change_seq
        self.aad.compact_changelog(self.cs.watermark)

    def _find(self, oid: str, obj):
        cs_obj = None
        for prefix in ("User", "Group", "Contact"):
            cs_obj = cs_obj or self.cs.by_anchor(f"{prefix}_{oid}")
        if cs_obj is None and obj is not None and obj.immutable_id:
            cs_obj = self.cs.by_dn(aad_cs_dn(obj.immutable_id))
        return cs_obj

    def stage(self, oid: str) -> None:
        obj = self.aad.get(oid)
        cs_obj = self._find(oid, obj)
        if obj is None or obj.is_deleted:
            if cs_obj is not None and cs_obj.object_id:
                self.stage_delete(cs_obj)
            return
        cloud_anchor = f"{obj.object_type}_{oid}"
        view = {"cloudAnchor": cloud_anchor, "cloudMastered": not obj.dirsync_enabled,
                "cloudSourceAnchor": obj.immutable_id, "objectId": oid}
        if cs_obj is None:
            dn = aad_cs_dn(obj.immutable_id if obj.dirsync_enabled and obj.immutable_id
                           else cloud_anchor)
            cs_obj = CSObject(cs_id=self.e.ids.guid(), dn=dn, anchor=cloud_anchor,
                              object_type=AAD_TYPES[obj.object_type], attrs=view,
                              pending_import="Add", object_id=oid, confirmed=True)
            self.cs.add(cs_obj)
            self.step.count("StageAdd")
            return
        current = {k: cs_obj.attrs.get(k) for k in view}
        if current == view and cs_obj.confirmed:
            self.step.count("StageNoChange")
            return
        self.step.count("StageUpdate" if cs_obj.confirmed else "StageAdd")
        self.cs.set_anchor(cs_obj, cloud_anchor)
        cs_obj.attrs.update(view)
        cs_obj.object_id, cs_obj.confirmed = oid, True
        cs_obj.pending_import = cs_obj.pending_import or "Update"
        self.cs.mark(cs_obj)

    def stage_delete(self, cs_obj) -> None:
        self.step.count("StageDelete")
        cs_obj.pending_import = "Delete"
        self.cs.mark(cs_obj)
