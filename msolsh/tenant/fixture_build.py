"""Building a Tenant from validated fixture data, through the Tenant's own API.

Order matters and mirrors a real tenant's history: company and domains, on-premises AD
(domains, OUs top-down, users, contacts, groups), Azure AD Connect configuration, cloud-only
objects and Exchange-only state, then the Initial cycle, licences, and the forward-sync delay.
A refusal from the model (AD, Azure AD) becomes a fixture problem at the object's line.
Knows nothing of the shell.
"""
from __future__ import annotations

from datetime import timedelta

from . import dn as dnlib
from .errors import TenantError
from .fixture_types import Problems
from .forward_sync import FORWARD_SYNC_DELAY
from .ids import source_anchor
from .tenant import Tenant

UF_ACCOUNTDISABLE = 0x2
GROUP_SCOPE = {"Global": 0x2, "DomainLocal": 0x4, "Universal": 0x8}
SECURITY_ENABLED = -0x80000000  # the sign bit of groupType
_NOT_ATTRIBUTES = frozenset({"dn", "objectClass", "enabled", "groupScope", "groupCategory",
                             "members"})
_EXO_FIELDS = {"IsInactiveMailbox": "is_inactive",
               "HiddenFromAddressListsEnabled": "hidden_from_address_lists"}


def build_tenant(doc: dict, error_type):
    """A Tenant from validated data; raises error_type(problems) if the model refuses any."""
    builder = TenantBuilder(doc)
    builder.build()
    if builder.problems:
        raise error_type(builder.problems.lines())
    return builder.tenant


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


