"""On-premises Active Directory: one forest, its domains, OUs, users, groups and contacts.

Holds AD's own record of each object (objectGUID, DN, LDAP attributes), enforces what AD itself
refuses (duplicate DN, sAMAccountName per domain, UPN forest-wide), keeps the AD recycle bin
(objectGUID survives a restore) and a USN change log so a delta import reads only what changed.
Knows nothing of the shell, of sync or of the cloud.
"""
from __future__ import annotations

import bisect

from .errors import DirectoryError, IdentityNotFoundError
from .ad_values import (MULTI_VALUED, NOT_IN_RANGE, OCTET_GUIDS, UPN_NOT_UNIQUE,
                        guid_or_error, load_value)
from .ids import normalize_guid
from .prefix_index import PrefixIndex
from .records import Record
from . import dn as dnlib

class ADObject(Record):
    FIELDS = {"guid": None, "dn": "", "object_class": "user", "attrs": dict, "usn_created": 0,
              "usn_changed": 0, "deleted": False, "last_known_parent": None,
              "deleted_memberships": list}
    __slots__ = tuple(FIELDS)

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    @property
    def cn(self) -> str:
        return dnlib.rdn_value(self.dn)


class Directory:
    """The forest. `domains` are dicts: fqdn, dn, netbios, sid."""

    def __init__(self, forest: str = "contoso.com", ids=None):
        self.forest = forest
        self.domains: list[dict] = []
        self.objects: dict[str, ADObject] = {}
        self.usn = 12000
        self._changelog: list[tuple[int, str]] = []
        self._ids = ids  # the tenant's IdGenerator
        self._reindex()

    # ----- indexes -------------------------------------------------------------------------
    def _reindex(self):
        self._by_dn, self._by_sam, self._by_upn = {}, {}, {}
        self._by_proxy: dict[str, set] = {}
        self._member_of: dict[str, set] = {}
        self._search = PrefixIndex(_search_keys, lambda: (
            (g, o) for g, o in self.objects.items() if not o.deleted))
        for obj in self.objects.values():
            if not obj.deleted:
                self._index(obj)

    def _index(self, obj: ADObject):
        self._search.invalidate()
        self._by_dn[obj.dn.lower()] = obj.guid
        sam = obj.attrs.get("sAMAccountName")
        if sam:
            self._by_sam[(self.domain_of(obj.dn)["dn"].lower(), sam.lower())] = obj.guid
        upn = obj.attrs.get("userPrincipalName")
        if upn:
            self._by_upn[upn.lower()] = obj.guid
        for p in obj.attrs.get("proxyAddresses") or ():
            self._by_proxy.setdefault(p.lower(), set()).add(obj.guid)
        for m in obj.attrs.get("member") or ():
            target = self._by_dn.get(m.lower())
            if target:
                self._member_of.setdefault(target, set()).add(obj.guid)

    def _unindex(self, obj: ADObject):
        self._by_dn.pop(obj.dn.lower(), None)
        sam = obj.attrs.get("sAMAccountName")
        if sam:
            self._by_sam.pop((self.domain_of(obj.dn)["dn"].lower(), sam.lower()), None)
        upn = obj.attrs.get("userPrincipalName")
        if upn and self._by_upn.get(upn.lower()) == obj.guid:
            del self._by_upn[upn.lower()]
        for p in obj.attrs.get("proxyAddresses") or ():
            self._by_proxy.get(p.lower(), set()).discard(obj.guid)
        for m in obj.attrs.get("member") or ():
            target = self._by_dn.get(m.lower())
            if target:
                self._member_of.get(target, set()).discard(obj.guid)

    def _touch(self, obj: ADObject):
        self.usn += 1
        obj.usn_changed = self.usn
        self._changelog.append((self.usn, obj.guid))

    # ----- domains -------------------------------------------------------------------------
    def add_domain(self, fqdn: str, netbios: str | None = None, sid: str | None = None) -> dict:
        domain = {"fqdn": fqdn, "dn": dnlib.domain_dn(fqdn),
                  "netbios": netbios or fqdn.split(".")[0].upper(),
                  "sid": sid or (self._ids.domain_sid() if self._ids else "S-1-5-21-1-2-3"),
                  "next_rid": 1103}
        self.domains.append(domain)
        self.domains.sort(key=lambda d: -len(d["dn"]))
        self._create(domain["dn"], "domainDNS", {"name": domain["netbios"]})
        for container in ("Users", "Computers"):
            self._create(f"CN={container},{domain['dn']}", "container", {})
        return domain

    def domain_of(self, dn: str) -> dict:
        low = dn.lower()
        for d in self.domains:  # longest DN first
            if low == d["dn"].lower() or low.endswith("," + d["dn"].lower()):
                return d
        raise DirectoryError(f"No domain holds '{dn}'.", code=8333)

    def domain_by_fqdn(self, fqdn: str) -> dict | None:
        return next((d for d in self.domains if d["fqdn"].lower() == fqdn.lower()), None)

    # ----- creation ------------------------------------------------------------------------
    def add_ou(self, dn: str, attrs: dict | None = None) -> ADObject:
        return self._create(dn, "organizationalUnit", attrs or {})

    def add_user(self, dn: str, attrs: dict | None = None, object_class: str = "user") -> ADObject:
        attrs = dict(attrs or {})
        attrs.setdefault("userAccountControl", 512)
        return self._create(dn, object_class, attrs, security_principal=True)

    def add_group(self, dn: str, attrs: dict | None = None) -> ADObject:
        attrs = dict(attrs or {})
        attrs.setdefault("groupType", -2147483646)  # global security group
        for member in attrs.get("member") or ():
            if member.lower() not in self._by_dn:
                raise IdentityNotFoundError("Directory object not found", code=8333, dn=member)
        return self._create(dn, "group", attrs, security_principal=True)

    def add_contact(self, dn: str, attrs: dict | None = None) -> ADObject:
        return self._create(dn, "contact", attrs or {})

    def _create(self, dn, object_class, attrs, security_principal=False) -> ADObject:
        dn = dnlib.normalize(dn)
        if dn.lower() in self._by_dn:
            raise DirectoryError("An attempt was made to add an object to the directory with a "
                                 "name that is already in use", code=8305, dn=dn)
        if object_class != "domainDNS" and dnlib.parent(dn).lower() not in self._by_dn:
            raise IdentityNotFoundError("Directory object not found", code=8333,
                                        dn=dnlib.parent(dn))
        guid = guid_or_error(attrs.pop("objectGUID", None)) or self._ids.guid()
        if guid in self.objects:
            raise DirectoryError(f"The objectGUID '{guid}' is already in use.", code=8305)
        values = {k: load_value(k, v) for k, v in attrs.items() if v not in (None, "", [])}
        values.setdefault("cn", dnlib.rdn_value(dn))
        if security_principal and "objectSid" not in values:
            values["objectSid"] = self._next_sid(dn)
        obj = ADObject(guid=guid, dn=dn, object_class=object_class, attrs={})
        self._check_unique(obj, values)
        obj.attrs = values
        self.objects[guid] = obj
        self._touch(obj)
        obj.usn_created = obj.usn_changed
        self._index(obj)
        return obj

    def _next_sid(self, dn: str) -> str:
        domain = self.domain_of(dn)
        domain["next_rid"] += 1
        return f"{domain['sid']}-{domain['next_rid'] - 1}"

    def _check_unique(self, obj: ADObject, values: dict):
        upn = values.get("userPrincipalName")
        if upn and self._by_upn.get(upn.lower(), obj.guid) != obj.guid:
            raise DirectoryError(UPN_NOT_UNIQUE, code=8648, value=upn)
        sam = values.get("sAMAccountName")
        if sam:
            key = (self.domain_of(obj.dn)["dn"].lower(), sam.lower())
            if self._by_sam.get(key, obj.guid) != obj.guid:
                raise DirectoryError("The specified account already exists", code=1316,
                                     value=sam)

    # ----- lookup --------------------------------------------------------------------------
    def find(self, identity) -> ADObject | None:
        """By DN, objectGUID or sAMAccountName (AD -Identity rules: a UPN is not an identity)."""
        if isinstance(identity, ADObject):
            return identity if identity.guid in self.objects else None
        text = str(identity).strip()
        guid = self._by_dn.get(text.lower())
        if guid is None:
            try:
                guid = normalize_guid(text)
            except ValueError:
                guid = next((self._by_sam[k] for k in ((d["dn"].lower(), text.lower())
                                                      for d in self.domains)
                             if k in self._by_sam), None)
        obj = self.objects.get(guid) if guid else None
        return obj if obj is not None and not obj.deleted else None

    def get(self, identity) -> ADObject:
        obj = self.find(identity)
        if obj is None:
            raise IdentityNotFoundError(f"Cannot find an object with identity: '{identity}' "
                                        f"under: '{self.domains[-1]['dn'] if self.domains else ''}'.")
        return obj

    def get_deleted(self, guid: str) -> ADObject:
        try:
            obj = self.objects.get(normalize_guid(guid))
        except (ValueError, TypeError):
            obj = None
        if obj is None or not obj.deleted:
            raise IdentityNotFoundError(f"Cannot find an object with identity: '{guid}'.")
        return obj

    def by_upn(self, upn: str) -> ADObject | None:
        guid = self._by_upn.get(upn.lower())
        return self.objects[guid] if guid else None

    def by_proxy(self, address: str) -> list[ADObject]:
        return [self.objects[g] for g in sorted(self._by_proxy.get(address.lower(), ()))]

    def by_sam(self, sam: str, domain_fqdn: str | None = None) -> ADObject | None:
        domains = [self.domain_by_fqdn(domain_fqdn)] if domain_fqdn else self.domains
        for d in domains:
            guid = self._by_sam.get((d["dn"].lower(), sam.lower())) if d else None
            if guid:
                return self.objects[guid]
        return None

    def search(self, prefix: str) -> list[ADObject]:
        """Live objects whose name, sAMAccountName, UPN or mail starts with `prefix`."""
        return [self.objects[g] for g in self._search.search(prefix)]

    def member_of(self, obj: ADObject) -> list[ADObject]:
        return [self.objects[g] for g in sorted(self._member_of.get(obj.guid, ()))]

    def live_objects(self):
        return (o for o in self.objects.values() if not o.deleted)

    def changes_since(self, usn: int) -> list[str]:
        """objectGUIDs changed after `usn`, oldest first, each once (the DirSync cookie read)."""
        start = bisect.bisect_right(self._changelog, (usn, "\uffff"))
        seen, out = set(), []
        for _u, guid in self._changelog[start:]:
            if guid not in seen:
                seen.add(guid)
                out.append(guid)
        return out

    def compact_changelog(self, upto_usn: int) -> None:
        """Forget changes the (only) reader has consumed: they are never read again."""
        start = bisect.bisect_right(self._changelog, (upto_usn, "\uffff"))
        del self._changelog[:start]

    # ----- modification --------------------------------------------------------------------
    def set_attribute(self, identity, name: str, value) -> ADObject:
        """Replace (value) or clear (None / empty) one attribute, as Set-ADUser -Replace/-Clear."""
        obj = self.get(identity)
        if name.lower() in OCTET_GUIDS and isinstance(value, str):
            raise DirectoryError(NOT_IN_RANGE, code=8322, attribute=name)
        if name.lower() in OCTET_GUIDS:
            value = guid_or_error(value)
        elif name.lower() in MULTI_VALUED and value is not None and not isinstance(value, list):
            value = [value]
        new = dict(obj.attrs)
        if value in (None, "", []):
            new.pop(name, None)
        else:
            new[name] = list(value) if isinstance(value, (list, tuple)) else value
        return self._replace_attrs(obj, new)

    def add_values(self, identity, name: str, values) -> ADObject:
        obj = self.get(identity)
        current = list(obj.attrs.get(name) or [])
        for v in values:
            if any(v.lower() == c.lower() for c in current if isinstance(c, str)):
                raise DirectoryError("The specified value already exists.", code=8323)
            current.append(v)
        return self.set_attribute(obj, name, current)

    def remove_values(self, identity, name: str, values) -> ADObject:
        obj = self.get(identity)
        drop = {v.lower() for v in values}
        kept = [c for c in obj.attrs.get(name) or [] if c.lower() not in drop]
        return self.set_attribute(obj, name, kept)

    def _replace_attrs(self, obj: ADObject, new: dict) -> ADObject:
        self._check_unique(obj, new)
        if "member" in new:
            missing = [m for m in new["member"] if m.lower() not in self._by_dn]
            if missing:
                raise IdentityNotFoundError("Directory object not found", code=8333)
        self._unindex(obj)
        obj.attrs = new
        self._index(obj)
        self._touch(obj)
        return obj

    def add_member(self, group, member) -> None:
        g, m = self.get(group), self.get(member)
        if any(x.lower() == m.dn.lower() for x in g.attrs.get("member") or ()):
            return
        self.set_attribute(g, "member", list(g.attrs.get("member") or []) + [m.dn])

    def remove_member(self, group, member) -> None:
        g, m = self.get(group), self.get(member)
        kept = [x for x in g.attrs.get("member") or () if x.lower() != m.dn.lower()]
        self.set_attribute(g, "member", kept)

    def move(self, identity, target_parent: str) -> ADObject:
        obj = self.get(identity)
        target_parent = dnlib.normalize(target_parent)
        if target_parent.lower() not in self._by_dn:
            raise IdentityNotFoundError("Directory object not found", code=8333)
        return self._change_dn(obj, f"{dnlib.rdn(obj.dn)},{target_parent}")

    def rename(self, identity, new_name: str) -> ADObject:
        obj = self.get(identity)
        attr = dnlib.rdn(obj.dn).split("=", 1)[0]
        self._change_dn(obj, f"{attr}={dnlib.escape(new_name)},{dnlib.parent(obj.dn)}")
        return self.set_attribute(obj, "cn", new_name)

    def _change_dn(self, obj: ADObject, new_dn: str) -> ADObject:
        if new_dn.lower() in self._by_dn and new_dn.lower() != obj.dn.lower():
            raise DirectoryError("An attempt was made to add an object to the directory with a "
                                 "name that is already in use", code=8305)
        old_dn = obj.dn
        movers = [o for o in self.live_objects() if dnlib.is_under(o.dn, old_dn)]
        for o in movers:  # the object and, for an OU, its whole subtree
            renamed = o.dn[:len(o.dn) - len(old_dn)] + new_dn
            self._relink(o.dn, renamed)
            self._unindex(o)
            o.dn = renamed
            self._index(o)
            self._touch(o)
        return obj

    def _relink(self, old_dn: str, new_dn: str):
        """Member references follow a moved object (AD keeps links by object, not by text)."""
        guid = self._by_dn.get(old_dn.lower())
        for group_guid in list(self._member_of.get(guid, ())):
            g = self.objects[group_guid]
            g.attrs["member"] = [new_dn if m.lower() == old_dn.lower() else m
                                 for m in g.attrs.get("member", [])]
            self._touch(g)

    def delete(self, identity) -> ADObject:
        """Delete into the AD Recycle Bin: links are dropped, objectGUID is kept."""
        obj = self.get(identity)
        groups = self.member_of(obj)
        for g in groups:
            self.remove_member(g, obj)
        self._unindex(obj)
        domain = self.domain_of(obj.dn)
        obj.last_known_parent = dnlib.parent(obj.dn)
        obj.deleted_memberships = [g.guid for g in groups]
        obj.dn = f"CN={obj.cn}\\0ADEL:{obj.guid},CN=Deleted Objects,{domain['dn']}"
        obj.deleted = True
        self._touch(obj)
        return obj

    def restore(self, guid: str) -> ADObject:
        """Restore-ADObject: back to its last known parent, same objectGUID, links restored."""
        obj = self.get_deleted(guid)
        cn = obj.dn.split("\\0ADEL:")[0][3:]
        new_dn = f"CN={cn},{obj.last_known_parent}"
        if new_dn.lower() in self._by_dn:
            raise DirectoryError("An attempt was made to add an object to the directory with a "
                                 "name that is already in use", code=8305)
        self._check_unique(obj, obj.attrs)
        obj.dn, obj.deleted = new_dn, False
        self._index(obj)
        self._touch(obj)
        for g in obj.deleted_memberships:
            if g in self.objects and not self.objects[g].deleted:
                self.add_member(self.objects[g], obj)
        obj.deleted_memberships = []
        return obj

    # ----- snapshot --------------------------------------------------------------------------
    def to_data(self) -> dict:
        return {"forest": self.forest, "usn": self.usn, "domains": [dict(d) for d in self.domains],
                "objects": [o.to_data() for o in self.objects.values()],
                "changelog": [list(c) for c in self._changelog]}

    @classmethod
    def from_data(cls, data: dict, ids) -> "Directory":
        d = cls(data["forest"])
        d._ids = ids
        d.usn = data["usn"]
        d.domains = [dict(x) for x in data["domains"]]
        d.objects = {o["guid"]: ADObject.from_data(o) for o in data["objects"]}
        d._changelog = [tuple(c) for c in data["changelog"]]
        d._reindex()
        return d


def _search_keys(obj: ADObject):
    a = obj.attrs
    return [a.get("cn"), a.get("sAMAccountName"), a.get("userPrincipalName"), a.get("mail"),
            a.get("displayName")]
