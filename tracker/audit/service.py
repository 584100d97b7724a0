"""Appending to the audit trail."""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlmodel import Session

from tracker.audit.models import AuditEvent

_INSERT_EVENT = AuditEvent.__table__.insert()  # type: ignore[attr-defined]
# Values stored as they are (exact types: an enum member whose type derives from str is not one of them). Checked
# before anything else, and inline for a container's items: an import's 1,000 events hold 60,000 such values.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    """A value as the audit trail (and every diff shown beside it) stores it: enums by value, dates in ISO 8601,
    decimals as floats, containers walked."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): v if type(v) in _PLAIN else jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _PLAIN else jsonable(v) for v in value]
    return value


def event_row(
    *,
    actor: str,
    action: str,
    entity: str,
    entity_key: str,
    at: datetime,
    organisation_id: int | None = None,
    initiative_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> dict[str, Any]:
    """The audit_event row `record` inserts (for a caller that writes it in a statement of its own)."""
    return {
        "at": at,
        "actor": actor,
        "organisation_id": organisation_id,
        "action": action,
        "entity": entity,
        "entity_key": entity_key,
        "initiative_id": initiative_id,
        "before": jsonable(before) if before is not None else None,
        "after": jsonable(after) if after is not None else None,
        "reason": reason,
    }


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_key: str,
    at: datetime,
    organisation_id: int | None = None,
    initiative_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> None:
    """Append one event to the audit trail (written with the change it describes, never committed here)."""
    # A plain INSERT of the table (far cheaper than an ORM object per event); pending ORM changes go first.
    if session.new or session.dirty or session.deleted:
        session.flush()
    session.connection().execute(
        _INSERT_EVENT,
        event_row(
            actor=actor,
            action=action,
            entity=entity,
            entity_key=entity_key,
            at=at,
            organisation_id=organisation_id,
            initiative_id=initiative_id,
            before=before,
            after=after,
            reason=reason,
        ),
    )


def record_many(session: Session, events: list[dict[str, Any]]) -> None:
    """Append several events in one statement, in order; each dict holds `record`'s keyword arguments."""
    if not events:
        return
    if session.new or session.dirty or session.deleted:
        session.flush()
    session.connection().execute(
        _INSERT_EVENT,
        [
            {
                "at": e["at"],
                "actor": e["actor"],
                "organisation_id": e.get("organisation_id"),
                "action": e["action"],
                "entity": e["entity"],
                "entity_key": e["entity_key"],
                "initiative_id": e.get("initiative_id"),
                "before": jsonable(e["before"]) if e.get("before") is not None else None,
                "after": jsonable(e["after"]) if e.get("after") is not None else None,
                "reason": e.get("reason", ""),
            }
            for e in events
        ],
    )
