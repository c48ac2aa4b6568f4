"""What an Azure AD administrator does directly (the MSOnline cmdlets' side of Azure AD).

Creating cloud users/groups/contacts (UPN on a verified domain only), Set-MsolUser (with the
synced-object refusal), Set-MsolUserPrincipalName, licences and their disabled plans, ProxyCalc
for cloud users (proxy_calc.py), the recycle bin (Remove-/Restore-MsolUser; deleting a user
removes its licences, cmdlets.md §2.4), and Set-MsolDirSyncEnabled. Mixed into AzureAD, whose
indexes and change log it uses. Knows nothing of the shell or the sync engine.
"""
from __future__ import annotations

from datetime import timedelta

from .aad_objects import AADObject
from .errors import AzureADError
from .proxy_calc import cloud_proxy_addresses

RECYCLE_BIN_DAYS = 30
# Properties an admin may still change in the cloud on a synced user.
CLOUD_WRITABLE = frozenset({"UsageLocation", "BlockCredential", "PasswordNeverExpires",
                            "StrongPasswordRequired", "AlternateEmailAddresses",
                            "AlternateMobilePhones", "PreferredDataLocation",
                            "StrongAuthenticationRequirements", "StrongAuthenticationMethods",
                            "StsRefreshTokensValidFrom", "UserType"})
INVALID_UPN_DOMAIN = ("The domain portion of the userPrincipalName property is invalid. You must "
                      "use one of the verified domain names in your organization.")
INVALID_LICENSE = ("Unable to assign this license because it is invalid. Use the "
                   "Get-MsolAccountSku cmdlet to retrieve a list of valid licenses.")


