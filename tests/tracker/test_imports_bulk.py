"""A progress import writes in bulk (tracker.imports.bulk), and stores exactly what the workflow's services store.

The same changes are made twice from the same starting point: once report by report through `save_draft` and
`submit_report` (what the import did before it wrote in bulk), once by importing a workbook. The reports, their
indicator values and the audit trail must come out identical, for a reporter and for the secretariat writing
on behalf of the lead, with new reports, a changed draft (a value changed, one added, one removed) and submit.
"""

import io
from datetime import UTC, datetime
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from actionplan.models import Indicator, Initiative, Organisation
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.imports.parse import REPORT_COLUMNS, REPORTS_SHEET, VALUE_COLUMNS, VALUES_SHEET
from tracker.imports.service import import_workbook
from tracker.progress import schemas as s
from tracker.progress import service
from tracker.settings import Settings

pytestmark = pytest.mark.usefixtures("plan_loaded")
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
PERIOD = "2025-H2"
OLD = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


# LIGE leads three initiatives: one with two indicators, one with a two-way breakdown (the draft the file
# changes), one without indicators.
CODES = ["MH22-1.3", "MH22-X.1", "MH22-2.5"]


def _lige(session: Session) -> tuple[Principal, list[tuple[str, list[tuple[str, list[str]]]]]]:
    """LIGE's reporter, and its three initiatives with their indicators and categories."""
    org = session.exec(select(Organisation).where(Organisation.code == "LIGE")).one()
    assert org.id is not None
    plan = []
    for code in CODES:
        initiative = session.exec(select(Initiative).where(Initiative.code == code)).one()
        assert initiative.lead_id == org.id
        indicators = session.exec(
            select(Indicator).where(Indicator.initiative_id == initiative.id).order_by(col(Indicator.code))
        ).all()
        plan.append((code, [(i.code, ["", *i.categories()]) for i in indicators]))
    return Principal(0, org.id, "LIGE", Role.REPORTER), plan


def _secretariat(session: Session) -> Principal:
    org = session.exec(select(Organisation).where(Organisation.code == "CMM")).one()
    assert org.id is not None
    return Principal(0, org.id, "CMM", Role.SECRETARIAT)


def _content(n: int) -> dict[str, Any]:
    return {
        "status": "at_risk" if n == 1 else "on_track",
        "narrative": f"Fremdrift {n}",
        "next_steps": "Næste skridt",
        "risks": "",
        "explanation": "Forsinket levering" if n == 1 else "",
        "spent_dkk": 1000.0 * (n + 1),
        "confidence": "medium",
    }


def _wanted(plan: list[tuple[str, list[tuple[str, list[str]]]]]) -> dict[str, list[dict[str, Any]]]:
    """Per initiative: the values the file reports (the first indicator's first category is left out)."""
    wanted: dict[str, list[dict[str, Any]]] = {}
    for n, (code, indicators) in enumerate(plan):
        rows = []
        for k, (indicator, categories) in enumerate(indicators):
            for c, category in enumerate(categories):
                if k == 0 and c == 0:
                    continue
                rows.append({"indicator": indicator, "category": category, "value": float(10 * n + k + c)})
        if rows:
            rows[0]["comment"] = "skøn"
        wanted[code] = rows
    return wanted


