"""Licences: Set-MsolUserLicense, New-MsolLicenseOptions, Get-MsolAccountSku.

Assigning or removing an Exchange plan is what makes forward sync create, convert or disable a
mailbox; that consequence lives in the tenant. Knows nothing of the REPL.
"""
from __future__ import annotations

from typing import Any, Iterator, List, Optional

from msolsh.runtime.cmdlet import Parameter
from msolsh.runtime.primitives import element_string
from msolsh.runtime.pstypes import type_name_of
from msolsh.runtime.values import PSObject

from .connect import MsolExample, MsolCmdlet, complete_skus, complete_upns, msol_cmdlet
from .records import NS, account_sku, license_option
from .users_admin import UserTarget

INVALID_LICENSE = ("Unable to assign this license because it is invalid. Use the "
                   "Get-MsolAccountSku cmdlet to retrieve a list of valid licenses.")
LICENSE_OPTION = f"{NS}.LicenseOption"


def option_parts(option: Any) -> Optional[tuple]:
    """(AccountSkuId text, disabled plans) of a LicenseOption object, or None if it is not one."""
    if not isinstance(option, PSObject) or option.type_name != LICENSE_OPTION:
        return None
    sku = option.get("AccountSkuId")
    text = f"{sku.get('AccountName')}:{sku.get('SkuPartNumber')}" if isinstance(sku, PSObject) \
        else str(sku)
    return text, list(option.get("DisabledServicePlans") or [])


@msol_cmdlet("Set-MsolUserLicense", default_set="SetUserLicenses__0")
class SetMsolUserLicense(UserTarget):
    """Adds licences to or removes licences from a user.

    Licences are AccountSkuIds such as contoso:ENTERPRISEPACK. The user needs a UsageLocation
    first. -LicenseOptions (from New-MsolLicenseOptions) switches individual service plans off,
    either while adding the licence or on a licence the user already has."""
    examples = [
        MsolExample("Set-MsolUserLicense -UserPrincipalName kiosk.lobby@contoso.com "
                "-AddLicenses contoso:ENTERPRISEPACK", "Gives a user an Office 365 E3 licence."),
        MsolExample("$o = New-MsolLicenseOptions -AccountSkuId contoso:ENTERPRISEPACK "
                "-DisabledPlans EXCHANGE_S_ENTERPRISE; Set-MsolUserLicense -UserPrincipalName "
                "megan.bowen@contoso.com -LicenseOptions $o",
                "Switches the Exchange Online plan off for a licensed user."),
    ]
    ObjectId = Parameter("guid", set="SetUserLicenses__0", mandatory=True,
                         pipeline_by_property=True, help="Specifies the object ID of the user.")
    UserPrincipalName = Parameter(str, set="SetUserLicensesByUpn__0", mandatory=True,
                                  pipeline_by_property=True, complete=complete_upns,
                                  help="Specifies the user principal name of the user.")
    AddLicenses = Parameter("string[]", complete=complete_skus,
                            help="Specifies the licences (AccountSkuIds) to add.")
    RemoveLicenses = Parameter("string[]", complete=complete_skus,
                               help="Specifies the licences (AccountSkuIds) to remove.")
    LicenseOptions = Parameter("object[]", help="Specifies LicenseOption objects "
                                                "(New-MsolLicenseOptions).")

    def begin(self) -> None:
        self.options = self._options()
        super().begin()

    def _options(self) -> List[tuple]:
        out = []
        for option in self.LicenseOptions or []:
            parts = option_parts(option)
            if parts is None:
                kind, text = type_name_of(option), element_string(option)   # as .NET shows them
                self.bind_fail("LicenseOptions", f'Cannot convert the "{text}" value of type '
                                                 f'"{kind}" to type "{LICENSE_OPTION}".')
            out.append(parts)
        return out

    def run(self) -> None:
        user = self.target()
        if user is None:
            return None
        disabled = {sku.lower(): plans for sku, plans in self.options}
        for sku in self.AddLicenses or []:
            if self.tenant_call(self.aad.assign_license, user.object_id, sku,
                                disabled_plans=disabled.pop(sku.lower(), ())) is None:
                return None
        for sku in self.RemoveLicenses or []:
            if self.tenant_call(self.aad.remove_license, user.object_id, sku) is None:
                return None
        if disabled:
            self._change_options(user, disabled)
        return None

    def _change_options(self, user: Any, disabled: dict) -> None:
        """LicenseOptions for licences the user already has: replace their disabled plans."""
        held = {lic["AccountSkuId"].lower() for lic in user.licenses}
        if any(sku not in held for sku in disabled):
            self.fail(INVALID_LICENSE, "InvalidLicenseException")
            return
        licenses = [dict(lic, DisabledPlans=list(disabled.get(lic["AccountSkuId"].lower(),
                                                                lic.get("DisabledPlans", []))))
                    for lic in user.licenses]
        self.aad.update(user, licenses=licenses)


@msol_cmdlet("New-MsolLicenseOptions", output_type=LICENSE_OPTION)
class NewMsolLicenseOptions(MsolCmdlet):
    """Creates license options for Set-MsolUserLicense.

    The object names one licence and the service plans to switch off in it, for example
    EXCHANGE_S_ENTERPRISE. -DisabledPlans $null switches nothing off."""
    examples = [
        MsolExample("New-MsolLicenseOptions -AccountSkuId contoso:ENTERPRISEPACK "
                "-DisabledPlans EXCHANGE_S_ENTERPRISE,SWAY",
                "Builds options that switch Exchange Online and Sway off in E3."),
    ]
    AccountSkuId = Parameter(str, mandatory=True, complete=complete_skus,
                             help="Specifies the licence (AccountSkuId).")
    DisabledPlans = Parameter("string[]", help="Specifies the service plans to switch off.")

    def run(self) -> Iterator[Any]:
        sku = self.aad.skus.get(str(self.AccountSkuId).lower())
        plans = [p for p in self.DisabledPlans or [] if p]
        if sku is None or any(p not in sku["ServicePlans"] for p in plans):
            self.fail(INVALID_LICENSE, "InvalidLicenseException")
            return
        yield license_option(sku["AccountSkuId"], plans)


@msol_cmdlet("Get-MsolAccountSku", output_type=f"{NS}.AccountSkuDetails")
class GetMsolAccountSku(MsolCmdlet):
    """Returns all the SKUs for a company.

    ActiveUnits is what was bought, ConsumedUnits what is assigned."""
    examples = [MsolExample("Get-MsolAccountSku", "Lists the tenant's licences and their use."),
                MsolExample("(Get-MsolAccountSku | Where-Object AccountSkuId -eq "
                        "'contoso:ENTERPRISEPACK').ServiceStatus.ServicePlan.ServiceName",
                        "Lists the service plans inside E3.")]

    def run(self) -> Iterator[Any]:
        for sku in self.aad.skus.values():
            yield account_sku(self.aad, sku)
