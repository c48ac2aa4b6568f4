"""msolsh's own training cmdlets: things a trainee cannot do in the real products but needs to
practise the workflow on a simulated clock.

Request-ForwardSync stands in for asking Microsoft support to resubmit an object from Azure AD
to Exchange Online; Wait-SyncCycle jumps the simulated clock to the next scheduled sync cycle;
Save-Tenant writes the whole tenant state; Get-ObjectTrace shows where an object stands in
each of the six stages. Thin adapters over the Tenant's public API; nothing of the REPL.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from msolsh.cmdlets.core.files import check_path_allowed, io_error, resolve
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.primitives import element_string
from msolsh.runtime.values import PSObject

MODULE = "msolsh"
FQ = "Msolsh.Training.Commands."
REQUEST_TYPE = "Msolsh.Training.ForwardSyncRequest"
WAIT_TYPE = "Msolsh.Training.SyncCycleWait"
STAGE_TYPE = "Msolsh.Training.ObjectTraceStage"


def _naive(value: Any) -> Any:
    return value.replace(tzinfo=None) if getattr(value, "tzinfo", None) else value


def complete_cloud_names(session: Any, prefix: str) -> list:
    """UPNs and group/contact display names, answered by the MSOnline completer's index."""
    try:
        from msolsh.cmdlets.msonline.connect import complete_upns
    except ImportError:
        return []
    return complete_upns(session, prefix)


def find_cloud_object(aad: Any, identity: Any) -> Optional[Any]:
    """ObjectId, UPN, email address, or the exact display name of a group or contact."""
    text = element_string(identity).strip()
    found = aad.get(text) or aad.by_upn(text) or aad.by_address(text)
    if found is not None:
        return found
    exact = [o for o in aad.search(text) if (o.display_name or "").lower() == text.lower()]
    return exact[0] if len(exact) == 1 else None


@cmdlet("Request-ForwardSync", module=MODULE, output_type=REQUEST_TYPE)
class RequestForwardSync(Cmdlet):
    """Queues an Azure AD user, group or contact for forward sync to Exchange Online.

    Stands in for asking Microsoft support to resubmit the object by its ObjectId (KB 4051392,
    KB 4051375): the next forward sync re-validates it. If the cause of a validation error is
    still there, the error comes back; if it was fixed, the object reaches Exchange Online.
    Forward sync runs a few simulated minutes later (Start-Sleep 180, or Wait-SyncCycle)."""
    fq_class = FQ + "RequestForwardSyncCommand"
    examples = [Example("Request-ForwardSync -Identity megan.bowen@contoso.com",
                        "Queues Megan Bowen for the next forward sync."),
                Example("Get-MsolUser -UserPrincipalName megan.bowen@contoso.com | "
                        "Request-ForwardSync; Start-Sleep -Seconds 180",
                        "Queues a user by its ObjectId from the pipeline and waits for forward "
                        "sync to run.")]
    Identity = Parameter("object", position=0, mandatory=True, pipeline=True,
                         pipeline_by_property=True, aliases=("ObjectId",),
                         complete=complete_cloud_names,
                         help="The Azure AD object: ObjectId, UserPrincipalName, email address, "
                              "or the display name of a group or contact.")

    def process(self) -> Optional[Iterable[Any]]:
        tenant = self.session.tenant
        identity = self.Identity
        if isinstance(identity, PSObject):
            identity = (identity.get("ObjectId") or identity.get("ExternalDirectoryObjectId")
                        or identity)
        identity = element_string(identity)   # .NET's ToString, never a Python repr
        obj = find_cloud_object(tenant.aad, identity)
        if obj is None or obj.is_deleted:
            self.write_error(self.error_record(
                f"Cannot find an Azure AD user, group or contact with identity '{identity}'.",
                "ObjectNotFound", "ObjectNotFound", target=str(identity)))
            return None
        tenant.request_forward_sync(obj.object_id)
        due = next((e[0] for e in tenant.clock.pending("forward-sync")), None)
        return [PSObject([("ObjectId", obj.object_id), ("ObjectType", obj.object_type),
                          ("DisplayName", obj.display_name),
                          ("ValidationStatus", obj.validation_status),
                          ("ForwardSyncDueUTC", _naive(due))], [REQUEST_TYPE, "System.Object"])]


