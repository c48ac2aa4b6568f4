"""Every product record's default view, in one place (as PowerShell keeps them in its
*.format.ps1xml files). Core views live in msolsh/runtime/formatting/views.py.

Each product has its own section; edit only inside yours.
"""
from msolsh.runtime.formatting.views import Column, register_view  # noqa: F401

# ==== ActiveDirectory ====
# ==== end ActiveDirectory ====

# ==== ExchangeOnPremises ====
# ==== end ExchangeOnPremises ====

# ==== ADSync ====
# ==== end ADSync ====

# ==== MSOnline ====
# Widths are those of the documentation samples; [R] columns are listed in docs/fidelity.md.
_MSOL = "Microsoft.Online.Administration."
register_view(_MSOL + "User", "table", [
    Column("UserPrincipalName", width=37), Column("DisplayName", width=21),
    Column("isLicensed", "IsLicensed")])
register_view(_MSOL + "User#NewMsolUser", "table", [
    Column("Password"), Column("UserPrincipalName"), Column("DisplayName"),
    Column("isLicensed", "IsLicensed")])
register_view(_MSOL + "AccountSkuDetails", "table", [
    Column("AccountSkuId"), Column("ActiveUnits"), Column("WarningUnits"), Column("ConsumedUnits")])
register_view(_MSOL + "Group", "table", [
    Column("ObjectId"), Column("DisplayName"), Column("GroupType"), Column("Description")])
register_view(_MSOL + "GroupMember", "table", [
    Column("GroupMemberType"), Column("EmailAddress"), Column("DisplayName")])
register_view(_MSOL + "Contact", "table", [Column("EmailAddress"), Column("DisplayName")])
register_view(_MSOL + "Domain", "table", [
    Column("Name"), Column("Status"), Column("Authentication")])
register_view(_MSOL + "DirSyncFeature", "table", [Column("DirSyncFeature"), Column("Enabled")])
register_view(_MSOL + "Company", "list", [Column(n) for n in (
    "DisplayName", "PreferredLanguage", "Street", "City", "State", "PostalCode", "Country",
    "CountryLetterCode", "TelephoneNumber", "MarketingNotificationEmails",
    "TechnicalNotificationEmails", "SelfServePasswordResetEnabled",
    "UsersPermissionToCreateGroupsEnabled", "UsersPermissionToCreateLOBAppsEnabled",
    "UsersPermissionToReadOtherUsersEnabled", "UsersPermissionToUserConsentToAppEnabled",
    "DirectorySynchronizationEnabled", "DirSyncServiceAccount", "LastDirSyncTime",
    "LastPasswordSyncTime", "PasswordSynchronizationEnabled")])
register_view(_MSOL + "DirSyncProvisioningErrorObject", "list", [Column(n) for n in (
    "ObjectId", "DisplayName", "UserPrincipalName", "ObjectType", "LastDirSyncTime",
    "ProvisioningErrors")])
# ==== end MSOnline ====

# ==== ExchangeOnline ====
# ==== end ExchangeOnline ====

# ==== Training ====
# ==== end Training ====
