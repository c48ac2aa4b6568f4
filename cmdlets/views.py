"""Every product record's default view, in one place (as PowerShell keeps them in its
*.format.ps1xml files). Core views live in msolsh/runtime/formatting/views.py.

Each product has its own section; edit only inside yours.
"""
from msolsh.runtime.formatting.views import Column, register_view  # noqa: F401

# ==== ActiveDirectory ====
# The real module ships no views for ADUser/ADGroup/ADObject/ADOrganizationalUnit/ADPrincipal/
# ADDomain/ADForest: records show every property (alphabetical, as the module orders them), as
# a list when there are more than four. Registering fixed columns here would hide -Properties.
# ADEntity objects carry hidden members (PropertyNames, PropertyCount...) that push even a
# four-property ADObject past pwsh's table limit, so every AD record shows as a list.
register_view("Microsoft.ActiveDirectory.Management.ADEntity", "list")
# ==== end ActiveDirectory ====

# ==== ExchangeOnPremises ====
# Get-RemoteMailbox's default table [R: columns as remembered from Exchange 2013-2019 EMS].
register_view("Microsoft.Exchange.Data.Directory.Management.RemoteMailbox", "table", [
    Column("Name"), Column("RecipientTypeDetails"), Column("RemoteRecipientType")])
# ==== end ExchangeOnPremises ====

# ==== ADSync ====
# Types are Microsoft.IdentityManagement.PowerShell.ObjectModel.*; list views keep the real
# property order. [unverified] names and layouts are listed in docs/fidelity.md.
_ADSYNC = "Microsoft.IdentityManagement.PowerShell.ObjectModel."
register_view(_ADSYNC + "SchedulerOperationResult", "table", [Column("Result")])
register_view(_ADSYNC + "RunProfileInvocationResult", "table", [Column("Result")])
register_view(_ADSYNC + "ConnectorRunStatus", "table", [
    Column("RunState"), Column("ConnectorName")])
register_view(_ADSYNC + "SchedulerSettings", "list", [Column(n) for n in (
    "AllowedSyncCycleInterval", "CurrentlyEffectiveSyncCycleInterval",
    "CustomizedSyncCycleInterval", "NextSyncCyclePolicyType", "NextSyncCycleStartTimeInUTC",
    "PurgeRunHistoryInterval", "SyncCycleEnabled", "MaintenanceEnabled", "StagingModeEnabled",
    "SchedulerSuspended", "SyncCycleInProgress")])
register_view(_ADSYNC + "SchedulerConnectorOverride", "table", [
    Column("ConnectorIdentifier"), Column("FullImportRequired"), Column("FullSyncRequired")])
register_view(_ADSYNC + "ExportDeletionThreshold", "table", [
    Column("DeletionPrevention"), Column("ThresholdPercentage"), Column("ThresholdCount")])
register_view(_ADSYNC + "MvObject", "list", [
    Column("ObjectId"), Column("ObjectType"), Column("Lineage"), Column("Attributes")])
register_view(_ADSYNC + "GlobalSettings", "list", [
    Column("Version"), Column("InstanceId"), Column("SqlSchemaVersion"), Column("Parameters")])
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
register_view(_MSOL + "LicenseOption", "list", [
    Column("ExtensionData"), Column("AccountSkuId"), Column("DisabledServicePlans")])
register_view(_MSOL + "DirSyncProvisioningErrorObject", "list", [Column(n) for n in (
    "ObjectId", "DisplayName", "UserPrincipalName", "ObjectType", "LastDirSyncTime",
    "ProvisioningErrors")])
# ==== end MSOnline ====

# ==== ExchangeOnline ====
# EXO V3's fixed widths (cmdlets.md §3.2); the other tables are [R] (docs/fidelity.md).
_EXO = "Microsoft.Exchange.Data.Directory.Management."
register_view(_EXO + "Mailbox", "table", [
    Column("Name", width=25), Column("Alias", width=15), Column("Database", width=30),
    Column("ProhibitSendQuota", width=20), Column("ExternalDirectoryObjectId")])
register_view(_EXO + "MailUser", "table", [Column("Name"), Column("RecipientType")])
register_view(_EXO + "User", "table", [Column("Name"), Column("RecipientType")])
register_view(_EXO + "ReducedRecipient", "table", [Column("Name"), Column("RecipientType")])
register_view(_EXO + "MailContact", "table", [
    Column("Name"), Column("Alias"), Column("RecipientType")])
register_view(_EXO + "DistributionGroup", "table", [
    Column("Name"), Column("DisplayName"), Column("GroupType"), Column("PrimarySmtpAddress")])
# ==== end ExchangeOnline ====

# ==== Training ====
register_view("Msolsh.Training.ForwardSyncRequest", "table", [
    Column("ObjectType"), Column("DisplayName"), Column("ObjectId"), Column("ForwardSyncDueUTC")])
register_view("Msolsh.Training.SyncCycleWait", "list", [
    Column("Waited"), Column("PolicyType"), Column("CycleStartTimeUTC"), Column("Result"),
    Column("NextSyncCycleStartTimeInUTC"), Column("ForwardSyncDueUTC"), Column("CurrentTimeUTC")])
register_view("Msolsh.Training.ObjectTraceStage", "table", [
    Column("Stage", width=24), Column("Status", width=8), Column("Detail")])
register_view("System.Management.Automation.PSModuleInfo", "table", [
    Column("ModuleType", width=10), Column("Version", width=10), Column("Name", width=35),
    Column("ExportedCommands")])
register_view("System.Management.Automation.PSModuleInfo#ListAvailable", "table", [
    Column("ModuleType", width=10), Column("Version", width=10), Column("Name", width=35),
    Column("ExportedCommands")], group_by="Directory", group_label="Directory")
# ==== end Training ====
