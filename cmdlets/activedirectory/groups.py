"""Get-ADGroup, New-ADGroup, Get-ADGroupMember, Add-ADGroupMember, Remove-ADGroupMember.

Membership lives in the group's `member` attribute (DNs); memberOf is its back-link. A change
reaches Azure AD (and Exchange Online distribution groups) on the next sync cycle, for members
that are themselves in sync scope. Knows the tenant through tenant.directory.
"""
from __future__ import annotations

from typing import Any, Iterator, List, Set

from msolsh.runtime.cmdlet import Example, Parameter, Switch
from msolsh.tenant import dn as dnlib
from msolsh.tenant.errors import DirectoryError

from . import modify
from .common import (ADCmdlet, ADWriter, ad_cmdlet, complete_containers, complete_groups,
                     complete_principals, declare, search_parameters)

NS = "Microsoft.ActiveDirectory.Management."
SCOPE_BITS = {"domainlocal": 4, "global": 2, "universal": 8}
GROUP = ("group",)
PRINCIPALS = ("user", "inetOrgPerson", "group", "computer")


@ad_cmdlet("Get-ADGroup", default_set="Filter", output_type=NS + "ADGroup")
@declare(search_parameters(complete_groups))
class GetADGroup(ADCmdlet):
    """Gets one or more Active Directory groups.

    -Identity takes a distinguished name, GUID, SID or SAM account name; -Filter and
    -LDAPFilter search. GroupScope and GroupCategory come from groupType."""
    target_type = "ADGroup"
    examples = [
        Example("Get-ADGroup 'SG-Sales'", "Gets a group by SAM account name."),
        Example("Get-ADGroup -Filter \"GroupCategory -eq 'Distribution'\" | Format-Table Name,GroupScope",
                "Gets the distribution groups."),
    ]
    ShowMemberTimeToLive = Switch(help="Shows the time to live of temporary members.")

    def process(self) -> Iterator[Any]:
        if self.parameter_set == "Identity":
            yield self.record(self.resolve(self.Identity, GROUP), "ADGroup", self.Properties)
            return
        for obj in self.search(GROUP):
            yield self.record(obj, "ADGroup", self.Properties)


