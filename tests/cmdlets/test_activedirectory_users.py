"""Get-ADUser, Set-ADUser, New-ADUser, Remove-ADUser and Enable/Disable-ADAccount: exact
output, the module's errors, and what each write leaves in on-premises AD."""

NS = "Microsoft.ActiveDirectory.Management"
MEGAN = """
DistinguishedName : CN=Megan
                    Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com
Enabled           : True
GivenName         : Megan
Name              : Megan Bowen
ObjectClass       : user
ObjectGUID        : {guid}
SamAccountName    : megan.bowen
SID               : {sid}
Surname           : Bowen
UserPrincipalName : megan.bowen@contoso.com

"""


def ids(shell, identity):
    """objectGUID and objectSid as the tenant generated them (not hard-coded in tests)."""
    obj = shell.tenant.directory.get(identity)
    return obj.guid, obj.attrs.get("objectSid")


def megan(shell):
    guid, sid = ids(shell, "megan.bowen")
    return MEGAN.format(guid=guid, sid=sid)


def not_found(cmd, identity, cls, col=1, message=None, target_type="ADUser", line=None):
    message = message or f"Cannot find an object with identity: '{identity}' under: 'DC=contoso,DC=com'."
    line = line or cmd
    return (f"{cmd.split()[0]} : {message}\nAt line:1 char:{col}\n+ {line}\n+ {'~' * len(line)}\n"
            f"    + CategoryInfo          : ObjectNotFound: ({identity}:{target_type}) "
            f"[{cmd.split()[0]}], ADIdentityNotFoundException\n"
            f"    + FullyQualifiedErrorId : ActiveDirectoryCmdlet:{NS}.ADIdentityNotFoundException,"
            f"{NS}.Commands.{cls}\n\n")


def test_get_aduser_default_property_set_as_a_list(shell):
    assert shell.run("Get-ADUser megan.bowen") == megan(shell)


def test_identity_by_dn_guid_and_sid(shell):
    by_dn = shell.run("Get-ADUser 'CN=Megan Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com'")
    guid, sid = ids(shell, "megan.bowen")
    by_guid = shell.run(f"Get-ADUser {guid}")
    by_sid = shell.run(f"Get-ADUser {sid}")
    assert by_dn == by_guid == by_sid == megan(shell)


def test_a_upn_is_not_an_identity(shell):
    cmd = "Get-ADUser megan.bowen@contoso.com"
    assert shell.run(cmd) == not_found(cmd, "megan.bowen@contoso.com", "GetADUser")


def test_missing_dn_says_directory_object_not_found(shell):
    cmd = "Get-ADUser 'CN=Nobody,DC=contoso,DC=com'"
    assert shell.run(cmd) == not_found(cmd, "CN=Nobody,DC=contoso,DC=com", "GetADUser",
                                       message="Directory object not found")


def test_not_found_is_terminating_and_ignores_silently_continue(shell):
    cmd = "Get-ADUser nobody -ErrorAction SilentlyContinue"
    assert shell.run(cmd) == not_found(cmd, "nobody", "GetADUser")
    assert shell.run("try { Get-ADUser nobody } catch { 'caught: ' + $_.FullyQualifiedErrorId }") == (
        f"caught: ActiveDirectoryCmdlet:{NS}.ADIdentityNotFoundException,{NS}.Commands.GetADUser\n")


def test_properties_adds_ldap_and_friendly_names_in_alphabetical_order(shell):
    out = shell.run("Get-ADUser alex.wilber -Properties proxyAddresses,mailNickname,department,"
                    "msExchRecipientTypeDetails | Format-List Department,mailNickname,"
                    "msExchRecipientTypeDetails,proxyAddresses")
    assert out == ("\nDepartment                 : Sales\nmailNickname               : alex.wilber\n"
                   "msExchRecipientTypeDetails : 2147483648\n"
                   "proxyAddresses             : {SMTP:alex.wilber@contoso.com,\n"
                   "                             smtp:alex.wilber@contoso.mail.onmicrosoft.com}\n\n")
    names = shell.run("(Get-ADUser alex.wilber -Properties proxyAddresses,department)"
                      ".PSObject.Properties.Name -join ','")
    assert names == ("Department,DistinguishedName,Enabled,GivenName,Name,ObjectClass,ObjectGUID,"
                     "proxyAddresses,SamAccountName,SID,Surname,UserPrincipalName\n")


def test_properties_star_and_guid_attributes_as_byte_arrays(shell):
    assert shell.run("$u = Get-ADUser megan.bowen -Properties *; [guid]$u.msExchArchiveGUID") == (
        "\nGuid\n----\n" + str(shell.tenant.directory.get("megan.bowen").attrs["msExchArchiveGUID"])
        + "\n\n")
    assert shell.run("(Get-ADUser megan.bowen -Properties *).EmailAddress") == "megan.bowen@contoso.com\n"


