"""Enable-ADAccount and Disable-ADAccount: the ACCOUNTDISABLE bit (2) of userAccountControl.

Silent unless -PassThru. Azure AD Connect flows the change to AccountEnabled / BlockCredential
on the next sync cycle. Knows the tenant through tenant.directory.
"""
from __future__ import annotations

from typing import Any, Iterator

from msolsh.runtime.cmdlet import Example, Parameter, Switch

from .attributes import ACCOUNTDISABLE
from .common import USER_CLASSES, ADWriter, ad_cmdlet, complete_users


class _AccountSwitch(ADWriter):
    target_type = "ADAccount"
    disable = False
    Identity = Parameter("object", mandatory=True, position=0, pipeline=True,
                         complete=complete_users,
                         help="Specifies the account by distinguished name, GUID, SID or SAM "
                              "account name.")
    PassThru = Switch(help="Returns the account.")
    Partition = Parameter(str, help="Specifies the partition holding the object.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")

    def process(self) -> Iterator[Any]:
        obj = self.resolve(self.Identity, USER_CLASSES + ("computer",))
        yield from self.apply(obj, self._flip)

    def _flip(self, obj: Any) -> Any:
        uac = int(obj.attrs.get("userAccountControl", 512))
        uac = uac | ACCOUNTDISABLE if self.disable else uac & ~ACCOUNTDISABLE
        return self.directory.set_attribute(obj, "userAccountControl", uac)


@ad_cmdlet("Enable-ADAccount", supports_should_process=True)
class EnableADAccount(_AccountSwitch):
    """Enables an Active Directory account.

    Clears the disabled bit of userAccountControl; Enabled becomes True. The next sync cycle
    unblocks the user in Azure AD."""
    examples = [Example("Enable-ADAccount pat.kowalczyk", "Enables an account.")]


@ad_cmdlet("Disable-ADAccount", supports_should_process=True)
class DisableADAccount(_AccountSwitch):
    """Disables an Active Directory account.

    Sets the disabled bit of userAccountControl; Enabled becomes False. The next sync cycle
    blocks sign-in in Azure AD (BlockCredential True)."""
    disable = True
    examples = [Example("Disable-ADAccount alex.wilber -PassThru",
                        "Disables an account and returns it.")]
