"""A report written, returned, corrected and approved through the pages leaves the same rows and audit events as
the same steps through the JSON API (only who did it differs: `user:<id>` instead of `token:<id>`)."""

import json
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.web.support import PEOPLE, make_person, post_form, sign_in

INITIATIVE = "MH22-X.1"  # led by LIGE: milestones and an indicator by sex
PERIOD = "2025-H2"
API = f"/initiatives/{INITIATIVE}/reports/{PERIOD}"
PAGE = f"/indberetning/{PERIOD}/{INITIATIVE}"
REVIEW = f"/sekretariat/review/{PERIOD}/{INITIATIVE}"
MILESTONE = "Årsrapport om menneskehandel 2025"
# Columns that name a row, a moment or the caller: they differ between any two runs, whatever the path.
VOLATILE = {"id", "report_id", "created_at", "updated_at", "submitted_at", "reviewed_at", "approved_at"}
VOLATILE |= {"returned_at", "at", "submitted_by", "reviewed_by", "actor", "last_used_at"}
TABLES = ("progress_report", "indicator_value", "milestone_slip", "report_revision", "milestone")


def api_body(narrative: str, men: float | None = None) -> dict[str, Any]:
    values = [
        {"indicator": "MH22-X.1-I1", "value": 12},
        {"indicator": "MH22-X.1-I1", "category": "sex:women", "value": 7},
    ]
    if men is not None:
        values.append({"indicator": "MH22-X.1-I1", "category": "sex:men", "value": men})
    return {
        "status": "at_risk",
        "explanation": "Venter på politiets tal.",
        "narrative": narrative,
        "spent_dkk": 250000,
        "indicator_values": values,
        "milestones": [{"title": MILESTONE, "new_due": "2026-09-30", "reason": "Politiets tal kommer i august."}],
    }


def page_form(narrative: str, men: str = "") -> dict[str, str]:
    return {
        "status": "at_risk",
        "explanation": "Venter på politiets tal.",
        "narrative": narrative,
        "spent_dkk": "250.000",
        "value-MH22-X-1-I1-total": "12",
        "value-MH22-X-1-I1-sex-women": "7",
        "value-MH22-X-1-I1-sex-men": men,
        "milestone-3-new-due": "30.09.2026",
        "milestone-3-reason": "Politiets tal kommer i august.",
        "action": "submit",
    }


def state_of(engine: Engine, since: int = 0) -> dict[str, Any]:
    """The rows the walk touches and the report's audit events after `since`, without ids, moments and callers."""
    result: dict[str, Any] = {}
    with engine.connect() as connection:
        for table in TABLES:
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).mappings().all()
            kept = [{k: v for k, v in row.items() if k not in VOLATILE} for row in rows]
            result[table] = sorted(json.dumps(row, default=str, sort_keys=True) for row in kept)
        events = (
            connection.execute(
                text(
                    "SELECT action, entity, entity_key, organisation_id, before, after, reason FROM audit_event "
                    "WHERE entity = 'progress_report' AND id > :since ORDER BY id"
                ),
                {"since": since},
            )
            .mappings()
            .all()
        )
    result["audit"] = [
        {k: (json.loads(v) if isinstance(v, str) and k in ("before", "after") else v) for k, v in e.items()}
        for e in events
    ]
    return result


def reset(engine: Engine) -> int:
    """Undo the walk: the plan as loaded, no reports; the audit trail is append-only, so the id of its last
    event is returned and later events are compared."""
    with engine.begin() as connection:
        for table in ("report_revision", "milestone_slip", "indicator_value", "progress_report"):
            connection.execute(text(f'DELETE FROM "{table}"'))
        connection.execute(
            text("UPDATE milestone SET due = original_due, done_on = NULL WHERE title = :t"), {"t": MILESTONE}
        )
        return int(connection.execute(text("SELECT coalesce(max(id), 0) FROM audit_event")).scalar_one())


@pytest.mark.usefixtures("plan_loaded")
def test_pages_and_api_leave_the_same_rows_and_audit_events(client, make_headers, web_app, engine):
    reporter_headers = make_headers("LIGE", "reporter")
    secretariat_headers = make_headers("CMM", "secretariat")
    assert client.put(API, json=api_body("Første udgave."), headers=reporter_headers).status_code == 201
    assert client.post(f"{API}/submit", headers=reporter_headers).status_code == 200
    returned = client.post(f"{API}/return", json={"comment": "Angiv tallet for mænd."}, headers=secretariat_headers)
    assert returned.status_code == 200
    updated = client.put(
        API, json=api_body("Anden udgave.", men=5), headers={**reporter_headers, "If-Match": returned.headers["ETag"]}
    )
    assert updated.status_code == 200, updated.text
    assert client.post(f"{API}/submit", headers=reporter_headers).status_code == 200
    assert client.post(f"{API}/approve", headers=secretariat_headers).status_code == 200
    through_api = state_of(engine)

    since = reset(engine)
    from litestar.testing import TestClient

    make_person(engine, "lige")
    make_person(engine, "secretariat")
    with TestClient(app=web_app) as reporter, TestClient(app=web_app) as secretariat:
        sign_in(reporter, engine, PEOPLE["lige"][0])
        sign_in(secretariat, engine, PEOPLE["secretariat"][0])
        assert post_form(reporter, PAGE, page_form("Første udgave.")).status_code == 303
        response = post_form(
            secretariat, REVIEW, {"action": "return", "comment": "Angiv tallet for mænd.", "version": "2"}
        )
        assert response.status_code == 303
        assert post_form(reporter, PAGE, page_form("Anden udgave.", men="5") | {"version": "3"}).status_code == 303
        assert post_form(secretariat, REVIEW, {"action": "approve", "comment": "", "version": "5"}).status_code == 303
    through_pages = state_of(engine, since)

    assert len(through_api["indicator_value"]) == 3
    assert len(through_api["milestone_slip"]) == 1
    assert len(through_api["report_revision"]) == 1
    assert through_pages == through_api
    assert [e["action"] for e in through_api["audit"]] == [
        "report.create",
        "report.submit",
        "report.return",
        "report.update",
        "report.submit",
        "report.approve",
    ]
