"""Move-ADObject, Rename-ADObject and Restore-ADObject: where an object sits, what it is called,
and bringing it back from the AD Recycle Bin.

Moving a user into an OU Azure AD Connect does not synchronize scopes it out: the next cycle
deletes it from Azure AD. Restoring keeps the objectGUID (and so the sourceAnchor), so the user
comes back in Azure AD by hard match. Knows the tenant through tenant.directory.
"""
from __future__ import annotations

from typing import Any, Iterator

from msolsh.runtime.cmdlet import Example, Parameter, Switch
from msolsh.tenant import dn as dnlib
from msolsh.tenant.errors import DirectoryError

from .common import ADWriter, ad_cmdlet, complete_containers, complete_objects

ILLEGAL_MOVE = "Illegal modify operation. Some aspect of the modification is not permitted."
IDENTITY_HELP = "Specifies the object by distinguished name or GUID."


class _ObjectWriter(ADWriter):
    target_type = "ADObject"
    Identity = Parameter("object", mandatory=True, position=0, pipeline=True,
                         complete=complete_objects, help=IDENTITY_HELP)
    PassThru = Switch(help="Returns the object.")
    Partition = Parameter(str, help="Specifies the partition holding the object.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")


@ad_cmdlet("Move-ADObject", supports_should_process=True)
class MoveADObject(_ObjectWriter):
    """Moves an Active Directory object (or an OU and its contents) to another container.

    Moving a synchronized user into an OU outside Azure AD Connect's scope looks like a
    deletion to Azure AD on the next sync cycle; moving it back brings it back."""
    examples = [Example("Get-ADUser alex.wilber | Move-ADObject "
                        "-TargetPath 'OU=Marketing,OU=Users,OU=Contoso,DC=contoso,DC=com' -PassThru",
                        "Moves a user to another OU.")]
    TargetPath = Parameter(str, mandatory=True, position=1, complete=complete_containers,
                           help="Specifies the container to move the object to.")
    TargetServer = Parameter(str, help="Specifies the domain controller of the target domain.")

    def process(self) -> Iterator[Any]:
        obj = self.resolve(self.Identity)
        yield from self.apply(obj, self._move, "ADObject")

    def _move(self, obj: Any) -> Any:
        if dnlib.is_under(dnlib.normalize(self.TargetPath), obj.dn):
            raise DirectoryError(ILLEGAL_MOVE, code=8311)   # into its own subtree
        return self.directory.move(obj, self.TargetPath)


@ad_cmdlet("Rename-ADObject", supports_should_process=True)
class RenameADObject(_ObjectWriter):
    """Changes the name (the RDN, cn) of an Active Directory object.

    The DN changes with it; sAMAccountName, UPN and displayName do not."""
    examples = [Example("Rename-ADObject 'CN=Alex Wilber,OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com' "
                        "-NewName 'Alexander Wilber' -PassThru", "Renames a user object.")]
    NewName = Parameter(str, mandatory=True, position=1, help="Specifies the new name.")

    def process(self) -> Iterator[Any]:
        obj = self.resolve(self.Identity)
        yield from self.apply(obj, lambda o: self.directory.rename(o, self.NewName), "ADObject")


@ad_cmdlet("Restore-ADObject", supports_should_process=True)
class RestoreADObject(_ObjectWriter):
    """Restores a deleted object from the AD Recycle Bin.

    The object returns to its last known parent with the same objectGUID and its group
    memberships; on the next sync cycle Azure AD restores the user from its own recycle bin
    (hard match on the unchanged sourceAnchor)."""
    examples = [Example("Remove-ADUser pat.kowalczyk -Confirm:$false; "
                        "Get-ADObject -Filter \"samAccountName -eq 'pat.kowalczyk'\" "
                        "-IncludeDeletedObjects | Restore-ADObject -PassThru",
                        "Deletes a user and restores it from the recycle bin.")]
    NewName = Parameter(str, help="Specifies a new name for the restored object.")
    TargetPath = Parameter(str, complete=complete_containers,
                           help="Specifies where to restore it (its last known parent by default).")

    def process(self) -> Iterator[Any]:
        obj = self.resolve(self.Identity, include_deleted=True)
        if not obj.deleted:
            self.not_found(self.Identity)
        yield from self.apply(obj, self._restore, "ADObject")

    def _restore(self, obj: Any) -> Any:
        if self.TargetPath:
            obj.last_known_parent = self.TargetPath   # where the tenant puts it back
        obj = self.directory.restore(obj.guid)
        if self.NewName:
            obj = self.directory.rename(obj, self.NewName)
        return obj
