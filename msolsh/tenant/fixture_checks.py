"""Cross-reference checks on a structurally valid fixture: what the real systems would refuse.

Duplicate DN, objectGUID, UPN (forest-wide) and sAMAccountName (per domain) as AD refuses them,
parents, managers and group members that do not exist, domains and SKUs that are not in the
tenant, licences beyond the units bought. Every problem is reported, none stops the others.
Knows nothing of the tenant stores or the shell.
"""
from __future__ import annotations

from . import dn as dnlib

DEFAULT_FOREST = "contoso.com"  # as fixture_build and the Tenant default
SAM_INVALID = set('"/\\[]:;|=,+*?<>')
SAM_MAX_USER = 20  # the pre-Windows 2000 logon name limit AD enforces for users
ROLES = ("Company Administrator", "Global Reader", "User Account Administrator",
         "Helpdesk Administrator", "Exchange Service Administrator",
         "SharePoint Service Administrator", "Lync Service Administrator",
         "Billing Administrator", "Service Support Administrator", "Security Administrator",
         "Compliance Administrator", "Directory Readers", "Directory Writers",
         "Directory Synchronization Accounts", "Hybrid Identity Administrator",
         "Privileged Role Administrator", "License Administrator", "Groups Administrator")


def _split_hint(ref: str) -> str:
    """A lone RDN in a list is usually a DN that a YAML [flow, list] split at its commas."""
    if "=" in ref and len(dnlib.split(ref)) == 1:
        return " (quote a DN inside [...]: its commas split it)"
    return ""


def _err(problems, obj, key, message):
    path = f"{obj.path}.{key}" if key else obj.path
    problems.add(obj.loc_of(key) if key else obj.loc, path, message)


