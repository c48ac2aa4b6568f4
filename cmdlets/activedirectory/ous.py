"""Get-ADOrganizationalUnit and New-ADOrganizationalUnit.

OUs are what Azure AD Connect's OU filtering selects: an object in an OU outside the sync scope
never reaches Azure AD (and one moved there is deleted from it). Knows the tenant through
tenant.directory.
"""
from __future__ import annotations

from typing import Any, Iterator

from msolsh.runtime.cmdlet import Example, Parameter, Switch
from msolsh.tenant import dn as dnlib

from . import modify
from .common import (ADCmdlet, ADWriter, ad_cmdlet, complete_containers, completer, declare,
                     search_parameters)

NS = "Microsoft.ActiveDirectory.Management."
OU = ("organizationalUnit",)
complete_ous = completer(OU, "dn")


@ad_cmdlet("Get-ADOrganizationalUnit", default_set="Filter",
           output_type=NS + "ADOrganizationalUnit")
@declare(search_parameters(complete_ous))
class GetADOrganizationalUnit(ADCmdlet):
    """Gets one or more Active Directory organizational units.

    -Identity takes a distinguished name or GUID; -Filter and -LDAPFilter search."""
    target_type = "ADOrganizationalUnit"
    examples = [
        Example("Get-ADOrganizationalUnit -Filter * -SearchBase 'OU=Users,OU=Contoso,DC=contoso,DC=com' "
                "-SearchScope OneLevel | Format-Table Name,DistinguishedName",
                "Lists the OUs directly under Contoso's Users OU."),
        Example("Get-ADOrganizationalUnit 'OU=Disabled Users,OU=Contoso,DC=contoso,DC=com' "
                "-Properties Description", "Gets one OU with its description."),
    ]

    def process(self) -> Iterator[Any]:
        if self.parameter_set == "Identity":
            yield self.record(self.resolve(self.Identity, OU), "ADOrganizationalUnit",
                              self.Properties)
            return
        for obj in self.search(OU):
            yield self.record(obj, "ADOrganizationalUnit", self.Properties)


@ad_cmdlet("New-ADOrganizationalUnit", supports_should_process=True)
class NewADOrganizationalUnit(ADWriter):
    """Creates an Active Directory organizational unit.

    -Path is the parent (the domain by default). A new OU under a synchronized OU is in Azure AD
    Connect's scope when its parent's selection is inherited; a new top-level OU is not."""
    target_type = "ADOrganizationalUnit"
    examples = [Example("New-ADOrganizationalUnit -Name Contractors "
                        "-Path 'OU=Users,OU=Contoso,DC=contoso,DC=com' -PassThru",
                        "Creates an OU under Contoso's Users OU.")]
    Name = Parameter(str, mandatory=True, position=0, help="Specifies the OU name.")
    Path = Parameter(str, complete=complete_containers, help="Specifies the parent container.")
    Description = Parameter(str, help="Specifies the description.")
    DisplayName = Parameter(str, help="Specifies the display name.")
    City = Parameter(str, help="Specifies the city (l).")
    Country = Parameter(str, help="Specifies the country code (c).")
    ProtectedFromAccidentalDeletion = Parameter("bool", help="Protects the OU (default $true).")
    OtherAttributes = Parameter("hashtable", help="Sets other attributes by LDAP name.")
    PassThru = Switch(help="Returns the new OU.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        dn = f"OU={dnlib.escape(self.Name)},{dnlib.normalize(self.Path or self.naming_context)}"
        yield from self.create(dn, lambda: self.directory.add_ou(dn, self._attributes()),
                               "ADOrganizationalUnit")

    def _attributes(self) -> dict:
        attrs = {ldap: getattr(self, name) for name, ldap in
                 (("Description", "description"), ("DisplayName", "displayName"),
                  ("City", "l"), ("Country", "c")) if getattr(self, name)}
        protected = self.ProtectedFromAccidentalDeletion
        attrs["protectedFromAccidentalDeletion"] = True if protected is None else bool(protected)
        attrs.update(modify.other_attributes(self.OtherAttributes))
        return attrs