def _workbook(plan: list[tuple[str, list[tuple[str, list[str]]]]], wanted: dict[str, list[dict[str, Any]]]) -> bytes:
    workbook = openpyxl.Workbook()
    reports = workbook.active
    assert reports is not None
    reports.title = REPORTS_SHEET
    reports.append(REPORT_COLUMNS)
    values = workbook.create_sheet(VALUES_SHEET)
    values.append(VALUE_COLUMNS)
    for n, (code, _indicators) in enumerate(plan):
        c = _content(n)
        reports.append(
            [PERIOD, "LIGE", code, "", c["status"], c["narrative"], c["next_steps"], c["risks"], c["explanation"],
             c["spent_dkk"], c["confidence"]]
        )  # fmt: skip
        for v in wanted[code]:
            values.append(
                [PERIOD, code, v["indicator"], "", "", v["category"] or "total", v["value"], v.get("comment")]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _existing_draft(session: Session, principal: Principal, code: str, indicators: list[tuple[str, list[str]]]) -> None:
    """A draft written weeks earlier: the first indicator's first two categories reported, a forecast set."""
    first, categories = indicators[0]
    body = {
        "status": "not_started",
        "narrative": "Gammel tekst",
        "forecast_status": "on_track",
        "forecast_note": "Beholdes",
        "indicator_values": [{"indicator": first, "category": category, "value": 1.0} for category in categories[:2]],
    }
    service.save_draft(
        session, principal, code, PERIOD, s.ReportInput.model_validate(body), now=OLD, expected_version=None,
        settings=Settings(environment="test"),
    )  # fmt: skip


def _state(session: Session) -> dict[str, Any]:
    """The reports, values and audit events of the period, without their generated ids."""
    reports = session.execute(
        text(
            "SELECT i.code, r.organisation_id, r.status, r.narrative, r.next_steps, r.risks, r.explanation, "
            "r.spent_dkk, r.forecast_status, r.forecast_note, r.confidence, r.state, r.review_comment, "
            "r.submitted_by, r.version, r.carried_forward, r.created_at, r.updated_at, r.submitted_at "
            "FROM progress_report r JOIN initiative i ON i.id = r.initiative_id ORDER BY i.code"
        )
    ).all()
    values = session.execute(
        text(
            "SELECT i.code, d.code, v.category, v.value, v.comment FROM indicator_value v "
            "JOIN progress_report r ON r.id = v.report_id JOIN initiative i ON i.id = r.initiative_id "
            "JOIN indicator d ON d.id = v.indicator_id ORDER BY i.code, d.code, v.category"
        )
    ).all()
    events = session.execute(
        text(
            "SELECT actor, organisation_id, action, entity, entity_key, initiative_id, before, after, reason, at "
            "FROM audit_event WHERE entity = 'progress_report' ORDER BY id"
        )
    ).all()
    return {"reports": [tuple(r) for r in reports], "values": [tuple(v) for v in values], "events": events}


@pytest.mark.parametrize("role", ["reporter", "secretariat"])
def test_a_bulk_import_stores_what_the_workflow_services_store(engine: Engine, role: str) -> None:
    settings = Settings(environment="test")
    with Session(engine) as session:
        reden, plan = _lige(session)
        writer = reden if role == "reporter" else _secretariat(session)
        on_behalf_of = "LIGE" if role == "secretariat" else None
        _existing_draft(session, reden, plan[1][0], plan[1][1])
        session.commit()
    wanted = _wanted(plan)

    with Session(engine) as session:
        for n, (code, _indicators) in enumerate(plan):
            version = service.report_version(session, code, PERIOD)
            kept = {"forecast_status": "on_track", "forecast_note": "Beholdes"} if version else {}
            payload = s.ReportInput.model_validate({**_content(n), **kept, "indicator_values": wanted[code]})
            saved = service.save_draft(
                session, writer, code, PERIOD, payload, now=NOW, expected_version=version, settings=settings,
                on_behalf_of=on_behalf_of,
            )  # fmt: skip
            service.submit_report(
                session, writer, code, PERIOD, now=NOW, expected_version=saved.version, settings=settings,
                on_behalf_of=on_behalf_of,
            )  # fmt: skip
        session.flush()
        one_by_one = _state(session)
        session.rollback()

    with Session(engine) as session:
        result = import_workbook(
            session, writer, _workbook(plan, wanted), "fremdrift.xlsx", dry_run=False, submit=True, now=NOW,
            settings=settings,
        )  # fmt: skip
        assert result.errors == []
        created, updated = _counts(wanted, plan)
        assert (result.result.value, result.created, result.updated) == ("applied", created, updated)
        in_bulk = _state(session)
        session.rollback()

    assert [r[0] for r in in_bulk["reports"]] == sorted(CODES)
    assert {r[11] for r in in_bulk["reports"]} == {"submitted"}
    assert in_bulk["reports"] == one_by_one["reports"]
    assert in_bulk["values"] == one_by_one["values"]
    assert [e[2] for e in in_bulk["events"]][-6:] == ["report.create", "report.submit", "report.update",
                                                      "report.submit", "report.create", "report.submit"]  # fmt: skip
    assert in_bulk["events"] == one_by_one["events"]


def _counts(
    wanted: dict[str, list[dict[str, Any]]], plan: list[tuple[str, list[tuple[str, list[str]]]]]
) -> tuple[int, int]:
    """Rows created (two reports, and every value the old draft did not hold) and updated (the draft, and the
    values it held that the file changes; the one it held and the file leaves out is removed, not counted)."""
    first, categories = plan[1][1][0]
    held = {(first, c) for c in categories[:2]}
    in_draft = [(v["indicator"], v["category"]) in held for v in wanted[plan[1][0]]]
    values = sum(len(rows) for rows in wanted.values())
    return 2 + values - sum(in_draft), 1 + sum(in_draft)
