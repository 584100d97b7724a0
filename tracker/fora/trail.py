"""The fora's audit trail: the keys meetings and action items are audited under, the audited write, and the
history a meeting or an action item shows (every audited write on it, for those who may see it whole)."""

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from actionplan.fora import ActionItem
from actionplan.models import Organisation
from tracker.audit.models import AuditEvent
from tracker.audit.service import record
from tracker.auth.service import Principal
from tracker.errors import Forbidden
from tracker.fora import schemas as s
from tracker.fora.access import can_see_all, member_ids, owns
from tracker.fora.lookups import get_action_item_row, get_meeting_row
from tracker.shapes import from_row


def meeting_key(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def action_item_key(meeting_id: int, item_id: int) -> str:
    """The audit key of an action item (under its meeting's, so a meeting's history holds its items')."""
    return f"meeting:{meeting_id}/action:{item_id}"


def item_key(item: ActionItem) -> str:
    return action_item_key(item.meeting_id, item.id or 0)


def audit(
    session: Session,
    principal: Principal | str,
    action: str,
    entity: str,
    key: str,
    now: datetime,
    *,
    initiative_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> None:
    actor = principal if isinstance(principal, str) else principal.actor
    organisation_id = None if isinstance(principal, str) else principal.organisation_id
    record(
        session,
        actor=actor,
        action=action,
        entity=entity,
        entity_key=key,
        at=now,
        organisation_id=organisation_id,
        initiative_id=initiative_id,
        before=before,
        after=after,
        reason=reason[:2000],
    )


def history(session: Session, principal: Principal, key: str) -> s.HistoryPublic:
    """Every audited write on a meeting (and its decisions and action items) or on one action item."""
    if key.startswith("meeting:") and "/" not in key:
        meeting = get_meeting_row(session, int(key.split(":", 1)[1]))
        where: Any = (col(AuditEvent.entity_key) == key) | col(AuditEvent.entity_key).startswith(key + "/")
        allowed = can_see_all(principal, member_ids(session, meeting.forum_id))
    else:
        item_id = int(key.rsplit(":", 1)[1])
        item = get_action_item_row(session, item_id)
        key = item_key(item)
        where = col(AuditEvent.entity_key) == key
        meeting = get_meeting_row(session, item.meeting_id)
        allowed = can_see_all(principal, member_ids(session, meeting.forum_id)) or owns(principal, item)
    if not allowed:
        raise Forbidden("This history is open to the forum's members, the owner and the secretariat.")
    rows = session.exec(
        select(AuditEvent, Organisation.code)
        .outerjoin(Organisation, col(Organisation.id) == AuditEvent.organisation_id)
        .where(where, col(AuditEvent.entity).in_(["meeting", "decision", "action_item"]))
        .order_by(col(AuditEvent.id))
    ).all()
    data = [from_row(s.HistoryEvent, e, organisation=code) for e, code in rows]
    return s.HistoryPublic(key=key, data=data, count=len(data))