class CloudAdministration:
    def add_cloud_user(self, user_principal_name: str, display_name: str | None = None,
                       **props) -> AADObject:
        """New-MsolUser: the UPN must be on a verified domain and not used by another object."""
        self._check_upn_domain(user_principal_name)
        if self.by_upn(user_principal_name):
            raise AzureADError(
                "The user principal name is already used by another object.",
                "PropertyAlreadyExistsException")
        prefix = user_principal_name.split("@")[0]
        props.setdefault("mail_nickname", prefix)
        user = self.insert(AADObject(object_type="User", user_principal_name=user_principal_name,
                                     display_name=display_name or prefix, **props))
        return self.recalculate_proxies(user)

    def _check_upn_domain(self, upn: str) -> None:
        if "@" not in upn or not self.is_verified(upn.rsplit("@", 1)[1]):
            raise AzureADError(INVALID_UPN_DOMAIN, "InvalidUserPrincipalNameException")

    def recalculate_proxies(self, user: AADObject) -> AADObject:
        """ProxyCalc for a cloud-mastered user (synced users get theirs from on-premises)."""
        if user.object_type != "User" or user.dirsync_enabled or user.is_deleted:
            return user
        proxies = cloud_proxy_addresses(
            user, self.has_exchange_plan(user), self.is_verified, self.initial_domain,
            lambda address: self.by_address(address) not in (None, user))
        if proxies != user.proxy_addresses:
            self.update(user, proxy_addresses=proxies)
        return user

    def add_cloud_group(self, display_name: str, **props) -> AADObject:
        props.setdefault("group_type", "Security")
        props.setdefault("security_enabled", props["group_type"] != "DistributionList")
        props.setdefault("mail_enabled", props["group_type"] != "Security")
        return self.insert(AADObject(object_type="Group", display_name=display_name, **props))

    def add_cloud_contact(self, display_name: str, **props) -> AADObject:
        return self.insert(AADObject(object_type="Contact", display_name=display_name, **props))

    def set_user(self, object_id, **props) -> AADObject:
        """Set-MsolUser: property names as the cmdlet spells them (UsageLocation, City, ...)."""
        user = self.find_user(object_id)
        for name in props:
            if user.dirsync_enabled and name not in CLOUD_WRITABLE:
                raise AzureADError(f"Unable to update parameter. Parameter name: {name.upper()}.",
                                   "PropertyNotSettableException")
        fields = {_field_name(k): v for k, v in props.items()}
        extra = {k: v for k, v in props.items() if _field_name(k) not in AADObject.FIELDS}
        fields = {k: v for k, v in fields.items() if k in AADObject.FIELDS}
        if extra:
            fields["extra"] = {**user.extra, **extra}
        if "immutable_id" in fields and fields["immutable_id"]:
            holder = self.by_immutable_id(fields["immutable_id"])
            if holder and holder is not user:
                raise AzureADError("Uniqueness violation. Property: SourceAnchor.",
                                   "UniquenessValidationException")
        return self.update(user, **fields)

    def set_user_principal_name(self, object_id, new_upn: str) -> AADObject:
        user = self.find_user(object_id)
        holder = self.by_upn(new_upn)
        if holder and holder is not user:
            raise AzureADError("The user principal name is already used by another object.",
                               "PropertyAlreadyExistsException")
        self._check_upn_domain(new_upn)
        return self.recalculate_proxies(self.update(user, user_principal_name=new_upn))

    def assign_license(self, object_id, account_sku_id: str, disabled_plans=()) -> AADObject:
        user = self.find_user(object_id)
        sku = self.skus.get(account_sku_id.lower())
        if sku is None or any(l["AccountSkuId"].lower() == account_sku_id.lower()
                              for l in user.licenses):
            raise AzureADError(INVALID_LICENSE, "InvalidLicenseException")
        if not user.usage_location:
            raise AzureADError("You must provide a required property: Parameter name: "
                               "UsageLocation", "RequiredPropertyNotSetException")
        self._check_plans(sku, disabled_plans)
        lic = {"AccountSkuId": sku["AccountSkuId"], "DisabledPlans": list(disabled_plans or ())}
        return self.recalculate_proxies(self.update(user, licenses=user.licenses + [lic]))

    def set_license_options(self, object_id, account_sku_id: str, disabled_plans) -> AADObject:
        """Set-MsolUserLicense -LicenseOptions on an assigned SKU: replace its disabled plans
        (None or empty enables every plan)."""
        user = self.find_user(object_id)
        key = account_sku_id.lower()
        sku = self.skus.get(key)
        if sku is None or not any(l["AccountSkuId"].lower() == key for l in user.licenses):
            raise AzureADError(INVALID_LICENSE, "InvalidLicenseException")
        self._check_plans(sku, disabled_plans)
        licenses = [{**l, "DisabledPlans": list(disabled_plans or ())}
                    if l["AccountSkuId"].lower() == key else l for l in user.licenses]
        return self.recalculate_proxies(self.update(user, licenses=licenses))

    @staticmethod
    def _check_plans(sku: dict, disabled_plans) -> None:
        known = {p.lower() for p in sku["ServicePlans"]}
        if any(p.lower() not in known for p in disabled_plans or ()):
            raise AzureADError(INVALID_LICENSE, "InvalidLicenseException")

    def remove_license(self, object_id, account_sku_id: str) -> AADObject:
        user = self.find_user(object_id)
        kept = [l for l in user.licenses if l["AccountSkuId"].lower() != account_sku_id.lower()]
        if len(kept) == len(user.licenses):
            raise AzureADError(INVALID_LICENSE, "InvalidLicenseException")
        return self.update(user, licenses=kept)

    def enabled_plans(self, user: AADObject) -> list[str]:
        plans = []
        for lic in user.licenses:
            sku = self.skus.get(lic["AccountSkuId"].lower())
            plans += [p for p in (sku or {}).get("ServicePlans", ())
                      if p not in lic.get("DisabledPlans", ())]
        return plans

    def service_status(self, user: AADObject, account_sku_id: str) -> list[dict]:
        """Licenses[].ServiceStatus: each plan of the SKU with its ProvisioningStatus."""
        lic = next((l for l in user.licenses
                    if l["AccountSkuId"].lower() == account_sku_id.lower()), None)
        sku = self.skus.get(account_sku_id.lower())
        if lic is None or sku is None:
            return []
        out = []
        for plan in sku["ServicePlans"]:
            if plan in lic.get("DisabledPlans", ()):
                status = "Disabled"
            elif plan.startswith("EXCHANGE_S_") and user.validation_status == "Error":
                status = "PendingInput"
            else:
                status = "Success"
            out.append({"ServicePlan": {"ServiceName": plan, "ServiceType": _service_type(plan),
                                        "TargetClass": "User"}, "ProvisioningStatus": status})
        return out

    def has_exchange_plan(self, user: AADObject) -> bool:
        return any(p.startswith("EXCHANGE_S_") for p in self.enabled_plans(user))

    # ----- directory synchronization --------------------------------------------------------------
    def set_dirsync_enabled(self, enabled: bool) -> None:
        """Set-MsolDirSyncEnabled. Off: every synced object becomes a cloud object at once (the
        real switch takes up to 72 hours) and keeps its ImmutableId, so that after turning it
        back on the next export hard-matches it again (InvalidHardMatch while
        BlockCloudObjectTakeoverThroughHardMatch is on)."""
        self.company["DirectorySynchronizationEnabled"] = bool(enabled)
        if enabled:
            return
        for obj in [o for o in self.objects.values() if o.dirsync_enabled]:
            self.update(obj, dirsync_enabled=False)

    @property
    def dirsync_enabled(self) -> bool:
        return bool(self.company.get("DirectorySynchronizationEnabled", True))

    # ----- deletion, recycle bin, restore ------------------------------------------------------
    def soft_delete(self, obj: AADObject) -> None:
        """Users go to the recycle bin for 30 days, without their licences (Remove-MsolUser
        "deletes the user, their licenses, and any other associated data"); groups and
        contacts are gone at once."""
        if obj.object_type != "User":
            self.purge(obj)
            return
        self.update(obj, soft_deletion_timestamp=self.clock.now, dirsync_enabled=False,
                    licenses=[])
        self.clock.schedule(self.clock.now + timedelta(days=RECYCLE_BIN_DAYS),
                            "recycle-bin-purge", obj.object_id)

    def purge(self, obj: AADObject) -> None:
        self._unindex(obj)
        del self.objects[obj.object_id]
        for group in self.of_type("Group"):
            if obj.object_id in group.members:
                self.update(group, members=[m for m in group.members if m != obj.object_id])
        self.changed(obj.object_id)

    def purge_expired(self, object_id) -> None:
        obj = self.get(object_id)
        if obj and obj.is_deleted and self.clock.now - obj.soft_deletion_timestamp >= \
                timedelta(days=RECYCLE_BIN_DAYS):
            self.purge(obj)

    def remove_user(self, object_id, remove_from_recycle_bin: bool = False) -> None:
        """Remove-MsolUser [-RemoveFromRecycleBin]."""
        user = self._user_in(object_id, deleted=remove_from_recycle_bin)
        if remove_from_recycle_bin:
            self.purge(user)
        else:
            self.soft_delete(user)

    def _user_in(self, object_id, deleted: bool) -> AADObject:
        text = str(object_id)
        user = self.get(text) or (next(iter(self.deleted_by_upn(text)), None) if deleted
                                  else self.by_upn(text))
        if user is None or user.object_type != "User" or user.is_deleted != deleted:
            raise AzureADError(f"User Not Found.  User: {text}.", "UserNotFoundException")
        return user

    def restore_user(self, object_id, new_user_principal_name: str | None = None,
                     auto_reconcile_proxy_conflicts: bool = False) -> AADObject:
        """Restore-MsolUser with its two documented conflict errors."""
        user = self._user_in(object_id, deleted=True)
        upn = new_user_principal_name or user.user_principal_name
        if self.by_upn(upn):
            raise AzureADError(_RESTORE_ERROR + "UserPrincipalName", "UserRestoreException")
        taken = [p for p in user.proxy_addresses if p.lower().startswith("smtp:")
                 and self.by_address(p)]
        if taken and not auto_reconcile_proxy_conflicts:
            raise AzureADError(_RESTORE_ERROR + "proxyAddress", "UserRestoreException")
        proxies = [p for p in user.proxy_addresses if p not in taken]
        self.clock.cancel("recycle-bin-purge", user.object_id)
        self.update(user, soft_deletion_timestamp=None, user_principal_name=upn,
                    proxy_addresses=proxies)
        return user


_RESTORE_ERROR = ("The specified user account cannot be restored because of the following "
                  "error: Error Type ")


def _field_name(cmdlet_name: str) -> str:
    """UsageLocation -> usage_location (Set-MsolUser parameter to record field)."""
    out = "".join("_" + c.lower() if c.isupper() else c for c in cmdlet_name).lstrip("_")
    return {"first_name": "first_name", "immutable_id": "immutable_id"}.get(out, out)


def _service_type(plan: str) -> str:
    for prefix, kind in (("EXCHANGE", "Exchange"), ("SHAREPOINT", "SharePoint"),
                         ("MCO", "MicrosoftCommunicationsOnline"), ("OFFICE", "MicrosoftOffice"),
                         ("YAMMER", "YammerEnterprise"), ("RMS", "AADRM")):
        if plan.upper().startswith(prefix):
            return kind
    return plan.split("_")[0].capitalize()
