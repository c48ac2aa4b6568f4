"""Get-Module, Import-Module, Remove-Module and Get-Command -Module over the simulated modules."""
from __future__ import annotations

import pytest

HEADER = ("ModuleType Version    Name                                ExportedCommands\n"
          "---------- -------    ----                                ----------------\n")
COLUMNS = "Format-Table ModuleType,Version,Name"


@pytest.fixture
def console(shell_disconnected):
    shell_disconnected.host.width = 120
    return shell_disconnected


def test_fresh_session_lists_the_startup_modules(console):
    text = console.run("Get-Module")
    assert text.startswith("\n" + HEADER + "Manifest   3.1.0.0    Microsoft.PowerShell.Management"
                           "     {")
    assert console.run(f"Get-Module | {COLUMNS}") == (
        "\nModuleType Version Name\n---------- ------- ----\n"
        "Manifest   3.1.0.0 Microsoft.PowerShell.Management\n"
        "Manifest   3.1.0.0 Microsoft.PowerShell.Utility\n\n")


def test_connecting_loads_the_product_modules(console):
    console.run("Connect-MsolService; Connect-ExchangeOnline -ShowBanner:$false")
    assert console.run("Get-Module | ForEach-Object Name") == (
        "ExchangeOnlineManagement\nMicrosoft.PowerShell.Management\n"
        "Microsoft.PowerShell.Utility\nMSOnline\ntmpEXO_nincikfa.nap\n")
    assert console.run("(Get-Module tmpEXO*).ExportedCommands -contains 'Get-Mailbox'") == \
        "True\n"
    assert console.run("(Get-Module ExchangeOnlineManagement).ExportedCommands") == \
        "Connect-ExchangeOnline\nDisconnect-ExchangeOnline\n"


def test_list_available_groups_by_directory(console):
    assert console.run("Get-Module -ListAvailable ADSync,MSOnline") == (
        "\n   Directory: C:\\Program Files\\WindowsPowerShell\\Modules\n\n" + HEADER +
        "Manifest   1.1.183.81 MSOnline                            {Connect-MsolService, "
        "Get-MsolAccountSku, Get-MsolCompanyI...\n\n"
        "   Directory: C:\\Program Files\\Microsoft Azure AD Sync\\Bin\n\n" + HEADER +
        "Manifest   1.0.0.0    ADSync                              {Disable-ADSyncExportDeletion"
        "Threshold, Enable-ADSyncExpor...\n\n")
    names = console.run("Get-Module -ListAvailable | ForEach-Object Name").split()
    for name in ("ActiveDirectory", "ADSync", "MSOnline", "ExchangeOnlineManagement",
                 "ExchangeOnPremises", "Microsoft.PowerShell.Utility"):
        assert name in names


def test_import_and_remove(console):
    assert console.run("Import-Module MSOnline -PassThru | Format-List Name,Version,ModuleType,"
                       "Path") == (
        "\nName       : MSOnline\nVersion    : 1.1.183.81\nModuleType : Manifest\n"
        "Path       : C:\\Program Files\\WindowsPowerShell\\Modules\\MSOnline\\MSOnline.psd1\n\n")
    assert console.run("(Get-Module MSOnline).Name") == "MSOnline\n"
    assert console.run("Remove-Module MSOnline; Get-Module MSOnline") == ""


def test_import_module_not_found(console):
    assert console.run("Import-Module Foo") == (
        "Import-Module : The specified module 'Foo' was not loaded because no valid module file "
        "was found in any module directory.\n"
        "At line:1 char:1\n+ Import-Module Foo\n+ ~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ResourceUnavailable: (Foo:String) [Import-Module], "
        "FileNotFoundException\n"
        "    + FullyQualifiedErrorId : Modules_ModuleNotFound,Microsoft.PowerShell.Commands."
        "ImportModuleCommand\n\n")


def test_remove_module_not_loaded(console):
    assert console.run("Remove-Module Nope") == (
        "Remove-Module : No modules were removed. Verify that the specification of modules to "
        "remove is correct and those modules exist in the runspace.\n"
        "At line:1 char:1\n+ Remove-Module Nope\n+ ~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ResourceUnavailable: (:) [Remove-Module], "
        "InvalidOperationException\n"
        "    + FullyQualifiedErrorId : Modules_NoModulesRemoved,Microsoft.PowerShell.Commands."
        "RemoveModuleCommand\n\n")


def test_get_command_module(console):
    assert console.run("Get-Command -Module msolsh | ForEach-Object Name") == (
        "Get-ObjectTrace\nRequest-ForwardSync\nSave-Tenant\nWait-SyncCycle\n")
    assert console.run("(Get-Command -Module ExchangeOnlineManagement Get-Mailbox).Source") == \
        "ExchangeOnlineManagement\n"
