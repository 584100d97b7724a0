"""Uploaded workbooks are read in a worker process of its own (tracker.imports.worker), with the same outcome
as reading them in the server process: the same errors at the same cells, counts and diff."""

import io
import os
import pickle
from datetime import UTC, datetime

import openpyxl
import pytest
from sqlmodel import Session, select

from actionplan.models import Organisation
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import TrackerError
from tracker.imports.parse import REPORT_COLUMNS, REPORTS_SHEET, VALUE_COLUMNS, VALUES_SHEET
from tracker.imports.reading import InProcess, read_workbook
from tracker.imports.service import import_workbook
from tracker.imports.worker import Worker

NOW = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


def workbook(*values: object) -> bytes:
    """A progress template for REDEN with one report row and a value row per value."""
    book = openpyxl.Workbook()
    reports = book.active
    reports.title = REPORTS_SHEET
    reports.append(REPORT_COLUMNS)
    reports.append(["2025-H2", "REDEN", "MH22-2.1", "Rådgivning", "Planmæssigt", "Fremdrift", "", "", "", 1000.0])
    sheet = book.create_sheet(VALUES_SHEET)
    sheet.append(VALUE_COLUMNS)
    for value in values:
        sheet.append(["2025-H2", "MH22-2.1", "MH22-2.1-I1", "Indikator", "personer", "total", value, ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def reporter(session: Session) -> Principal:
    organisation = session.exec(select(Organisation).where(Organisation.code == "REDEN")).one()
    assert organisation.id is not None
    return Principal(0, organisation.id, "REDEN", Role.REPORTER)


@pytest.mark.usefixtures("plan_loaded")
@pytest.mark.parametrize("values", [("12", "ikke et tal", "7,5", ""), ("40",)], ids=["invalid", "valid"])
def test_a_worker_reads_a_workbook_as_the_server_process_would(engine, db_settings, values):
    data = workbook(*values)
    outcomes = []
    for reader in (InProcess(), Worker()):
        with Session(engine) as session, reader:
            result = import_workbook(
                session,
                reporter(session),
                data,
                "r.xlsx",
                dry_run=True,
                submit=False,
                now=NOW,
                settings=db_settings,
                reader=reader,
            )
            session.rollback()
        outcomes.append((result.result, result.errors, result.errors_total, result.rejected, result.fingerprint()))
    assert outcomes[0] == outcomes[1]
    if values[0] == "12":
        assert [(e["sheet"], e["row"], e["column"]) for e in outcomes[1][1]] == [
            ("Indikatorer", 3, "value"),
            ("Indikatorer", 4, "indicator"),  # the same indicator and category again
        ]


def test_the_worker_is_another_process_and_is_gone_after_the_import():
    with Worker() as reader:
        prepared = reader.read(workbook("1"), "r.xlsx", Role.REPORTER, max_bytes=10**7, tick=lambda *_: None)
        pids = list(reader._executor()._processes)  # the pool's one process
    assert prepared.kind == "progress"
    assert len(pids) == 1
    assert pids[0] != os.getpid()
    with pytest.raises(ProcessLookupError):
        os.kill(pids[0], 0)


def test_a_hostile_file_is_refused_by_the_worker_with_its_problem():
    with Worker() as reader, pytest.raises(TrackerError) as refused:
        reader.read(b"PK\x03\x04" + bytes(2000), "r.xlsx", Role.REPORTER, max_bytes=10**7, tick=lambda *_: None)
    assert refused.value.status_code in (415, 422)


def test_what_a_worker_sends_back_arrives_whole():
    data = workbook("12", "ikke et tal", "7,5", "40")
    prepared, _grids = read_workbook(data, "r.xlsx", Role.REPORTER, max_bytes=10**7, tick=lambda *_: None)
    copy = pickle.loads(pickle.dumps(prepared))
    assert copy == prepared
    assert copy.errors
    assert copy.progress is not None
    assert prepared.progress is not None
    assert copy.progress.reports
    assert copy.progress.values[0].row.cell("value") == prepared.progress.values[0].row.cell("value") == "G2"
