"""Get/Set/New/Remove/Move/Rename/Restore-ADObject, the OU cmdlets, Get-ADDomain/Get-ADForest."""
NS = "Microsoft.ActiveDirectory.Management"
CONTACTS = "OU=Contacts,OU=Contoso,DC=contoso,DC=com"


def test_deleted_object_list_shows_deleted_and_mangled_dn(shell):
    guid = shell.tenant.directory.get("pat.kowalczyk").guid
    shell.run("Remove-ADUser pat.kowalczyk -Confirm:$false")
    assert shell.run("Get-ADObject -Filter \"samAccountName -eq 'pat.kowalczyk'\" -IncludeDeletedObjects") == """
Deleted           : True
DistinguishedName : CN=Pat
                    Kowalczyk\\0ADEL:{0},CN=Del
                    eted Objects,DC=contoso,DC=com
Name              : Pat Kowalczyk
                    DEL:{0}
ObjectClass       : user
ObjectGUID        : {0}

""".format(guid)
    assert shell.run("@(Get-ADObject -Filter \"samAccountName -eq 'pat.kowalczyk'\").Count") == "0\n"


def test_restore_adobject_returns_to_last_known_parent_with_same_guid(shell):
    guid = shell.tenant.directory.get("pat.kowalczyk").guid
    shell.run("Remove-ADUser pat.kowalczyk -Confirm:$false")
    out = shell.run(f"Restore-ADObject {guid} -PassThru | "
                    "Format-List DistinguishedName,ObjectGUID")
    assert out == ("\nDistinguishedName : CN=Pat Kowalczyk,OU=Disabled\n"
                   "                    Users,OU=Contoso,DC=contoso,DC=com\n"
                   f"ObjectGUID        : {guid}\n\n")


def test_adobject_identity_is_dn_or_guid_not_sam(shell):
    cmd = "Get-ADObject megan.bowen"
    assert shell.run(cmd) == (
        "Get-ADObject : Cannot find an object with identity: 'megan.bowen' under: 'DC=contoso,DC=com'.\n"
        f"At line:1 char:1\n+ {cmd}\n+ {'~' * len(cmd)}\n"
        "    + CategoryInfo          : ObjectNotFound: (megan.bowen:ADObject) [Get-ADObject], "
        "ADIdentityNotFoundException\n"
        f"    + FullyQualifiedErrorId : ActiveDirectoryCmdlet:{NS}.ADIdentityNotFoundException,"
        f"{NS}.Commands.GetADObject\n\n")


def test_contacts_with_properties_and_new_contact(shell):
    assert shell.run("Get-ADObject -Filter \"ObjectClass -eq 'contact'\" -Properties mail | "
                     "Select-Object -First 1") == """
DistinguishedName : CN=Northwind
                    Support,OU=Contacts,OU=Contoso,DC=contoso,DC=com
mail              : support@northwindtraders.com
Name              : Northwind Support
ObjectClass       : contact
ObjectGUID        : {0}

""".format(shell.tenant.directory.get(f"CN=Northwind Support,{CONTACTS}").guid)
    shell.run(f"New-ADObject -Type contact -Name 'Fabrikam Sales' -Path '{CONTACTS}' "
              "-OtherAttributes @{mail='sales@fabrikam.net'; proxyAddresses='SMTP:sales@fabrikam.net'}")
    contact = shell.tenant.directory.get(f"CN=Fabrikam Sales,{CONTACTS}")
    assert (contact.object_class, contact.attrs["proxyAddresses"]) == ("contact", ["SMTP:sales@fabrikam.net"])


def test_set_adobject_and_ldap_filter_on_contacts(shell):
    shell.run("Get-ADObject -LDAPFilter '(&(objectClass=contact)(cn=Northwind*))' | "
              "Set-ADObject -Replace @{description='Partner desk'}")
    assert shell.run("(Get-ADObject -LDAPFilter '(description=Partner desk)').Name") == "Northwind Support\n"


def test_remove_non_leaf_needs_recursive(shell):
    out = shell.run(f"Remove-ADObject '{CONTACTS}' -Confirm:$false")
    assert out.startswith("Remove-ADObject : The directory service can perform the requested "
                          "operation only on a leaf object.\n")
    assert f"ActiveDirectoryServer:8213,{NS}.Commands.RemoveADObject" in out
    assert shell.run(f"Remove-ADObject '{CONTACTS}' -Recursive -Confirm:$false") == ""
    assert shell.tenant.directory.find(f"CN=Northwind Support,{CONTACTS}") is None


