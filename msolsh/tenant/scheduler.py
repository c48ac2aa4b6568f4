"""The Azure AD Connect scheduler: interval, enabled/disabled, next policy, staging, busy.

Driven by the simulated clock: a 'sync-cycle' event at NextSyncCycleStartTimeInUTC runs the
cycle through the engine and schedules the next one. A cycle's effects are applied when it
starts; the engine then stays busy for the cycle's simulated duration (SyncCycleInProgress, and
Start-ADSyncSyncCycle fails with "... is busy."). Knows nothing of the shell.
"""
from __future__ import annotations

from datetime import timedelta

from .errors import SyncEngineError

ALLOWED_INTERVAL = timedelta(minutes=30)
PURGE_RUN_HISTORY_INTERVAL = timedelta(days=7)


class Scheduler:
    def __init__(self, clock, engine, schedule: bool = True):
        self.clock, self.engine = clock, engine
        self.customized_interval: timedelta | None = None
        self.sync_cycle_enabled = True
        self.maintenance_enabled = True
        self.scheduler_suspended = False
        self.next_policy_type = "Delta"
        self.purge_run_history_interval = PURGE_RUN_HISTORY_INTERVAL
        self.next_start = clock.now + ALLOWED_INTERVAL
        self.busy_until = None
        clock.on("sync-cycle", self._on_due)
        if schedule:  # a restored clock already holds the pending event
            clock.schedule(self.next_start, "sync-cycle")

    @property
    def effective_interval(self) -> timedelta:
        custom = self.customized_interval
        return custom if custom is not None and custom >= ALLOWED_INTERVAL else ALLOWED_INTERVAL

    @property
    def in_progress(self) -> bool:
        return self.busy_until is not None and self.clock.now < self.busy_until

    @property
    def staging_mode(self) -> bool:
        return self.engine.config.staging_mode

    def properties(self) -> dict:
        """Get-ADSyncScheduler, in the real property order."""
        return {
            "AllowedSyncCycleInterval": ALLOWED_INTERVAL,
            "CurrentlyEffectiveSyncCycleInterval": self.effective_interval,
            "CustomizedSyncCycleInterval": self.customized_interval,
            "NextSyncCyclePolicyType": self.next_policy_type,
            "NextSyncCycleStartTimeInUTC": self.next_start,
            "PurgeRunHistoryInterval": self.purge_run_history_interval,
            "SyncCycleEnabled": self.sync_cycle_enabled,
            "MaintenanceEnabled": self.maintenance_enabled,
            "StagingModeEnabled": self.staging_mode,
            "SchedulerSuspended": self.scheduler_suspended,
            "SyncCycleInProgress": self.in_progress,
        }

    def configure(self, customized_interval=..., sync_cycle_enabled=None, next_policy_type=None,
                  purge_run_history_interval=None, maintenance_enabled=None,
                  scheduler_suspended=None) -> None:
        """Set-ADSyncScheduler; `...` leaves the interval alone, None resets it."""
        if customized_interval is not ...:
            self.customized_interval = customized_interval
            self._reschedule(self.clock.now + self.effective_interval)
        if sync_cycle_enabled is not None:
            self.sync_cycle_enabled = bool(sync_cycle_enabled)
        if next_policy_type is not None:
            if next_policy_type not in ("Unspecified", "Delta", "Initial"):
                raise SyncEngineError(f"Cannot convert value \"{next_policy_type}\" to policy "
                                      "type. Valid values are Unspecified, Delta, Initial.")
            self.next_policy_type = "Delta" if next_policy_type == "Unspecified" \
                else next_policy_type
        if purge_run_history_interval is not None:
            self.purge_run_history_interval = purge_run_history_interval
        if maintenance_enabled is not None:
            self.maintenance_enabled = bool(maintenance_enabled)
        if scheduler_suspended is not None:
            self.scheduler_suspended = bool(scheduler_suspended)

    def start_cycle(self, policy_type: str = "Unspecified") -> dict:
        """Start-ADSyncSyncCycle: refused while a cycle runs, otherwise runs now."""
        if self.in_progress:
            raise SyncEngineError(f"Connector: {self.engine.aad_cs.name} is busy.")
        if self.scheduler_suspended:
            raise SyncEngineError("Sync is currently suspended. Unable to start a new sync cycle.")
        policy = self.next_policy_type if policy_type in (None, "Unspecified") else policy_type
        self._run(policy)
        return {"Result": "Success"}

    def stop_cycle(self) -> bool:
        """Stop-ADSyncSyncCycle: ends the running cycle's busy period; True if one was running.
        The cycle's changes were applied when it started, and the schedule is left alone (what
        a real stopped cycle left undone, the next one picks up)."""
        if not self.in_progress:
            return False
        self.busy_until = self.clock.now
        return True

    def _run(self, policy: str) -> None:
        runs = self.engine.run_cycle(policy)
        self.busy_until = runs[-1]["EndDate"] if runs else self.clock.now
        if policy == "Initial" or self.next_policy_type == "Initial":
            self.next_policy_type = "Delta"

    def _on_due(self, _key) -> None:
        if self.sync_cycle_enabled and not self.scheduler_suspended and not self.in_progress:
            self._run(self.next_policy_type)
        if self.maintenance_enabled:  # the maintenance task purges old run history
            cutoff = self.clock.now - self.purge_run_history_interval
            self.engine.history[:] = [r for r in self.engine.history if r["EndDate"] >= cutoff]
        self._reschedule(self.clock.now + self.effective_interval)

    def _reschedule(self, when) -> None:
        self.clock.cancel("sync-cycle")
        self.next_start = when
        self.clock.schedule(when, "sync-cycle")

    def to_data(self) -> dict:
        return {"customized_interval": _secs(self.customized_interval),
                "sync_cycle_enabled": self.sync_cycle_enabled,
                "maintenance_enabled": self.maintenance_enabled,
                "scheduler_suspended": self.scheduler_suspended,
                "next_policy_type": self.next_policy_type,
                "purge_run_history_interval": _secs(self.purge_run_history_interval),
                "next_start": self.next_start, "busy_until": self.busy_until}

    def load_data(self, data: dict) -> None:
        """Restore state; the clock (already restored) holds the pending 'sync-cycle' event."""
        ci = data["customized_interval"]
        self.customized_interval = None if ci is None else timedelta(seconds=ci)
        self.sync_cycle_enabled = data["sync_cycle_enabled"]
        self.maintenance_enabled = data["maintenance_enabled"]
        self.scheduler_suspended = data["scheduler_suspended"]
        self.next_policy_type = data["next_policy_type"]
        self.purge_run_history_interval = timedelta(seconds=data["purge_run_history_interval"])
        self.next_start, self.busy_until = data["next_start"], data["busy_until"]


def _secs(delta):
    return None if delta is None else delta.total_seconds()