def test_filter_ldapfilter_searchbase_scope_and_resultsetsize(shell):
    sales = "OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com"
    assert shell.run(f"(Get-ADUser -Filter * -SearchBase '{sales}').Count") == "10\n"
    assert shell.run(f"@(Get-ADUser -Filter * -SearchBase '{sales}' -SearchScope Base).Count") == "0\n"
    assert shell.run("(Get-ADUser -Filter \"Department -eq 'Sales'\" -ResultSetSize 2).Name") == (
        "Alex Wilber\nGrady Archie\n")
    assert shell.run("Get-ADUser -LDAPFilter '(&(objectClass=user)(sn=Bowen))' | "
                     "ForEach-Object SamAccountName") == "megan.bowen\n"
    assert shell.run("Get-ADUser -Filter \"UserPrincipalName -eq 'nestor.wilke@contoso.com'\" | "
                     "ForEach-Object Name") == "Nestor Wilke\n"


def test_filter_syntax_error(shell):
    cmd = 'Get-ADUser -Filter "Name -eq"'
    assert shell.run(cmd) == (
        "Get-ADUser : Error parsing query: 'Name -eq' Error Message: 'syntax error' at position: '9'.\n"
        f"At line:1 char:1\n+ {cmd}\n+ {'~' * len(cmd)}\n"
        "    + CategoryInfo          : ParserError: (:) [Get-ADUser], ADFilterParsingException\n"
        f"    + FullyQualifiedErrorId : ActiveDirectoryCmdlet:{NS}.ADFilterParsingException,"
        f"{NS}.Commands.GetADUser\n\n")


def test_set_aduser_named_and_hashtable_changes_bump_usn(shell):
    before = shell.tenant.directory.get("alex.wilber").usn_changed
    assert shell.run("Set-ADUser alex.wilber -Title 'Regional Director' -EmailAddress alex@contoso.com "
                     "-Add @{proxyAddresses='smtp:alex@contoso.com'} -Clear telephoneNumber") == ""
    user = shell.tenant.directory.get("alex.wilber")
    assert user.usn_changed > before
    assert (user.attrs["title"], user.attrs["mail"]) == ("Regional Director", "alex@contoso.com")
    assert "smtp:alex@contoso.com" in user.attrs["proxyAddresses"]
    assert "telephoneNumber" not in user.attrs


def test_set_aduser_runs_remove_add_replace_clear_in_that_order(shell):
    shell.run("Set-ADUser alex.wilber -Replace @{proxyAddresses='SMTP:a@contoso.com'} "
              "-Remove @{proxyAddresses='smtp:alex.wilber@contoso.mail.onmicrosoft.com'} "
              "-Add @{proxyAddresses='smtp:b@contoso.com'}")
    # Remove and Add first, then Replace overwrites the whole attribute
    assert shell.tenant.directory.get("alex.wilber").attrs["proxyAddresses"] == ["SMTP:a@contoso.com"]


def test_set_aduser_upn_must_be_unique_forest_wide(shell):
    cmd = "Set-ADUser alex.wilber -UserPrincipalName megan.bowen@contoso.com"
    assert shell.run(cmd) == (
        "Set-ADUser : The operation failed because UPN value provided for addition/modification "
        f"is not unique forest-wide\nAt line:1 char:1\n+ {cmd}\n+ {'~' * len(cmd)}\n"
        "    + CategoryInfo          : NotSpecified: (alex.wilber:ADUser) [Set-ADUser], ADException\n"
        f"    + FullyQualifiedErrorId : ActiveDirectoryServer:8648,{NS}.Commands.SetADUser\n\n")
    assert shell.tenant.directory.get("alex.wilber").attrs["userPrincipalName"] == "alex.wilber@contoso.com"


def test_ad_does_not_enforce_unique_proxy_addresses(shell):
    assert shell.run("Set-ADUser alex.wilber -Add @{proxyAddresses='smtp:megan.bowen@contoso.com'}") == ""
    assert len(shell.tenant.directory.by_proxy("smtp:megan.bowen@contoso.com")) == 2


def test_guid_attribute_as_text_is_8322_and_as_bytes_works(shell):
    out = shell.run("Set-ADUser alex.wilber -Replace @{msExchMailboxGuid='9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'}")
    assert out.startswith("Set-ADUser : A value for the attribute was not in the acceptable range of values\n")
    assert "ActiveDirectoryServer:8322," in out
    shell.run("$g = [guid]'9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'; "
              "Set-ADUser alex.wilber -Replace @{msExchMailboxGuid=$g.ToByteArray()}")
    assert str(shell.tenant.directory.get("alex.wilber").attrs["msExchMailboxGuid"]) == \
        "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"