def test_move_and_rename(shell):
    dn = "CN=Alex Wilber,OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com"
    assert shell.run(f"Move-ADObject '{dn}' -TargetPath 'OU=Marketing,OU=Users,OU=Contoso,DC=contoso,DC=com'") == ""
    assert shell.run("(Get-ADUser alex.wilber).DistinguishedName") == (
        "CN=Alex Wilber,OU=Marketing,OU=Users,OU=Contoso,DC=contoso,DC=com\n")
    shell.run("Get-ADUser alex.wilber | Rename-ADObject -NewName 'Alexander Wilber'")
    assert shell.run("(Get-ADUser alex.wilber).Name") == "Alexander Wilber\n"
    out = shell.run("Get-ADUser alex.wilber | Move-ADObject -TargetPath 'OU=Nowhere,DC=contoso,DC=com'")
    assert out.startswith("Move-ADObject : Directory object not found\n")


def test_get_organizational_unit_default_list(shell):
    assert shell.run("Get-ADOrganizationalUnit 'OU=HR,OU=Users,OU=Contoso,DC=contoso,DC=com'") == """
City                     :
Country                  :
DistinguishedName        : OU=HR,OU=Users,OU=Contoso,DC=contoso,DC=com
LinkedGroupPolicyObjects : {{}}
ManagedBy                :
Name                     : HR
ObjectClass              : organizationalUnit
ObjectGUID               : {0}
PostalCode               :
State                    :
StreetAddress            :

""".format(shell.tenant.directory.get("OU=HR,OU=Users,OU=Contoso,DC=contoso,DC=com").guid)


def test_onelevel_scope_and_new_ou(shell):
    users = "OU=Users,OU=Contoso,DC=contoso,DC=com"
    names = f"Get-ADOrganizationalUnit -Filter * -SearchBase '{users}' -SearchScope OneLevel | ForEach-Object Name"
    assert shell.run(names) == "Executive\nSales\nMarketing\nEngineering\nFinance\nHR\nIT\nSupport\nLegal\n"
    shell.run(f"New-ADOrganizationalUnit Contractors -Path '{users}'")
    assert shell.run(names).endswith("Legal\nContractors\n")
    out = shell.run(f"New-ADOrganizationalUnit Contractors -Path '{users}'")
    assert "ActiveDirectoryServer:8305" in out


def test_domain_and_forest(shell):
    assert shell.run("Get-ADDomain | Format-List DNSRoot,NetBIOSName,DistinguishedName,UsersContainer") == (
        "\nDNSRoot           : contoso.com\nNetBIOSName       : CONTOSO\n"
        "DistinguishedName : DC=contoso,DC=com\nUsersContainer    : CN=Users,DC=contoso,DC=com\n\n")
    assert shell.run("Get-ADForest | Format-List Name,Domains,UPNSuffixes") == (
        "\nName        : contoso.com\nDomains     : {contoso.com}\nUPNSuffixes : {fabrikam.com}\n\n")


def test_get_adforest_default_list(shell):
    assert shell.run("Get-ADForest") == """
ApplicationPartitions : {DC=DomainDnsZones,DC=contoso,DC=com,
                        DC=ForestDnsZones,DC=contoso,DC=com}
CrossForestReferences : {}
DomainNamingMaster    : DC01.contoso.com
Domains               : {contoso.com}
ForestMode            : Windows2016Forest
GlobalCatalogs        : {DC01.contoso.com}
Name                  : contoso.com
PartitionsContainer   : CN=Partitions,CN=Configuration,DC=contoso,DC=com
RootDomain            : contoso.com
SchemaMaster          : DC01.contoso.com
Sites                 : {Default-First-Site-Name}
SPNSuffixes           : {}
UPNSuffixes           : {fabrikam.com}

"""


def test_get_addomain_property_order(shell):
    names = shell.run("(Get-ADDomain).PSObject.Properties.Name -join ','")
    assert names == (
        "AllowedDNSSuffixes,ChildDomains,ComputersContainer,DeletedObjectsContainer,DistinguishedName,"
        "DNSRoot,DomainControllersContainer,DomainMode,DomainSID,ForeignSecurityPrincipalsContainer,"
        "Forest,InfrastructureMaster,LastLogonReplicationInterval,LinkedGroupPolicyObjects,"
        "LostAndFoundContainer,ManagedBy,Name,NetBIOSName,ObjectClass,ObjectGUID,ParentDomain,"
        "PDCEmulator,PublicKeyRequiredPasswordRolling,QuotasContainer,ReadOnlyReplicaDirectoryServers,"
        "ReplicaDirectoryServers,RIDMaster,SubordinateReferences,SystemsContainer,UsersContainer\n")


def test_moving_an_ou_into_its_own_subtree_is_refused(shell):
    ou = "OU=HR,OU=Users,OU=Contoso,DC=contoso,DC=com"
    out = shell.run(f"Move-ADObject '{ou}' -TargetPath '{ou}'")
    assert out.startswith("Move-ADObject : Illegal modify operation. Some aspect of the modification "
                          "is not permitted.\n")
    assert f"ActiveDirectoryServer:8311,{NS}.Commands.MoveADObject" in out
    assert shell.tenant.directory.find(ou) is not None
