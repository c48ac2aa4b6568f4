"""MSOnline output records: Azure AD objects of the tenant as the PSObjects the real module
returns (Microsoft.Online.Administration.* type names, real property names in the real order).

Pure functions from tenant records to PSObjects; nothing here changes the tenant or knows the
shell beyond PSObject.
"""
from __future__ import annotations

import uuid
from typing import Any, List, Optional

from msolsh.runtime.values import PSObject

NS = "Microsoft.Online.Administration"
USER = f"{NS}.User"
EXTENSION_DATA = "System.Runtime.Serialization.ExtensionDataObject"
CLOUD_MAILBOX_DISPLAY_TYPE = 1073741824   # CloudExchangeRecipientDisplayType of a cloud mailbox


def obj(type_name: str, pairs: List[tuple]) -> PSObject:
    return PSObject(pairs, [type_name, "System.Object"])


def extension_data() -> PSObject:
    return PSObject([], [EXTENSION_DATA, "System.Object"])


def naive(value: Any) -> Any:
    """The tenant keeps aware UTC datetimes; the shell works in naive ones."""
    return value.replace(tzinfo=None) if hasattr(value, "tzinfo") and value.tzinfo else value


def guid(value: Any) -> Optional[uuid.UUID]:
    return uuid.UUID(str(value)) if value else None


# -- errors ------------------------------------------------------------------------------------

def validation_errors(errors: List[dict]) -> Optional[List[PSObject]]:
    """Errors: $null when there are none, else ValidationError objects whose
    ErrorDetail.ObjectErrors.ErrorRecord.ErrorDescription path works as in the KBs."""
    if not errors:
        return None
    return [validation_error(e) for e in errors]


def validation_error(error: dict) -> PSObject:
    detail = error.get("ErrorDetail") or {}
    record = (detail.get("ObjectErrors") or {}).get("ErrorRecord") or {}
    error_record = obj(f"{NS}.ErrorRecord", [
        ("ErrorCode", record.get("ErrorCode")), ("ErrorDescription", record.get("ErrorDescription")),
        ("ErrorParameters", record.get("ErrorParameters"))])
    object_errors = obj(f"{NS}.ObjectErrors", [("ErrorRecord", error_record)])
    error_detail = obj(f"{NS}.ErrorDetail", [("Name", detail.get("Name")),
                                               ("ObjectErrors", object_errors)])
    return obj(f"{NS}.ValidationError", [
        ("ExtensionData", extension_data()), ("ErrorDetail", error_detail),
        ("Resolved", bool(error.get("Resolved"))), ("ServiceInstance", error.get("ServiceInstance")),
        ("Timestamp", naive(error.get("Timestamp")))])


def provisioning_errors(aad_obj: Any) -> List[PSObject]:
    """DirSyncProvisioningErrors: the values duplicate-attribute resiliency quarantined."""
    return [obj(f"{NS}.DirSyncProvisioningError", [
        ("ExtensionData", extension_data()), ("ErrorCategory", e.get("ErrorCategory")),
        ("ObjectId", guid(aad_obj.object_id)), ("PropertyName", e.get("PropertyName")),
        ("PropertyValue", e.get("PropertyValue")), ("WhenStarted", naive(e.get("WhenStarted")))])
        for e in aad_obj.provisioning_errors]


# -- licences ----------------------------------------------------------------------------------

def account_sku_identifier(account_sku_id: str) -> PSObject:
    account, _, part = account_sku_id.partition(":")
    return obj(f"{NS}.AccountSkuIdentifier", [
        ("ExtensionData", extension_data()), ("AccountName", account), ("SkuPartNumber", part)])


def service_status(entries: List[dict]) -> List[PSObject]:
    out = []
    for entry in entries:
        plan = entry["ServicePlan"]
        service_plan = obj(f"{NS}.ServicePlan", [
            ("ExtensionData", extension_data()), ("ServiceName", plan["ServiceName"]),
            ("ServicePlanId", None), ("ServiceType", plan["ServiceType"]),
            ("TargetClass", plan["TargetClass"])])
        out.append(obj(f"{NS}.ServiceStatus", [
            ("ExtensionData", extension_data()), ("ProvisioningStatus", entry["ProvisioningStatus"]),
            ("ServicePlan", service_plan)]))
    return out


def user_licenses(aad: Any, user: Any) -> List[PSObject]:
    return [obj(f"{NS}.UserLicense", [
        ("ExtensionData", extension_data()),
        ("AccountSku", account_sku_identifier(lic["AccountSkuId"])),
        ("AccountSkuId", lic["AccountSkuId"]), ("GroupsAssigningLicense", []),
        ("ServiceStatus", service_status(aad.service_status(user, lic["AccountSkuId"])))])
        for lic in user.licenses]


