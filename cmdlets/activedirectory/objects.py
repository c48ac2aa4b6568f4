"""Get-ADObject, Set-ADObject, New-ADObject and Remove-ADObject: any object class (contacts,
OUs, the deleted objects of the AD Recycle Bin with -IncludeDeletedObjects).

Move-ADObject, Rename-ADObject and Restore-ADObject are in moves.py. Knows the tenant through
tenant.directory.
"""
from __future__ import annotations

from typing import Any, Iterator

from msolsh.runtime.cmdlet import Example, Parameter, Switch
from msolsh.tenant import dn as dnlib
from msolsh.tenant.errors import DirectoryError

from . import modify
from .common import (ADCmdlet, ADWriter, ad_cmdlet, complete_containers, complete_objects,
                     declare, search_parameters)

NS = "Microsoft.ActiveDirectory.Management."
NOT_LEAF = "The directory service can perform the requested operation only on a leaf object."
CREATORS = {"contact": "add_contact", "organizationalunit": "add_ou", "group": "add_group",
            "user": "add_user", "inetorgperson": "add_user"}


def _object_parameters() -> dict:
    params = search_parameters(complete_objects)
    params["IncludeDeletedObjects"] = Switch(help="Includes deleted objects (the AD Recycle Bin).")
    return params


@ad_cmdlet("Get-ADObject", default_set="Filter", output_type=NS + "ADObject")
@declare(_object_parameters())
class GetADObject(ADCmdlet):
    """Gets one or more Active Directory objects of any class.

    -IncludeDeletedObjects also returns deleted objects: their DN is
    CN=<name>\\0ADEL:<objectGUID>,CN=Deleted Objects,... and they keep their objectGUID,
    which is what lets Restore-ADObject bring a user back and hard-match it in Azure AD."""
    target_type = "ADObject"
    examples = [
        Example("Get-ADObject -Filter \"ObjectClass -eq 'contact'\" | Format-Table Name,ObjectClass",
                "Gets the mail contacts."),
        Example("Get-ADObject -Filter 'isDeleted -eq $true' -IncludeDeletedObjects",
                "Lists the AD Recycle Bin."),
    ]

    def process(self) -> Iterator[Any]:
        deleted = bool(self.IncludeDeletedObjects)
        if self.parameter_set == "Identity":
            yield self.record(self.resolve(self.Identity, None, deleted), "ADObject",
                              self.Properties)
            return
        for obj in self.search(None, deleted):
            yield self.record(obj, "ADObject", self.Properties)