class TenantBuilder:
    def __init__(self, doc: dict):
        self.doc, self.problems = doc, Problems()
        self.onprem = doc.get("onPremises") or {}
        self.tenant: Tenant | None = None
        self.dn_of_sam: dict[str, str] = {}

    def build(self) -> None:
        self.create_tenant()
        # Read by the shell only: start with MSOnline and Exchange Online already connected.
        self.tenant.start_connected = bool(self.doc.get("startConnected", False))
        self.build_directory()
        self.configure_sync()
        self.build_cloud()
        self.build_exchange()
        if self.doc.get("initialSync", self.doc.get("initial_sync", False)):
            self.tenant.sync.run_cycle("Initial")
            self.assign_licenses()
            self.add_synced_cloud_members()
            self.tenant.advance(FORWARD_SYNC_DELAY)
        else:
            self.assign_licenses()

    def _refused(self, obj, key, exc: TenantError) -> None:
        path = f"{obj.path}.{key}" if key else obj.path
        self.problems.add(obj.loc_of(key) if key else obj.loc, path, exc.message)

    # ----- company -------------------------------------------------------------------------------
    def create_tenant(self) -> None:
        t = self.doc.get("tenant") or {}
        domains = self.onprem.get("domains") or ()
        forest = self.onprem.get("forest") or (domains[0]["fqdn"] if domains else "contoso.com")
        root = next((d for d in domains if d["fqdn"].lower() == forest.lower()), {})
        kwargs = {"seed": t.get("seed", 1), "forest": forest,
                  "initial_domain": t.get("initialDomain", "contoso.onmicrosoft.com"),
                  "company_name": t.get("name"), "forest_netbios": root.get("netbiosName")}
        if "clockStart" in t:
            kwargs["clock_start"] = t["clockStart"]
        self.tenant = Tenant(**kwargs)
        aad = self.tenant.aad
        if "directorySynchronizationEnabled" in t:
            aad.company["DirectorySynchronizationEnabled"] = t["directorySynchronizationEnabled"]
        for d in t.get("domains") or ():
            aad.add_domain(d["name"], verified=d.get("verified", True),
                           authentication=d.get("authentication", "Managed"),
                           default=d.get("default", False))
        for name, enabled in (t.get("dirSyncFeatures") or {}).items():
            aad.set_feature(name, enabled)
        for sku in t.get("skus") or ():
            aad.add_sku(sku["accountSkuId"], sku["servicePlans"],
                        active_units=sku.get("activeUnits", 25),
                        warning_units=sku.get("warningUnits", 0), sku_id=sku.get("skuId"))

    # ----- on-premises AD ------------------------------------------------------------------------
    def build_directory(self) -> None:
        directory = self.tenant.directory
        for d in sorted(self.onprem.get("domains") or (), key=lambda d: d["fqdn"].count(".")):
            existing = directory.domain_by_fqdn(d["fqdn"])
            if existing is None:
                directory.add_domain(d["fqdn"], netbios=d.get("netbiosName"),
                                     sid=d.get("domainSid"))
            elif d.get("domainSid"):
                # Tenant() made the forest root with a generated SID before any security
                # principal exists: the fixture's own SID replaces it
                existing["sid"] = d["domainSid"]
        self.build_ous()
        for kind in ("users", "groups", "contacts"):
            for obj in self.onprem.get(kind) or ():
                if obj.get("sAMAccountName"):
                    self.dn_of_sam.setdefault(obj["sAMAccountName"].lower(), obj["dn"])
        for user in self.onprem.get("users") or ():
            self._create(directory.add_user, user, user["dn"], self.user_attributes(user),
                         object_class=user.get("objectClass", "user"))
        for contact in self.onprem.get("contacts") or ():
            self._create(directory.add_contact, contact, contact["dn"],
                         self.attributes(contact))
        self.build_groups()

    def build_ous(self) -> None:
        """Parents first, whatever order the fixture lists them in."""
        ous = self.onprem.get("organizationalUnits") or ()
        entries = sorted((len(dnlib.split(ou["dn"] if isinstance(ou, dict) else ou)), i)
                         for i, ou in enumerate(ous))
        for _depth, i in entries:
            ou = ous[i]
            dn, attrs = (ou["dn"], {k: v for k, v in ou.items() if k != "dn"}) \
                if isinstance(ou, dict) else (ou, {})
            try:
                self.tenant.directory.add_ou(dn, attrs)
            except TenantError as exc:
                self.problems.add(ous.loc_of(i), f"onPremises.organizationalUnits[{i}]",
                                  exc.message)

    def _create(self, add, obj, dn, attrs, **kwargs):
        try:
            return add(dn, attrs, **kwargs)
        except TenantError as exc:
            self._refused(obj, "dn", exc)
            return None

    def _dn(self, ref: str) -> str:
        return ref if "=" in ref else self.dn_of_sam.get(ref.lower(), ref)

    @staticmethod
    def attributes(obj) -> dict:
        return {k: v for k, v in obj.items() if k not in _NOT_ATTRIBUTES}

    def user_attributes(self, user) -> dict:
        attrs = self.attributes(user)
        if "manager" in attrs:
            attrs["manager"] = self._dn(attrs["manager"])
        if "enabled" in user:
            uac = attrs.get("userAccountControl", 512)
            attrs["userAccountControl"] = (uac & ~UF_ACCOUNTDISABLE if user["enabled"]
                                           else uac | UF_ACCOUNTDISABLE)
        return attrs

    def build_groups(self) -> None:
        """Groups whose members exist are created with them; members created later (nested
        groups defined further down, cycles) are added once every group exists."""
        directory, later = self.tenant.directory, []
        for group in self.onprem.get("groups") or ():
            attrs = self.attributes(group)
            attrs["groupType"] = self.group_type(group)
            members = [self._dn(m) for m in list(group.get("member") or ())
                       + list(group.get("members") or ())]
            members = list(dict.fromkeys(members))
            ready = [m for m in members if directory.find(m) is not None]
            attrs["member"] = ready
            if self._create(directory.add_group, group, group["dn"], attrs) is not None:
                later.append((group, [m for m in members if m not in ready]))
        for group, pending in later:
            for member in pending:
                try:
                    directory.add_member(group["dn"], member)
                except TenantError as exc:
                    self._refused(group, "members", exc)

    @staticmethod
    def group_type(group) -> int:
        if "groupType" in group:
            return group["groupType"]
        value = GROUP_SCOPE[group.get("groupScope", "Global")]
        if group.get("groupCategory", "Security") == "Security":
            value |= SECURITY_ENABLED
        return value

    # ----- Azure AD Connect ----------------------------------------------------------------------
    def configure_sync(self) -> None:
        sync, config = self.doc.get("sync") or {}, self.tenant.config
        if "sourceAnchor" in sync:
            config.anchor_attribute = sync["sourceAnchor"]
        for part in sync.get("partitions") or ():
            config.select_domain(part["name"], part.get("selected", True))
            for dn in part.get("inclusions") or ():
                config.include_ou(part["name"], dn)
            for dn in part.get("exclusions") or ():
                config.exclude_ou(part["name"], dn)
        if "groupFilter" in sync:
            config.group_filter = self._dn(sync["groupFilter"])
        for rule in sync.get("attributeRules") or ():
            scope = [[dict(c) for c in group] for group in rule.get("scope") or ()]
            config.add_attribute_rule(rule["name"], rule["objectType"], scope,
                                      rule["cloudFiltered"], rule["precedence"])
        if "excludedAttributes" in sync:
            config.excluded_attributes = list(sync["excludedAttributes"])
        threshold = sync.get("deletionThreshold") or {}
        config.deletion_threshold_enabled = threshold.get("enabled", True)
        config.deletion_threshold = threshold.get("threshold", config.deletion_threshold)
        config.staging_mode = sync.get("stagingMode", False)
        config.consistency_guid_writeback = sync.get("consistencyGuidWriteback", True)
        self.configure_scheduler(sync.get("scheduler") or {})

    def configure_scheduler(self, scheduler) -> None:
        kwargs = {}
        if "intervalMinutes" in scheduler:
            kwargs["customized_interval"] = timedelta(minutes=scheduler["intervalMinutes"])
        if "enabled" in scheduler:
            kwargs["sync_cycle_enabled"] = scheduler["enabled"]
        if "nextPolicyType" in scheduler:
            kwargs["next_policy_type"] = scheduler["nextPolicyType"]
        if kwargs:
            self.tenant.scheduler.configure(**kwargs)

    # ----- cloud-only objects, Exchange-only state -----------------------------------------------
    def build_cloud(self) -> None:
        cloud, aad = self.doc.get("cloud") or {}, self.tenant.aad
        for user in cloud.get("users") or ():
            props = {_snake(k): v for k, v in user.items()
                     if k not in ("UserPrincipalName", "DisplayName")}
            try:
                aad.add_cloud_user(user["UserPrincipalName"], user.get("DisplayName"), **props)
            except TenantError as exc:
                self._refused(user, "UserPrincipalName", exc)
        for group in cloud.get("groups") or ():
            members = [u.object_id for u in map(aad.by_upn, group.get("Members") or ()) if u]
            props = {"group_type": group.get("GroupType", "Security"), "members": members,
                     "description": group.get("Description"), "mail": group.get("EmailAddress"),
                     "proxy_addresses": list(group.get("ProxyAddresses") or ())}
            aad.add_cloud_group(group["DisplayName"], **props)
        for contact in cloud.get("contacts") or ():
            aad.add_cloud_contact(contact["DisplayName"], mail=contact["EmailAddress"],
                                  first_name=contact.get("FirstName"),
                                  last_name=contact.get("LastName"),
                                  proxy_addresses=list(contact.get("ProxyAddresses") or (
                                      "SMTP:" + contact["EmailAddress"],)))

    def add_synced_cloud_members(self) -> None:
        """Members of cloud groups that are synced users exist only after the first cycle."""
        aad = self.tenant.aad
        for group in (self.doc.get("cloud") or {}).get("groups") or ():
            target = next((g for g in aad.of_type("Group")
                           if g.display_name == group["DisplayName"] and not g.dirsync_enabled),
                          None)
            if target is None:
                continue
            wanted = [u.object_id for u in map(aad.by_upn, group.get("Members") or ()) if u]
            if wanted != target.members:
                aad.update(target, members=list(dict.fromkeys(target.members + wanted)))

    def build_exchange(self) -> None:
        exchange = self.tenant.exchange
        for r in (self.doc.get("exchange") or {}).get("recipients") or ():
            props = {_EXO_FIELDS.get(k) or _snake(k): v for k, v in r.items()
                     if k not in ("Name", "RecipientTypeDetails")}
            try:
                exchange.add_cloud_recipient(r["RecipientTypeDetails"], r["Name"], **props)
            except TenantError as exc:
                self._refused(r, "Name", exc)

    # ----- licences ------------------------------------------------------------------------------
    def assign_licenses(self) -> None:
        aad = self.tenant.aad
        for lic in self.doc.get("licenses") or ():
            user = self.aad_user(lic["userPrincipalName"])
            if user is None:
                self.problems.add(lic.loc_of("userPrincipalName"),
                                  f"{lic.path}.userPrincipalName",
                                  f"'{lic['userPrincipalName']}' did not reach Azure AD in the "
                                  "initial sync, so it cannot be licensed")
                continue
            try:
                if lic.get("usageLocation"):
                    aad.set_user(user.object_id, UsageLocation=lic["usageLocation"])
                aad.assign_license(user.object_id, lic["accountSkuId"],
                                   lic.get("disabledPlans") or ())
            except TenantError as exc:
                self._refused(lic, "accountSkuId", exc)

    def aad_user(self, upn: str):
        """The Azure AD user for a licence: a synced user by its anchor (its cloud UPN may
        differ, e.g. the MOERA for an unverified suffix), else by UPN."""
        aad, ad_user = self.tenant.aad, self.tenant.directory.by_upn(upn)
        if ad_user is not None:
            config = self.tenant.config
            anchor_guid = ad_user.attrs.get(config.anchor_attribute) or ad_user.guid
            hit = aad.by_immutable_id(source_anchor(anchor_guid))
            if hit is not None:
                return hit
        return aad.by_upn(upn)
