"""Changing Azure AD users: Set-MsolUser, New-MsolUser, Remove-MsolUser, Restore-MsolUser,
Set-MsolUserPrincipalName.

Thin adapters over the tenant's administration API (tenant.aad.set_user, add_cloud_user,
remove_user, restore_user, set_user_principal_name); the tenant decides what a synced user
refuses. Knows nothing of the REPL.
"""
from __future__ import annotations

from typing import Any, Dict, Iterator

from msolsh.runtime.cmdlet import Parameter, Switch

from .connect import MsolExample, MsolCmdlet, complete_deleted_upns, complete_skus, complete_upns, msol_cmdlet
from .records import USER, user_record
from .users import active_user, deleted_user, user_not_found

try:
    from msolsh.tenant.errors import AzureADError
except ImportError:  # the tenant is being rebuilt: still importable
    AzureADError = Exception  # type: ignore[misc,assignment]

SETTABLE_TEXT = ("City", "Country", "Department", "DisplayName", "Fax", "FirstName", "LastName",
                 "ImmutableId", "MobilePhone", "Office", "PhoneNumber", "PostalCode",
                 "PreferredDataLocation", "PreferredLanguage", "State", "StreetAddress", "Title",
                 "UsageLocation", "UserType")
SETTABLE_BOOL = ("BlockCredential", "PasswordNeverExpires", "StrongPasswordRequired")
SETTABLE_LIST = ("AlternateEmailAddresses", "AlternateMobilePhones")
INVALID_DOMAIN = ("The domain portion of the userPrincipalName property is invalid. You must use "
                  "one of the verified domain names in your organization.")
CONFIRM_QUERY = "Continue with this operation?"


def _declare_user_properties(cls: type) -> type:
    """Set-MsolUser and New-MsolUser take the same user properties."""
    for name in SETTABLE_TEXT:
        _add(cls, name, Parameter(str, help=f"Specifies the user's {name}."))
    for name in SETTABLE_BOOL:
        _add(cls, name, Parameter("bool", help=f"Specifies the user's {name} setting "
                                               "($true or $false)."))
    for name in SETTABLE_LIST:
        _add(cls, name, Parameter("string[]", help=f"Specifies the user's {name}."))
    return cls


def _add(cls: type, name: str, param: Parameter) -> None:
    if name in cls.__dict__:      # the cmdlet declared its own (e.g. mandatory) version
        return
    param.name = name
    setattr(cls, name, param)


class UserTarget(MsolCmdlet):
    """Cmdlets that pick one active user by -ObjectId or -UserPrincipalName."""

    def target(self, deleted: bool = False) -> Any:
        by_id = self.is_bound("ObjectId") and self.ObjectId is not None
        key = dict(object_id=self.ObjectId) if by_id else dict(upn=self.UserPrincipalName)
        user = (deleted_user if deleted else active_user)(self.aad, **key)
        if user is None:
            self.fail(user_not_found(self.ObjectId if by_id else self.UserPrincipalName),
                      "UserNotFoundException")
        return user

    def tenant_call(self, action, *args: Any, **kwargs: Any) -> Any:
        """Run a tenant operation; its refusal becomes this cmdlet's error (None returned)."""
        try:
            return action(*args, **kwargs)
        except AzureADError as exc:
            self.fail_from(exc)
            return None


@msol_cmdlet("Set-MsolUser")
@_declare_user_properties
class SetMsolUser(UserTarget):
    """Modifies a user in Azure Active Directory.

    Only basic properties: licences, password and UPN have their own cmdlets. On a user synced
    from on-premises AD most properties are mastered on premises, and changing them in the
    cloud fails; make the change in AD and let Azure AD Connect sync it. Running it with no
    property at all re-submits the user to the other services (a documented retry)."""
    examples = [
        MsolExample("Set-MsolUser -UserPrincipalName kiosk.lobby@contoso.com -Title 'Lobby kiosk'",
                "Changes the title of a cloud-only user."),
        MsolExample("Set-MsolUser -UserPrincipalName megan.bowen@contoso.com -UsageLocation US",
                "Sets the usage location, which a licence needs; allowed on synced users too."),
    ]
    ObjectId = Parameter("guid", pipeline_by_property=True,
                         help="Specifies the unique object ID of the user to update.")
    UserPrincipalName = Parameter(str, pipeline_by_property=True, complete=complete_upns,
                                  help="Specifies the user ID of the user to update.")
    StrongAuthenticationMethods = Parameter("object[]", help="Specifies MFA methods.")
    StrongAuthenticationRequirements = Parameter("object[]", help="Specifies MFA requirements.")
    StsRefreshTokensValidFrom = Parameter("datetime", help="Specifies the refresh-token start.")
    LastPasswordChangeTimestamp = Parameter("datetime", help="Specifies the last password change.")
    SoftDeletionTimestamp = Parameter("datetime", help="Specifies the soft deletion time.")

    def run(self) -> None:
        user = self.target()
        if user is None:
            return None
        changes = {name: getattr(self, name) for name in
                   SETTABLE_TEXT + SETTABLE_BOOL + SETTABLE_LIST if self.is_bound(name)}
        self.tenant_call(self.aad.set_user, user.object_id, **changes)
        return None