class FixtureChecker:
    """Runs every check over validated sections; `problems` collects what it finds."""

    def __init__(self, doc: dict, problems):
        self.doc, self.problems = doc, problems
        self.onprem = doc.get("onPremises") or {}
        self.tenant = doc.get("tenant") or {}
        listed = [d["fqdn"] for d in self.onprem.get("domains") or () if "fqdn" in d]
        forest = self.onprem.get("forest") or (listed[0] if listed else DEFAULT_FOREST)
        self.ad_domains = [forest] + [d for d in listed if d.lower() != forest.lower()]
        self.domain_dns = {dnlib.domain_dn(f).lower(): f for f in self.ad_domains}
        self.by_dn: dict[str, tuple[str, dict]] = {}      # lower DN -> (kind, object)
        self.by_sam: dict[tuple[str, str], dict] = {}     # (domain dn, lower sam) -> object
        self.sam_any: dict[str, dict] = {}                # lower sam -> first holder

    def run(self) -> None:
        self.check_tenant()
        self.check_containers()
        self.check_objects()
        self.check_references()
        self.check_sync()
        self.check_cloud()
        self.check_licenses()
        self.check_exchange()

    # ----- tenant -------------------------------------------------------------------------------
    def check_tenant(self):
        t = self.tenant
        initial = t.get("initialDomain")
        if initial and not initial.lower().endswith(".onmicrosoft.com"):
            _err(self.problems, t, "initialDomain",
                 f"'{initial}' is not an initial domain (<name>.onmicrosoft.com)")
        self._unique(t.get("domains") or (), "name", "domain")
        defaults = [d for d in t.get("domains") or () if d.get("default")]
        for extra in defaults[1:]:
            _err(self.problems, extra, "default", "only one domain can be the default")
        for d in t.get("domains") or ():
            if d.get("authentication") == "Federated" and d.get("verified") is False:
                _err(self.problems, d, "authentication",
                     "an unverified domain cannot be federated")
        self._unique(t.get("skus") or (), "accountSkuId", "SKU")

    def _unique(self, items, key, what):
        seen = set()
        for item in items:
            value = item.get(key)
            if isinstance(value, str):
                if value.lower() in seen:
                    _err(self.problems, item, key, f"duplicate {what} '{value}'")
                seen.add(value.lower())

    # ----- on-premises containers and objects ----------------------------------------------------
    def check_containers(self):
        for domain_dn in self.domain_dns:
            self.by_dn[domain_dn] = ("domainDNS", {})
            for name in ("Users", "Computers"):
                self.by_dn[f"cn={name},{domain_dn}".lower()] = ("container", {})
        raw = self.onprem.get("organizationalUnits") or ()
        entries = []
        for i, ou in enumerate(raw):
            dn = ou["dn"] if isinstance(ou, dict) else ou
            entries.append((len(dnlib.split(dn)), i, dn, raw.loc_of(i)))
        for _depth, i, dn, loc in sorted(entries):
            path = f"onPremises.organizationalUnits[{i}]"
            if dn.lower() in self.by_dn:
                self.problems.add(loc, path, f"duplicate distinguished name '{dn}'")
                continue
            self._placed(dn, loc, path)  # reported, but kept: no cascade for its children
            self.by_dn[dn.lower()] = ("organizationalUnit", {})

    def _placed(self, dn, loc, path) -> bool:
        """True when dn sits in a forest domain under an existing container."""
        low = dn.lower()
        if not any(low.endswith("," + d) for d in self.domain_dns):
            domains = ", ".join(self.ad_domains)
            self.problems.add(loc, path, f"'{dn}' is not in a domain of the forest ({domains})")
            return False
        parent = dnlib.parent(dn)
        if parent.lower() not in self.by_dn:
            self.problems.add(loc, path, f"parent '{parent}' does not exist")
            return False
        if self.by_dn[parent.lower()][0] not in ("organizationalUnit", "container", "domainDNS"):
            self.problems.add(loc, path, f"parent '{parent}' is not an OU or container")
            return False
        return True

    def check_objects(self):
        guids: dict[str, str] = {}
        upns: dict[str, str] = {}
        for kind in ("users", "groups", "contacts"):
            for obj in self.onprem.get(kind) or ():
                self._check_object(kind, obj, guids, upns)

    def _check_object(self, kind, obj, guids, upns):
        dn = obj.get("dn")
        if dn is None:
            return
        if dn.lower() in self.by_dn:
            _err(self.problems, obj, "dn", f"duplicate distinguished name '{dn}'")
            return
        self._placed(dn, obj.loc_of("dn"), f"{obj.path}.dn")
        self.by_dn[dn.lower()] = (kind, obj)
        self._claim(obj, "objectGUID", guids, "objectGUID '{}' is already used by {}")
        if kind == "users":
            self._claim(obj, "userPrincipalName", upns,
                        "userPrincipalName '{}' is already used by {} (UPNs are unique "
                        "forest-wide)")
        if kind != "contacts":
            self._check_sam(kind, obj)
        elif "sAMAccountName" in obj:
            _err(self.problems, obj, "sAMAccountName", "a contact has no sAMAccountName")

    def _claim(self, obj, key, seen, message):
        value = obj.get(key)
        if value is None:
            return
        holder = seen.get(value.lower())
        if holder is not None:
            _err(self.problems, obj, key, message.format(value, holder))
        else:
            seen[value.lower()] = obj.get("dn")

    def _check_sam(self, kind, obj):
        sam = obj.get("sAMAccountName")
        if sam is None:
            return
        refused = " ".join(sorted(SAM_INVALID & set(sam)))
        if refused:
            _err(self.problems, obj, "sAMAccountName",
                 f"'{sam}' contains characters AD refuses ({refused})")
        if kind == "users" and len(sam) > SAM_MAX_USER:
            _err(self.problems, obj, "sAMAccountName",
                 f"'{sam}' is longer than {SAM_MAX_USER} characters")
        key = (self._domain_of(obj["dn"]), sam.lower())
        if key in self.by_sam:
            _err(self.problems, obj, "sAMAccountName",
                 f"sAMAccountName '{sam}' is already used by {self.by_sam[key]['dn']} "
                 "(unique per domain)")
        else:
            self.by_sam[key] = obj
            self.sam_any.setdefault(sam.lower(), obj)

    def _domain_of(self, dn):
        low = dn.lower()
        return max((d for d in self.domain_dns if low.endswith("," + d)), key=len, default="")

    def resolve(self, ref: str):
        """A DN or a sAMAccountName (any domain) -> (kind, object) or None."""
        hit = self.by_dn.get(ref.lower())
        if hit:
            return hit
        obj = self.sam_any.get(ref.lower())
        return self.by_dn.get(obj["dn"].lower()) if obj else None

    def check_references(self):
        for user in self.onprem.get("users") or ():
            ref = user.get("manager")
            if ref is not None and self.resolve(ref) is None:
                _err(self.problems, user, "manager", f"manager '{ref}' does not exist")
        for group in self.onprem.get("groups") or ():
            for key in ("members", "member"):
                refs = group.get(key) or ()
                for i, ref in enumerate(refs):
                    where = refs.locs[i] if hasattr(refs, "locs") else group.loc
                    hit = self.resolve(ref)
                    if hit is None:
                        self.problems.add(where, f"{group.path}.{key}[{i}]",
                                          f"member '{ref}' does not exist"
                                          + _split_hint(ref))
                    elif hit[0] not in ("users", "groups", "contacts"):
                        self.problems.add(where, f"{group.path}.{key}[{i}]",
                                          f"'{ref}' is not a user, group or contact")

    # ----- sync, cloud, licences, exchange -------------------------------------------------------
    def check_sync(self):
        sync = self.doc.get("sync") or {}
        for part in sync.get("partitions") or ():
            name = part.get("name")
            if name and name.lower() not in {d.lower() for d in self.ad_domains}:
                _err(self.problems, part, "name", f"'{name}' is not a domain of the forest")
                continue
            base = dnlib.domain_dn(name).lower() if name else ""
            for key in ("inclusions", "exclusions"):
                for i, dn in enumerate(part.get(key) or ()):
                    if dn.lower() != base and not dn.lower().endswith("," + base):
                        self.problems.add(part[key].locs[i], f"{part.path}.{key}[{i}]",
                                          f"'{dn}' is not in domain {name}"
                                          + _split_hint(dn))
        ref = sync.get("groupFilter")
        if ref is not None:
            hit = self.resolve(ref)
            if hit is None or hit[0] != "groups":
                _err(self.problems, sync, "groupFilter", f"group '{ref}' does not exist")

    def tenant_domains(self) -> set[str]:
        names = {d["name"].lower() for d in self.tenant.get("domains") or () if "name" in d
                 and d.get("verified", True)}
        if self.tenant.get("initialDomain"):
            names.add(self.tenant["initialDomain"].lower())
        return names

    def check_cloud(self):
        cloud = self.doc.get("cloud") or {}
        verified, seen = self.tenant_domains(), {}
        for user in cloud.get("users") or ():
            upn = user.get("UserPrincipalName")
            if upn is None:
                continue
            if upn.rsplit("@", 1)[-1].lower() not in verified:
                _err(self.problems, user, "UserPrincipalName",
                     f"the domain {upn.rsplit('@', 1)[-1]} is not verified for this tenant")
            if upn.lower() in seen:
                _err(self.problems, user, "UserPrincipalName",
                     f"'{upn}' is already used by another cloud user")
            seen[upn.lower()] = user
            for i, role in enumerate(user.get("Roles") or ()):
                if role not in ROLES:
                    self.problems.add(user["Roles"].locs[i], f"{user.path}.Roles[{i}]",
                                      f"unknown role '{role}'")
        self._unique(cloud.get("groups") or (), "DisplayName", "cloud group")
        known = set(seen) | {u["userPrincipalName"].lower() for u in self.onprem.get("users")
                             or () if u.get("userPrincipalName")}
        for group in cloud.get("groups") or ():
            for i, ref in enumerate(group.get("Members") or ()):
                if ref.lower() not in known:
                    self.problems.add(group["Members"].locs[i], f"{group.path}.Members[{i}]",
                                      f"member '{ref}' does not exist")

    def check_licenses(self):
        skus = {s["accountSkuId"].lower(): s for s in self.tenant.get("skus") or ()
                if "accountSkuId" in s}
        cloud = {u["UserPrincipalName"].lower() for u in (self.doc.get("cloud") or {}).get(
            "users") or () if "UserPrincipalName" in u}
        onprem = {u["userPrincipalName"].lower() for u in self.onprem.get("users") or ()
                  if u.get("userPrincipalName")}
        used: dict[str, int] = {}
        for lic in self.doc.get("licenses") or ():
            self._check_license(lic, skus, cloud, onprem, used)
        for sku_id, count in used.items():
            sku = skus[sku_id]
            units = sku.get("activeUnits", 25) + sku.get("warningUnits", 0)
            if count > units:
                _err(self.problems, sku, "activeUnits",
                     f"{count} licences of {sku['accountSkuId']} are assigned but only "
                     f"{units} units exist")

    def _check_license(self, lic, skus, cloud, onprem, used):
        upn, sku_id = lic.get("userPrincipalName"), lic.get("accountSkuId")
        if upn and upn.lower() not in cloud:
            if upn.lower() not in onprem:
                _err(self.problems, lic, "userPrincipalName", f"user '{upn}' does not exist")
            elif not self.doc.get("initialSync"):
                _err(self.problems, lic, "userPrincipalName",
                     f"'{upn}' is an on-premises user: licensing it needs initialSync: true")
        sku = skus.get((sku_id or "").lower())
        if sku_id and sku is None:
            _err(self.problems, lic, "accountSkuId", f"SKU '{sku_id}' is not in tenant.skus")
            return
        if sku_id:
            used[sku_id.lower()] = used.get(sku_id.lower(), 0) + 1
        plans = set(sku.get("servicePlans") or ()) if sku else set()
        for i, plan in enumerate(lic.get("disabledPlans") or ()):
            if plan not in plans:
                self.problems.add(lic["disabledPlans"].locs[i], f"{lic.path}.disabledPlans[{i}]",
                                  f"'{plan}' is not a service plan of {sku_id}")

    def check_exchange(self):
        recipients = (self.doc.get("exchange") or {}).get("recipients") or ()
        self._unique(recipients, "Name", "recipient name")
        owners: dict[str, str] = {}
        for r in recipients:
            addresses = [a.split(":", 1)[1] for a in r.get("EmailAddresses") or ()
                         if a.lower().startswith("smtp:")]
            if r.get("PrimarySmtpAddress"):
                addresses.append(r["PrimarySmtpAddress"])
            for address in dict.fromkeys(a.lower() for a in addresses):
                if address in owners and owners[address] != r.get("Name"):
                    _err(self.problems, r, "EmailAddresses",
                         f"proxy address '{address}' is already used by {owners[address]}")
                owners.setdefault(address, r.get("Name"))
