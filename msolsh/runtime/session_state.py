"""A new session's starting state: the standard aliases, the automatic and preference
variables, the sandboxed $env:, the simulated clock, and loading every cmdlet module.

$PSVersionTable reports Windows PowerShell 5.1 (PSVersion 5.1.x, PSEdition Desktop): the
MSOnline and ADSync modules msolsh simulates only ever ran there, so scripts that check the
version behave as they would on a real admin workstation.

Nothing here runs user text or knows the tenant (the CLI wires the tenant's clock in later).
"""
from __future__ import annotations

import datetime as _dt
import importlib
import os
import pkgutil
from typing import Any, Dict, List

from msolsh.runtime.values import PSHashtable, PSObject

# pwsh's Windows defaults, limited to cmdlets msolsh has (no file-system navigation aliases).
STANDARD_ALIASES = {
    "?": "Where-Object", "where": "Where-Object", "%": "ForEach-Object", "foreach": "ForEach-Object",
    "select": "Select-Object", "sort": "Sort-Object", "group": "Group-Object",
    "measure": "Measure-Object", "ft": "Format-Table", "fl": "Format-List", "fw": "Format-Wide",
    "gm": "Get-Member", "gcm": "Get-Command", "gal": "Get-Alias", "sal": "Set-Alias",
    "nal": "New-Alias", "help": "Get-Help", "man": "Get-Help", "cls": "Clear-Host",
    "clear": "Clear-Host", "echo": "Write-Output", "write": "Write-Output", "h": "Get-History",
    "history": "Get-History", "ghy": "Get-History", "r": "Invoke-History", "ihy": "Invoke-History",
    "iex": "Invoke-Expression", "gc": "Get-Content", "cat": "Get-Content", "type": "Get-Content",
    "sc": "Set-Content", "ac": "Add-Content", "ipcsv": "Import-Csv", "epcsv": "Export-Csv",
    "sleep": "Start-Sleep", "gv": "Get-Variable", "sv": "Set-Variable", "set": "Set-Variable",
    "rv": "Remove-Variable", "nv": "New-Variable", "tee": "Tee-Object", "compare": "Compare-Object",
    "diff": "Compare-Object", "oh": "Out-Host",
}

PROFILE = os.path.join("~", ".config", "msolsh", "profile.ps1")


class SimulatedClock:
    """Deterministic time: starts at 2026-01-05 09:00 (UTC, naive) and moves only on sleep()."""

    def __init__(self, start: _dt.datetime = _dt.datetime(2026, 1, 5, 9, 0, 0)):
        self._now = start

    def now(self) -> _dt.datetime:
        return self._now

    def sleep(self, seconds: float) -> None:
        self._now += _dt.timedelta(seconds=seconds)


def load_cmdlets() -> List[str]:
    """Import every module under msolsh.cmdlets so their @cmdlet declarations register.
    Returns the modules that failed to import (they are skipped, the shell still starts)."""
    failures: List[str] = []
    try:
        package = importlib.import_module("msolsh.cmdlets")
    except ImportError as exc:
        return [f"msolsh.cmdlets: {exc}"]
    for info in pkgutil.walk_packages(package.__path__, "msolsh.cmdlets.",
                                      onerror=lambda name: failures.append(name)):
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # a broken product module must not stop the shell
            failures.append(f"{info.name}: {exc}")
    return failures


def sandbox_env() -> Dict[str, tuple]:
    """$env: is a private dict seeded with a few safe values; os.environ is never written."""
    home = os.path.expanduser("~")
    values = {"COMPUTERNAME": "MSOLSH01", "USERNAME": "admin", "USERDOMAIN": "CONTOSO",
              "USERPROFILE": home, "HOME": home, "OS": "Windows_NT", "TEMP": "/tmp", "TMP": "/tmp",
              "PROCESSOR_ARCHITECTURE": "AMD64", "PSModulePath": "MSOnline;ActiveDirectory;ADSync"}
    return {k.lower(): (k, v) for k, v in values.items()}


def _version_table() -> PSHashtable:
    try:
        from msolsh.runtime.pstypes import Version
        version = Version(5, 1, 19041, 4648)
        build = Version(10, 0, 19041, 4648)
        clr = Version(4, 0, 30319, 42000)
        wsman, remoting, serial = Version(3, 0), Version(2, 3), Version(1, 1, 0, 1)
        compatible = [Version(1, 0), Version(2, 0), Version(3, 0), Version(4, 0), Version(5, 0),
                      Version(5, 1, 19041, 4648)]
    except ImportError:  # pragma: no cover
        version = build = clr = wsman = remoting = serial = "5.1"
        compatible = []
    return PSHashtable([("PSVersion", version), ("PSEdition", "Desktop"),
                        ("PSCompatibleVersions", compatible), ("BuildVersion", build),
                        ("CLRVersion", clr), ("WSManStackVersion", wsman),
                        ("PSRemotingProtocolVersion", remoting), ("SerializationVersion", serial)])


def initial_variables(session: Any) -> None:
    from msolsh.runtime.pstypes import PSList
    home = os.path.expanduser("~")
    scope = session.global_scope
    values: Dict[str, Any] = {
        "erroractionpreference": "Continue", "warningpreference": "Continue",
        "verbosepreference": "SilentlyContinue", "debugpreference": "SilentlyContinue",
        "informationpreference": "SilentlyContinue", "progresspreference": "Continue",
        "confirmpreference": "High", "whatifpreference": False,
        "error": PSList([]), "psversiontable": _version_table(), "home": home,
        "profile": os.path.expanduser(PROFILE), "pwd": os.getcwd(), "pid": os.getpid(),
        "shellid": "Microsoft.PowerShell", "psculture": "en-US", "psuiculture": "en-US",
        "maximumhistorycount": 4096, "nestedpromptlevel": 0, "errorview": "NormalView",
        "formatenumerationlimit": 4, "psscriptroot": "", "pscommandpath": "",
        "host": PSObject([("Name", "ConsoleHost"), ("Version", "5.1.19041.4648"),
                          ("CurrentCulture", "en-US"), ("CurrentUICulture", "en-US")],
                         ["System.Management.Automation.Internal.Host.InternalHost", "System.Object"]),
    }
    scope.vars.update(values)
    for name in ("home", "host", "pid", "psversiontable", "shellid"):
        scope.make_read_only(name)