@msol_cmdlet("New-MsolUser", output_type=USER)
@_declare_user_properties
class NewMsolUser(UserTarget):
    """Creates a user in Azure Active Directory.

    The user is cloud-only (no ImmutableId) until Azure AD Connect matches an on-premises
    account to it. It returns the new user with its temporary password unless -Password is
    given. -LicenseAssignment assigns licences at once (UsageLocation is then required)."""
    examples = [
        MsolExample("New-MsolUser -UserPrincipalName dana.cloud@contoso.com -DisplayName 'Dana Cloud' "
                "-UsageLocation US", "Creates a cloud-only user."),
        MsolExample("New-MsolUser -UserPrincipalName ed.cloud@contoso.com -DisplayName 'Ed Cloud' "
                "-UsageLocation US -LicenseAssignment contoso:ENTERPRISEPACK",
                "Creates a user and gives him an E3 licence."),
    ]
    UserPrincipalName = Parameter(str, mandatory=True, help="Specifies the user ID for this user.")
    DisplayName = Parameter(str, mandatory=True, help="Specifies the display name of the user.")
    Password = Parameter(str, help="Specifies the new password; a temporary one is generated "
                                   "when omitted.")
    ForceChangePassword = Parameter("bool", help="Indicates that the user must change the "
                                                 "password at next sign-in ($true by default).")
    LicenseAssignment = Parameter("string[]", complete=complete_skus,
                                  help="Specifies AccountSkuIds of licences to assign.")
    LicenseOptions = Parameter("object[]", help="Specifies LicenseOption objects.")

    def run(self) -> Iterator[Any]:
        upn = self.UserPrincipalName
        if not self.aad.is_verified(upn.rsplit("@", 1)[-1]) or "@" not in upn:
            self.fail(INVALID_DOMAIN, "InvalidUserPrincipalNameException")
            return
        user = self.tenant_call(self.aad.add_cloud_user, upn, self.DisplayName, **self._props())
        if user is None:
            return
        for sku in self.LicenseAssignment or ():
            if self.tenant_call(self.aad.assign_license, user.object_id, sku) is None:
                break
        yield user_record(self.session.tenant, user, self.Password or self._temporary_password())

    def _props(self) -> Dict[str, Any]:
        fields = {"usage_location": self.UsageLocation, "first_name": self.FirstName,
                  "last_name": self.LastName, "city": self.City, "country": self.Country,
                  "department": self.Department, "title": self.Title, "state": self.State,
                  "office": self.Office, "phone_number": self.PhoneNumber,
                  "mobile_phone": self.MobilePhone, "postal_code": self.PostalCode,
                  "street_address": self.StreetAddress, "immutable_id": self.ImmutableId}
        props = {k: v for k, v in fields.items() if v is not None}
        if self.BlockCredential is not None:
            props["block_credential"] = bool(self.BlockCredential)
        if self.PasswordNeverExpires is not None:
            props["password_never_expires"] = bool(self.PasswordNeverExpires)
        if self.UserType:
            props["user_type"] = self.UserType
        extra = {n: getattr(self, n) for n in ("Fax", "PreferredLanguage", "PreferredDataLocation",
                                                "StrongPasswordRequired") + SETTABLE_LIST
                 if getattr(self, n) is not None}
        if extra:
            props["extra"] = extra
        return props

    def _temporary_password(self) -> str:
        """Three letters and five digits, derived from the tenant's seeded ids."""
        digest = self.session.tenant.ids.hex_id(8)
        letters = "".join("BCDFGHJKLMNPQRSTVWXZ"[int(c, 16)] for c in digest[:3])
        digits = str(int(digest[3:], 16) % 100000).zfill(5)
        return letters[0] + letters[1:].lower() + digits


