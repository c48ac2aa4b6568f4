"""Tiny test-only cmdlets for binding tests. They register in a private registry (layered over
the real one) so that Get-Command and other tests never see them."""
from __future__ import annotations

from msolsh.runtime.cmdlet import REGISTRY, Cmdlet, CmdletRegistry, Parameter, Switch, cmdlet
from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session
from msolsh.runtime.values import PSObject

TEST_REGISTRY = CmdletRegistry()


def _cmdlet(name: str, **kwargs):
    return cmdlet(name, module="Test", registry=TEST_REGISTRY, **kwargs)


@_cmdlet("Get-Thing", default_set="ByName")
class GetThing(Cmdlet):
    """Gets test things."""
    Name = Parameter(str, position=0, set="ByName", pipeline_by_property=True)
    Id = Parameter(int, mandatory=True, set="ById", aliases=("Identity",))
    Count = Parameter(int, validate_range=(1, 10))
    Kind = Parameter(str, validate_set=("Delta", "Initial"))
    Force = Switch()

    def process(self):
        yield PSObject([("Set", self.parameter_set), ("Name", self.Name), ("Id", self.Id),
                        ("Count", self.Count), ("Kind", self.Kind), ("Force", self.Force)])


@_cmdlet("Set-Thing", supports_should_process=True, confirm_impact="High")
class SetThing(Cmdlet):
    """Changes a test thing."""
    Identity = Parameter(str, mandatory=True, position=0, pipeline=True)
    Value = Parameter(str, position=1)

    def process(self):
        if self.should_process(self.Identity, "Set"):
            yield f"set {self.Identity}={self.Value}"


@_cmdlet("Test-Fail")
class TestFail(Cmdlet):
    """Writes a non-terminating error per input, a warning and verbose text."""
    InputObject = Parameter("object", pipeline=True, position=0)

    def process(self):
        self.write_verbose(f"checking {self.InputObject}")
        if self.InputObject == "bad":
            self.write_error(self.error_record(f"Thing '{self.InputObject}' is bad.", "ThingIsBad",
                                               "InvalidData", target=self.InputObject))
            return
        if self.InputObject == "warn":
            self.write_warning("careful")
        yield self.InputObject


@_cmdlet("Get-Endless")
class GetEndless(Cmdlet):
    """Yields numbers forever: only a downstream Select-Object -First stops it."""

    def process(self):
        n = 0
        while True:
            n += 1
            yield n


@_cmdlet("Get-Need")
class GetNeed(Cmdlet):
    """Has a mandatory parameter, for the prompt and the missing-parameter error."""
    Name = Parameter(str, mandatory=True)
    Tags = Parameter("string[]")

    def process(self):
        yield f"need {self.Name}"


POLICY_TYPE = "Microsoft.IdentityManagement.PowerShell.ObjectModel.SynchronizationPolicyType"


@_cmdlet("Start-Cycle")
class StartCycle(Cmdlet):
    """Has an enum-typed parameter, declared by its names."""
    PolicyType = Parameter(enum=("Unspecified", "Delta", "Initial"), type_name=POLICY_TYPE,
                           position=0)

    def process(self):
        yield f"policy {self.PolicyType}"


@_cmdlet("Get-Widget", default_set="List")
class GetWidget(Cmdlet):
    """Three sets, as Get-MsolUser has: the default takes no pipeline input; the others take
    their key by property name (ById first, as ObjectId is declared first)."""
    Id = Parameter(int, set="ById", mandatory=True, pipeline_by_property=True)
    Name = Parameter(str, set="ByName", mandatory=True, pipeline_by_property=True)
    All = Switch(set="List")

    def process(self):
        yield f"{self.parameter_set} id={self.Id} name={self.Name}"


@_cmdlet("Set-Widget", default_set="Filter")
class SetWidget(Cmdlet):
    """As Get-ADUser: the default set's mandatory -Filter cannot come from the pipeline, so
    piped input binds -Identity in the other set."""
    Filter = Parameter(str, set="Filter", mandatory=True)
    Identity = Parameter("object", set="Identity", mandatory=True, position=0, pipeline=True)
    Note = Parameter(str)

    def process(self):
        yield f"{self.parameter_set} {self.Identity} {self.Note}"


@_cmdlet("Add-Pair")
class AddPair(Cmdlet):
    """Two mandatory parameters that both come by property name."""
    Left = Parameter(str, mandatory=True, pipeline_by_property=True)
    Right = Parameter(str, mandatory=True, pipeline_by_property=True)

    def process(self):
        yield f"{self.Left}+{self.Right}"


@_cmdlet("Write-Record")
class WriteRecord(Cmdlet):
    """Takes an error record, as Write-Error -ErrorRecord does."""
    ErrorRecord = Parameter("System.Management.Automation.ErrorRecord", mandatory=True, position=0)

    def process(self):
        yield self.ErrorRecord.message


def make_session(answers=()) -> Session:
    session = Session(host=MemoryHost(answers=answers))
    registry = CmdletRegistry()
    registry.cmdlets = dict(REGISTRY.cmdlets)
    registry.aliases = dict(REGISTRY.aliases)
    registry.cmdlets.update(TEST_REGISTRY.cmdlets)
    session.registry = registry
    return session