def license_option(account_sku_id: str, disabled: List[str]) -> PSObject:
    return obj(f"{NS}.LicenseOption", [
        ("ExtensionData", extension_data()),
        ("AccountSkuId", account_sku_identifier(account_sku_id)),
        ("DisabledServicePlans", list(disabled))])


def account_sku(aad: Any, sku: dict) -> PSObject:
    account, _, _part = sku["AccountSkuId"].partition(":")
    statuses = [obj(f"{NS}.ServiceStatus", [
        ("ExtensionData", extension_data()), ("ProvisioningStatus", "Success"),
        ("ServicePlan", obj(f"{NS}.ServicePlan", [
            ("ExtensionData", extension_data()), ("ServiceName", plan), ("ServicePlanId", None),
            ("ServiceType", _service_type(plan)), ("TargetClass", "User")]))])
        for plan in sku["ServicePlans"]]
    return obj(f"{NS}.AccountSkuDetails", [
        ("ExtensionData", extension_data()), ("AccountName", account),
        ("AccountObjectId", guid(aad.company.get("ObjectId"))),
        ("AccountSkuId", sku["AccountSkuId"]), ("ActiveUnits", sku["ActiveUnits"]),
        ("ConsumedUnits", aad.consumed_units(sku["AccountSkuId"])),
        ("ServiceStatus", statuses), ("SkuId", guid(sku["SkuId"])),
        ("SkuPartNumber", sku["SkuPartNumber"]), ("SubscriptionIds", [guid(sku["SkuId"])]),
        ("SuspendedUnits", sku.get("SuspendedUnits", 0)), ("TargetClass", "User"),
        ("WarningUnits", sku.get("WarningUnits", 0))])


def _service_type(plan: str) -> str:
    for prefix, kind in (("EXCHANGE", "Exchange"), ("SHAREPOINT", "SharePoint"),
                         ("MCO", "MicrosoftCommunicationsOnline"), ("OFFICE", "MicrosoftOffice"),
                         ("YAMMER", "YammerEnterprise"), ("RMS", "AADRM"), ("INTUNE", "SCO")):
        if plan.upper().startswith(prefix):
            return kind
    return plan.split("_")[0].capitalize()


# -- users -------------------------------------------------------------------------------------

def live_id(object_id: str) -> str:
    """A stable 16-hex-digit PUID-like LiveId derived from the ObjectId."""
    return ("1003" + object_id.replace("-", "")[:12]).upper()


def recipient_of(tenant: Any, user: Any) -> Any:
    exchange = getattr(tenant, "exchange", None)
    return exchange.by_external_id(user.object_id) if exchange is not None else None


def license_reconciliation_needed(tenant: Any, user: Any) -> bool:
    """True when Exchange Online holds an active user mailbox for an unlicensed user (shared and
    resource mailboxes need no licence)."""
    if user.licenses:
        return False
    r = recipient_of(tenant, user)
    return bool(r is not None and r.recipient_type_details == "UserMailbox" and r.is_active)


def overall_provisioning_status(user: Any) -> str:
    if not user.licenses:
        return "None"
    return "PendingInput" if user.validation_status == "Error" else "Success"