@msol_cmdlet("Remove-MsolUser", default_set="RemoveUser__0")
class RemoveMsolUser(UserTarget):
    """Removes a user from Azure Active Directory.

    The user goes to the recycle bin for 30 days (Restore-MsolUser brings it back) and its
    licences are released; -RemoveFromRecycleBin purges a deleted user for good. The Exchange
    Online mailbox becomes soft-deleted. Asks for confirmation unless -Force is given."""
    examples = [
        MsolExample("Remove-MsolUser -UserPrincipalName kiosk.lobby@contoso.com -Force",
                "Deletes a cloud-only user without asking."),
        MsolExample("Remove-MsolUser -UserPrincipalName kiosk.lobby@contoso.com -Force; "
                "Remove-MsolUser -UserPrincipalName kiosk.lobby@contoso.com -RemoveFromRecycleBin -Force",
                "Deletes a user, then purges it from the recycle bin."),
    ]
    ObjectId = Parameter("guid", set="RemoveUser__0", mandatory=True, pipeline_by_property=True,
                         help="Specifies the unique object ID of the user to remove.")
    UserPrincipalName = Parameter(str, set="RemoveUserByUpn__0", mandatory=True,
                                  pipeline_by_property=True, complete=complete_upns,
                                  help="Specifies the user principal name of the user to remove.")
    RemoveFromRecycleBin = Switch(help="Indicates that the user is purged from the recycle bin.")
    Force = Switch(help="Forces the command to run without asking for user confirmation.")

    def run(self) -> None:
        user = self.target(deleted=bool(self.RemoveFromRecycleBin))
        if user is None:
            return None
        if not self.Force and not self.should_continue(CONFIRM_QUERY, "Confirm"):
            return None
        self.tenant_call(self.aad.remove_user, user.object_id,
                         remove_from_recycle_bin=bool(self.RemoveFromRecycleBin))
        return None


@msol_cmdlet("Restore-MsolUser", default_set="RestoreUser__0")
class RestoreMsolUser(UserTarget):
    """Restores a user from the recycle bin.

    Fails when another active user now holds the UPN (use -NewUserPrincipalName) or one of its
    proxy addresses (use -AutoReconcileProxyConflicts, which drops those addresses). The
    soft-deleted Exchange Online mailbox is reconnected."""
    examples = [
        MsolExample("Remove-MsolUser -UserPrincipalName kiosk.lobby@contoso.com -Force; "
                "Restore-MsolUser -UserPrincipalName kiosk.lobby@contoso.com",
                "Deletes a user and restores it."),
    ]
    ObjectId = Parameter("guid", set="RestoreUser__0", mandatory=True, pipeline_by_property=True,
                         help="Specifies the unique object ID of the user to restore.")
    UserPrincipalName = Parameter(str, set="RestoreUserByUpn__0", mandatory=True,
                                  pipeline_by_property=True, complete=complete_deleted_upns,
                                  help="Specifies the user principal name of the user to restore.")
    AutoReconcileProxyConflicts = Switch(help="Drops proxy addresses another user now holds.")
    NewUserPrincipalName = Parameter(str, help="Specifies a new user principal name to use.")

    def run(self) -> None:
        user = self.target(deleted=True)
        if user is not None:
            self.tenant_call(self.aad.restore_user, user.object_id,
                             new_user_principal_name=self.NewUserPrincipalName,
                             auto_reconcile_proxy_conflicts=bool(self.AutoReconcileProxyConflicts))
        return None


@msol_cmdlet("Set-MsolUserPrincipalName", default_set="ChangeUserPrincipalName__0")
class SetMsolUserPrincipalName(UserTarget):
    """Changes the user principal name of a user.

    Moving a cloud user from a managed to a federated domain needs -ImmutableId. It is also the
    documented fix for FederatedDomainChangeError: move the UPN to the onmicrosoft.com domain,
    then let the next sync set the new federated UPN."""
    examples = [
        MsolExample("Set-MsolUserPrincipalName -UserPrincipalName kevin.fowler@fabrikam.com "
                "-NewUserPrincipalName kevin.fowler@contoso.onmicrosoft.com",
                "Moves a user to the initial domain."),
    ]
    ObjectId = Parameter("guid", set="ChangeUserPrincipalName__0", mandatory=True,
                         pipeline_by_property=True, help="Specifies the object ID of the user.")
    UserPrincipalName = Parameter(str, set="ChangeUserPrincipalNameByUpn__0", mandatory=True,
                                  pipeline_by_property=True, complete=complete_upns,
                                  help="Specifies the current user principal name.")
    NewUserPrincipalName = Parameter(str, mandatory=True,
                                     help="Specifies the new user principal name.")
    ImmutableId = Parameter(str, help="Specifies the ImmutableId, needed when moving to a "
                                      "federated domain.")
    NewPassword = Parameter(str, help="Specifies a new password, needed when moving from a "
                                      "federated domain to a managed one.")

    def run(self) -> None:
        user = self.target()
        if user is None:
            return None
        new_domain = self.NewUserPrincipalName.rsplit("@", 1)[-1]
        if self.aad.is_federated(new_domain) and not (user.immutable_id or self.ImmutableId):
            self.fail("You must provide a required property: Parameter name: "
                      "FederatedUser.SourceAnchor", "RequiredPropertyNotSetException")
            return None
        if self.ImmutableId and not user.immutable_id:
            if self.tenant_call(self.aad.set_user, user.object_id,
                                ImmutableId=self.ImmutableId) is None:
                return None
        self.tenant_call(self.aad.set_user_principal_name, user.object_id,
                         self.NewUserPrincipalName)
        return None
