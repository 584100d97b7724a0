"""Reading the status report stores nothing and reuses the rendering; issuing it for the record is explicit, once."""

import time

import pytest
from sqlmodel import Session, select

from tracker.audit.models import AuditEvent
from tracker.demo import load_demo
from tracker.issued.models import ReportSnapshot

pytestmark = pytest.mark.usefixtures("plan_loaded")


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "html", "json"])
def test_refreshing_the_report_stores_nothing_and_issuing_it_twice_keeps_one(client, make_headers, engine, clock, fmt):
    with Session(engine) as session:
        load_demo(session, now=clock())
        session.commit()
    viewer, secretariat = make_headers("CMM", "viewer"), make_headers("CMM", "secretariat")
    url = f"/reports/status?period=2025-H1&format={fmt}&lang=da"
    timings = []
    responses = []
    for _ in range(5):
        started = time.perf_counter()
        responses.append(client.get(url, headers=viewer))
        timings.append(time.perf_counter() - started)
    assert {r.status_code for r in responses} == {200}
    assert len({r.content for r in responses}) == 1
    assert all("x-report-snapshot" not in r.headers for r in responses)
    with Session(engine) as session:
        assert session.exec(select(ReportSnapshot)).all() == []
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "report.issue")).all() == []

    body = {"period": "2025-H1", "format": fmt, "lang": "da"}
    first = client.post("/reports/snapshots", json=body, headers=secretariat)
    again = client.post("/reports/snapshots", json=body, headers=secretariat)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.headers["location"] == again.headers["location"] == f"/reports/snapshots/{first.json()['id']}"
    assert client.get(first.headers["location"], headers=viewer).content == responses[0].content
    # A reader now learns that what it reads is the issued report.
    assert client.get(url, headers=viewer).headers["x-report-snapshot"] == str(first.json()["id"])
    with Session(engine) as session:
        assert len(session.exec(select(ReportSnapshot)).all()) == 1
        assert len(session.exec(select(AuditEvent).where(AuditEvent.action == "report.issue")).all()) == 1
    print(f"\n{fmt}: first {timings[0] * 1000:.0f} ms, then {[round(t * 1000) for t in timings[1:]]} ms")


def test_only_the_secretariat_issues_reports_for_the_record(client, make_headers, engine):
    body = {"period": "2025-H1", "format": "json"}
    for org, role in (("LIGE", "viewer"), ("REDEN", "reporter")):
        assert client.post("/reports/snapshots", json=body, headers=make_headers(org, role)).status_code == 403
    with Session(engine) as session:
        assert session.exec(select(ReportSnapshot)).all() == []
    refused = client.post(
        "/reports/snapshots", json=body | {"format": "docx"}, headers=make_headers("CMM", "secretariat")
    )
    assert refused.status_code == 422
    assert "format" in refused.text
