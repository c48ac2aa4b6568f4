"""The metaverse: one aggregated object per real-world identity, linked to CS objects.

Indexed by sourceAnchor (the join criterion) and by group membership (so a member that gets
synced later makes its groups re-evaluated). Knows nothing of the shell or the connectors'
directories.
"""
from __future__ import annotations

from .records import Record


class MVObject(Record):
    FIELDS = {"mv_id": None, "object_type": "person", "attrs": dict, "connectors": dict,
              "lineage": list}
    __slots__ = tuple(FIELDS)


class Metaverse:
    def __init__(self):
        self.objects: dict[str, MVObject] = {}
        self._reindex()

    def _reindex(self):
        self._by_anchor: dict[str, str] = {}
        self._member_of: dict[str, set] = {}
        for o in self.objects.values():
            self._index(o)

    def _index(self, o: MVObject):
        anchor = o.attrs.get("sourceAnchor")
        if anchor:
            self._by_anchor[anchor] = o.mv_id
        for m in o.attrs.get("member") or ():
            self._member_of.setdefault(m, set()).add(o.mv_id)

    def _unindex(self, o: MVObject):
        anchor = o.attrs.get("sourceAnchor")
        if anchor and self._by_anchor.get(anchor) == o.mv_id:
            del self._by_anchor[anchor]
        for m in o.attrs.get("member") or ():
            self._member_of.get(m, set()).discard(o.mv_id)

    def add(self, o: MVObject) -> MVObject:
        self.objects[o.mv_id] = o
        self._index(o)
        return o

    def set_attrs(self, o: MVObject, attrs: dict) -> bool:
        """Replace the object's attributes; True when anything changed."""
        if attrs == o.attrs:
            return False
        self._unindex(o)
        o.attrs = attrs
        self._index(o)
        return True

    def remove(self, o: MVObject) -> None:
        self._unindex(o)
        self.objects.pop(o.mv_id, None)

    def get(self, mv_id) -> MVObject | None:
        return self.objects.get(mv_id)

    def by_source_anchor(self, anchor: str) -> MVObject | None:
        mv_id = self._by_anchor.get(anchor)
        return self.objects.get(mv_id) if mv_id else None

    def groups_of(self, mv_id: str) -> list[MVObject]:
        return [self.objects[g] for g in sorted(self._member_of.get(mv_id, ()))
                if g in self.objects]

    def to_data(self) -> dict:
        return {"objects": [o.to_data() for o in self.objects.values()]}

    @classmethod
    def from_data(cls, data: dict) -> "Metaverse":
        mv = cls()
        mv.objects = {o["mv_id"]: MVObject.from_data(o) for o in data["objects"]}
        mv._reindex()
        return mv
