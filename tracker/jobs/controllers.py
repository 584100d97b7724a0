"""GET /jobs: the secretariat sees each scheduled job's next run, last run and last result."""

from litestar import Controller, get
from litestar.datastructures import State

from tracker.auth.guards import SECRETARIAT
from tracker.deps import CurrentSettings, DbSession, Now
from tracker.jobs import service
from tracker.jobs.scheduler import JobScheduler
from tracker.jobs.schemas import JobsPublic


class JobController(Controller):
    path = "/jobs"
    tags = ["jobs"]
    guards = [SECRETARIAT]

    @get("/", summary="Scheduled jobs: next run, last run and result", sync_to_thread=True)
    def list_jobs(self, session: DbSession, settings: CurrentSettings, now: Now, state: State) -> JobsPublic:
        scheduler: JobScheduler | None = state.get("scheduler")
        return service.list_jobs(
            session,
            settings,
            now=now,
            live_next_runs=scheduler.next_runs() if scheduler else None,
            scheduler_state=scheduler.state() if scheduler else None,
        )


CONTROLLERS = [JobController]
