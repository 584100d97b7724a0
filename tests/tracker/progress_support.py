"""Helpers for the progress-report tests: request bodies and a database fingerprint."""

import hashlib
from typing import Any

from sqlalchemy import Engine, text

from tracker.models import metadata

INITIATIVE = "MH22-2.1"  # led by Reden International (REDEN)
PERIOD = "2025-H2"  # the open period of the built-in plan
REPORT_URL = f"/initiatives/{INITIATIVE}/reports/{PERIOD}"
# Tables that change on reads or are checked on their own.
_VOLATILE = {"api_token", "audit_event", "job_run", "scheduler_leader"}


def report_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "status": "on_track",
        "narrative": "Both shelters open all period; 38 women housed.",
        "next_steps": "Renew the lease of the second site.",
        "risks": "Staff turnover.",
        "spent_dkk": 1_250_000,
        "forecast_status": "on_track",
        "forecast_note": "No change expected.",
        "indicator_values": [{"indicator": "MH22-2.1-I1", "value": 87.5, "comment": "average over the period"}],
    }
    body.update(overrides)
    return body


def fingerprint(engine: Engine) -> dict[str, str]:
    """A content hash of every business table, to assert that a refused request changed nothing."""
    result: dict[str, str] = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name in _VOLATILE:
                continue
            order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns) or "1"
            rows = connection.execute(text(f'SELECT * FROM "{table.name}" ORDER BY {order}')).all()
            result[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return result


def audit_actions(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT action FROM audit_event ORDER BY id"))]
