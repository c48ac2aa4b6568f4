"""Connector spaces: one per connector, the staging area between a directory and the metaverse.

A CS object holds what was last imported (attrs), its pending import and pending export, its
link to a metaverse object, its sync/export errors and lineage. Sets of pending ids let delta
steps cost what changed. Knows nothing of the shell or of the directories behind the connectors.
"""
from __future__ import annotations

from .records import Record

AAD_CONNECTOR_ID = "b891884f-051e-4a83-95af-2544101c9083"


class CSObject(Record):
    FIELDS = {
        "cs_id": None, "dn": "", "anchor": None, "object_type": "user", "partition": None,
        "attrs": dict, "pending_import": None, "pending_export": None, "export_attrs": dict,
        "mv_id": None, "sync_error": None, "export_error": None, "lineage": list,
        "object_id": None, "confirmed": False, "unresolved_members": list,
        "is_placeholder": False, "filtered": False,
    }
    __slots__ = tuple(FIELDS)

    @property
    def is_connector(self) -> bool:
        return self.mv_id is not None


class ConnectorSpace:
    def __init__(self, name: str, identifier: str, connector_type: str = "AD",
                 subtype: str | None = None):
        self.name, self.identifier = name, identifier
        self.connector_type, self.subtype = connector_type, subtype
        self.objects: dict[str, CSObject] = {}
        self.watermark = 0
        self.run_number = 0
        self.pending_imports: set[str] = set()
        self.pending_exports: set[str] = set()
        self.retry: set[str] = set()  # objects whose last sync failed: retried every sync
        self._reindex()

    def _reindex(self):
        self._by_anchor, self._by_dn, self._peaks = {}, {}, {}
        self._referenced_by: dict[str, set] = {}  # member DN -> group CS ids (reference attr)
        self.pending_imports = {c for c, o in self.objects.items() if o.pending_import}
        self.pending_exports = {c for c, o in self.objects.items() if o.pending_export}
        for o in self.objects.values():
            self._index(o)

    def _index(self, o: CSObject):
        if o.anchor:
            self._by_anchor[o.anchor] = o.cs_id
        self._by_dn[o.dn.lower()] = o.cs_id
        for dn in o.attrs.get("member") or ():
            self._referenced_by.setdefault(dn.lower(), set()).add(o.cs_id)

    def _unindex_members(self, o: CSObject):
        for dn in o.attrs.get("member") or ():
            self._referenced_by.get(dn.lower(), set()).discard(o.cs_id)

    def set_attrs(self, o: CSObject, attrs: dict) -> None:
        """Replace what was imported, keeping the member-reference index right."""
        self._unindex_members(o)
        o.attrs = attrs
        for dn in attrs.get("member") or ():
            self._referenced_by.setdefault(dn.lower(), set()).add(o.cs_id)

    def groups_referencing(self, dn: str) -> list[CSObject]:
        return [self.objects[i] for i in sorted(self._referenced_by.get(dn.lower(), ()))
                if i in self.objects]

    def add(self, o: CSObject) -> CSObject:
        self.objects[o.cs_id] = o
        self._index(o)
        self.mark(o)
        return o

    def remove(self, o: CSObject) -> None:
        self._unindex_members(o)
        self.objects.pop(o.cs_id, None)
        if self._by_anchor.get(o.anchor) == o.cs_id:
            del self._by_anchor[o.anchor]
        if self._by_dn.get(o.dn.lower()) == o.cs_id:
            del self._by_dn[o.dn.lower()]
        self.retry.discard(o.cs_id)
        o.pending_import = o.pending_export = None
        self.mark(o)

    def set_dn(self, o: CSObject, dn: str) -> None:
        if self._by_dn.get(o.dn.lower()) == o.cs_id:
            del self._by_dn[o.dn.lower()]
        o.dn = dn
        self._by_dn[dn.lower()] = o.cs_id

    def set_anchor(self, o: CSObject, anchor: str) -> None:
        if o.anchor and self._by_anchor.get(o.anchor) == o.cs_id:
            del self._by_anchor[o.anchor]
        o.anchor = anchor
        if anchor:
            self._by_anchor[anchor] = o.cs_id

    def mark(self, o: CSObject) -> None:
        """Keep the pending sets in step with the object's pending flags."""
        for name, pending in (("pending_imports", o.pending_import),
                              ("pending_exports", o.pending_export)):
            s = getattr(self, name)
            if pending:
                s.add(o.cs_id)
                self._peaks[name] = max(self._peaks.get(name, 0), len(s))
            elif o.cs_id in s:
                s.discard(o.cs_id)
                self._shrink(name, s)

    def _shrink(self, name: str, s: set) -> None:
        """A Python set never shrinks and iterating it costs its peak size: after an Initial
        cycle emptied 100,000 pending imports, rebuild it so a delta step costs what changed."""
        peak = self._peaks.get(name, 0)
        if peak > 64 and len(s) * 8 < peak:
            setattr(self, name, set(s))
            self._peaks[name] = len(s)

    def by_anchor(self, anchor) -> CSObject | None:
        cs_id = self._by_anchor.get(anchor)
        return self.objects.get(cs_id) if cs_id else None

    def by_dn(self, dn: str) -> CSObject | None:
        cs_id = self._by_dn.get(dn.lower())
        return self.objects.get(cs_id) if cs_id else None

    def get(self, cs_id: str) -> CSObject | None:
        return self.objects.get(cs_id)

    def to_data(self) -> dict:
        return {"name": self.name, "identifier": self.identifier, "type": self.connector_type,
                "subtype": self.subtype, "watermark": self.watermark,
                "run_number": self.run_number, "retry": sorted(self.retry),
                "objects": [o.to_data() for o in self.objects.values()]}

    @classmethod
    def from_data(cls, data: dict) -> "ConnectorSpace":
        cs = cls(data["name"], data["identifier"], data["type"], data["subtype"])
        cs.watermark, cs.run_number = data["watermark"], data["run_number"]
        cs.objects = {o["cs_id"]: CSObject.from_data(o) for o in data["objects"]}
        cs._reindex()
        cs.retry = set(data["retry"])
        return cs
