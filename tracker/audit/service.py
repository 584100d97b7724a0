"""Appending to the audit trail."""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, NotRequired, TypedDict, Unpack

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


class EventFields(TypedDict):
    """What an audit event says: `record`'s and `event_row`'s keyword arguments, a dict of `record_many`'s list."""

    actor: str
    action: str
    entity: str
    entity_key: str
    at: datetime
    organisation_id: NotRequired[int | None]
    initiative_id: NotRequired[int | None]
    before: NotRequired[dict[str, Any] | None]
    after: NotRequired[dict[str, Any] | None]
    reason: NotRequired[str]


def event_row(**event: Unpack[EventFields]) -> dict[str, Any]:
    """The audit_event row of an event (`record` inserts it; a caller that writes it in a statement of its own
    takes it from here)."""
    before = event.get("before")
    after = event.get("after")
    return {
        "at": event["at"],
        "actor": event["actor"],
        "organisation_id": event.get("organisation_id"),
        "action": event["action"],
        "entity": event["entity"],
        "entity_key": event["entity_key"],
        "initiative_id": event.get("initiative_id"),
        "before": jsonable(before) if before is not None else None,
        "after": jsonable(after) if after is not None else None,
        "reason": event.get("reason", ""),
    }


def record(session: Session, **event: Unpack[EventFields]) -> None:
    """Append one event to the audit trail (written with the change it describes, never committed here)."""
    # A plain INSERT of the table (far cheaper than an ORM object per event); pending ORM changes go first.
    if session.new or session.dirty or session.deleted:
        session.flush()
    session.connection().execute(_INSERT_EVENT, event_row(**event))


def record_many(session: Session, events: list[EventFields]) -> None:
    """Append several events in one statement, in order."""
    if not events:
        return
    if session.new or session.dirty or session.deleted:
        session.flush()
    session.connection().execute(_INSERT_EVENT, [event_row(**e) for e in events])
