"""Status reports over HTTP and the CLI, as the minister's office and the secretariat use them."""

import hashlib
import io
import json
import os

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from tracker.audit.models import AuditEvent
from tracker.auth.models import Role
from tracker.demo import load_demo
from tracker.issued.models import ReportSnapshot
from tracker.issued.service import issue_report
from tracker.settings import Settings

pytestmark = pytest.mark.usefixtures("plan_loaded")


@pytest.fixture
def demo(engine, clock):
    with Session(engine) as session:
        result = load_demo(session, now=clock())
        session.commit()
    return result


def viewer(make_headers):
    return make_headers("LIGE", Role.VIEWER)


def test_the_demo_is_labelled_and_loading_it_twice_changes_nothing(engine, clock, demo):
    assert demo.reports > 50
    assert demo.slips == 2
    with Session(engine) as session:
        again = load_demo(session, now=clock())
        session.commit()
    assert again.created == 0


@pytest.mark.parametrize(
    ("fmt", "media_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        ("json", "application/json", b"{"),
    ],
)
def test_a_viewer_downloads_the_status_report_in_each_format(client, make_headers, demo, fmt, media_type, magic):
    response = client.get(f"/reports/status?period=2025-H1&format={fmt}&lang=da", headers=viewer(make_headers))
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    disposition = "inline" if fmt == "html" else "attachment"  # the HTML edition opens in the browser
    assert response.headers["content-disposition"] == f'{disposition}; filename="status-mh-2022-2025-2025-H1-da.{fmt}"'
    assert response.content.startswith(magic)


def test_the_default_period_is_the_latest_past_due_and_the_demo_report_is_meaningful(client, make_headers, demo):
    response = client.get("/reports/status?format=json", headers=make_headers())
    body = response.json()
    assert body["meta"]["period"] == "2025-H2"
    assert body["meta"]["contains_sample_data"]
    assert body["changes"]["status_changes"]
    assert body["changes"]["revised_values"]
    assert body["slips"][0]["moves"] == 2
    # The draft (MH22-3.1) and returned (MH22-3.2) reports never reach the minister's version.
    text = response.text
    assert "Mangler forklaring" not in text
    statuses = {i["initiative"]: i["status"] for i in body["attention"]}
    assert "MH22-3.2" not in statuses


def test_danish_pdf_of_the_demo_renders_danish_letters_and_the_jsons_figures(client, make_headers, demo):
    headers = make_headers()
    pdf = client.get("/reports/status?format=pdf&lang=da", headers=headers).content
    data = client.get("/reports/status?format=json&lang=da", headers=headers).json()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Statusrapport til ministerens kontor" in text
    assert "Årsrapport om menneskehandel 2024" in text
    share = f"{data['headline']['share_on_track']:.1f}".replace(".", ",") + " %"
    assert share in text


def test_every_issued_report_is_kept_and_returned_byte_for_byte(client, make_headers, demo, engine):
    headers = make_headers()
    read = client.get("/reports/status?period=2025-H1&format=xlsx&lang=en&public=true", headers=headers)
    body = {"period": "2025-H1", "format": "xlsx", "lang": "en", "public": True}
    issued = client.post("/reports/snapshots", json=body, headers=headers)
    assert issued.status_code == 201
    snapshot_id = issued.json()["id"]
    listing = client.get("/reports/snapshots", headers=headers).json()
    assert listing["count"] == 1
    [entry] = listing["data"]
    assert (entry["period"], entry["format"], entry["language"], entry["public"]) == ("2025-H1", "xlsx", "en", True)
    assert entry["sha256"] == hashlib.sha256(read.content).hexdigest()
    assert entry["reason"] == "api"
    again = client.get(f"/reports/snapshots/{snapshot_id}", headers=headers)
    assert again.status_code == 200
    assert again.content == read.content
    assert again.headers["content-disposition"] == 'attachment; filename="status-mh-2022-2025-2025-H1-en-public.xlsx"'
    with Session(engine) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "report.issue")).one()
    assert event.entity_key == str(snapshot_id)


def test_reporters_may_not_read_status_reports(client, make_headers):
    headers = make_headers("REDEN", Role.REPORTER)
    assert client.get("/reports/status?format=json", headers=headers).status_code == 403
    assert client.get("/reports/snapshots", headers=headers).status_code == 403


def test_unknown_period_plan_or_snapshot_is_not_found(client, make_headers):
    headers = make_headers()
    assert client.get("/reports/status?period=1999-H1", headers=headers).status_code == 404
    assert client.get("/reports/status?plan=nope", headers=headers).status_code == 404
    assert client.get("/reports/snapshots/999", headers=headers).status_code == 404


def test_bad_format_or_language_is_a_validation_error(client, make_headers):
    headers = make_headers()
    assert client.get("/reports/status?format=docx", headers=headers).status_code == 422
    assert client.get("/reports/status?lang=fr", headers=headers).status_code == 422