@ad_cmdlet("Set-ADObject", default_set="Identity", supports_should_process=True)
class SetADObject(ADWriter):
    """Modifies an Active Directory object.

    -Remove, -Add, -Replace and -Clear edit attributes by LDAP name, in that order. Like
    Set-ADUser it changes on-premises AD only; the next sync cycle carries it further."""
    target_type = "ADObject"
    examples = [Example("Get-ADObject -Filter \"Name -eq 'Northwind Support'\" | "
                        "Set-ADObject -Replace @{description='Partner support desk'}",
                        "Sets an attribute of a contact.")]
    Identity = Parameter("object", mandatory=True, position=0, pipeline=True,
                         complete=complete_objects,
                         help="Specifies the object by distinguished name or GUID.")
    Add = Parameter("hashtable", help="Adds values to attributes.")
    Remove = Parameter("hashtable", help="Removes values from attributes.")
    Replace = Parameter("hashtable", help="Replaces the values of attributes.")
    Clear = Parameter("string[]", help="Clears the named attributes.")
    Description = Parameter(str, help="Specifies the description.")
    DisplayName = Parameter(str, help="Specifies the display name.")
    ProtectedFromAccidentalDeletion = Parameter("bool", help="Protects the object from deletion.")
    PassThru = Switch(help="Returns the modified object.")
    Partition = Parameter(str, help="Specifies the partition holding the object.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        obj = self.resolve(self.Identity)
        yield from self.apply(obj, self._change, "ADObject")

    def _change(self, obj: Any) -> Any:
        named = {ldap: getattr(self, name) for name, ldap in
                 (("Description", "description"), ("DisplayName", "displayName"),
                  ("ProtectedFromAccidentalDeletion", "protectedFromAccidentalDeletion"))
                 if self.is_bound(name)}
        change = modify.plan(obj, self.Remove, self.Add, self.Replace, self.Clear, named)
        return modify.write(self.directory, change)


@ad_cmdlet("New-ADObject", supports_should_process=True)
class NewADObject(ADWriter):
    """Creates an Active Directory object.

    -Type names the object class: contact for a mail contact (with mail, proxyAddresses and
    targetAddress in -OtherAttributes), organizationalUnit, group or user."""
    target_type = "ADObject"
    examples = [Example("New-ADObject -Type contact -Name 'Fabrikam Sales' "
                        "-Path 'OU=Contacts,OU=Contoso,DC=contoso,DC=com' "
                        "-OtherAttributes @{mail='sales@fabrikam.net'; "
                        "targetAddress='SMTP:sales@fabrikam.net'; mailNickname='fabrikamsales'} -PassThru",
                        "Creates a mail contact.")]
    Name = Parameter(str, mandatory=True, position=0, help="Specifies the name (the RDN value).")
    Type = Parameter(str, mandatory=True, position=1, help="Specifies the object class.")
    Path = Parameter(str, complete=complete_containers, help="Specifies the container to use.")
    Description = Parameter(str, help="Specifies the description.")
    DisplayName = Parameter(str, help="Specifies the display name.")
    OtherAttributes = Parameter("hashtable", help="Sets other attributes by LDAP name.")
    PassThru = Switch(help="Returns the new object.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        kind = str(self.Type).lower()
        rdn = "OU" if kind == "organizationalunit" else "CN"
        dn = f"{rdn}={dnlib.escape(self.Name)},{dnlib.normalize(self.Path or self.naming_context)}"
        if kind not in CREATORS:
            self.fail("The specified class is not defined.", "ActiveDirectoryServer:8371",
                      "NotSpecified", NS + "ADException", self.Type)
        create = getattr(self.directory, CREATORS[kind])
        yield from self.create(dn, lambda: create(dn, self._attributes()), "ADObject")

    def _attributes(self) -> dict:
        attrs = modify.other_attributes(self.OtherAttributes)
        for name, ldap in (("Description", "description"), ("DisplayName", "displayName")):
            if getattr(self, name):
                attrs[ldap] = getattr(self, name)
        return attrs


@ad_cmdlet("Remove-ADObject", supports_should_process=True, confirm_impact="High")
class RemoveADObject(ADWriter):
    """Removes an Active Directory object.

    Asks for confirmation by default. An object with children (an OU that is not empty) needs
    -Recursive. Deleted objects go to the AD Recycle Bin, keeping their objectGUID."""
    target_type = "ADObject"
    examples = [Example("Remove-ADObject 'CN=Facilities Vendor,OU=Contacts,OU=Contoso,DC=contoso,DC=com' "
                        "-Confirm:$false", "Removes a contact without asking.")]
    Identity = Parameter("object", mandatory=True, position=0, pipeline=True,
                         complete=complete_objects,
                         help="Specifies the object by distinguished name or GUID.")
    Recursive = Switch(help="Removes the object and everything under it.")
    IncludeDeletedObjects = Switch(help="Lets -Identity name a deleted object.")
    Partition = Parameter(str, help="Specifies the partition holding the object.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        obj = self.resolve(self.Identity)
        yield from self.apply(obj, self._delete, "ADObject")

    def _delete(self, obj: Any) -> None:
        children = [o for o in self.directory.live_objects()
                    if o.guid != obj.guid and dnlib.is_under(o.dn, obj.dn)]
        if children and not self.Recursive:
            raise DirectoryError(NOT_LEAF, code=8213)
        for child in sorted(children, key=lambda o: -len(dnlib.split(o.dn))):
            self.directory.delete(child)
        self.directory.delete(obj)
        return None