def user_record(tenant: Any, user: Any, password: Optional[str] = None) -> PSObject:
    """A Microsoft.Online.Administration.User, properties in the real (ordinal) order."""
    aad = tenant.aad
    ex = user.exchange or {}
    r = recipient_of(tenant, user)
    display_type = ex.get("msExchRecipientDisplayType")
    if display_type is None and r is not None and r.recipient_type_details == "UserMailbox":
        display_type = CLOUD_MAILBOX_DISPLAY_TYPE
    created = naive(user.when_created)
    props: List[tuple] = [
        ("ExtensionData", extension_data()),
        ("AlternateEmailAddresses", list(_extra(user, "AlternateEmailAddresses") or [])),
        ("AlternateMobilePhones", list(_extra(user, "AlternateMobilePhones") or [])),
        ("AlternativeSecurityIds", []),
        ("BlockCredential", bool(user.block_credential)), ("City", user.city),
        ("CloudExchangeRecipientDisplayType", display_type), ("Country", user.country),
        ("Department", user.department),
        ("DirSyncProvisioningErrors", provisioning_errors(user)),
        ("DisplayName", user.display_name), ("Errors", validation_errors(user.errors)),
        ("Fax", _extra(user, "Fax")), ("FirstName", user.first_name),
        ("ImmutableId", user.immutable_id), ("IndirectLicenseErrors", []),
        ("IsBlackberryUser", False), ("IsLicensed", user.is_licensed),
        ("LastDirSyncTime", naive(user.last_dirsync_time)), ("LastName", user.last_name),
        ("LastPasswordChangeTimestamp", created), ("LicenseAssignmentDetails", []),
        ("LicenseReconciliationNeeded", license_reconciliation_needed(tenant, user)),
        ("Licenses", user_licenses(aad, user)), ("LiveId", live_id(user.object_id)),
        ("MSExchRecipientTypeDetails", ex.get("msExchRecipientTypeDetails")),
        ("MSRtcSipDeploymentLocator", None), ("MSRtcSipPrimaryUserAddress", None),
        ("MobilePhone", user.mobile_phone), ("ObjectId", guid(user.object_id)),
        ("Office", user.office),
        ("OverallProvisioningStatus", overall_provisioning_status(user)),
        ("PasswordNeverExpires", bool(user.password_never_expires)),
        ("PasswordResetNotRequiredDuringActivate", None), ("PhoneNumber", user.phone_number),
        ("PortalSettings", None), ("PostalCode", user.postal_code),
        ("PreferredDataLocation", _extra(user, "PreferredDataLocation")),
        ("PreferredLanguage", _extra(user, "PreferredLanguage")),
        ("ProxyAddresses", list(user.proxy_addresses)), ("ReleaseTrack", None),
        ("ServiceInformation", []), ("SignInName", user.user_principal_name),
        ("SoftDeletionTimestamp", naive(user.soft_deletion_timestamp)), ("State", user.state),
        ("StreetAddress", user.street_address), ("StrongAuthenticationMethods", []),
        ("StrongAuthenticationPhoneAppDetails", []), ("StrongAuthenticationProofupTime", None),
        ("StrongAuthenticationRequirements", []), ("StrongAuthenticationUserDetails", None),
        ("StrongPasswordRequired", _extra(user, "StrongPasswordRequired", True)),
        ("StsRefreshTokensValidFrom", created), ("Title", user.title),
        ("UsageLocation", user.usage_location),
        ("UserLandingPageIdentifierForO365Shell", None),
        ("UserPrincipalName", user.user_principal_name),
        ("UserThemeIdentifierForO365Shell", None), ("UserType", user.user_type),
        ("ValidationStatus", user.validation_status), ("WhenCreated", created)]
    names = [USER, "System.Object"]
    if password is not None:
        props.insert(1, ("Password", password))
        names.insert(0, USER + "#NewMsolUser")
    return PSObject(props, names)


def _extra(aad_obj: Any, name: str, default: Any = None) -> Any:
    return (aad_obj.extra or {}).get(name, default)


# -- groups, members, contacts -------------------------------------------------------------------

def group_record(group: Any) -> PSObject:
    return obj(f"{NS}.Group", [
        ("ExtensionData", extension_data()),
        ("CommonName", (group.on_premises or {}).get("commonName")),
        ("Description", group.description),
        ("DirSyncProvisioningErrors", provisioning_errors(group)),
        ("DisplayName", group.display_name), ("EmailAddress", _email(group)),
        ("Errors", validation_errors(group.errors)), ("GroupType", group.group_type),
        ("IsSystem", False), ("LastDirSyncTime", naive(group.last_dirsync_time)),
        ("Licenses", []), ("ManagedBy", None),
        ("ObjectId", guid(group.object_id)), ("ProxyAddresses", list(group.proxy_addresses)),
        ("ValidationStatus", group.validation_status)])


def member_record(member: Any) -> PSObject:
    kind = member.object_type if member.object_type in ("User", "Group", "Contact") else "User"
    return obj(f"{NS}.GroupMember", [
        ("ExtensionData", extension_data()),
        ("CommonName", (member.on_premises or {}).get("commonName")),
        ("DisplayName", member.display_name),
        ("EmailAddress", _email(member) or (member.user_principal_name if kind == "User" else None)),
        ("GroupMemberType", kind), ("ObjectId", guid(member.object_id))])


def contact_record(contact: Any) -> PSObject:
    return obj(f"{NS}.Contact", [
        ("ExtensionData", extension_data()), ("City", contact.city), ("Country", contact.country),
        ("Department", contact.department),
        ("DirSyncProvisioningErrors", provisioning_errors(contact)),
        ("DisplayName", contact.display_name), ("EmailAddress", _email(contact)),
        ("Errors", validation_errors(contact.errors)), ("Fax", _extra(contact, "Fax")),
        ("FirstName", contact.first_name), ("LastDirSyncTime", naive(contact.last_dirsync_time)),
        ("LastName", contact.last_name), ("MobilePhone", contact.mobile_phone),
        ("ObjectId", guid(contact.object_id)), ("Office", contact.office),
        ("PhoneNumber", contact.phone_number), ("PostalCode", contact.postal_code),
        ("ProxyAddresses", list(contact.proxy_addresses)), ("State", contact.state),
        ("StreetAddress", contact.street_address), ("Title", contact.title),
        ("UserPrincipalName", contact.user_principal_name),
        ("ValidationStatus", contact.validation_status)])


def _email(aad_obj: Any) -> Optional[str]:
    primary = next((p[5:] for p in aad_obj.proxy_addresses or () if p.startswith("SMTP:")), None)
    return primary or aad_obj.mail