def test_the_scheduler_issues_reports_through_the_service(engine, clock, demo):
    with Session(engine) as session:
        snapshot, new = issue_report(
            session,
            plan_slug="mh-2022-2025",
            period_label=None,
            fmt="json",
            lang="en",
            public=False,
            include_submitted=True,
            actor="scheduler",
            now=clock(),
        )
        session.commit()
        assert new
        assert (snapshot.reason, snapshot.period_label, snapshot.generated_by) == ("scheduled", "2025-H2", "scheduler")
        body = json.loads(snapshot.content)
    # The late, submitted report of MH22-3.3 is included on request and marked.
    assert body["meta"]["include_submitted"]
    assert body["headline"]["total"] == 16
    [initiative] = [i for i in body["initiatives"] if i["initiative"] == "MH22-3.3"]
    assert (initiative["status_period"], initiative["not_yet_approved"]) == ("2025-H2", True)
    assert [i["not_yet_approved"] for i in body["indicators"] if i["initiative"] == "MH22-3.3"] == [True, True, True]
    assert [r["late"] for r in body["completeness"] if r["organisation"] == "RA"] == [1]


def test_cli_writes_the_report_and_keeps_a_snapshot(db_settings, engine, demo, tmp_path, monkeypatch):
    from tracker.cli import main

    monkeypatch.setenv("TRACKER_DATABASE_URL", db_settings.database_url)
    out = tmp_path / "rapport.pdf"
    assert main(["report", "--period", "2025-H1", "--format", "pdf", "--lang", "da", "-o", str(out)]) == 0
    content = out.read_bytes()
    assert content.startswith(b"%PDF")
    with Session(engine) as session:
        snapshot = session.exec(select(ReportSnapshot)).one()
    assert snapshot.content == content
    assert (snapshot.reason, snapshot.generated_by) == ("cli", "cli")


def test_serve_with_demo_adds_the_labelled_sample_data(db_settings, engine, monkeypatch):
    import uvicorn

    from actionplan.progress import ProgressReport
    from tracker.cli import build_parser

    monkeypatch.delenv("TRACKER_BASE_URL", raising=False)  # serve sets it for its workers; restored afterwards
    served: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_options: served.append(app))  # prepare, then stop short
    parser = build_parser()
    plain = parser.parse_args(["serve", "--server", "uvicorn"])
    assert plain.handler(plain, db_settings) == 0
    with Session(engine) as session:
        assert session.exec(select(ProgressReport)).first() is None
    demo = parser.parse_args(["serve", "--demo", "--server", "uvicorn"])
    assert demo.handler(demo, db_settings) == 0
    with Session(engine) as session:
        narratives = [r.narrative for r in session.exec(select(ProgressReport)).all()]
    assert narratives
    assert all(n.startswith("[EKSEMPEL]") for n in narratives)
    assert served == ["tracker.app:create_app", "tracker.app:create_app"]


def test_serve_runs_granian_by_default_with_tracker_workers_processes(db_settings, engine, monkeypatch, capsys):
    import granian

    import tracker.cli
    from tracker.cli import build_parser

    started: list[dict[str, object]] = []

    class FakeGranian:
        def __init__(self, target: str, **options: object) -> None:
            started.append({"target": target, **options})

        def serve(self) -> None:
            pass

    monkeypatch.setattr(granian, "Granian", FakeGranian)
    monkeypatch.delenv("TRACKER_BASE_URL", raising=False)  # serve sets it for its workers; restored afterwards
    prepared: list[str] = []  # the base URL the first run's sign-in link is made with
    monkeypatch.setattr(tracker.cli, "prepare_database", lambda settings: prepared.append(settings.base_url))
    parser = build_parser()
    args = parser.parse_args(["serve", "--port", "8123", "--migrate"])
    settings = Settings(environment="test", database_url=db_settings.database_url, workers=3)  # no base URL set
    assert args.handler(args, settings) == 0
    assert len(started) == 1
    options = started[0]
    assert (options["target"], options["factory"], options["workers"], options["port"]) == (
        "tracker.app:create_served_app",
        True,
        3,
        8123,
    )
    assert str(options["interface"]) in ("asgi", "Interfaces.ASGI")
    # Without TRACKER_BASE_URL, the first-run sign-in link and the workers' mail links name the port served.
    assert os.environ["TRACKER_BASE_URL"] == "http://127.0.0.1:8123"
    assert prepared == ["http://127.0.0.1:8123"]
    assert "with 3 granian worker processes" in " ".join("".join(capsys.readouterr()).split())


def test_with_the_sample_data_every_figure_in_the_pdf_and_html_equals_the_jsons(client, make_headers, engine, demo):
    import re

    from reports import build_status_report
    from reports.i18n import Labels
    from tests.reports.test_renderers import html_text, numeric_cells, pdf_text

    headers = make_headers()
    query = "/reports/status?period=2025-H2&lang=da&format="
    data = client.get(query + "json", headers=headers).json()
    pdf = re.sub(r"\s+", " ", pdf_text(client.get(query + "pdf", headers=headers).content))
    html_cells = html_text(client.get(query + "html", headers=headers).content).cells
    with Session(engine) as session:
        model = build_status_report(session, "mh-2022-2025", "2025-H2", lang="da", today=clock_today())
    assert model.headline.totals == data["headline"]["totals"]
    assert model.headline.share_on_track == data["headline"]["share_on_track"]
    for _table, text in numeric_cells(model, Labels("da")):
        if text:
            assert text in html_cells
            html_cells.remove(text)
            assert text.replace("\xa0", " ") in pdf
    assert "Årsrapport om menneskehandel 2024" in pdf


def clock_today():
    from tests.conftest import NOW

    return NOW.date()
