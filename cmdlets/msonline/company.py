"""Tenant-wide MSOnline cmdlets: domains, company information, directory-sync switches and
features, duplicate-attribute provisioning errors, and Redo-MsolProvision* (the admin's retry
of forward sync).

Reads and changes the tenant's Azure AD through its public API (company, domains, features,
with_provisioning_errors, set_feature, request_forward_sync). Knows nothing of the REPL.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator, List, Optional

from msolsh.runtime.cmdlet import Parameter, Switch
from msolsh.runtime.values import PSObject

from .connect import (MsolCmdlet, MsolExample, complete_domains, complete_features,
                      completer_for, msol_cmdlet)
from .groups import ListCmdlet, invalid_value
from .records import NS, extension_data, guid, naive, obj, provisioning_errors
from .users import user_not_found
from .users_admin import CONFIRM_QUERY

DOMAIN_STATUS = ("Verified", "Unverified", "PendingDeletion")
AUTHENTICATION = ("Managed", "Federated")
CAPABILITIES = ("None", "Email", "Sharepoint", "OfficeCommunicationsOnline", "All")
ONE_WAY_FEATURES = ("EnableSoftMatchOnUpn", "SynchronizeUpnForManagedUsers")
TOGGLE_FEATURES = ("BlockSoftMatch", "BlockCloudObjectTakeoverThroughHardMatch")
SORT_FIELDS = ("DisplayName", "UserPrincipalName", "None")
SORT_DIRECTIONS = ("Ascending", "Descending")


def domain_record(domain: dict) -> PSObject:
    name = domain["Name"]
    return obj(f"{NS}.Domain", [
        ("ExtensionData", extension_data()), ("Authentication", domain["Authentication"]),
        ("Capabilities", domain.get("Capabilities", "None")),
        ("IsDefault", bool(domain.get("IsDefault"))), ("IsInitial", bool(domain.get("IsInitial"))),
        ("Name", name), ("RootDomain", domain.get("RootDomain")), ("Status", domain["Status"])])


@msol_cmdlet("Get-MsolDomain", default_set="ListDomains__0", output_type=f"{NS}.Domain")
class GetMsolDomain(MsolCmdlet):
    """Gets domains from Azure Active Directory.

    Shows whether each domain is verified and whether it is Managed or Federated, which decides
    what a UPN change between domains needs."""
    examples = [MsolExample("Get-MsolDomain", "Lists the tenant's domains."),
                MsolExample("Get-MsolDomain -Authentication Federated", "Lists the federated domains.")]
    DomainName = Parameter(str, set="GetDomain__0", mandatory=True, pipeline_by_property=True,
                           complete=complete_domains, help="Specifies the fully qualified "
                                                           "domain name to get.")
    Status = Parameter(str, set="ListDomains__0", complete=completer_for(DOMAIN_STATUS),
                       help="Specifies the status: Verified, Unverified or PendingDeletion.")
    Authentication = Parameter(str, set="ListDomains__0", complete=completer_for(AUTHENTICATION),
                               help="Specifies the authentication type: Managed or Federated.")
    Capability = Parameter(str, set="ListDomains__0", complete=completer_for(CAPABILITIES),
                           help="Specifies the capability of the domains to get.")

    def begin(self) -> None:
        self.Status = self.enum_value("Status", self.Status, f"{NS}.DomainStatus", DOMAIN_STATUS)
        self.Authentication = self.enum_value("Authentication", self.Authentication,
                                              f"{NS}.DomainAuthenticationType", AUTHENTICATION)
        self.Capability = self.enum_value("Capability", self.Capability,
                                          f"{NS}.DomainCapabilities", CAPABILITIES)
        super().begin()

    def run(self) -> Iterator[Any]:
        if self.parameter_set == "GetDomain__0":
            domain = self.aad.domain(self.DomainName)
            if domain is None:
                self.fail(f"Domain {self.DomainName} does not exist.", "DomainNotFoundException")
                return
            yield domain_record(domain)
            return
        for domain in self.aad.domains.values():
            if self.Status and domain["Status"] != self.Status:
                continue
            if self.Authentication and domain["Authentication"] != self.Authentication:
                continue
            if self.Capability and self.Capability not in ("None", "All") and \
                    self.Capability not in domain.get("Capabilities", ""):
                continue
            yield domain_record(domain)


@msol_cmdlet("Get-MsolCompanyInformation", output_type=f"{NS}.Company")
class GetMsolCompanyInformation(MsolCmdlet):
    """Gets company-level information.

    DirectorySynchronizationEnabled says whether directory sync is on; LastDirSyncTime is the
    last export from Azure AD Connect."""
    examples = [MsolExample("Get-MsolCompanyInformation", "Shows the company information."),
                MsolExample("(Get-MsolCompanyInformation).LastDirSyncTime", "When Azure AD Connect "
                                                                        "last exported.")]

    def run(self) -> Iterator[Any]:
        c = self.aad.company
        initial = self.aad.initial_domain
        admin = next((u.user_principal_name for u in self.aad.users()
                      if "Company Administrator" in (u.roles or ())), None)
        yield obj(f"{NS}.Company", [
            ("ExtensionData", extension_data()), ("AllowAdHocSubscriptions", True),
            ("AllowEmailVerifiedUsers", True), ("AuthorizedServiceInstances", []),
            ("City", c.get("City")), ("CompanyType", "CompanyTenant"),
            ("Country", c.get("Country")), ("CountryLetterCode", c.get("CountryLetterCode", "US")),
            ("DapEnabled", False),
            ("DirectorySynchronizationEnabled", bool(c.get("DirectorySynchronizationEnabled"))),
            ("DirectorySynchronizationStatus",
             "Enabled" if c.get("DirectorySynchronizationEnabled") else "Disabled"),
            ("DirSyncServiceAccount", c.get("DirSyncServiceAccount")),
            ("DisplayName", c.get("DisplayName")), ("InitialDomain", initial),
            ("LastDirSyncTime", naive(c.get("LastDirSyncTime"))),
            ("LastPasswordSyncTime", naive(c.get("LastPasswordSyncTime"))),
            ("MarketingNotificationEmails", []), ("ObjectId", guid(c.get("ObjectId"))),
            ("PasswordSynchronizationEnabled", bool(self.aad.features.get("PasswordSync"))),
            ("PostalCode", c.get("PostalCode")), ("PreferredLanguage", c.get("PreferredLanguage", "en")),
            ("SelfServePasswordResetEnabled", False), ("State", c.get("State")),
            ("Street", c.get("Street")),
            ("TechnicalNotificationEmails", [admin] if admin else []),
            ("TelephoneNumber", c.get("TelephoneNumber")),
            ("UsersPermissionToCreateGroupsEnabled", True),
            ("UsersPermissionToCreateLOBAppsEnabled", True),
            ("UsersPermissionToReadOtherUsersEnabled", True),
            ("UsersPermissionToUserConsentToAppEnabled", True)])


@msol_cmdlet("Set-MsolDirSyncEnabled")
class SetMsolDirSyncEnabled(MsolCmdlet):
    """Turns directory synchronization on or off for a company.

    Turning it off can take up to 72 hours in the real service and cannot be cancelled; turning
    it back on triggers a full sync. Asks for confirmation unless -Force is given."""
    examples = [MsolExample("Set-MsolDirSyncEnabled -EnableDirSync $true -Force",
                        "Makes sure directory synchronization is on.")]
    EnableDirSync = Parameter("bool", mandatory=True, help="Specifies whether to turn directory "
                                                           "synchronization on ($true) or off.")
    Force = Switch(help="Forces the command to run without asking for user confirmation.")

    def run(self) -> None:
        if not self.Force and not self.should_continue(CONFIRM_QUERY, "Confirm"):
            return None
        self.aad.company["DirectorySynchronizationEnabled"] = bool(self.EnableDirSync)
        return None


def feature_record(name: str, enabled: bool) -> PSObject:
    return obj(f"{NS}.DirSyncFeature", [("DirSyncFeature", name), ("Enabled", bool(enabled))])


@msol_cmdlet("Get-MsolDirSyncFeatures", output_type=f"{NS}.DirSyncFeature")
class GetMsolDirSyncFeatures(MsolCmdlet):
    """Shows the status of identity synchronization features for a tenant.

    DuplicateUPNResiliency and DuplicateProxyAddressResiliency are the duplicate attribute
    resiliency switches; EnableSoftMatchOnUpn lets a UPN soft-match a cloud user."""
    examples = [MsolExample("Get-MsolDirSyncFeatures", "Lists every feature and whether it is on."),
                MsolExample("Get-MsolDirSyncFeatures -Feature DuplicateUPNResiliency",
                        "Shows one feature.")]
    Feature = Parameter(str, complete=complete_features, help="Specifies the feature to show.")

    def run(self) -> Iterator[Any]:
        features = self.aad.features
        if self.Feature:
            name = next((n for n in features if n.lower() == self.Feature.lower()), None)
            if name is None:
                self.fail(invalid_value("Feature"), "InvalidParameterException")
                return
            yield feature_record(name, features[name])
            return
        for name in sorted(features):
            yield feature_record(name, features[name])


@msol_cmdlet("Set-MsolDirSyncFeature")
class SetMsolDirSyncFeature(MsolCmdlet):
    """Turns an identity synchronization feature on or off.

    EnableSoftMatchOnUpn and SynchronizeUpnForManagedUsers cannot be turned off once on.
    BlockSoftMatch and BlockCloudObjectTakeoverThroughHardMatch can be toggled. The other
    features are managed by Azure AD Connect and cannot be set here."""
    examples = [MsolExample("Set-MsolDirSyncFeature -Feature BlockSoftMatch -Enable $true -Force",
                        "Blocks soft matching of new on-premises objects to cloud objects.")]
    Feature = Parameter(str, mandatory=True, complete=complete_features,
                        help="Specifies the feature to turn on or off.")
    Enable = Parameter("bool", mandatory=True, help="Specifies whether to turn it on.")
    Force = Switch(help="Forces the command to run without asking for user confirmation.")

    def run(self) -> None:
        name = next((n for n in self.aad.features if n.lower() == self.Feature.lower()), None)
        if name is None:
            self.fail(invalid_value("Feature"), "InvalidParameterException")
            return None
        if name not in ONE_WAY_FEATURES + TOGGLE_FEATURES:
            self.fail(f"The {name} feature is managed by Azure AD Connect and cannot be set "
                      "with this cmdlet.", "InvalidParameterException")
            return None
        if name in ONE_WAY_FEATURES and self.aad.features[name] and not self.Enable:
            self.fail(f"The {name} feature cannot be disabled once it has been enabled.",
                      "InvalidParameterException")
            return None
        if not self.Force and not self.should_continue(CONFIRM_QUERY, "Confirm"):
            return None
        self.aad.set_feature(name, bool(self.Enable))
        return None


def provisioning_error_record(o: Any) -> PSObject:
    return obj(f"{NS}.DirSyncProvisioningErrorObject", [
        ("ObjectId", guid(o.object_id)), ("DisplayName", o.display_name),
        ("UserPrincipalName", o.user_principal_name), ("ObjectType", o.object_type),
        ("LastDirSyncTime", naive(o.last_dirsync_time)),
        ("ProvisioningErrors", provisioning_errors(o))])


@msol_cmdlet("Get-MsolDirSyncProvisioningError", default_set="ListDirSyncProvisioningErrors__0",
             output_type=f"{NS}.DirSyncProvisioningErrorObject")
class GetMsolDirSyncProvisioningError(ListCmdlet):
    """Returns the objects whose attribute values duplicate-attribute resiliency quarantined.

    Give -ErrorCategory PropertyConflict (the only category). -PropertyName takes
    UserPrincipalName or ProxyAddresses; -PropertyValue needs -PropertyName. The arguments are
    case-sensitive: -ErrorCategory propertyconflict finds nothing."""
    examples = [
        MsolExample("Get-MsolDirSyncProvisioningError -ErrorCategory PropertyConflict",
                "Lists every object with a quarantined UPN or proxy address."),
        MsolExample("Get-MsolDirSyncProvisioningError -ErrorCategory PropertyConflict "
                "-PropertyName ProxyAddresses", "Only the proxy address conflicts."),
    ]
    default_max = 500
    LIST_SETS = ("ListDirSyncProvisioningErrors__0", "All__0")
    ErrorCategory = Parameter(str, set=LIST_SETS, complete=completer_for(("PropertyConflict",)),
                              help="Specifies the error category: PropertyConflict.")
    PropertyName = Parameter(str, set=LIST_SETS,
                             complete=completer_for(("UserPrincipalName", "ProxyAddresses")),
                             help="Specifies UserPrincipalName or ProxyAddresses.")
    PropertyValue = Parameter(str, set=LIST_SETS, help="Specifies the conflicting value "
                                                       "(needs -PropertyName).")
    SearchString = Parameter(str, set=LIST_SETS, help="Specifies the start of display names or "
                                                      "user principal names.")
    SortField = Parameter(str, set=LIST_SETS, complete=completer_for(SORT_FIELDS),
                          help="Specifies the sort field: DisplayName, UserPrincipalName, None.")
    SortDirection = Parameter(str, set=LIST_SETS, complete=completer_for(SORT_DIRECTIONS),
                              help="Specifies Ascending or Descending.")
    MaxResults = Parameter("int", set="ListDirSyncProvisioningErrors__0",
                           help="Specifies the maximum number of results.")
    All = Switch(set="All__0", sets={"All__0": dict(mandatory=True)},
                 help="Indicates that all results are returned.")

    def run(self) -> Iterator[Any]:
        if self.PropertyValue is not None and self.PropertyName is None:
            self.fail(invalid_value("PropertyName"), "InvalidParameterException")
            return
        found = [o for o in self.aad.with_provisioning_errors()
                 if not o.is_deleted and any(self._matches(e) for e in o.provisioning_errors)
                 and self._searched(o)]
        yield from self.page(self._sorted(found), provisioning_error_record)

    def _matches(self, error: dict) -> bool:
        # Case-sensitive on purpose: the real service compares these arguments exactly.
        if self.ErrorCategory is not None and error.get("ErrorCategory") != self.ErrorCategory:
            return False
        if self.PropertyName is not None and error.get("PropertyName") != self.PropertyName:
            return False
        if self.PropertyValue is not None and \
                str(error.get("PropertyValue", "")).lower() != self.PropertyValue.lower():
            return False
        return True

    def _searched(self, o: Any) -> bool:
        if not self.SearchString:
            return True
        prefix = self.SearchString.lower()
        return any(v and v.lower().startswith(prefix)
                   for v in (o.display_name, o.user_principal_name))

    def _sorted(self, found: List[Any]) -> List[Any]:
        key: Optional[Callable[[Any], str]] = {
            "DisplayName": lambda o: (o.display_name or "").lower(),
            "UserPrincipalName": lambda o: (o.user_principal_name or "").lower()}.get(
                self.SortField or "")
        if key is None:
            return found
        return sorted(found, key=key, reverse=self.SortDirection == "Descending")


@msol_cmdlet("Get-MsolHasObjectsWithDirSyncProvisioningErrors", output_type="System.Boolean")
class GetMsolHasObjectsWithDirSyncProvisioningErrors(MsolCmdlet):
    """Says whether any object has a quarantined attribute value (DirSyncProvisioningErrors)."""
    examples = [MsolExample("Get-MsolHasObjectsWithDirSyncProvisioningErrors",
                        "True when duplicate attribute resiliency quarantined something.")]

    def run(self) -> Iterator[Any]:
        yield any(not o.is_deleted for o in self.aad.with_provisioning_errors())


class RedoProvision(MsolCmdlet):
    """Redo-MsolProvision*: re-submit one object to forward sync (re-validation)."""

    object_type = "User"

    def run(self) -> None:
        target = self.aad.get(self.ObjectId)
        if target is None or target.object_type != self.object_type or target.is_deleted:
            if self.object_type == "User":
                self.fail(user_not_found(self.ObjectId), "UserNotFoundException")
            else:
                self.fail(invalid_value("ObjectId"), "InvalidParameterException")
            return None
        self.session.tenant.request_forward_sync(target.object_id)
        return None


_REDO_HELP = ("Retries the provisioning of {what} in the other cloud services (Exchange Online) "
              "after its validation error was fixed. The next forward sync re-validates it; "
              "the error stays if its cause is still there.")


@msol_cmdlet("Redo-MsolProvisionUser")
class RedoMsolProvisionUser(RedoProvision):
    __doc__ = "Attempts to redo the provisioning of a user object.\n\n" + _REDO_HELP.format(
        what="a user")
    examples = [MsolExample("Get-MsolUser -UserPrincipalName megan.bowen@contoso.com | "
                        "Redo-MsolProvisionUser", "Re-submits Megan to Exchange Online.")]
    ObjectId = Parameter("guid", mandatory=True, pipeline_by_property=True,
                         help="Specifies the unique object ID of the user.")


@msol_cmdlet("Redo-MsolProvisionContact")
class RedoMsolProvisionContact(RedoProvision):
    __doc__ = "Attempts to redo the provisioning of a contact object.\n\n" + _REDO_HELP.format(
        what="a contact")
    object_type = "Contact"
    examples = [MsolExample("Get-MsolContact -SearchString fabrikam | Redo-MsolProvisionContact",
                        "Re-submits the Fabrikam contacts.")]
    ObjectId = Parameter("guid", mandatory=True, pipeline_by_property=True,
                         help="Specifies the unique object ID of the contact.")


@msol_cmdlet("Redo-MsolProvisionGroup")
class RedoMsolProvisionGroup(RedoProvision):
    __doc__ = "Attempts to redo the provisioning of a group object.\n\n" + _REDO_HELP.format(
        what="a group")
    object_type = "Group"
    examples = [MsolExample("Get-MsolGroup -SearchString 'Project Falcon' | Redo-MsolProvisionGroup",
                        "Re-submits the Project Falcon group.")]
    ObjectId = Parameter("guid", mandatory=True, pipeline_by_property=True,
                         help="Specifies the unique object ID of the group.")
