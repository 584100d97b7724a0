"""The purge job forgets what can no longer be used: ended web sessions, spent or expired sign-in links, and
uploads on the import page that were not confirmed in time; what still works is kept."""

from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.conftest import NOW
from tests.tracker.test_imports_progress import fill
from tests.web.support import PEOPLE, csrf_token, post_form
from tracker.audit.models import AuditEvent
from tracker.imports.models import PendingUpload
from tracker.jobs.runs import run_job
from tracker.users.models import SignInLink, WebSession

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return (
            len(session.exec(select(WebSession)).all()),
            len(session.exec(select(SignInLink)).all()),
            len(session.exec(select(PendingUpload)).all()),
        )


def test_the_purge_job_deletes_ended_sessions_spent_links_and_stale_uploads(signed_in, engine, db_settings):
    reporter = signed_in("reporter")  # one session, its link spent
    template = reporter.get("/import/skabelon?periode=2025-H2").content
    uploaded = reporter.post(
        "/import",
        data={"_csrf_token": csrf_token(reporter)},
        files={"file": ("fremdrift.xlsx", fill(template), XLSX)},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303
    # A second link asked for and not used yet.
    assert post_form(reporter, "/log-ind", {"email": PEOPLE["reporter"][0]}).status_code == 303
    assert counts(engine) == (1, 2, 1)

    soon = run_job("purge_web_leftovers", engine, db_settings, now=NOW + timedelta(minutes=5), runner="test")
    assert soon.ok, soon.error
    # Only the spent link goes: the session, the fresh link and the upload still work.
    assert soon.result == {"sessions": 0, "sign_in_links": 1, "pending_uploads": 0}
    assert counts(engine) == (1, 1, 1)
    assert reporter.get("/import").status_code == 200

    idle = NOW + timedelta(minutes=db_settings.web_session_idle_minutes + 1)
    later = run_job("purge_web_leftovers", engine, db_settings, now=idle, runner="test")
    assert later.result == {"sessions": 1, "sign_in_links": 1, "pending_uploads": 0}
    expired = NOW + timedelta(minutes=db_settings.import_pending_minutes + 1)
    last = run_job("purge_web_leftovers", engine, db_settings, now=expired, runner="test")
    assert last.result == {"sessions": 0, "sign_in_links": 0, "pending_uploads": 1}
    assert counts(engine) == (0, 0, 0)
    with Session(engine) as session:
        purges = session.exec(select(AuditEvent).where(AuditEvent.action == "web.purge")).all()
    assert [event.after for event in purges] == [soon.result, later.result, last.result]
