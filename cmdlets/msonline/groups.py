"""Get-MsolGroup, Get-MsolGroupMember and Get-MsolContact: read-only views of Azure AD groups,
their members and contacts, with the real parameter sets and result limits.

Reads the tenant's Azure AD through its public API; records come from records.py.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, List, Optional

from msolsh.runtime.cmdlet import Parameter, Switch

from .connect import (MsolCmdlet, MsolExample, complete_group_names, complete_upns,
                      completer_for, msol_cmdlet)
from .records import NS, contact_record, group_record, member_record
from .users import MORE_RESULTS

GROUP_TYPES = ("Security", "MailEnabledSecurity", "DistributionList")
MEMBER_TYPES = ("User", "Group", "Contact", "ServicePrincipal")
GROUP_SETS = ("ListGroups__0", "All__0")
CONTACT_SETS = ("ListContacts__0", "All__0")


def invalid_value(parameter: str) -> str:
    return f"Invalid value for parameter. Parameter Name: {parameter}."


class ListCmdlet(MsolCmdlet):
    """Shared paging: stop at MaxResults (or the default) unless -All, warn when cut."""

    default_max = 250

    def page(self, items: Iterable[Any], record: Callable[[Any], Any]) -> Iterator[Any]:
        limit = None if self.All else (self.MaxResults if self.MaxResults is not None
                                       else self.default_max)
        count = 0
        for item in items:
            if limit is not None and count >= limit:
                if not self.is_bound("MaxResults"):
                    self.write_warning(MORE_RESULTS)
                return
            count += 1
            yield record(item)


def name_starts(obj: Any, prefix: Optional[str]) -> bool:
    if not prefix:
        return True
    prefix = prefix.lower()
    values = [obj.display_name, obj.mail] + [p.split(":", 1)[-1] for p in obj.proxy_addresses]
    return any(v and v.lower().startswith(prefix) for v in values)


@msol_cmdlet("Get-MsolGroup", default_set="ListGroups__0", output_type=f"{NS}.Group")
class GetMsolGroup(ListCmdlet):
    """Gets groups from Azure Active Directory.

    Without -All at most 250 groups come back. -UserPrincipalName or -UserObjectId lists the
    groups a user belongs to; -GroupType takes Security, MailEnabledSecurity or
    DistributionList; -SearchString matches the start of the display name."""
    examples = [
        MsolExample("Get-MsolGroup", "Lists the groups."),
        MsolExample("Get-MsolGroup -GroupType DistributionList", "Lists the distribution groups."),
        MsolExample("Get-MsolGroup -UserPrincipalName diego.siciliani@contoso.com",
                "Lists the groups Diego belongs to."),
    ]
    ObjectId = Parameter("guid", set="GetGroup__0", mandatory=True, pipeline_by_property=True,
                         help="Specifies the unique object ID of the group to get.")
    UserObjectId = Parameter("guid", set=GROUP_SETS, help="Specifies a user; only the groups "
                                                          "that contain it are returned.")
    UserPrincipalName = Parameter(str, set=GROUP_SETS, complete=complete_upns,
                                  help="Specifies a user; only the groups that contain it are "
                                       "returned.")
    IsAgentRole = Switch(set=GROUP_SETS, help="Returns only agent groups (partners).")
    GroupType = Parameter(str, set=GROUP_SETS, complete=completer_for(GROUP_TYPES),
                          help="Specifies the type of groups: Security, MailEnabledSecurity or "
                               "DistributionList.")
    HasErrorsOnly = Switch(set=GROUP_SETS, help="Returns only groups with validation errors.")
    HasLicenseErrorsOnly = Parameter("bool", set=GROUP_SETS,
                                     help="Returns only security groups with licence errors.")
    SearchString = Parameter(str, set=GROUP_SETS, complete=complete_group_names,
                             help="Specifies the start of display names.")
    MaxResults = Parameter("int", set="ListGroups__0", help="Specifies the maximum number of "
                                                            "results; the default is 250.")
    All = Switch(set="All__0", sets={"All__0": dict(mandatory=True)},
                 help="Indicates that all results are returned.")

    def begin(self) -> None:
        self.GroupType = self.enum_value("GroupType", self.GroupType,
                                         f"{NS}.GroupType", GROUP_TYPES)
        super().begin()

    def run(self) -> Iterator[Any]:
        if self.parameter_set == "GetGroup__0":
            group = self.aad.get(self.ObjectId)
            if group is None or group.object_type != "Group":
                self.fail(invalid_value("ObjectId"), "InvalidParameterException")
                return
            yield group_record(group)
            return
        tests = self._filters()
        if tests is None:
            return
        groups = (g for g in self.aad.of_type("Group") if all(t(g) for t in tests))
        yield from self.page(groups, group_record)

    def _filters(self) -> Optional[List[Callable[[Any], bool]]]:
        tests: List[Callable[[Any], bool]] = []
        member = self._member()
        if member is False:
            return None
        if member is not None:
            tests.append(lambda g: member in g.members)
        if self.GroupType:
            tests.append(lambda g: g.group_type == self.GroupType)
        if self.HasErrorsOnly:
            tests.append(lambda g: g.validation_status == "Error")
        if self.HasLicenseErrorsOnly:
            tests.append(lambda g: False)   # group-based licensing is not simulated
        if self.IsAgentRole:
            tests.append(lambda g: False)
        if self.SearchString:
            tests.append(lambda g: name_starts(g, self.SearchString))
        return tests

    def _member(self) -> Any:
        """The ObjectId a group must contain; False after writing a user-not-found error."""
        if self.UserObjectId is None and not self.UserPrincipalName:
            return None
        user = self.aad.get(self.UserObjectId) if self.UserObjectId is not None \
            else self.aad.by_upn(self.UserPrincipalName)
        if user is None:
            shown = self.UserObjectId if self.UserObjectId is not None else self.UserPrincipalName
            self.fail(f"User Not Found.  User: {shown}.", "UserNotFoundException")
            return False
        return user.object_id


@msol_cmdlet("Get-MsolGroupMember", default_set="ListGroupMembers__0",
             output_type=f"{NS}.GroupMember")
class GetMsolGroupMember(ListCmdlet):
    """Gets members of a group from Azure Active Directory.

    Without -All at most 250 members come back. -MemberObjectTypes limits them to User, Group,
    Contact or ServicePrincipal."""
    examples = [
        MsolExample("Get-MsolGroupMember -GroupObjectId (Get-MsolGroup -SearchString 'Project Falcon')"
                ".ObjectId", "Lists the members of the Project Falcon group."),
    ]
    GroupObjectId = Parameter("guid", mandatory=True, pipeline_by_property=True,
                              help="Specifies the unique ID of the group.")
    MemberObjectTypes = Parameter("string[]", complete=completer_for(MEMBER_TYPES),
                                  help="Specifies the member types: User, Group, Contact or "
                                       "ServicePrincipal.")
    SearchString = Parameter(str, help="Specifies the start of display names or addresses.")
    MaxResults = Parameter("int", set="ListGroupMembers__0", help="Specifies the maximum number "
                                                                  "of results (250 by default).")
    All = Switch(set="All__0", sets={"All__0": dict(mandatory=True)},
                 help="Indicates that all results are returned.")

    def run(self) -> Iterator[Any]:
        group = self.aad.get(self.GroupObjectId)
        if group is None or group.object_type != "Group":
            self.fail(invalid_value("GroupObjectId"), "InvalidParameterException")
            return
        kinds = {k.lower() for k in self.MemberObjectTypes or ()}
        members = (self.aad.get(m) for m in group.members)
        members = (m for m in members if m is not None and not m.is_deleted
                   and (not kinds or m.object_type.lower() in kinds)
                   and name_starts(m, self.SearchString))
        yield from self.page(members, member_record)


@msol_cmdlet("Get-MsolContact", default_set="ListContacts__0", output_type=f"{NS}.Contact")
class GetMsolContact(ListCmdlet):
    """Gets contacts from Azure Active Directory.

    Without -All at most 500 contacts come back; -HasErrorsOnly $true lists those with
    validation errors from Exchange Online."""
    examples = [MsolExample("Get-MsolContact", "Lists the contacts."),
                MsolExample("Get-MsolContact -SearchString fabrikam", "Contacts whose name or address "
                                                                  "starts with fabrikam.")]
    default_max = 500
    ObjectId = Parameter("guid", set="GetContact__0", mandatory=True, pipeline_by_property=True,
                         help="Specifies the unique object ID of the contact to get.")
    HasErrorsOnly = Parameter("bool", set=CONTACT_SETS,
                              help="Returns only contacts with validation errors.")
    SearchString = Parameter(str, set=CONTACT_SETS, help="Specifies the start of display names "
                                                         "or e-mail addresses.")
    MaxResults = Parameter("int", set="ListContacts__0", help="Specifies the maximum number of "
                                                              "results; the default is 500.")
    All = Switch(set="All__0", sets={"All__0": dict(mandatory=True)},
                 help="Indicates that all results are returned.")

    def run(self) -> Iterator[Any]:
        if self.parameter_set == "GetContact__0":
            contact = self.aad.get(self.ObjectId)
            if contact is None or contact.object_type != "Contact":
                self.fail(invalid_value("ObjectId"), "InvalidParameterException")
                return
            yield contact_record(contact)
            return
        contacts = (c for c in self.aad.of_type("Contact")
                    if name_starts(c, self.SearchString)
                    and (not self.HasErrorsOnly or c.validation_status == "Error"))
        yield from self.page(contacts, contact_record)
