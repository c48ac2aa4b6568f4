"""What Azure AD does with an export from Azure AD Connect.

Hard match, soft match (primary SMTP, then UPN when enabled; never onto an object that already
has an immutableId or onto an admin), the export errors with their real ErrorType names,
UPN/MOERA calculation, ProxyCalc's unverified-domain rule, and duplicate-attribute resiliency
(placeholder UPN with 4 seeded digits, quarantined SMTP values, DirSyncProvisioningErrors,
cleared once the other object lets go). Knows nothing of the shell or of the sync engine.
"""
from __future__ import annotations

import re

from .aad import AADObject, primary_smtp, smtp_addresses
from .errors import ExportError

MAX_PROXY_ADDRESSES = 300
MAX_CERTIFICATES = 15
MAX_DISPLAY_NAME = 256
UPN_PATTERN = re.compile(r"^[A-Za-z0-9'._\-!#^~$&]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")
EXCHANGE_KEYS = ("msExchMailboxGuid", "msExchArchiveGUID", "msExchArchiveName",
                 "msExchRecipientTypeDetails", "msExchRecipientDisplayType",
                 "msExchRemoteRecipientType", "msExchHideFromAddressLists", "targetAddress",
                 "legacyExchangeDN", "msExchLitigationHoldDate", "msExchUserHoldPolicies")
ON_PREMISES_KEYS = ("onPremisesSamAccountName", "onPremiseSecurityIdentifier", "commonName",
                    "onPremisesUserPrincipalName", "dnsDomainName", "netBiosName")
USER_FIELDS = {"displayName": "display_name", "givenName": "first_name", "surname": "last_name",
               "city": "city", "state": "state", "country": "country",
               "department": "department", "title": "title", "telephoneNumber": "phone_number",
               "mobile": "mobile_phone", "physicalDeliveryOfficeName": "office",
               "postalCode": "postal_code", "streetAddress": "street_address", "mail": "mail"}
# MsolUser properties without a record field of their own (kept in AADObject.extra, where
# Set-MsolUser puts them too)
EXTRA_FIELDS = {"facsimileTelephoneNumber": "Fax"}
HARD_MATCH_BLOCKED = ("Another cloud created object with the same source anchor already exists "
                      "in Azure Active Directory")
FEDERATED_CHANGE = ("Unable to update this object in Azure Active Directory, because the "
                    "attribute [FederatedUser.UserPrincipalName], is not valid. Update the value "
                    "in your local directory services.")


def duplicate_message(prop: str, value: str) -> str:
    return ("Unable to update this object because the following attributes associated with this "
            "object have values that may already be associated with another object in your local "
            f"directory services: [{prop} {value};]. Correct or remove the duplicate values in "
            "your local directory.")


AAD_TYPES = {"user": "User", "inetorgperson": "User", "group": "Group", "contact": "Contact"}


