"""Azure AD (MSOnline view): users, groups, contacts, domains, SKUs, features, recycle bin.

The store: objects with their indexes (UPN, ImmutableId, SMTP address), domains, SKUs,
features, company information. Admin operations are in aad_admin.py; what Azure AD Connect's exports do
(hard/soft match, duplicate-attribute resiliency) lives in aad_provisioning.py. Every change is
appended to a change log (read by the AAD connector's delta import) and announced to listeners
(forward sync). Knows nothing of the shell, the sync engine or Exchange.
"""
from __future__ import annotations

import bisect

from .aad_admin import RECYCLE_BIN_DAYS, CloudAdministration  # noqa: F401
from .aad_objects import AADObject, primary_smtp, smtp_addresses  # noqa: F401 (re-exported)
from .errors import AzureADError
from .prefix_index import PrefixIndex
from .records import plain_copy

FEATURES = {  # Get-MsolDirSyncFeatures names and their defaults for a post-2016 tenant
    "BlockCloudObjectTakeoverThroughHardMatch": False, "BlockSoftMatch": False,
    "DeviceWriteback": False, "DirectoryExtensions": False,
    "DuplicateProxyAddressResiliency": True, "DuplicateUPNResiliency": True,
    "EnableSoftMatchOnUpn": True, "PasswordSync": True, "SynchronizeUpnForManagedUsers": True,
    "UnifiedGroupWriteback": False, "UserWriteback": False,
}


