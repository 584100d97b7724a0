"""kill -9 of the server during concurrent writes, and of an import: what was acknowledged is there, with its
audit event, and an import is all or nothing."""

import subprocess
import sys
import threading
import time

import httpx
import pytest
from openpyxl import Workbook
from sqlalchemy import text
from sqlmodel import Session, col, select

from actionplan.models import Indicator, Initiative, Organisation, ReportingPeriod
from actionplan.progress import ProgressReport
from tests.faults.support import ROOT, running_server, server_env
from tracker.auth.models import ApiToken, Role
from tracker.imports.models import ImportBatch
from tracker.imports.parse import REPORT_COLUMNS, REPORTS_SHEET, VALUE_COLUMNS, VALUES_SHEET

pytestmark = [pytest.mark.usefixtures("plan_loaded"), pytest.mark.slow, pytest.mark.timeout(300)]
WRITERS = 20


def test_every_acknowledged_write_survives_a_kill_9_with_its_audit_event(db_settings, engine, make_headers):
    secretariat = make_headers("CMM", Role.SECRETARIAT)
    acknowledged: list[int] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop = threading.Event()

    with running_server(db_settings) as server:

        def writer(n: int) -> None:
            with httpx.Client(base_url=server.url, headers=secretariat, timeout=10) as client:
                i = 0
                while not stop.is_set():
                    i += 1
                    try:
                        response = client.post(
                            "/tokens", json={"organisation": "REDEN", "role": "viewer", "label": f"w{n}-{i}"}
                        )
                    except httpx.HTTPError:
                        return  # the server is gone: this write was never acknowledged
                    with lock:
                        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                        if response.status_code == 201:
                            acknowledged.append(response.json()["id"])

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        # Kill in the middle of the traffic: once writes are flowing (a loaded machine needs longer to start).
        deadline = time.monotonic() + 60
        while len(acknowledged) < 2 * WRITERS and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=15)

    print(
        f"\n[{db_settings.database_url.split(':')[0]}] {len(acknowledged)} writes acknowledged before kill -9; statuses {statuses}"
    )
    assert len(acknowledged) >= WRITERS
    with Session(engine) as session:
        stored = set(session.exec(select(ApiToken.id).where(col(ApiToken.id).in_(acknowledged))).all())
        audited = {
            int(key)
            for (key,) in session.execute(
                text("SELECT entity_key FROM audit_event WHERE action = 'token.create' AND entity = 'api_token'")
            ).all()
        }
    assert stored == set(acknowledged)
    assert set(acknowledged) <= audited


def every_report_workbook(engine, path, period_label: str = "2025-H2") -> int:
    """A progress workbook with a report (and every indicator's total) for every initiative of the plan."""
    with Session(engine) as session:
        rows = session.exec(
            select(Initiative, Organisation.code).join(Organisation, col(Organisation.id) == Initiative.lead_id)
        ).all()
        indicators = session.exec(select(Indicator)).all()
        assert session.exec(select(ReportingPeriod).where(ReportingPeriod.label == period_label)).first()
    by_initiative: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_initiative.setdefault(indicator.initiative_id, []).append(indicator)
    workbook = Workbook(write_only=True)
    reports = workbook.create_sheet(REPORTS_SHEET)
    reports.append(REPORT_COLUMNS)
    values = workbook.create_sheet(VALUES_SHEET)
    values.append(VALUE_COLUMNS)
    for initiative, lead in rows:
        reports.append([period_label, lead, initiative.code, "", "Planmæssigt", "Importeret", "", "", "", 100.0])
        for indicator in by_initiative.get(initiative.id or 0, []):
            values.append([period_label, initiative.code, indicator.code, "", "", "total", 7.0, ""])
    workbook.save(path)
    return len(rows)


def test_an_import_killed_at_any_moment_is_all_or_nothing(db_settings, engine, tmp_path):
    workbook = tmp_path / "alle.xlsx"
    expected = every_report_workbook(engine, workbook)

    def start(*extra: str) -> "subprocess.Popen[bytes]":
        return subprocess.Popen(
            [sys.executable, "-m", "tracker.cli", "import", str(workbook), *extra],
            cwd=ROOT,
            env=server_env(db_settings),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def state() -> tuple[int, int, int]:
        with Session(engine) as session:
            reports = len(session.exec(select(ProgressReport.id)).all())
            applied = len(session.exec(select(ImportBatch).where(ImportBatch.result == "applied")).all())
            audited = session.execute(
                text("SELECT count(*) FROM audit_event WHERE action = 'import.applied'")
            ).scalar_one()
        return reports, applied, audited

    # How long a whole run takes on this machine (a dry run reads and validates the same file).
    began = time.perf_counter()
    assert start("--dry-run").wait(timeout=120) == 0
    whole = time.perf_counter() - began
    outcomes = []
    for fraction in (0.5, 0.7, 0.8, 0.9, 0.95, 1.0, 1.05, 1.1):
        command = start()
        time.sleep(whole * fraction)
        finished = command.poll() is not None
        if not finished:
            command.kill()
        command.wait(timeout=60)
        reports, applied, audited = state()
        outcomes.append((round(whole * fraction, 1), "finished" if finished else "killed", reports))
        assert reports in (0, expected), outcomes
        assert (reports == expected) == (applied == 1) == (audited == 1), outcomes
        if reports == expected:
            break
    else:
        assert start().wait(timeout=120) == 0
        outcomes.append((None, "finished", state()[0]))
    print(
        f"\n[{db_settings.database_url.split(':')[0]}] import of {expected} reports; one run {whole:.1f} s; "
        f"(kill after s, outcome, reports): {outcomes}"
    )
    assert state() == (expected, 1, 1)