def test_add_existing_value_and_null_argument(shell):
    out = shell.run("Set-ADUser alex.wilber -Add @{proxyAddresses='SMTP:alex.wilber@contoso.com'}")
    assert out.startswith("Set-ADUser : The specified value already exists.\n")
    out = shell.run("Set-ADUser alex.wilber -Replace @{title=$null}")
    assert out.startswith("Set-ADUser : Cannot validate argument on parameter 'Replace'. The argument "
                          "is null or an element of the argument collection contains a null value.\n")


def test_new_aduser_is_disabled_unless_enabled(shell):
    out = shell.run("New-ADUser -Name 'Ruth Baker' -SamAccountName ruth.baker "
                    "-UserPrincipalName ruth.baker@contoso.com -Path 'OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com' "
                    "-PassThru | Format-List Name,Enabled,DistinguishedName")
    assert out == ("\nName              : Ruth Baker\nEnabled           : False\n"
                   "DistinguishedName : CN=Ruth\n"
                   "                    Baker,OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com\n\n")
    assert shell.run("New-ADUser 'Tom Lee' -SamAccountName tom.lee -Enabled $true; "
                     "(Get-ADUser tom.lee).Enabled") == "True\n"
    out = shell.run("New-ADUser 'Megan Two' -UserPrincipalName megan.bowen@contoso.com")
    assert "ActiveDirectoryServer:8648,Microsoft.ActiveDirectory.Management.Commands.NewADUser" in out


def test_remove_aduser_prompts_by_default():
    from tests.cmdlets.conftest import Shell, contoso_tenant
    shell = Shell(contoso_tenant(), answers=["N", "Y"]).connect()
    prompt = ('Confirm\nAre you sure you want to perform this action?\nPerforming the operation '
              '"Remove" on target "CN=Alex Wilber,OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com".\n'
              '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help '
              '(default is "Y"): ')
    assert shell.run("Remove-ADUser alex.wilber") == prompt + "N\n"
    assert shell.tenant.directory.find("alex.wilber") is not None
    assert shell.run("Remove-ADUser alex.wilber") == prompt + "Y\n"
    assert shell.tenant.directory.find("alex.wilber") is None
    assert shell.run("Remove-ADUser megan.bowen -Confirm:$false") == ""


def test_disable_and_enable_account(shell):
    assert shell.run("Disable-ADAccount alex.wilber") == ""
    assert shell.run("(Get-ADUser alex.wilber).Enabled") == "False\n"
    assert shell.tenant.directory.get("alex.wilber").attrs["userAccountControl"] == 514
    assert shell.run("Enable-ADAccount alex.wilber -PassThru | ForEach-Object Enabled") == "True\n"


def test_strings_bind_to_identity_from_the_pipeline(shell):
    assert shell.run("'megan.bowen','nestor.wilke' | Get-ADUser | ForEach-Object Name") == (
        "Megan Bowen\nNestor Wilke\n")


def test_pipeline_binding_by_value(shell):
    assert shell.run("'megan.bowen','nestor.wilke' | Set-ADUser -Office 'Building 9'") == ""
    assert shell.tenant.directory.get("nestor.wilke").attrs["physicalDeliveryOfficeName"] == "Building 9"
    shell.run("Get-ADUser -Filter \"Department -eq 'Legal'\" | Set-ADUser -Company 'Contoso Legal'")
    assert shell.run("(Get-ADUser -Filter \"Company -eq 'Contoso Legal'\").Count") == "2\n"


def test_completers_answer_from_the_directory(shell):
    from msolsh.runtime.cmdlet import REGISTRY
    complete = REGISTRY.get("Get-ADUser").parameters["Identity"].complete
    assert complete(shell.session, "megan") == ["megan.bowen"]
    base = REGISTRY.get("Get-ADUser").parameters["SearchBase"].complete
    assert "OU=Contacts,OU=Contoso,DC=contoso,DC=com" in base(shell.session, "OU=Con")


def test_set_aduser_instance_writes_back_changed_properties(shell):
    before = dict(shell.tenant.directory.get("alex.wilber").attrs)
    assert shell.run("$u = Get-ADUser alex.wilber -Properties Title,Department; $u.Title = 'VP Sales'; "
                     "Set-ADUser -Instance $u") == ""
    after = shell.tenant.directory.get("alex.wilber").attrs
    assert after["title"] == "VP Sales"
    assert {k: v for k, v in after.items() if k != "title"} == {k: v for k, v in before.items() if k != "title"}
