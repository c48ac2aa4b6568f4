"""The synchronization engine: run profiles per connector, cycles, run history, event log.

Connectors: the AD connector (named after the forest) and '<initial domain> - AAD'. Each has the
run profiles Full Import, Delta Import, Full Synchronization, Delta Synchronization and Export.
A Delta cycle runs Delta Import (AD, then AAD), Delta Synchronization (AD, then AAD), Export (AAD,
then AD); an Initial cycle uses Full Import / Full Synchronization. Staging mode runs no exports.
Knows nothing of the shell.
"""
from __future__ import annotations

from .aad_provisioning import Provisioner
from .errors import SyncEngineError
from .gc_pause import gc_paused
from .export_step import AADExport, ADExport
from .import_step import AADImport, ADImport
from .records import plain_copy
from .run_history import ErrorLimitReached, StepRun, build_run
from .sync_step import AADSync, ADSync

RUN_PROFILES = ("Full Import", "Delta Import", "Full Synchronization", "Delta Synchronization",
                "Export")
EVENT_SOURCE = "Directory Synchronization"


class SyncEngine:
    def __init__(self, directory, ad_cs, metaverse, aad_cs, aad, config, clock, ids):
        self.directory, self.ad_cs, self.metaverse = directory, ad_cs, metaverse
        self.aad_cs, self.aad, self.config = aad_cs, aad, config
        self.clock, self.ids = clock, ids
        self.provisioner = Provisioner(aad)
        self.history: list[dict] = []      # oldest first; Get-ADSyncRunProfileResult reverses
        self.event_log: list[dict] = []
        self._cursor = None                 # simulated time inside a running cycle

    @property
    def connectors(self) -> dict:
        return {self.ad_cs.name: self.ad_cs, self.aad_cs.name: self.aad_cs}

    def connector(self, name: str):
        for cs in (self.ad_cs, self.aad_cs):
            if cs.name.lower() == str(name).lower() or cs.identifier == str(name).lower():
                return cs
        raise SyncEngineError(f"The specified connector '{name}' was not found.")

    # ----- run profiles ------------------------------------------------------------------------
    def run_profile(self, connector_name: str, profile: str) -> dict:
        """Invoke-ADSyncRunProfile: run one profile now and record it in the run history."""
        cs = self.connector(connector_name)
        if profile not in RUN_PROFILES:
            raise SyncEngineError(f"The run profile '{profile}' was not found on connector "
                                  f"'{cs.name}'.")
        start = self._cursor or self.clock.now
        step = StepRun(profile)
        try:
            with gc_paused():  # per-object cost must not grow with the tenant (gc_pause.py)
                self._execute(cs, profile, step)
        except ErrorLimitReached:
            pass  # the step result already says stopped-error-limit
        run = build_run(cs, profile, step, self.ids.guid(), self.ids.guid(), start)
        self.history.append(run)
        if self._cursor is not None:
            self._cursor = run["EndDate"]
        return run

    def _execute(self, cs, profile: str, step: StepRun) -> None:
        is_ad = cs is self.ad_cs
        full = profile.startswith("Full")
        if profile.endswith("Import"):
            (ADImport if is_ad else AADImport)(self, step).run(full)
        elif profile.endswith("Synchronization"):
            (ADSync if is_ad else AADSync)(self, step).run(full)
        else:
            (ADExport if is_ad else AADExport)(self, step).run()

    def synchronize_object(self, cs_obj) -> dict:
        """Sync-ADSyncCSObject -Commit: synchronize one AD CS object now; returns the step's
        counters and errors (not recorded in the run history)."""
        step = StepRun("Delta Synchronization")
        if cs_obj.cs_id in self.ad_cs.objects:
            ADSync(self, step).synchronize(cs_obj)
        else:
            AADSync(self, step).synchronize(cs_obj)
        return {"StepResult": step.result, **step.counters, "ObjectErrors": step.errors}

    # ----- cycles ------------------------------------------------------------------------------
    def cycle_plan(self, policy: str) -> list[tuple[str, str]]:
        """The documented order: import AD, import AAD, sync AD, sync AAD, export AAD, export AD."""
        initial = policy == "Initial"
        plan = []
        for kind in ("Import", "Synchronization"):
            for cs in (self.ad_cs, self.aad_cs):
                override = self.config.connector_overrides.get(cs.name, {})
                needs_full = initial or override.get(
                    "full_import_required" if kind == "Import" else "full_sync_required")
                plan.append((cs.name, f"{'Full' if needs_full else 'Delta'} {kind}"))
        if not self.config.staging_mode:
            plan += [(self.aad_cs.name, "Export"), (self.ad_cs.name, "Export")]
        return plan

    def run_cycle(self, policy: str = "Delta") -> list[dict]:
        """Run a whole sync cycle synchronously; returns its runs in order."""
        if policy not in ("Delta", "Initial"):
            raise SyncEngineError(f"Cannot convert value \"{policy}\" to policy type. Valid "
                                  "values are Unspecified, Delta, Initial.")
        self._cursor = self.clock.now
        try:
            with gc_paused():
                runs = [self.run_profile(name, profile)
                        for name, profile in self.cycle_plan(policy)]
        finally:
            self._cursor = None
        self.config.connector_overrides.clear()
        return runs

    # ----- events and queries --------------------------------------------------------------------
    def log_event(self, event_id: int, level: str, message: str) -> dict:
        event = {"EventID": event_id, "Level": level, "Source": EVENT_SOURCE,
                 "TimeCreated": self._cursor or self.clock.now, "Message": message}
        self.event_log.append(event)
        return event

    def last_run(self, connector_name: str | None = None, profile: str | None = None):
        for run in reversed(self.history):
            if (connector_name is None or run["ConnectorName"] == connector_name) and \
                    (profile is None or run["RunProfileName"] == profile):
                return run
        return None

    def connector_statistics(self, connector_name: str) -> dict:
        cs = self.connector(connector_name)
        exports = [cs.objects[i].pending_export for i in cs.pending_exports]
        imports = [cs.objects[i].pending_import for i in cs.pending_imports]
        return {"ExportAdds": exports.count("Add"), "ExportUpdates": exports.count("Update"),
                "ExportDeletes": exports.count("Delete"), "ImportAdds": imports.count("Add"),
                "ImportUpdates": imports.count("Update"), "ImportDeletes": imports.count("Delete"),
                "ImportNoChange": len(cs.objects) - len(imports),
                "TotalConnectors": sum(1 for o in cs.objects.values() if o.is_connector)}

    def to_data(self) -> dict:
        return {"history": plain_copy(self.history), "event_log": plain_copy(self.event_log)}

    def load_data(self, data: dict) -> None:
        self.history = plain_copy(data["history"])
        self.event_log = plain_copy(data["event_log"])
