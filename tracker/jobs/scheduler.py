"""The in-process scheduler: APScheduler 3.x, Europe/Copenhagen, in-memory job store, leader-elected.

APScheduler 3.x must never share a job store between schedulers, so every process keeps its jobs in memory
and only the leader (see leader.py) starts its BackgroundScheduler. Jobs stay idempotent anyway (outbox
dedupe keys): a lock decides who runs a job, not that its effects happen once.
"""

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from litestar.datastructures import State
from sqlalchemy import Engine

from tracker.jobs.leader import LeaderElector, leader_lock_for
from tracker.jobs.registry import JOBS
from tracker.jobs.runs import run_job
from tracker.settings import Settings

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def process_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class JobScheduler:
    """Runs the registered jobs on their schedules while this process is the leader."""

    def __init__(self, engine: Engine, settings: Settings, clock: Clock, *, identity: str | None = None) -> None:
        self.engine = engine
        self.settings = settings
        self.clock = clock
        self.identity = identity or process_identity()
        self._scheduler: BackgroundScheduler | None = None
        self._mutex = threading.Lock()
        self._stopping = False
        self._elector = LeaderElector(
            leader_lock_for(settings),
            retry_seconds=settings.leader_retry_seconds,
            on_elected=self._start_jobs,
            on_deposed=self._stop_jobs,
        )

    @property
    def is_leader(self) -> bool:
        return self._elector.is_leader

    def start(self) -> None:
        self._elector.start()

    def stop(self) -> None:
        """Stop electing; running jobs finish before the lock is released (so no new leader overlaps them)."""
        self._stopping = True
        self._elector.stop()

    def run(self, name: str, *, trigger: str = "schedule") -> None:
        run_job(name, self.engine, self.settings, now=self.clock(), runner=self.identity, trigger=trigger)

    def _start_jobs(self) -> None:
        scheduler = BackgroundScheduler(
            timezone=self.settings.tz,
            jobstores={"default": MemoryJobStore()},
            executors={"default": ThreadPoolExecutor(max_workers=2)},
            # One run at a time per job; runs missed by up to an hour are made up once, not once per slot.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )
        for spec in JOBS:
            scheduler.add_job(
                self.run, trigger=spec.trigger(self.settings), args=[spec.name], id=spec.name, name=spec.name
            )
        with self._mutex:
            self._scheduler = scheduler
            scheduler.start()
            if self.settings.scheduler_run_on_start:
                # Catch up whatever was missed while no process was leader (each job is idempotent).
                for spec in JOBS:
                    scheduler.add_job(
                        self.run, args=[spec.name], kwargs={"trigger": "startup"}, id=f"{spec.name}@startup"
                    )

    def _stop_jobs(self) -> None:
        with self._mutex:
            scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            # Deposed (lock lost): stop scheduling at once; shutting down: let running jobs finish first.
            scheduler.shutdown(wait=self._stopping)

    def next_runs(self) -> dict[str, datetime | None]:
        """Each job's next run in this process's scheduler (empty when this process is not the leader)."""
        with self._mutex:
            scheduler = self._scheduler
            if scheduler is None:
                return {}
            return {job.id: job.next_run_time for job in scheduler.get_jobs() if "@" not in job.id}

    def state(self) -> dict[str, Any]:
        """What /health shows: whether this process runs the jobs."""
        return {
            "enabled": True,
            "role": "leader" if self.is_leader else "standby",
            "process": self.identity,
            "running": self._scheduler is not None,
        }


def attach_scheduler(
    state: State,
    engine: Engine,
    settings: Settings,
    clock: Clock,
    startup: list[Callable[[], None]],
    shutdown: list[Callable[[], None]],
) -> None:
    """Give the app a scheduler started and stopped with it (only when TRACKER_SCHEDULER_ENABLED)."""
    if not settings.scheduler_enabled:
        state.scheduler = None
        state.health_probes["scheduler"] = lambda: {"enabled": False}
        return
    job_scheduler = JobScheduler(engine, settings, clock)
    state.scheduler = job_scheduler
    state.health_probes["scheduler"] = job_scheduler.state
    startup.append(job_scheduler.start)
    # Stop the jobs before the engine they use is disposed.
    shutdown.insert(0, job_scheduler.stop)
