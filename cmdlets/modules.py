"""Get-Module, Import-Module and Remove-Module over the modules msolsh simulates.

The catalogue (name, type, version, where it lives) is data below; which cmdlets a module
exports comes from the registry (each cmdlet declares its module). A module is "imported" when
Import-Module loaded it, when its connection cmdlet connected it (MSOnline, Exchange Online),
or from the start (Microsoft.PowerShell.Management/Utility, as in a fresh Windows PowerShell 5.1
console). State lives in session.extensions['Modules']. Knows no tenant and nothing of the REPL.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, NamedTuple, Optional

from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.values import PSObject

CORE = "Microsoft.PowerShell.Core"
MODULE_INFO = "System.Management.Automation.PSModuleInfo"
SYSTEM_MODULES = "C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules"
PROGRAM_MODULES = "C:\\Program Files\\WindowsPowerShell\\Modules"
ADSYNC_DIR = "C:\\Program Files\\Microsoft Azure AD Sync\\Bin"
EXO = "ExchangeOnlineManagement"


class ModuleSpec(NamedTuple):
    name: str
    module_type: str
    version: str
    directory: str
    description: str


CATALOGUE = (
    ModuleSpec("ActiveDirectory", "Manifest", "1.0.1.0", SYSTEM_MODULES,
               "Active Directory Domain Services cmdlets"),
    ModuleSpec("ADSync", "Manifest", "1.0.0.0", ADSYNC_DIR,
               "Azure AD Connect synchronization service cmdlets"),
    ModuleSpec("ExchangeOnlineManagement", "Script", "3.4.0", PROGRAM_MODULES,
               "Exchange Online PowerShell V3 module"),
    ModuleSpec("ExchangeOnPremises", "Script", "1.0", PROGRAM_MODULES,
               "Exchange Management Shell cmdlets of the on-premises hybrid server"),
    ModuleSpec("Microsoft.PowerShell.Host", "Manifest", "3.0.0.0", SYSTEM_MODULES,
               "Transcript cmdlets"),
    ModuleSpec("Microsoft.PowerShell.Management", "Manifest", "3.1.0.0", SYSTEM_MODULES,
               "Management cmdlets"),
    ModuleSpec("Microsoft.PowerShell.Utility", "Manifest", "3.1.0.0", SYSTEM_MODULES,
               "Utility cmdlets"),
    ModuleSpec("MSOnline", "Manifest", "1.1.183.81", PROGRAM_MODULES,
               "Azure Active Directory Module for Windows PowerShell (MSOnline)"),
    ModuleSpec("msolsh", "Script", "0.1.0", PROGRAM_MODULES,
               "msolsh training cmdlets (not part of any Microsoft product)"),
)
BY_NAME = {spec.name.lower(): spec for spec in CATALOGUE}
STARTUP = ("Microsoft.PowerShell.Management", "Microsoft.PowerShell.Utility")


def module_state(session: Any) -> dict:
    extensions = getattr(session, "extensions", None)
    if extensions is None:
        extensions = session.extensions = {}
    return extensions.setdefault("Modules", {"imported": list(STARTUP), "removed": []})


def _exo_connection(session: Any) -> dict:
    return (getattr(session, "extensions", None) or {}).get("ExchangeOnline") or {}


def imported_names(session: Any) -> List[str]:
    """Explicitly imported, plus the modules a connection loaded (unless removed since)."""
    info = module_state(session)
    names = list(info["imported"])
    extensions = getattr(session, "extensions", None) or {}
    if (extensions.get("MSOnline") or {}).get("connected"):
        names.append("MSOnline")
    if _exo_connection(session).get("connected"):
        names += [EXO, _exo_connection(session).get("temp_module") or "tmpEXO"]
    removed = {n.lower() for n in info["removed"]}
    return list(dict.fromkeys(n for n in names if n.lower() not in removed))


def exported_commands(session: Any, name: str) -> List[str]:
    """Cmdlet names of a module; the generated tmpEXO module exports the Exchange Online
    cmdlets (with the session's -Prefix), ExchangeOnlineManagement only its own."""
    registry = getattr(session, "registry", None)
    classes = registry.all() if registry is not None else []
    if name.lower().startswith("tmpexo_"):
        prefix = (_exo_connection(session).get("prefix") or "").lower()
        return [c.name for c in classes if c.module == EXO and _is_server_cmdlet(c)
                and (getattr(c, "exo_prefix", "") or "").lower() == prefix]
    if name.lower() == EXO.lower():
        return [c.name for c in classes if c.module == EXO and not _is_server_cmdlet(c)]
    return [c.name for c in classes if c.module.lower() == name.lower()]


def _is_server_cmdlet(cls: type) -> bool:
    return cls.noun.lower() not in ("exchangeonline",)


def module_record(session: Any, name: str, list_available: bool = False) -> PSObject:
    spec = BY_NAME.get(name.lower()) or ModuleSpec(
        name, "Script", "1.0", "C:\\Users\\admin\\AppData\\Local\\Temp", "Implicit remoting "
        "module for the Exchange Online session")
    base = f"{spec.directory}\\{spec.name}"
    extension = ".psm1" if spec.module_type == "Script" else ".psd1"
    names = [MODULE_INFO + "#ListAvailable"] if list_available else []
    return PSObject([("ModuleType", spec.module_type), ("Version", spec.version),
                     ("Name", spec.name), ("ExportedCommands", exported_commands(session, name)),
                     ("Description", spec.description), ("ModuleBase", base),
                     ("Path", f"{base}\\{spec.name}{extension}"), ("Directory", spec.directory)],
                    names + [MODULE_INFO, "System.Object"])


def _matcher(patterns: Optional[Iterable[Any]]):
    if not patterns:
        return lambda name: True
    regexes = [re.compile("^" + re.escape(str(p)).replace(r"\*", ".*").replace(r"\?", ".") +
                          "$", re.IGNORECASE) for p in patterns]
    return lambda name: any(r.match(name) for r in regexes)


@cmdlet("Get-Module", module=CORE, default_set="Loaded", output_type=MODULE_INFO,
        aliases=("gmo",))
class GetModule(Cmdlet):
    """Gets the modules that have been imported or that can be imported into the session.

    Without -ListAvailable it lists the imported modules: the two loaded at start-up, any
    Import-Module loaded, and MSOnline / ExchangeOnlineManagement once connected."""
    examples = [Example("Get-Module", "Lists the imported modules."),
                Example("Get-Module -ListAvailable", "Lists every module msolsh simulates."),
                Example("Get-Module -ListAvailable MSOnline | Format-List Name,Version,"
                        "ModuleBase", "Shows where the MSOnline module lives.")]
    Name = Parameter("string[]", position=0, pipeline=True, set=("Loaded", "Available"),
                     complete=lambda s, p: [m.name for m in CATALOGUE
                                            if m.name.lower().startswith(p.lower())],
                     help="Gets only modules with these names (wildcards permitted).")
    ListAvailable = Switch(set="Available", mandatory=True,
                           help="Gets every module that can be imported.")
    All = Switch(set=("Loaded", "Available"), help="Gets every module, including nested ones.")
    Refresh = Switch(set="Available", help="Refreshes the cache of installed commands.")

    def process(self) -> Iterable[Any]:
        wanted = _matcher(self.Name)
        if self.ListAvailable:
            names = [spec.name for spec in _by_directory()]
        else:
            names = sorted(imported_names(self.session), key=str.lower)
        return [module_record(self.session, n, bool(self.ListAvailable))
                for n in names if wanted(n)]


def _by_directory() -> List[ModuleSpec]:
    """-ListAvailable's order: by module directory, then by name."""
    order = (SYSTEM_MODULES, PROGRAM_MODULES, ADSYNC_DIR)
    return sorted(CATALOGUE, key=lambda s: (order.index(s.directory), s.name.lower()))


@cmdlet("Import-Module", module=CORE, default_set="Name", output_type=MODULE_INFO,
        aliases=("ipmo",))
class ImportModule(Cmdlet):
    """Adds modules to the current session.

    msolsh's cmdlets are always available (as with PowerShell's module auto-loading); importing
    a module records it, so Get-Module lists it."""
    examples = [Example("Import-Module MSOnline", "Imports the MSOnline module."),
                Example("Import-Module ActiveDirectory -PassThru",
                        "Imports ActiveDirectory and shows the module.")]
    Name = Parameter("string[]", position=0, mandatory=True, pipeline=True,
                     complete=lambda s, p: [m.name for m in CATALOGUE
                                            if m.name.lower().startswith(p.lower())],
                     help="The modules to import.")
    Force = Switch(help="Re-imports a module that is already imported.")
    PassThru = Switch(help="Returns the imported module.")
    Global = Switch(help="Imports into the global session state.")
    DisableNameChecking = Switch(help="Suppresses the unapproved-verb warning.")
    Prefix = Parameter(str, help="Adds this prefix to the nouns (not simulated).")

    def process(self) -> Optional[Iterable[Any]]:
        info = module_state(self.session)
        out = []
        for name in self.Name:
            spec = BY_NAME.get(str(name).lower())
            if spec is None:
                self.write_error(self.error_record(
                    f"The specified module '{name}' was not loaded because no valid module file "
                    "was found in any module directory.", "Modules_ModuleNotFound",
                    "ResourceUnavailable", target=str(name),
                    exception_type="System.IO.FileNotFoundException"))
                continue
            if spec.name not in info["imported"]:
                info["imported"].append(spec.name)
            info["removed"] = [n for n in info["removed"] if n.lower() != spec.name.lower()]
            if self.PassThru:
                out.append(module_record(self.session, spec.name))
        return out


@cmdlet("Remove-Module", module=CORE, default_set="name", supports_should_process=True,
        aliases=("rmo",))
class RemoveModule(Cmdlet):
    """Removes modules from the current session (Get-Module no longer lists them)."""
    examples = [Example("Import-Module ADSync; Remove-Module ADSync",
                        "Imports, then removes, the ADSync module.")]
    Name = Parameter("string[]", position=0, mandatory=True, pipeline=True,
                     help="The modules to remove.")
    Force = Switch(help="Removes read-only modules too.")

    def process(self) -> None:
        info = module_state(self.session)
        loaded = {n.lower(): n for n in imported_names(self.session)}
        for name in self.Name:
            found = loaded.get(str(name).lower())
            if found is None:
                self.write_error(self.error_record(
                    "No modules were removed. Verify that the specification of modules to "
                    "remove is correct and those modules exist in the runspace.",
                    "Modules_NoModulesRemoved", "ResourceUnavailable",
                    exception_type="System.InvalidOperationException"))
                continue
            if not self.should_process(found, "Remove-Module"):
                continue
            info["imported"] = [n for n in info["imported"] if n.lower() != found.lower()]
            info["removed"].append(found)
        return None


def loaded_modules(session: Any) -> Dict[str, PSObject]:
    """Imported modules by name (for other cmdlets that want them)."""
    return {n: module_record(session, n) for n in imported_names(session)}
