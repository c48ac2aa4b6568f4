"""One error per AD and remote-mailbox cmdlet: message, CategoryInfo and FullyQualifiedErrorId,
exactly as the error view shows them."""
import pytest

NS = "Microsoft.ActiveDirectory.Management"
NF = f"ActiveDirectoryCmdlet:{NS}.ADIdentityNotFoundException"
UNDER = "under: 'DC=contoso,DC=com'."
NOBODY = "CN=Nobody,DC=contoso,DC=com"

CASES = [
    ("Remove-ADUser nobody -Confirm:$false",
     f"Cannot find an object with identity: 'nobody' {UNDER}",
     "ObjectNotFound: (nobody:ADUser) [Remove-ADUser], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.RemoveADUser"),
    ("New-ADGroup 'Domain Admins' Global",
     "An attempt was made to add an object to the directory with a name that is already in use",
     "NotSpecified: (CN=Domain Admins,CN=Users,DC=contoso,DC=com:ADGroup) [New-ADGroup], ADException",
     f"ActiveDirectoryServer:8305,{NS}.Commands.NewADGroup"),
    ("Get-ADGroupMember nobody", f"Cannot find an object with identity: 'nobody' {UNDER}",
     "ObjectNotFound: (nobody:ADGroup) [Get-ADGroupMember], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.GetADGroupMember"),
    ("Remove-ADGroupMember SG-Sales nobody -Confirm:$false",
     f"Cannot find an object with identity: 'nobody' {UNDER}",
     "ObjectNotFound: (nobody:ADPrincipal) [Remove-ADGroupMember], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.RemoveADGroupMember"),
    (f"Set-ADObject '{NOBODY}' -Description x", "Directory object not found",
     f"ObjectNotFound: ({NOBODY}:ADObject) [Set-ADObject], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.SetADObject"),
    ("New-ADObject -Type printer -Name x", "The specified class is not defined.",
     "NotSpecified: (printer:ADObject) [New-ADObject], ADException",
     f"ActiveDirectoryServer:8371,{NS}.Commands.NewADObject"),
    (f"Rename-ADObject '{NOBODY}' -NewName y", "Directory object not found",
     f"ObjectNotFound: ({NOBODY}:ADObject) [Rename-ADObject], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.RenameADObject"),
    ("Restore-ADObject 11111111-2222-4333-8444-555555555555",
     f"Cannot find an object with identity: '11111111-2222-4333-8444-555555555555' {UNDER}",
     "ObjectNotFound: (11111111-2222-4333-8444-555555555555:ADObject) [Restore-ADObject], "
     "ADIdentityNotFoundException", f"{NF},{NS}.Commands.RestoreADObject"),
    ("Enable-ADAccount nobody", f"Cannot find an object with identity: 'nobody' {UNDER}",
     "ObjectNotFound: (nobody:ADAccount) [Enable-ADAccount], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.EnableADAccount"),
    ("Disable-ADAccount nobody", f"Cannot find an object with identity: 'nobody' {UNDER}",
     "ObjectNotFound: (nobody:ADAccount) [Disable-ADAccount], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.DisableADAccount"),
    ("Get-ADOrganizationalUnit 'OU=Nope,DC=contoso,DC=com'", "Directory object not found",
     "ObjectNotFound: (OU=Nope,DC=contoso,DC=com:ADOrganizationalUnit) [Get-ADOrganizationalUnit], "
     "ADIdentityNotFoundException", f"{NF},{NS}.Commands.GetADOrganizationalUnit"),
    ("Get-ADDomain fabrikam.com", f"Cannot find an object with identity: 'fabrikam.com' {UNDER}",
     "ObjectNotFound: (fabrikam.com:ADDomain) [Get-ADDomain], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.GetADDomain"),
    ("Get-ADForest fabrikam.com", f"Cannot find an object with identity: 'fabrikam.com' {UNDER}",
     "ObjectNotFound: (fabrikam.com:ADForest) [Get-ADForest], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.GetADForest"),
    ("Get-ADUser -Filter * -SearchBase 'OU=Nope,DC=contoso,DC=com'", "Directory object not found",
     "ObjectNotFound: (OU=Nope,DC=contoso,DC=com:ADUser) [Get-ADUser], ADIdentityNotFoundException",
     f"{NF},{NS}.Commands.GetADUser"),
    ("Get-ADUser -Filter { Name -eq $nope }",
     "Variable: 'nope' found in expression: $nope is not defined.",
     "InvalidArgument: (:) [Get-ADUser], ArgumentException",
     f"ActiveDirectoryCmdlet:System.ArgumentException,{NS}.Commands.GetADUser"),
    ("Get-ADUser -LDAPFilter '(&(sn=Bowen)'", "The search filter cannot be recognized",
     "NotSpecified: (:) [Get-ADUser], ADException", f"ActiveDirectoryServer:8254,{NS}.Commands.GetADUser"),
]


def _view(cmd, message, category, fqid):
    assert len(cmd) <= 70   # longer lines are shortened by the error view
    return (f"{cmd.split()[0]} : {message}\nAt line:1 char:1\n+ {cmd}\n+ {'~' * len(cmd)}\n"
            f"    + CategoryInfo          : {category}\n    + FullyQualifiedErrorId : {fqid}\n\n")


@pytest.mark.parametrize("cmd,message,category,fqid", CASES, ids=[c[0].split()[0] for c in CASES])
def test_error_record(shell, cmd, message, category, fqid):
    assert shell.run(cmd) == _view(cmd, message, category, fqid)


def test_remote_mailbox_cmdlets_not_found(shell):
    for cmd in ("Disable-RemoteMailbox harper.evans -Confirm:$false",
                "Set-RemoteMailbox harper.evans -Alias x", "Enable-RemoteMailbox nobody"):
        name = cmd.split()[0]
        identity = cmd.split()[1]
        out = shell.run(cmd)
        assert out.startswith(f"{name} : The operation couldn't be performed because object "
                              f"'{identity}' couldn't be found on 'DC01.contoso.com'.\n")
        assert f"    + CategoryInfo          : NotSpecified: (:) [{name}], ManagementObjectNotFoundException\n" in out
        assert f",Microsoft.Exchange.Management.RecipientTasks.{name.replace('-', '')}\n" in out
