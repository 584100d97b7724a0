"""A client generated from the live document with openapi-python-client works unchanged, in strict mode.

The checked-in client (clients/python) is what scripts/generate-client writes from today's document; the
reporting flow runs through it against the app: create a draft, update it with If-Match, submit, return,
resubmit, approve, read the history, download the xlsx and PDF report, and read a 404 and a 412 as typed
problem details.
"""

import filecmp
import importlib.util
import sys
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from tracker.app import create_app

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "python"
CODE, PERIOD = "MH22-2.1", "2025-H2"


def _generator() -> Any:
    loader = SourceFileLoader("generate_client", str(ROOT / "scripts" / "generate-client"))
    spec = importlib.util.spec_from_loader("generate_client", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _tree(folder: Path) -> dict[str, Path]:
    return {
        str(path.relative_to(folder)): path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_checked_in_client_is_what_the_generator_writes_today(tmp_path: Path) -> None:
    fresh = tmp_path / "python"
    said = _generator().generate(fresh)  # raises on any warning from openapi-python-client
    assert "Warning" not in said
    ours, theirs = _tree(CLIENT), _tree(fresh)
    assert sorted(ours) == sorted(theirs), "run `.venv/bin/python scripts/generate-client`"
    stale = [name for name in ours if not filecmp.cmp(ours[name], theirs[name], shallow=False)]
    assert stale == [], f"clients/python is stale in {stale[:5]}: run `.venv/bin/python scripts/generate-client`"


@pytest.fixture
def api() -> Iterator[Any]:
    sys.path.insert(0, str(CLIENT))
    try:
        yield importlib.import_module("actionplan_tracker_client")
    finally:
        sys.path.remove(str(CLIENT))


def _client(api: Any, app: Any, token: str) -> Any:
    test_client = TestClient(app=app)
    test_client.headers["Authorization"] = f"Bearer {token}"  # a client of our own is used as it is
    client = api.AuthenticatedClient(base_url="http://testserver", token=token, raise_on_unexpected_status=True)
    return client.set_httpx_client(test_client)


@pytest.mark.usefixtures("plan_loaded")
def test_the_reporting_flow_through_the_generated_client(
    api: Any, db_settings: Any, engine: Any, clock: Any, make_headers: Any
) -> None:
    from actionplan_tracker_client.api.progress import (
        approve_report,
        get_initiative_history,
        get_report,
        return_report,
        save_report,
        submit_report,
    )
    from actionplan_tracker_client.api.reports import get_status_report
    from actionplan_tracker_client.models import (
        ApproveInput,
        GetStatusReportFormat,
        Problem,
        ProgressStatus,
        ReportInput,
        ReportPublic,
        ReportState,
        ReturnInput,
    )
    from actionplan_tracker_client.types import File

    app = create_app(db_settings, engine=engine, clock=clock)
    token_of = {
        name: h["Authorization"].split(" ", 1)[1]
        for name, h in (
            ("reden", make_headers("REDEN", "reporter")),
            ("cmm", make_headers("CMM", "secretariat")),
        )
    }
    with TestClient(app=app):
        reden = _client(api, app, token_of["reden"])
        cmm = _client(api, app, token_of["cmm"])

        draft = ReportInput(status=ProgressStatus.ON_TRACK, narrative="Begge krisecentre var åbne.")
        created = save_report.sync_detailed(CODE, PERIOD, client=reden, body=draft)
        assert created.status_code == 201
        assert isinstance(created.parsed, ReportPublic)
        assert created.headers["location"] == f"/initiatives/{CODE}/reports/{PERIOD}"
        etag = created.headers["etag"]

        draft.narrative = "Begge krisecentre var åbne hele perioden."
        updated = save_report.sync_detailed(CODE, PERIOD, client=reden, body=draft, if_match=etag)
        assert updated.status_code == 200
        assert updated.parsed.narrative == draft.narrative

        stale = save_report.sync_detailed(CODE, PERIOD, client=reden, body=draft, if_match=etag)  # "1" again
        assert stale.status_code == 412
        assert isinstance(stale.parsed, Problem)
        assert stale.parsed.title == "The resource has changed"

        submitted = submit_report.sync(CODE, PERIOD, client=reden, if_match=updated.headers["etag"])
        assert isinstance(submitted, ReportPublic)
        assert submitted.state == ReportState.SUBMITTED

        returned = return_report.sync(CODE, PERIOD, client=cmm, body=ReturnInput(comment="Tilføj udgifterne."))
        assert returned.state == ReportState.RETURNED
        assert returned.review_comment == "Tilføj udgifterne."

        draft.spent_dkk = 125_000.0
        again = save_report.sync_detailed(CODE, PERIOD, client=reden, body=draft, if_match=f'"{returned.version}"')
        resubmitted = submit_report.sync(CODE, PERIOD, client=reden, if_match=again.headers["etag"])
        assert resubmitted.state == ReportState.SUBMITTED

        approved = approve_report.sync(CODE, PERIOD, client=cmm, body=ApproveInput(comment="Godkendt"))
        assert approved.state == ReportState.APPROVED

        history = get_initiative_history.sync(CODE, client=cmm)
        actions = [event.action for event in history.data]
        assert len(actions) >= 6

        xlsx = get_status_report.sync(client=cmm, period=PERIOD, format_=GetStatusReportFormat.XLSX)
        assert isinstance(xlsx, File)
        assert xlsx.payload.read().startswith(b"PK")
        pdf = get_status_report.sync(client=cmm, period=PERIOD, format_=GetStatusReportFormat.PDF)
        assert isinstance(pdf, File)
        assert pdf.payload.read().startswith(b"%PDF")

        missing = get_report.sync_detailed("MH22-9.9", PERIOD, client=cmm)
        assert missing.status_code == 404
        assert isinstance(missing.parsed, Problem)
        assert missing.parsed.status == 404
        assert missing.parsed.title == "Not found"
