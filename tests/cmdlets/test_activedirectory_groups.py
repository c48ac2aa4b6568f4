"""Get-ADGroup, New-ADGroup and the membership cmdlets: exact output, errors, membership state."""
NS = "Microsoft.ActiveDirectory.Management"


def test_get_adgroup_default_list(shell):
    assert shell.run("Get-ADGroup 'SG-Sales'") == """
DistinguishedName : CN=SG-Sales,OU=Groups,OU=Contoso,DC=contoso,DC=com
GroupCategory     : Security
GroupScope        : Global
Name              : SG-Sales
ObjectClass       : group
ObjectGUID        : {g.guid}
SamAccountName    : SG-Sales
SID               : {g.attrs[objectSid]}

""".format(g=shell.tenant.directory.get("SG-Sales"))


def test_get_adgroup_not_found(shell):
    assert shell.run("Get-ADGroup nobody") == (
        "Get-ADGroup : Cannot find an object with identity: 'nobody' under: 'DC=contoso,DC=com'.\n"
        "At line:1 char:1\n+ Get-ADGroup nobody\n+ ~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (nobody:ADGroup) [Get-ADGroup], "
        "ADIdentityNotFoundException\n"
        f"    + FullyQualifiedErrorId : ActiveDirectoryCmdlet:{NS}.ADIdentityNotFoundException,"
        f"{NS}.Commands.GetADGroup\n\n")


def test_group_filter_on_computed_category(shell):
    out = shell.run("Get-ADGroup -Filter \"GroupCategory -eq 'Distribution' -and GroupScope -eq 'Global'\" "
                    "| ForEach-Object Name")
    assert out == "Old Project Team\n"


def test_get_adgroupmember_lower_case_principal_list(shell):
    assert shell.run("Get-ADGroupMember 'SG-Sales' | Select-Object -First 1") == """
distinguishedName : CN=Alex
                    Wilber,OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com
name              : Alex Wilber
objectClass       : user
objectGUID        : {u.guid}
SamAccountName    : alex.wilber
SID               : {u.attrs[objectSid]}

""".format(u=shell.tenant.directory.get("alex.wilber"))


def test_recursive_members_are_users_only_and_unique(shell):
    direct = shell.run("Get-ADGroupMember 'SG-All Staff' | ForEach-Object objectClass | Sort-Object -Unique")
    assert direct == "group\nuser\n"
    rec = shell.run("$m = Get-ADGroupMember 'SG-All Staff' -Recursive; "
                    "\"$(@($m).Count) $(@($m | Sort-Object SamAccountName -Unique).Count) "
                    "$(@($m | Where-Object objectClass -eq 'group').Count)\"")
    count = rec.split()[0]
    assert rec == f"{count} {count} 0\n" and int(count) > 50


def test_new_group_add_and_remove_members(shell):
    out = shell.run("New-ADGroup 'SG-Project X' -GroupScope Universal -GroupCategory Distribution "
                    "-Path 'OU=Groups,OU=Contoso,DC=contoso,DC=com' -PassThru | "
                    "Format-List GroupCategory,GroupScope")
    assert out == "\nGroupCategory : Distribution\nGroupScope    : Universal\n\n"
    assert shell.tenant.directory.get("SG-Project X").attrs["groupType"] == 8
    assert shell.run("Add-ADGroupMember 'SG-Project X' -Members alex.wilber,megan.bowen") == ""
    assert shell.run("Add-ADGroupMember 'SG-Project X' -Members alex.wilber") == ""   # permissive
    assert shell.run("Get-ADGroupMember 'SG-Project X' | ForEach-Object name") == "Alex Wilber\nMegan Bowen\n"
    assert shell.run("Remove-ADGroupMember 'SG-Project X' -Members alex.wilber -Confirm:$false") == ""
    assert shell.run("(Get-ADUser megan.bowen -Properties MemberOf).MemberOf -like '*Project X*'") == (
        "CN=SG-Project X,OU=Groups,OU=Contoso,DC=contoso,DC=com\n")


def test_add_unknown_member_fails_before_writing(shell):
    cmd = "Add-ADGroupMember 'SG-Sales' -Members megan.bowen,nobody"
    out = shell.run(cmd)
    assert out.startswith("Add-ADGroupMember : Cannot find an object with identity: 'nobody' under: "
                          "'DC=contoso,DC=com'.\n")
    assert "(nobody:ADPrincipal) [Add-ADGroupMember], ADIdentityNotFoundException" in out
    assert shell.run("@(Get-ADGroupMember 'SG-Sales' | Where-Object name -eq 'Megan Bowen').Count") == "0\n"


def test_security_group_created_with_signed_group_type(shell):
    shell.run("New-ADGroup 'SG-Temp' Global")
    assert shell.tenant.directory.get("SG-Temp").attrs["groupType"] == -2147483646
    assert shell.run("(Get-ADGroup SG-Temp).DistinguishedName") == "CN=SG-Temp,CN=Users,DC=contoso,DC=com\n"