class AzureAD(CloudAdministration):
    def __init__(self, initial_domain: str = "contoso.onmicrosoft.com", clock=None, ids=None):
        self.initial_domain = initial_domain
        self.clock, self.ids = clock, ids
        self.objects: dict[str, AADObject] = {}
        self.domains: dict[str, dict] = {}
        self.skus: dict[str, dict] = {}
        self.features = dict(FEATURES)
        self.company: dict = {"DisplayName": initial_domain.split(".")[0].capitalize(),
                              "DirectorySynchronizationEnabled": True,
                              "LastDirSyncTime": None, "LastPasswordSyncTime": None}
        self.change_seq = 0
        self._changelog: list[tuple[int, str]] = []
        self.listeners: list = []  # called with (object_id) after every change
        self.add_domain(initial_domain, initial=True)
        self._reindex()

    # ----- indexes and change log ------------------------------------------------------------
    def _reindex(self):
        self._by_upn, self._by_immutable, self._by_address = {}, {}, {}
        self._deleted_by_upn: dict[str, set] = {}
        self._search = PrefixIndex(_search_keys, lambda: self.objects.items())
        self._with_provisioning_errors: set[str] = set()
        for obj in self.objects.values():
            self._index(obj)

    def _index(self, obj: AADObject):
        self._search.invalidate()
        if obj.immutable_id:
            self._by_immutable[obj.immutable_id] = obj.object_id
        if obj.provisioning_errors:
            self._with_provisioning_errors.add(obj.object_id)
        if obj.is_deleted:
            if obj.user_principal_name:
                self._deleted_by_upn.setdefault(obj.user_principal_name.lower(),
                                                set()).add(obj.object_id)
            return
        if obj.user_principal_name:
            self._by_upn[obj.user_principal_name.lower()] = obj.object_id
        for a in smtp_addresses(obj.proxy_addresses):
            self._by_address[a.lower()] = obj.object_id

    def _unindex(self, obj: AADObject):
        if obj.immutable_id and self._by_immutable.get(obj.immutable_id) == obj.object_id:
            del self._by_immutable[obj.immutable_id]
        self._with_provisioning_errors.discard(obj.object_id)
        if obj.user_principal_name:
            self._deleted_by_upn.get(obj.user_principal_name.lower(), set()).discard(
                obj.object_id)
        if obj.user_principal_name and \
                self._by_upn.get(obj.user_principal_name.lower()) == obj.object_id:
            del self._by_upn[obj.user_principal_name.lower()]
        for a in smtp_addresses(obj.proxy_addresses):
            if self._by_address.get(a.lower()) == obj.object_id:
                del self._by_address[a.lower()]

    def update(self, obj: AADObject, **changes) -> AADObject:
        """The one way to change an object: keeps indexes, change log and listeners right."""
        self._unindex(obj)
        for name, value in changes.items():
            setattr(obj, name, value)
        self._index(obj)
        self.changed(obj.object_id)
        return obj

    def changed(self, object_id: str):
        self.change_seq += 1
        self._changelog.append((self.change_seq, object_id))
        for listener in self.listeners:
            listener(object_id)

    def changes_since(self, seq: int) -> list[str]:
        start = bisect.bisect_right(self._changelog, (seq, "\uffff"))
        return list(dict.fromkeys(oid for _s, oid in self._changelog[start:]))

    def compact_changelog(self, upto_seq: int) -> None:
        """Forget changes the AAD connector's import has consumed."""
        start = bisect.bisect_right(self._changelog, (upto_seq, "\uffff"))
        del self._changelog[:start]

    def insert(self, obj: AADObject) -> AADObject:
        obj.object_id = obj.object_id or self.ids.guid()
        obj.when_created = obj.when_created or self.clock.now
        self.objects[obj.object_id] = obj
        self._index(obj)
        self.changed(obj.object_id)
        return obj

    # ----- lookup ------------------------------------------------------------------------------
    def get(self, object_id) -> AADObject | None:
        return self.objects.get(str(object_id).lower())

    def by_upn(self, upn: str) -> AADObject | None:
        oid = self._by_upn.get(upn.lower())
        return self.objects[oid] if oid else None

    def search(self, prefix: str, object_type: str | None = None,
               deleted: bool = False) -> list[AADObject]:
        """-SearchString: objects whose display name, UPN or an email address starts with it."""
        found = (self.objects[i] for i in self._search.search(prefix))
        return [o for o in found if (object_type is None or o.object_type == object_type)
                and o.is_deleted == deleted]

    def deleted_by_upn(self, upn: str) -> list[AADObject]:
        """Users in the recycle bin with this UPN (Get-MsolUser -ReturnDeletedUsers)."""
        return [self.objects[i] for i in sorted(self._deleted_by_upn.get(upn.lower(), ()))]

    def by_immutable_id(self, immutable_id: str) -> AADObject | None:
        oid = self._by_immutable.get(immutable_id)
        return self.objects[oid] if oid else None

    def by_address(self, address: str) -> AADObject | None:
        oid = self._by_address.get(address.lower().split(":", 1)[-1])
        return self.objects[oid] if oid else None

    def users(self, deleted: bool = False):
        return (o for o in self.objects.values()
                if o.object_type == "User" and o.is_deleted == deleted)

    def of_type(self, object_type: str):
        return (o for o in self.objects.values()
                if o.object_type == object_type and not o.is_deleted)

    def with_provisioning_errors(self) -> list[AADObject]:
        return [self.objects[i] for i in sorted(self._with_provisioning_errors)]

    def find_user(self, upn_or_id) -> AADObject:
        """Get-MsolUser lookup: ObjectId or UPN, active users first; UserNotFoundException."""
        text = str(upn_or_id)
        obj = self.get(text) or self.by_upn(text) or next(iter(self.deleted_by_upn(text)), None)
        if obj is None or obj.object_type != "User":
            raise AzureADError(f"User Not Found.  User: {text}.", "UserNotFoundException")
        return obj

    # ----- tenant configuration -----------------------------------------------------------------
    def add_domain(self, name: str, verified: bool = True, authentication: str = "Managed",
                   default: bool = False, initial: bool = False) -> dict:
        self.domains[name.lower()] = {
            "Name": name, "Status": "Verified" if verified else "Unverified",
            "Authentication": authentication, "IsDefault": default or (initial and not any(
                d["IsDefault"] for d in self.domains.values())), "IsInitial": initial,
            "Capabilities": "Email, OfficeCommunicationsOnline" if verified else "None"}
        if default:
            for d in self.domains.values():
                d["IsDefault"] = d["Name"] == name
        return self.domains[name.lower()]

    def domain(self, name: str) -> dict | None:
        return self.domains.get((name or "").lower())

    def is_verified(self, domain: str) -> bool:
        d = self.domain(domain)
        return bool(d) and d["Status"] == "Verified"

    def is_federated(self, domain: str) -> bool:
        d = self.domain(domain)
        return bool(d) and d["Authentication"] == "Federated"

    def add_sku(self, account_sku_id: str, service_plans, active_units: int = 25,
                warning_units: int = 0, sku_id: str | None = None) -> dict:
        part = account_sku_id.split(":", 1)[-1]
        self.skus[account_sku_id.lower()] = {
            "AccountSkuId": account_sku_id, "SkuPartNumber": part,
            "SkuId": sku_id or self.ids.guid(), "ActiveUnits": active_units,
            "WarningUnits": warning_units, "SuspendedUnits": 0,
            "ServicePlans": list(service_plans)}
        return self.skus[account_sku_id.lower()]

    def consumed_units(self, account_sku_id: str) -> int:
        key = account_sku_id.lower()
        return sum(1 for u in self.users()
                   for lic in u.licenses if lic["AccountSkuId"].lower() == key)

    def set_feature(self, name: str, enabled: bool) -> None:
        if name not in self.features:
            raise AzureADError(f"Invalid value for parameter. Parameter Name: Feature.",
                               "InvalidParameterException")
        self.features[name] = bool(enabled)

    # ----- snapshot ---------------------------------------------------------------------------------
    def to_data(self) -> dict:
        return {"initial_domain": self.initial_domain, "domains": plain_copy(self.domains),
                "skus": plain_copy(self.skus),
                "features": dict(self.features), "company": plain_copy(self.company),
                "change_seq": self.change_seq,
                "changelog": [list(c) for c in self._changelog],
                "objects": [o.to_data() for o in self.objects.values()]}

    @classmethod
    def from_data(cls, data: dict, clock, ids) -> "AzureAD":
        aad = cls.__new__(cls)
        aad.initial_domain, aad.clock, aad.ids, aad.listeners = \
            data["initial_domain"], clock, ids, []
        aad.domains, aad.skus = plain_copy(data["domains"]), plain_copy(data["skus"])
        aad.features, aad.company = dict(data["features"]), plain_copy(data["company"])
        aad.change_seq = data["change_seq"]
        aad._changelog = [tuple(c) for c in data["changelog"]]
        aad.objects = {o["object_id"]: AADObject.from_data(o) for o in data["objects"]}
        aad._reindex()
        return aad


def _search_keys(obj: AADObject):
    return [obj.display_name, obj.user_principal_name, *smtp_addresses(obj.proxy_addresses)]
