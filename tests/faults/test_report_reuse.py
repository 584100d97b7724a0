"""One viewer refreshing the status report stores it once; the rendering is reused until the data changes."""

import time

import pytest
from sqlmodel import Session, select

from tracker.audit.models import AuditEvent
from tracker.demo import load_demo
from tracker.reports.models import ReportSnapshot

pytestmark = pytest.mark.usefixtures("plan_loaded")


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "html", "json"])
def test_refreshing_the_same_report_reuses_its_snapshot(client, make_headers, engine, clock, fmt):
    with Session(engine) as session:
        load_demo(session, now=clock())
        session.commit()
    viewer = make_headers("CMM", "viewer")
    url = f"/reports/status?period=2025-H1&format={fmt}&lang=da"
    timings = []
    responses = []
    for _ in range(5):
        started = time.perf_counter()
        responses.append(client.get(url, headers=viewer))
        timings.append(time.perf_counter() - started)
    assert {r.status_code for r in responses} == {200}
    assert len({r.headers["x-report-snapshot"] for r in responses}) == 1
    assert len({r.content for r in responses}) == 1
    with Session(engine) as session:
        assert len(session.exec(select(ReportSnapshot)).all()) == 1
        assert len(session.exec(select(AuditEvent).where(AuditEvent.action == "report.issue")).all()) == 1
    print(f"\n{fmt}: first {timings[0] * 1000:.0f} ms, then {[round(t * 1000) for t in timings[1:]]} ms")