@ad_cmdlet("New-ADGroup", supports_should_process=True)
class NewADGroup(ADWriter):
    """Creates an Active Directory group.

    -GroupScope is DomainLocal, Global or Universal; -GroupCategory Security (the default) or
    Distribution. Azure AD Connect synchronizes it on the next cycle if it is in scope
    (a distribution group also needs to be mail-enabled to reach Exchange Online)."""
    target_type = "ADGroup"
    examples = [Example("New-ADGroup -Name 'SG-Project X' -GroupScope Global "
                        "-Path 'OU=Groups,OU=Contoso,DC=contoso,DC=com' -PassThru",
                        "Creates a global security group.")]
    Name = Parameter(str, mandatory=True, position=0, help="Specifies the group name.")
    GroupScope = Parameter(str, mandatory=True, position=1, validate_set=("DomainLocal", "Global",
                                                                         "Universal"),
                           help="Specifies DomainLocal, Global or Universal.")
    GroupCategory = Parameter(str, validate_set=("Distribution", "Security"),
                              help="Specifies Security (the default) or Distribution.")
    Path = Parameter(str, complete=complete_containers, help="Specifies the OU to create it in.")
    SamAccountName = Parameter(str, help="Specifies the SAM account name (the name by default).")
    DisplayName = Parameter(str, help="Specifies the display name.")
    Description = Parameter(str, help="Specifies the description.")
    OtherAttributes = Parameter("hashtable", help="Sets other attributes by LDAP name.")
    PassThru = Switch(help="Returns the new group.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        path = dnlib.normalize(self.Path or f"CN=Users,{self.naming_context}")
        dn = f"CN={dnlib.escape(self.Name)},{path}"
        yield from self.create(dn, lambda: self.directory.add_group(dn, self._attributes()),
                               "ADGroup")

    def _attributes(self) -> dict:
        gt = SCOPE_BITS[str(self.GroupScope).lower()]
        if str(self.GroupCategory or "Security").lower() == "security":
            gt -= 0x80000000  # the security bit, as groupType's signed Int32 holds it
        attrs = {"sAMAccountName": self.SamAccountName or self.Name, "groupType": gt}
        for name, ldap in (("DisplayName", "displayName"), ("Description", "description")):
            if getattr(self, name):
                attrs[ldap] = getattr(self, name)
        attrs.update(modify.other_attributes(self.OtherAttributes))
        return attrs


@ad_cmdlet("Get-ADGroupMember", output_type=NS + "ADPrincipal")
class GetADGroupMember(ADCmdlet):
    """Gets the members of an Active Directory group.

    Direct members (users, groups, computers) by default; -Recursive returns every user reached
    through nested groups, each once, and no groups."""
    target_type = "ADGroup"
    examples = [
        Example("Get-ADGroupMember 'SG-All Staff'", "Gets the direct members, nested groups included."),
        Example("Get-ADGroupMember 'SG-All Staff' -Recursive | Select-Object -First 3 name,SamAccountName",
                "Gets the users of the group and of the groups nested in it."),
    ]
    Identity = Parameter("object", mandatory=True, position=0, pipeline=True,
                         complete=complete_groups,
                         help="Specifies the group by distinguished name, GUID, SID or SAM "
                              "account name.")
    Recursive = Switch(help="Gets the members of nested groups too (users only).")
    Partition = Parameter(str, help="Specifies the partition holding the object.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        group = self.resolve(self.Identity, GROUP)
        members = self._recursive(group, set()) if self.Recursive else self._direct(group)
        for obj in members:
            yield self.record(obj, "ADPrincipal")

    def _direct(self, group: Any) -> List[Any]:
        found = (self.directory.find(dn) for dn in group.attrs.get("member") or ())
        return [o for o in found if o is not None]

    def _recursive(self, group: Any, seen: Set[str]) -> Iterator[Any]:
        seen.add(group.guid)
        for obj in self._direct(group):
            if obj.guid in seen:
                continue
            if obj.object_class == "group":
                yield from self._recursive(obj, seen)
            else:
                seen.add(obj.guid)
                yield obj


class _Membership(ADWriter):
    target_type = "ADGroup"
    Identity = Parameter("object", mandatory=True, position=0, complete=complete_groups,
                         help="Specifies the group by distinguished name, GUID, SID or SAM "
                              "account name.")
    Members = Parameter("object[]", mandatory=True, position=1, pipeline=True,
                        complete=complete_principals,
                        help="Specifies the members by distinguished name, GUID, SID or SAM "
                             "account name.")
    PassThru = Switch(help="Returns the group.")
    DisablePermissiveModify = Switch(help="Fails on members that are already (or not) members.")
    Partition = Parameter(str, help="Specifies the partition holding the object.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        group = self.resolve(self.Identity, GROUP)
        members = self.Members if isinstance(self.Members, list) else [self.Members]
        self.target_type = "ADPrincipal"
        resolved = [self.resolve(m, PRINCIPALS) for m in members]
        self.target_type = "ADGroup"
        yield from self.apply(group, lambda g: self._change(g, resolved), "ADGroup")


@ad_cmdlet("Add-ADGroupMember", supports_should_process=True)
class AddADGroupMember(_Membership):
    """Adds one or more members to an Active Directory group.

    A member already in the group is not an error (permissive modify) unless
    -DisablePermissiveModify is given. The new membership syncs on the next cycle."""
    examples = [Example("Add-ADGroupMember 'SG-VPN Users' -Members alex.wilber,adele.vance",
                        "Adds two users to a group.")]
    MemberTimeToLive = Parameter("timespan", help="Makes the membership temporary.")

    def _change(self, group: Any, members: List[Any]) -> Any:
        existing = {m.lower() for m in group.attrs.get("member") or ()}
        for member in members:
            if member.dn.lower() in existing and self.DisablePermissiveModify:
                raise DirectoryError("The specified account name is already a member of the "
                                     "group", code=1378)
            self.directory.add_member(group, member)
        return group


@ad_cmdlet("Remove-ADGroupMember", supports_should_process=True, confirm_impact="High")
class RemoveADGroupMember(_Membership):
    """Removes one or more members from an Active Directory group.

    Asks for confirmation by default (-Confirm:$false skips it). The removal syncs on the next
    cycle."""
    examples = [Example("Remove-ADGroupMember 'SG-Sales' -Members alex.wilber -Confirm:$false",
                        "Removes a user from a group without asking.")]

    def _change(self, group: Any, members: List[Any]) -> Any:
        existing = {m.lower() for m in group.attrs.get("member") or ()}
        for member in members:
            if member.dn.lower() not in existing and self.DisablePermissiveModify:
                raise DirectoryError("The specified account name is not a member of the group",
                                     code=1377)
            self.directory.remove_member(group, member)
        return group
