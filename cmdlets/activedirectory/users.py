"""Get-ADUser, Set-ADUser, New-ADUser and Remove-ADUser: on-premises user accounts.

Every write changes the on-premises directory only; nothing reaches Azure AD until a sync cycle
(Start-ADSyncSyncCycle, or the scheduler) imports it. Knows the tenant through tenant.directory.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterator

from msolsh.runtime.cmdlet import ALL_SETS, Example, Parameter, Switch
from msolsh.tenant import dn as dnlib

from msolsh.runtime.values import PSObject

from . import attributes, modify
from .attributes import ACCOUNTDISABLE
from .common import (USER_CLASSES, ADCmdlet, ADWriter, ad_cmdlet, complete_containers,
                     complete_users, declare, search_parameters)

ADUSER = "Microsoft.ActiveDirectory.Management.ADUser"
READ_ONLY = frozenset({"objectsid", "whencreated", "whenchanged", "memberof", "objectguid",
                       "usnchanged", "usncreated"})
# Named property parameters of Set-ADUser/New-ADUser -> lDAPDisplayName
USER_PROPERTIES = {
    "City": "l", "Company": "company", "Country": "c", "Department": "department",
    "Description": "description", "DisplayName": "displayName", "EmailAddress": "mail",
    "EmployeeID": "employeeID", "GivenName": "givenName", "MobilePhone": "mobile",
    "Office": "physicalDeliveryOfficeName", "OfficePhone": "telephoneNumber",
    "PostalCode": "postalCode", "SamAccountName": "sAMAccountName", "State": "st",
    "StreetAddress": "streetAddress", "Surname": "sn", "Title": "title",
    "UserPrincipalName": "userPrincipalName",
}


def _property_parameters(set_name: str = ALL_SETS) -> Callable[[type], type]:
    """Class decorator: the named attribute parameters Set-ADUser and New-ADUser share."""
    def decorate(cls: type) -> type:
        for name, ldap in USER_PROPERTIES.items():
            param = Parameter(str, set=set_name, help=f"Specifies the {ldap} attribute.")
            param.name = name
            setattr(cls, name, param)
        return cls
    return decorate


@ad_cmdlet("Get-ADUser", default_set="Filter", output_type=ADUSER)
@declare(search_parameters(complete_users))
class GetADUser(ADCmdlet):
    """Gets one or more Active Directory users.

    -Identity takes a distinguished name, GUID, SID or SAM account name (not a UPN: use
    -Filter "UserPrincipalName -eq '...'"). -Filter uses the PowerShell Expression Language,
    -LDAPFilter plain LDAP. Only the default property set comes back unless -Properties names
    more (Exchange attributes by their LDAP names: proxyAddresses, mailNickname, msExch*)."""
    target_type = "ADUser"
    examples = [
        Example("Get-ADUser alex.wilber", "Gets a user by SAM account name."),
        Example("Get-ADUser -Filter \"Department -eq 'Sales'\" | Format-Table Name,SamAccountName -AutoSize",
                "Gets the users of the Sales department."),
        Example("Get-ADUser alex.wilber -Properties proxyAddresses,mailNickname,targetAddress,"
                "msExchRecipientTypeDetails",
                "Shows the Exchange attributes Azure AD Connect synchronizes."),
        Example("Get-ADUser -LDAPFilter '(!userAccountControl:1.2.840.113556.1.4.803:=2)' "
                "-SearchBase 'OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com'",
                "Gets the enabled users under the Sales OU."),
    ]

    def process(self) -> Iterator[Any]:
        if self.parameter_set == "Identity":
            yield self.record(self.resolve(self.Identity, USER_CLASSES), "ADUser", self.Properties)
            return
        for obj in self.search(USER_CLASSES):
            yield self.record(obj, "ADUser", self.Properties)


@ad_cmdlet("Set-ADUser", default_set="Identity", supports_should_process=True)
@_property_parameters("Identity")
class SetADUser(ADWriter):
    """Modifies an Active Directory user.

    Named parameters set one attribute each ($null clears it). -Remove, -Add, -Replace and
    -Clear edit any attribute by LDAP name and run in that order: Remove, Add, Replace, Clear.
    AD refuses a UPN already used in the forest, but not a duplicate proxyAddresses value:
    that is caught later by Azure AD Connect and Azure AD. Nothing reaches Azure AD until the
    next sync cycle."""
    target_type = "ADUser"
    examples = [
        Example("Set-ADUser alex.wilber -Title 'Sales Director' -Department Sales",
                "Sets two attributes."),
        Example("Set-ADUser alex.wilber -Add @{proxyAddresses='smtp:alex@contoso.com'}",
                "Adds a secondary SMTP address."),
        Example("$g = [guid]'9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'; "
                "Get-ADUser alex.wilber | Set-ADUser -Replace @{msExchArchiveGUID=$g.ToByteArray()}",
                "Writes a GUID attribute as the byte array AD expects."),
    ]
    Identity = Parameter("object", set="Identity", mandatory=True, position=0, pipeline=True,
                         complete=complete_users,
                         help="Specifies the user by distinguished name, GUID, SID or SAM "
                              "account name.")
    Add = Parameter("hashtable", set="Identity",
                    help="Adds values to attributes: @{proxyAddresses='smtp:a@b.com'}.")
    Remove = Parameter("hashtable", set="Identity", help="Removes values from attributes.")
    Replace = Parameter("hashtable", set="Identity", help="Replaces the values of attributes.")
    Clear = Parameter("string[]", set="Identity", help="Clears the named attributes.")
    Enabled = Parameter("bool", set="Identity",
                        help="Enables ($true) or disables ($false) the account.")
    Manager = Parameter("object", set="Identity", complete=complete_users,
                        help="Specifies the manager by identity.")
    PassThru = Switch(help="Returns the modified user.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")
    Partition = Parameter(str, help="Specifies the partition holding the object.")
    Instance = Parameter("object", set="Instance", mandatory=True,
                         help="Specifies a user object from Get-ADUser whose changed "
                              "properties are written back.")

    def process(self) -> Iterator[Any]:
        if self.parameter_set == "Instance":
            if not isinstance(self.Instance, PSObject):
                self.fail("The -Instance parameter takes an ADUser object from Get-ADUser.",
                          "ActiveDirectoryCmdlet:System.ArgumentException", "InvalidArgument",
                          "System.ArgumentException")
            obj = self.resolve(self.Instance, USER_CLASSES)
            yield from self.apply(obj, self._write_instance)
            return
        obj = self.resolve(self.Identity, USER_CLASSES)
        yield from self.apply(obj, self._change)

    def _write_instance(self, obj: Any) -> Any:
        """-Instance: write the properties whose value differs from what AD holds now."""
        named: Dict[str, Any] = {}
        for name, value in self.Instance.properties():
            if name.lower() in READ_ONLY or name.lower() in attributes.COMPUTED:
                continue
            if value != attributes.property_value(obj, name, self.directory):
                named[attributes.ldap_name(name)] = value
        return modify.write(self.directory, modify.plan(obj, named=named))

    def _change(self, obj: Any) -> Any:
        named: Dict[str, Any] = {ldap: getattr(self, name) for name, ldap in USER_PROPERTIES.items()
                                 if self.is_bound(name)}
        if self.is_bound("Manager"):
            named["manager"] = (self.resolve(self.Manager, USER_CLASSES).dn
                                if self.Manager is not None else None)
        if self.is_bound("Enabled"):
            uac = int(obj.attrs.get("userAccountControl", 512))
            named["userAccountControl"] = (uac & ~ACCOUNTDISABLE if self.Enabled
                                           else uac | ACCOUNTDISABLE)
        change = modify.plan(obj, self.Remove, self.Add, self.Replace, self.Clear, named)
        return modify.write(self.directory, change)


@ad_cmdlet("New-ADUser", supports_should_process=True)
@_property_parameters()
class NewADUser(ADWriter):
    """Creates an Active Directory user.

    The account is created disabled unless -Enabled $true is given (with -AccountPassword, as
    a domain password policy requires). -Path is the OU to create it in (CN=Users by default);
    -OtherAttributes sets any attribute by LDAP name. Azure AD Connect picks it up on the next
    sync cycle if the OU is in its scope."""
    target_type = "ADUser"
    examples = [
        Example("New-ADUser -Name 'Ruth Baker' -SamAccountName ruth.baker "
                "-UserPrincipalName ruth.baker@contoso.com -GivenName Ruth -Surname Baker "
                "-Path 'OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com' -Enabled $true -PassThru",
                "Creates an enabled user in the Sales OU and returns it."),
        Example("New-ADUser -Name 'Test Contact User' -OtherAttributes @{mailNickname='tcu'; "
                "proxyAddresses='SMTP:tcu@contoso.com'}",
                "Creates a disabled user in CN=Users with Exchange attributes."),
    ]
    Name = Parameter(str, mandatory=True, position=0, help="Specifies the name (cn) of the user.")
    Path = Parameter(str, complete=complete_containers,
                     help="Specifies the OU or container to create the user in.")
    Enabled = Parameter("bool", help="Creates the account enabled ($true) or disabled.")
    AccountPassword = Parameter("object", help="Specifies the password as a SecureString.")
    OtherAttributes = Parameter("hashtable", help="Sets other attributes by LDAP name.")
    Type = Parameter(str, help="Specifies the object class (user or inetOrgPerson).")
    Instance = Parameter("object", help="Specifies a user to use as a template.")
    PassThru = Switch(help="Returns the new user.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        path = dnlib.normalize(self.Path or f"CN=Users,{self.naming_context}")
        dn = f"CN={dnlib.escape(self.Name)},{path}"
        yield from self.create(dn, lambda: self.directory.add_user(
            dn, self._attributes(), object_class=self.Type or "user"), "ADUser")

    def _attributes(self) -> Dict[str, Any]:
        attrs = modify.other_attributes(self.OtherAttributes)
        for name, ldap in USER_PROPERTIES.items():
            if getattr(self, name) not in (None, ""):
                attrs[ldap] = getattr(self, name)
        attrs["userAccountControl"] = 512 if self.Enabled else 512 | ACCOUNTDISABLE
        modify.check_values(self.directory, attrs)
        return attrs


@ad_cmdlet("Remove-ADUser", supports_should_process=True, confirm_impact="High")
class RemoveADUser(ADWriter):
    """Removes an Active Directory user.

    Asks for confirmation by default (-Confirm:$false skips it). With the AD Recycle Bin the
    user keeps its objectGUID and can come back with Restore-ADObject. The next sync cycle
    deletes the user from Azure AD (into its recycle bin for 30 days)."""
    target_type = "ADUser"
    examples = [
        Example("Remove-ADUser pat.kowalczyk -Confirm:$false", "Removes a user without asking."),
    ]
    Identity = Parameter("object", mandatory=True, position=0, pipeline=True,
                         complete=complete_users,
                         help="Specifies the user by distinguished name, GUID, SID or SAM "
                              "account name.")
    Partition = Parameter(str, help="Specifies the partition holding the object.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        obj = self.resolve(self.Identity, USER_CLASSES)
        yield from self.apply(obj, lambda o: self.directory.delete(o) and None)
