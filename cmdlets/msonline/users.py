"""Get-MsolUser: every parameter set and filter of the real cmdlet, the 500-result default and
its warning, the recycle bin view (-ReturnDeletedUsers).

Reads the tenant's Azure AD through its public API; records come from records.py. Changing
users is users_admin.py.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, List, Optional

from msolsh.runtime.cmdlet import Parameter, Switch

from .connect import MsolExample, MsolCmdlet, complete_domains, complete_upns, completer_for, msol_cmdlet
from .records import USER, license_reconciliation_needed, user_record

DEFAULT_MAX_RESULTS = 500
MORE_RESULTS = "More results are available. Please specify one of the All or MaxResults parameters."
ENABLED_FILTER = ("All", "EnabledOnly", "DisabledOnly")
LIST_SETS = ("ListUsers__0", "All__0")


def user_not_found(identity: Any) -> str:
    return f"User Not Found.  User: {identity if identity is not None else ''}."


def active_user(aad: Any, object_id: Any = None, upn: Optional[str] = None) -> Any:
    """The active user with this ObjectId or UPN, or None."""
    user = aad.get(object_id) if object_id is not None else aad.by_upn(upn or "")
    if user is None or user.object_type != "User" or user.is_deleted:
        return None
    return user


def deleted_user(aad: Any, object_id: Any = None, upn: Optional[str] = None) -> Any:
    """The recycle-bin user with this ObjectId or UPN, or None."""
    if object_id is not None:
        user = aad.get(object_id)
        return user if user is not None and user.object_type == "User" and user.is_deleted else None
    return next(iter(aad.deleted_by_upn(upn or "")), None)


def starts_with(values: Iterable[Optional[str]], prefix: str) -> bool:
    return any(v and v.lower().startswith(prefix) for v in values)


def search_values(user: Any) -> List[Optional[str]]:
    """What -SearchString matches the start of: names, UPN and e-mail addresses."""
    addresses = [p.split(":", 1)[1] for p in user.proxy_addresses if p.lower().startswith("smtp:")]
    return [user.display_name, user.first_name, user.last_name, user.user_principal_name,
            user.mail] + addresses


def on_domain(user: Any, domain: str) -> bool:
    suffix = "@" + domain.lower()
    values = [user.user_principal_name or ""] + [p.split(":", 1)[-1] for p in user.proxy_addresses]
    return any(v.lower().endswith(suffix) for v in values)


def _equals(getter: Callable[[Any], Any], wanted: str) -> Callable[[Any], bool]:
    wanted = wanted.lower()
    return lambda u: (getter(u) or "").lower() == wanted


@msol_cmdlet("Get-MsolUser", default_set="ListUsers__0", output_type=USER)
class GetMsolUser(MsolCmdlet):
    """Gets users from Azure Active Directory.

    Without -All, at most 500 users come back (or -MaxResults), with a warning when more exist.
    -ObjectId or -UserPrincipalName gets one user; -ReturnDeletedUsers looks only in the
    recycle bin. The filters (-HasErrorsOnly, -Synchronized, -UnlicensedUsersOnly,
    -SearchString, -DomainName, -City ...) combine with AND. The Errors property holds the
    validation errors Exchange Online published back (forward sync), DirSyncProvisioningErrors
    the values duplicate-attribute resiliency quarantined."""
    examples = [
        MsolExample("Get-MsolUser -UserPrincipalName megan.bowen@contoso.com",
                "Gets one user by user principal name."),
        MsolExample("Get-MsolUser -SearchString alex", "Gets users whose name or address starts with alex."),
        MsolExample("Get-MsolUser -HasErrorsOnly -All",
                "Gets every user with a validation error from another service."),
        MsolExample("Get-MsolUser -UserPrincipalName megan.bowen@contoso.com | "
                "Format-List ValidationStatus,UsageLocation,*error*",
                "The KB troubleshooting view: validation status, usage location and errors."),
        MsolExample("Get-MsolUser -ReturnDeletedUsers", "Gets the users in the recycle bin."),
    ]
    ObjectId = Parameter("guid", set="GetUser__0", mandatory=True, pipeline_by_property=True,
                         help="Specifies the unique object ID of the user to get.")
    UserPrincipalName = Parameter(str, set="GetUserByUpn__0", mandatory=True,
                                  pipeline_by_property=True, complete=complete_upns,
                                  help="Specifies the user ID of the user to get.")
    ReturnDeletedUsers = Switch(help="Indicates that only users in the recycle bin are returned.")
    City = Parameter(str, set=LIST_SETS, help="Specifies the city to filter results on.")
    Country = Parameter(str, set=LIST_SETS, help="Specifies the country to filter results on.")
    Department = Parameter(str, set=LIST_SETS, help="Specifies the department to filter results on.")
    DomainName = Parameter(str, set=LIST_SETS, complete=complete_domains,
                           help="Specifies a verified domain; only users with an address on it "
                                "(primary or secondary) are returned.")
    EnabledFilter = Parameter(str, set=LIST_SETS, complete=completer_for(ENABLED_FILTER),
                              help="Specifies the filter for blocked or enabled users: All, "
                                   "EnabledOnly or DisabledOnly.")
    State = Parameter(str, set=LIST_SETS, help="Specifies the state to filter results on.")
    Synchronized = Switch(set=LIST_SETS, help="Returns only users synchronized through Azure "
                                              "Active Directory Sync.")
    Title = Parameter(str, set=LIST_SETS, help="Specifies the title to filter results on.")
    HasErrorsOnly = Switch(set=LIST_SETS, help="Returns only users that have validation errors.")
    LicenseReconciliationNeededOnly = Switch(
        set=LIST_SETS, help="Returns only users who have a mailbox but no license.")
    UnlicensedUsersOnly = Switch(set=LIST_SETS, help="Returns only users without a license.")
    UsageLocation = Parameter(str, set=LIST_SETS, help="Specifies the two-letter usage location "
                                                       "to filter results on.")
    SearchString = Parameter(str, set=LIST_SETS, help="Specifies a string to match the start of "
                                                      "the e-mail address or display name.")
    MaxResults = Parameter("int", set="ListUsers__0", help="Specifies the maximum number of "
                                                           "results; the default is 500.")
    All = Switch(set="All__0", sets={"All__0": dict(mandatory=True)},
                 help="Indicates that all results are returned. Don't use with MaxResults.")

    def begin(self) -> None:
        self.EnabledFilter = self.enum_value(
            "EnabledFilter", self.EnabledFilter,
            "Microsoft.Online.Administration.UserEnabledFilter", ENABLED_FILTER)
        super().begin()

    def run(self) -> Iterator[Any]:
        tenant = self.session.tenant
        if self.parameter_set in ("GetUser__0", "GetUserByUpn__0"):
            user = self._one()
            if user is not None:
                yield user_record(tenant, user)
            return
        yield from self._list(tenant)

    def _one(self) -> Any:
        by_id = self.parameter_set == "GetUser__0"
        key = dict(object_id=self.ObjectId) if by_id else dict(upn=self.UserPrincipalName)
        find = deleted_user if self.ReturnDeletedUsers else active_user
        user = find(self.aad, **key)
        if user is None:
            self.fail(user_not_found(self.ObjectId if by_id else self.UserPrincipalName),
                      "UserNotFoundException")
        return user

    def _list(self, tenant: Any) -> Iterator[Any]:
        limit = None if self.All else (self.MaxResults if self.MaxResults is not None
                                       else DEFAULT_MAX_RESULTS)
        tests = self._filters(tenant)
        count = 0
        for user in self.aad.users(deleted=bool(self.ReturnDeletedUsers)):
            if not all(test(user) for test in tests):
                continue
            if limit is not None and count >= limit:
                if not self.is_bound("MaxResults"):
                    self.write_warning(MORE_RESULTS)
                return
            count += 1
            yield user_record(tenant, user)

    def _filters(self, tenant: Any) -> List[Callable[[Any], bool]]:
        tests: List[Callable[[Any], bool]] = []
        for name, getter in (("City", lambda u: u.city), ("Country", lambda u: u.country),
                             ("Department", lambda u: u.department), ("State", lambda u: u.state),
                             ("Title", lambda u: u.title),
                             ("UsageLocation", lambda u: u.usage_location)):
            value = getattr(self, name)
            if value is not None:
                tests.append(_equals(getter, str(value)))
        if self.DomainName:
            tests.append(lambda u: on_domain(u, self.DomainName))
        if self.EnabledFilter in ("EnabledOnly", "DisabledOnly"):
            blocked = self.EnabledFilter == "DisabledOnly"
            tests.append(lambda u: bool(u.block_credential) == blocked)
        if self.Synchronized:
            tests.append(lambda u: u.last_dirsync_time is not None)
        if self.HasErrorsOnly:
            tests.append(lambda u: u.validation_status == "Error")
        if self.UnlicensedUsersOnly:
            tests.append(lambda u: not u.licenses)
        if self.LicenseReconciliationNeededOnly:
            tests.append(lambda u: license_reconciliation_needed(tenant, u))
        if self.SearchString:
            prefix = str(self.SearchString).lower()
            tests.append(lambda u: starts_with(search_values(u), prefix))
        return tests