@cmdlet("Wait-SyncCycle", module=MODULE, output_type=WAIT_TYPE)
class WaitSyncCycle(Cmdlet):
    """Moves the simulated clock to the next scheduled sync cycle and runs what falls due.

    The Azure AD Connect scheduler's cycle runs at NextSyncCycleStartTimeInUTC (see
    Get-ADSyncScheduler); everything due before it (forward syncs, purges) runs on the way.
    With -IncludeForwardSync the clock then moves on until the forward sync the cycle queued
    has run too, so the change is visible in Exchange Online."""
    fq_class = FQ + "WaitSyncCycleCommand"
    examples = [Example("Wait-SyncCycle", "Waits for the next scheduled sync cycle."),
                Example("Wait-SyncCycle -IncludeForwardSync",
                        "Waits for the cycle and the forward sync after it.")]
    IncludeForwardSync = Switch(help="Also waits until pending forward syncs have run.")

    def process(self) -> Optional[Iterable[Any]]:
        tenant = self.session.tenant
        scheduler = tenant.scheduler
        start, policy = tenant.clock.now, scheduler.next_policy_type
        cycle_at = scheduler.next_start
        last_run = tenant.sync.history[-1] if tenant.sync.history else None
        tenant.advance(max((cycle_at - tenant.clock.now).total_seconds(), 0))
        ran = bool(tenant.sync.history) and tenant.sync.history[-1] is not last_run
        if not ran:
            self.write_warning("No sync cycle ran: the scheduler is disabled or suspended, or "
                               "a cycle is still in progress (see Get-ADSyncScheduler).")
        if self.IncludeForwardSync:
            self._drain_forward_sync(tenant)
        due = next((e[0] for e in tenant.clock.pending("forward-sync")), None)
        return [PSObject([
            ("Waited", tenant.clock.now - start), ("PolicyType", policy if ran else None),
            ("CycleStartTimeUTC", _naive(cycle_at)), ("Result", "Success" if ran else "Skipped"),
            ("NextSyncCycleStartTimeInUTC", _naive(scheduler.next_start)),
            ("ForwardSyncDueUTC", _naive(due)), ("CurrentTimeUTC", _naive(tenant.clock.now))],
            [WAIT_TYPE, "System.Object"])]

    @staticmethod
    def _drain_forward_sync(tenant: Any) -> None:
        for _ in range(10):   # a forward sync may queue another (group membership)
            pending = tenant.clock.pending("forward-sync")
            if not pending:
                return
            tenant.advance(max((pending[0][0] - tenant.clock.now).total_seconds(), 0))


@cmdlet("Save-Tenant", module=MODULE, supports_should_process=True)
class SaveTenant(Cmdlet):
    """Saves the whole simulated tenant (every stage, run history, clock) to a YAML file.

    The file is written atomically (a failed save leaves the previous file untouched).
    `msolsh -Tenant file.yaml` resumes exactly where the save was made."""
    fq_class = FQ + "SaveTenantCommand"
    examples = [Example("Save-Tenant -Path ./contoso-saved.yaml -WhatIf",
                        "Shows where the tenant would be saved.")]
    Path = Parameter(str, position=0, mandatory=True, help="The YAML file to write.")

    def process(self) -> None:
        from msolsh.tenant.fixture_state import SaveError
        from msolsh.tenant.fixtures import save_tenant
        if "\0" in self.Path:   # .NET Framework rejects it before touching the disk
            self.write_error(self.error_record("Illegal characters in path.", "SaveTenantFailed",
                                               "InvalidArgument", target=self.Path,
                                               exception_type="System.ArgumentException"))
            return None
        path = resolve(self.session, self.Path)
        if not self.should_process(path, "Save Tenant"):
            return None
        check_path_allowed(self.session, path, write=True)
        try:
            save_tenant(self.session.tenant, path)
        except OSError as exc:
            self.write_error(io_error(self, path, exc, "SaveTenantFailed"))
        except SaveError as exc:
            self.write_error(self.error_record(str(exc), "SaveTenantFailed", "WriteError",
                                               target=path))
        return None


@cmdlet("Get-ObjectTrace", module=MODULE, output_type=STAGE_TYPE)
class GetObjectTrace(Cmdlet):
    """Shows where an object stands in each of the six stages, from AD to Exchange Online.

    On-premises AD, the AD connector space, the metaverse, the Azure AD connector space, Azure
    AD and Exchange Online: for each, whether the object is there, pending, filtered or in
    error, and why. A trainer's view: the real products have no such cmdlet."""
    fq_class = FQ + "GetObjectTraceCommand"
    examples = [Example("Get-ObjectTrace -Identity megan.bowen",
                        "Traces Megan Bowen through the six stages."),
                Example("Get-ObjectTrace megan.bowen@contoso.com | Format-List",
                        "Shows every fact of every stage.")]
    Identity = Parameter("object", position=0, mandatory=True, pipeline=True,
                         complete=complete_cloud_names,
                         help="A DN, objectGUID, sAMAccountName, UPN or Azure AD ObjectId.")

    def process(self) -> Optional[Iterable[Any]]:
        identity = self.Identity
        if isinstance(identity, PSObject):
            identity = (identity.get("ObjectId") or identity.get("DistinguishedName") or
                        identity.get("UserPrincipalName") or identity)
        identity = element_string(identity)   # .NET's ToString, never a Python repr
        trace = self.session.tenant.trace(identity)
        stages = trace["Stages"]
        if all(stage["Status"] == "Missing" for stage in stages.values()):
            self.write_error(self.error_record(
                f"Cannot find an object with identity '{identity}' in any stage.",
                "ObjectNotFound", "ObjectNotFound", target=str(identity)))
            return None
        return [_stage_record(name, stage) for name, stage in stages.items()]


def _stage_record(name: str, stage: dict) -> PSObject:
    facts = [(k, _naive(v)) for k, v in stage.items() if k not in ("Status", "Detail")]
    return PSObject([("Stage", name), ("Status", stage["Status"]),
                     ("Detail", stage["Detail"])] + facts, [STAGE_TYPE, "System.Object"])


__all__ = ["RequestForwardSync", "WaitSyncCycle", "SaveTenant", "GetObjectTrace"]