class Provisioner:
    def __init__(self, aad):
        self.aad = aad

    @property
    def features(self) -> dict:
        return self.aad.features

    # ----- entry points ----------------------------------------------------------------------
    def export(self, operation: str, cs_type: str, attrs: dict, object_id=None) -> str:
        """Apply one pending export Add/Update; returns the Azure AD ObjectId."""
        kind = AAD_TYPES[cs_type.lower()]
        target = self.aad.get(object_id) if object_id else None
        if target is None:
            target = self._match(kind, attrs)
        elif not target.dirsync_enabled and not target.is_deleted:
            self._take_over(target)  # cloud-mastered since (dir sync was switched off)
        changes, errors = self._changes(kind, attrs, target)
        if target is None:
            obj = AADObject(object_type=kind, **changes)
            obj.provisioning_errors = errors
            self.aad.insert(obj)
            return obj.object_id
        if target.is_deleted:
            self.aad.clock.cancel("recycle-bin-purge", target.object_id)
            changes["soft_deletion_timestamp"] = None
        changes["provisioning_errors"] = errors
        self.aad.update(target, **changes)
        return target.object_id

    def delete(self, object_id: str) -> None:
        obj = self.aad.get(object_id)
        if obj is not None and not obj.is_deleted:
            self.aad.soft_delete(obj)

    # ----- matching --------------------------------------------------------------------------
    def _match(self, kind: str, attrs: dict) -> AADObject | None:
        anchor = attrs.get("sourceAnchor")
        hard = self.aad.by_immutable_id(anchor) if anchor else None
        if hard is not None:
            if hard.object_type != kind:
                raise ExportError("ObjectTypeMismatch", duplicate_message("SourceAnchor", anchor))
            if not hard.dirsync_enabled and \
                    self.features["BlockCloudObjectTakeoverThroughHardMatch"]:
                raise ExportError("InvalidHardMatch", HARD_MATCH_BLOCKED)
            return hard
        if self.features["BlockSoftMatch"] or (kind == "Group" and not attrs.get("mailEnabled")):
            return None
        return self._soft_match(kind, attrs)

    def _take_over(self, target: AADObject) -> None:
        if self.features["BlockCloudObjectTakeoverThroughHardMatch"]:
            raise ExportError("InvalidHardMatch", HARD_MATCH_BLOCKED)

    def _soft_match(self, kind: str, attrs: dict) -> AADObject | None:
        smtp = primary_smtp(attrs.get("proxyAddresses"))
        candidates = [("ProxyAddresses", "SMTP:" + smtp, self.aad.by_address(smtp))] if smtp \
            else []
        if kind == "User" and self.features["EnableSoftMatchOnUpn"] and \
                attrs.get("userPrincipalName"):
            upn = attrs["userPrincipalName"]
            candidates.append(("UserPrincipalName", upn, self.aad.by_upn(upn)))
        for prop, value, found in candidates:
            if found is None:
                continue
            if found.object_type != kind:
                raise ExportError("ObjectTypeMismatch", duplicate_message(prop, value))
            if found.immutable_id:
                resilient = self.features["DuplicateProxyAddressResiliency"
                                           if prop == "ProxyAddresses" else "DuplicateUPNResiliency"]
                if resilient:
                    return None  # a new object is created; the value gets quarantined
                raise ExportError("InvalidSoftMatch", duplicate_message(prop, value))
            if found.roles:
                raise ExportError("AdminRoleConflict",
                                  "Soft match is not allowed for a user that holds an "
                                  "administrator role.")
            return found
        return None

    # ----- attribute application -------------------------------------------------------------
    def _changes(self, kind: str, attrs: dict, target: AADObject | None):
        errors = list(target.provisioning_errors) if target else []
        self._check_limits(attrs)
        changes = {"immutable_id": attrs.get("sourceAnchor"), "dirsync_enabled": True,
                   "last_dirsync_time": self.aad.clock.now,
                   "display_name": attrs.get("displayName"), "mail": attrs.get("mail"),
                   "description": attrs.get("description")}
        if kind == "User":
            changes.update(self._user_changes(attrs, target, errors))
        elif kind == "Group":
            sec, mail = bool(attrs.get("securityEnabled")), bool(attrs.get("mailEnabled"))
            changes.update(security_enabled=sec, mail_enabled=mail, members=attrs.get("member", []),
                           group_type="MailEnabledSecurity" if sec and mail else
                           "DistributionList" if mail else "Security",
                           mail_nickname=attrs.get("alias"))
        else:
            changes.update(first_name=attrs.get("givenName"), last_name=attrs.get("surname"),
                           mail_nickname=attrs.get("alias"),
                           exchange={"targetAddress": attrs.get("targetAddress")})
        changes["proxy_addresses"] = self._proxies(kind, attrs, target, errors)
        changes["shadow"] = {"userPrincipalName": attrs.get("userPrincipalName"),
                             "proxyAddresses": list(attrs.get("proxyAddresses") or [])}
        return changes, errors

    def _check_limits(self, attrs: dict) -> None:
        for name in ("userCertificate", "userSMIMECertificate"):
            if len(attrs.get(name) or ()) > MAX_CERTIFICATES:
                raise ExportError("LargeObject", f"The provided value for the property '{name}' "
                                  f"exceeds the maximum allowed number of values "
                                  f"({MAX_CERTIFICATES}).")
        if len(attrs.get("proxyAddresses") or ()) > MAX_PROXY_ADDRESSES:
            raise ExportError("LargeObject", "The object exceeds the maximum allowed size "
                              "(too many values in proxyAddresses).")
        if len(attrs.get("displayName") or "") > MAX_DISPLAY_NAME:
            raise ExportError("ExceededAllowedLength", "The value of the property 'displayName' "
                              f"exceeds the allowed length ({MAX_DISPLAY_NAME}).")

    def _user_changes(self, attrs: dict, target, errors: list) -> dict:
        changes = {field: attrs.get(name) for name, field in USER_FIELDS.items()}
        extra = {k: v for k, v in (target.extra if target else {}).items()
                 if k not in EXTRA_FIELDS.values()}
        extra.update({prop: attrs[name] for name, prop in EXTRA_FIELDS.items() if attrs.get(name)})
        changes["extra"] = extra
        changes["block_credential"] = attrs.get("accountEnabled") is False
        if attrs.get("usageLocation"):
            changes["usage_location"] = attrs["usageLocation"]
        changes["exchange"] = {k: attrs[k] for k in EXCHANGE_KEYS if k in attrs}
        changes["on_premises"] = {k: attrs[k] for k in ON_PREMISES_KEYS if k in attrs}
        nickname = target.mail_nickname if target and target.mail_nickname and \
            not attrs.get("alias") else self._mail_nickname(attrs)
        changes["mail_nickname"] = nickname
        changes["user_principal_name"] = self._upn(attrs, target, nickname, errors)
        return changes

    @staticmethod
    def _mail_nickname(attrs: dict) -> str | None:
        """First of: mailNickname, primary SMTP prefix, mail prefix, UPN prefix, smtp prefix."""
        proxies = attrs.get("proxyAddresses")
        for value in (attrs.get("alias"), primary_smtp(proxies), attrs.get("mail"),
                      attrs.get("userPrincipalName"), next(iter(smtp_addresses(proxies)), None)):
            if value:
                return value.split("@")[0]
        return None

    def _upn(self, attrs: dict, target, nickname: str, errors: list) -> str:
        desired = attrs.get("userPrincipalName") or ""
        if not UPN_PATTERN.match(desired):
            raise ExportError("DataValidationFailed",
                              f"The value '{desired}' of property 'UserPrincipalName' is not valid.")
        if target is not None and target.dirsync_enabled and \
                (target.shadow.get("userPrincipalName") or "").lower() == desired.lower():
            return target.user_principal_name  # recalculated only when the on-prem UPN changes
        suffix = desired.rsplit("@", 1)[1]
        upn = desired if self._verified(suffix) else f"{nickname}@{self.aad.initial_domain}"
        if target is not None and target.dirsync_enabled:
            old_suffix = (target.user_principal_name or "@").rsplit("@", 1)[1]
            if self.aad.is_federated(old_suffix) and self.aad.is_federated(suffix) and \
                    old_suffix.lower() != suffix.lower():
                raise ExportError("FederatedDomainChangeError", FEDERATED_CHANGE)
            if target.licenses and not self.aad.is_federated(suffix) and \
                    not self.features["SynchronizeUpnForManagedUsers"]:
                return target.user_principal_name
        holder = self.aad.by_upn(upn)
        if holder is not None and holder is not target:
            if not self.features["DuplicateUPNResiliency"]:
                raise ExportError("AttributeValueMustBeUnique",
                                  duplicate_message("UserPrincipalName", upn))
            self._quarantine(errors, "UserPrincipalName", upn)
            upn = f"{upn.split('@')[0]}{self.aad.ids.four_digits()}@{self.aad.initial_domain}"
        else:
            self._release(errors, "UserPrincipalName")
        return upn

    def _verified(self, domain: str) -> bool:
        return self.aad.is_verified(domain) or domain.lower().endswith(self.aad.initial_domain)

    def _proxies(self, kind: str, attrs: dict, target, errors: list) -> list[str]:
        mailbox_user = kind == "User" and (
            any(k in attrs for k in ("msExchRecipientTypeDetails", "msExchRemoteRecipientType"))
            or (target is not None and self.aad.has_exchange_plan(target)))
        kept = []
        quarantined = set()
        for value in attrs.get("proxyAddresses") or ():
            is_smtp = value.lower().startswith("smtp:")
            if is_smtp and mailbox_user and not self._verified(value.rsplit("@", 1)[-1]):
                continue  # ProxyCalc drops unverified-domain addresses of mailbox users
            holder = self.aad.by_address(value) if is_smtp else None
            if holder is not None and holder is not target:
                if not self.features["DuplicateProxyAddressResiliency"]:
                    raise ExportError("AttributeValueMustBeUnique",
                                      duplicate_message("ProxyAddresses", value))
                self._quarantine(errors, "ProxyAddresses", value)
                quarantined.add(value.lower())
                continue
            kept.append(value)
        errors[:] = [e for e in errors if e["PropertyName"] != "ProxyAddresses"
                     or e["PropertyValue"].lower() in quarantined]
        return kept

    def _quarantine(self, errors: list, prop: str, value: str) -> None:
        if any(e["PropertyName"] == prop and e["PropertyValue"].lower() == value.lower()
               for e in errors):
            return
        if prop == "UserPrincipalName":
            errors[:] = [e for e in errors if e["PropertyName"] != prop]
        errors.append({"ErrorCategory": "PropertyConflict", "PropertyName": prop,
                       "PropertyValue": value, "WhenStarted": self.aad.clock.now})

    @staticmethod
    def _release(errors: list, prop: str) -> None:
        errors[:] = [e for e in errors if e["PropertyName"] != prop]

    # ----- the resiliency timer ----------------------------------------------------------------
    def resolve_conflicts(self) -> int:
        """Apply quarantined values whose conflict is gone; returns how many were cleared."""
        cleared = 0
        for obj in self.aad.with_provisioning_errors():
            if obj.is_deleted:
                continue
            remaining, upn, proxies = [], obj.user_principal_name, list(obj.proxy_addresses)
            for e in obj.provisioning_errors:
                holder = (self.aad.by_upn(e["PropertyValue"]) if e["PropertyName"] ==
                          "UserPrincipalName" else self.aad.by_address(e["PropertyValue"]))
                if holder is not None and holder is not obj:
                    remaining.append(e)
                    continue
                cleared += 1
                if e["PropertyName"] == "UserPrincipalName":
                    upn = e["PropertyValue"]
                else:
                    proxies.append(e["PropertyValue"])
            if len(remaining) != len(obj.provisioning_errors):
                self.aad.update(obj, provisioning_errors=remaining, user_principal_name=upn,
                                proxy_addresses=proxies)
        return cleared
