"""Fakes for the REPL tests: a small cmdlet registry and a session the completer can read."""
from __future__ import annotations

import bisect

import pytest

from msolsh.runtime.cmdlet import Cmdlet, CmdletRegistry, Parameter, Switch, cmdlet
from msolsh.runtime.scope import Scope
from msolsh.runtime.values import PSHashtable, PSObject

UPNS = sorted(["adele.vance@contoso.com", "alex.wilber@contoso.com", "allan.deyoung@contoso.com",
               "diego.siciliani@contoso.com", "grady.archie@contoso.com"])


def upns(session, prefix):
    """A UPN completer as product cmdlets write them: bisect over a sorted index."""
    keys = session.upn_index
    at = bisect.bisect_left(keys, prefix.lower())
    while at < len(keys) and keys[at].startswith(prefix.lower()):
        yield keys[at]
        at += 1


def build_registry() -> CmdletRegistry:
    reg = CmdletRegistry()

    @cmdlet("Get-MsolUser", module="MSOnline", registry=reg)
    class GetMsolUser(Cmdlet):
        """Gets users."""
        UserPrincipalName = Parameter(str, set="GetUser__0", mandatory=True, position=0,
                                      complete=upns)
        ObjectId = Parameter("guid", set="GetUser__1", mandatory=True)
        SearchString = Parameter(str, set=("ListUsers", "All__0"))
        MaxResults = Parameter(int, set="ListUsers")
        All = Switch(set="All__0")
        ReturnDeletedUsers = Switch(set=("ListUsers", "All__0"))
        TenantId = Parameter("guid")

    @cmdlet("Get-MsolGroup", module="MSOnline", registry=reg)
    class GetMsolGroup(Cmdlet):
        """Gets groups."""
        ObjectId = Parameter("guid", position=0)

    @cmdlet("Start-ADSyncSyncCycle", module="ADSync", registry=reg)
    class StartADSyncSyncCycle(Cmdlet):
        """Starts a sync cycle."""
        PolicyType = Parameter(str, position=0, validate_set=("Delta", "Initial"))
        InteractiveMode = Parameter(bool)

    @cmdlet("Get-ADUser", module="ActiveDirectory", registry=reg)
    class GetADUser(Cmdlet):
        """Gets AD users."""
        Identity = Parameter(str, set="Identity", mandatory=True, position=0,
                             complete=lambda s, p: [d for d in ("CN=Adele Vance,OU=Users,DC=contoso,DC=com",
                                                                "CN=O'Brien,OU=Users,DC=contoso,DC=com")
                                                    if d.lower().startswith(p.lower())])
        Filter = Parameter(str, set="Filter", mandatory=True)
        Properties = Parameter("string[]", aliases=("Property",))

    @cmdlet("Remove-MsolUser", module="MSOnline", supports_should_process=True, registry=reg)
    class RemoveMsolUser(Cmdlet):
        """Removes a user."""
        UserPrincipalName = Parameter(str, position=0, complete=upns)
        Force = Switch()

    @cmdlet("Export-Report", module="Training", registry=reg)
    class ExportReport(Cmdlet):
        """Writes a report."""
        Path = Parameter(str, position=0)
        Hidden = Parameter(str, dont_show=True)

    @cmdlet("Where-Object", module="Microsoft.PowerShell.Core", aliases=("?", "where"), registry=reg)
    class WhereObject(Cmdlet):
        """Filters."""
        FilterScript = Parameter("scriptblock", position=0)

    return reg


class FakeSession:
    """What the REPL reads from the runtime session, and nothing more."""

    def __init__(self):
        self.registry = build_registry()
        self.functions = {}
        self.aliases = {"gu": "Get-MsolUser"}
        self.variables = Scope(None, self)
        self.upn_index = list(UPNS)
        user = PSObject([("DisplayName", "Adele Vance"), ("UserPrincipalName", UPNS[0]),
                         ("Licenses", [])], ["Microsoft.Online.Administration.User"])
        self.variables.assign("user", user)
        self.variables.assign("users", [user])
        self.variables.assign("name", "Adele")
        self.variables.assign("h", PSHashtable([("Tenant", "contoso"), ("Count2", 2)]))
        self.variables.assign("nested", PSObject([("Manager", user)]))


@pytest.fixture
def session():
    return FakeSession()


class RunResult:
    def __init__(self, success=True, exit_code=None):
        self.success = success
        self.exit_code = exit_code
        self.exited = exit_code is not None


class ScriptedSession(FakeSession):
    """A session whose run() understands just enough for the loop tests."""

    def __init__(self, host):
        super().__init__()
        self.host = host
        self.ran = []
        self.tenant = "contoso.onmicrosoft.com"

    def status(self):
        return {"tenant": self.tenant}

    def run(self, text):
        self.ran.append(text)
        if text.startswith("exit"):
            return RunResult(True, int(text.split()[1]) if " " in text else 0)
        if text == "fail":
            self.host.write_error_text("fail : failed\n")
            return RunResult(False)
        if text == "interrupt":
            raise KeyboardInterrupt
        if text == "crash":
            raise ZeroDivisionError("division by zero")
        self.host.write_line(f"ran {text}")
        return RunResult(True)

    def invoke(self, text):
        return ["custom> "]
