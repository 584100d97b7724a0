"""Action items: recorded from a meeting with an owner and a deadline, moved on and closed by their owner or
the secretariat, and read as the caller may see them (rules in `access.py`)."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from actionplan.fora import OPEN_STATES, ActionItem, ActionItemState, Forum, Meeting, action_item_overdue
from actionplan.models import Initiative, Organisation
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import Forbidden, NotFound, ValidationFailed
from tracker.fora import schemas as s
from tracker.fora.access import member_ids, require_owner_or_secretariat, require_secretariat, visible_item
from tracker.fora.lookups import (
    check_references,
    get_action_item_row,
    get_forum_row,
    get_meeting_row,
    initiative_id_of,
    org_ref,
    organisations,
)
from tracker.fora.public import ActionItemPublic
from tracker.fora.trail import audit, item_key
from tracker.shapes import from_row


def add_action_items(
    session: Session, principal: Principal | str, meeting_id: int, items: list[s.ActionItemInput], *, now: datetime
) -> list[ActionItem]:
    """Record action items from a meeting, each with an owner organisation and a deadline (secretariat; audited)."""
    if isinstance(principal, Principal):
        require_secretariat(principal, "records action items")
    get_meeting_row(session, meeting_id)
    check_references(session, [], items)
    owners = organisations(session, [i.owner for i in items], "action_items.owner")
    created = []
    for n, i in enumerate(items):
        initiative_id = initiative_id_of(session, i.initiative, f"action_items[{n}].initiative")
        item = ActionItem(
            meeting_id=meeting_id,
            text=i.text,
            owner_id=owners[i.owner].id or 0,
            initiative_id=initiative_id,
            deadline=i.deadline,
            created_at=now,
            updated_at=now,
        )
        session.add(item)
        session.flush()
        audit(
            session,
            principal,
            "action_item.create",
            "action_item",
            item_key(item),
            now,
            initiative_id=initiative_id,
            after={"text": i.text, "owner": i.owner, "deadline": i.deadline, "initiative": i.initiative},
        )
        created.append(item)
    return created


def update_action_item(
    session: Session, principal: Principal, item_id: int, data: s.ActionItemUpdate, *, now: datetime
) -> ActionItem:
    """The owner moves an item to in progress or back to open and notes progress; the secretariat may also
    move its deadline or change its owner. Closing goes through `close_action_item` (it needs a note)."""
    item = get_action_item_row(session, item_id)
    require_owner_or_secretariat(principal, item)
    if item.state == ActionItemState.DONE:
        raise ValidationFailed("The action item is closed.", errors=[{"field": "state", "message": "closed"}])
    if data.state == ActionItemState.DONE:
        raise ValidationFailed(
            "Close an action item with POST /action-items/{id}/close and a short note.",
            errors=[{"field": "state", "message": "use the close route"}],
        )
    if (data.deadline is not None or data.owner is not None) and principal.role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat moves an action item's deadline or hands it to another owner.")
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if data.owner is not None:
        owner = organisations(session, [data.owner], "owner")[data.owner]
        if owner.id != item.owner_id:
            old = session.get(Organisation, item.owner_id)
            before["owner"], after["owner"] = old.code if old else None, owner.code
            item.owner_id = owner.id or 0
    for name in ("state", "progress_note", "deadline"):
        new = getattr(data, name)
        if new is not None and new != getattr(item, name):
            before[name], after[name] = getattr(item, name), new
            setattr(item, name, new)
    if after:
        item.updated_at = now
        session.add(item)
        audit(
            session,
            principal,
            "action_item.update",
            "action_item",
            item_key(item),
            now,
            initiative_id=item.initiative_id,
            before=before,
            after=after,
        )
    session.flush()
    return item


def close_action_item(session: Session, principal: Principal, item_id: int, note: str, *, now: datetime) -> ActionItem:
    """Close an action item with a short note (owner or secretariat; audited)."""
    item = get_action_item_row(session, item_id)
    require_owner_or_secretariat(principal, item)
    if item.state == ActionItemState.DONE:
        raise ValidationFailed("The action item is already closed.", errors=[{"field": "state", "message": "closed"}])
    before = {"state": item.state}
    item.state = ActionItemState.DONE
    item.closing_note = note
    item.closed_at = now
    item.closed_by = principal.actor
    item.updated_at = now
    session.add(item)
    audit(
        session,
        principal,
        "action_item.close",
        "action_item",
        item_key(item),
        now,
        initiative_id=item.initiative_id,
        before=before,
        after={"state": ActionItemState.DONE, "closing_note": note},
        reason=note,
    )
    session.flush()
    return item


def items_public(
    session: Session, items: Iterable[ActionItem], today: date, forum_codes: dict[int, str] | None = None
) -> list[ActionItemPublic]:
    items = list(items)
    if not items:
        return []
    meetings = {
        m.id: m for m in session.exec(select(Meeting).where(col(Meeting.id).in_({i.meeting_id for i in items}))).all()
    }
    fora: dict[int, str] = forum_codes or {i: c for i, c in session.exec(select(Forum.id, Forum.code)).all() if i}
    orgs = {
        o.id: o
        for o in session.exec(select(Organisation).where(col(Organisation.id).in_({i.owner_id for i in items}))).all()
    }
    initiatives = dict(session.exec(select(Initiative.id, Initiative.code)).all())
    return [
        from_row(
            ActionItemPublic,
            i,
            forum=fora[meetings[i.meeting_id].forum_id],
            held_on=meetings[i.meeting_id].held_on,
            owner=org_ref(orgs[i.owner_id]),
            initiative=initiatives.get(i.initiative_id) if i.initiative_id else None,
            overdue=action_item_overdue(i.deadline, i.state, today),
        )
        for i in items
    ]


def list_action_items(
    session: Session,
    principal: Principal,
    *,
    today: date,
    owner: str | None = None,
    forum: str | None = None,
    state: ActionItemState | None = None,
) -> s.ActionItemsPublic:
    """Action items the caller may see, filtered by owner, forum and state; overdue first, then by deadline."""
    statement = select(ActionItem).join(Meeting, col(Meeting.id) == ActionItem.meeting_id)
    if owner:
        org = session.exec(select(Organisation).where(Organisation.code == owner)).first()
        if org is None:
            raise NotFound(f"No organisation with code {owner!r}.")
        statement = statement.where(ActionItem.owner_id == org.id)
    if forum:
        statement = statement.where(Meeting.forum_id == get_forum_row(session, forum).id)
    if state:
        statement = statement.where(ActionItem.state == state)
    rows = session.exec(statement.order_by(col(ActionItem.deadline), col(ActionItem.id))).all()
    members_of: dict[int, set[int]] = {}
    forum_of = dict(session.exec(select(Meeting.id, Meeting.forum_id)).all())
    visible = []
    for item in rows:
        forum_id = forum_of[item.meeting_id]
        if forum_id not in members_of:
            members_of[forum_id] = member_ids(session, forum_id)
        if visible_item(principal, item, members_of[forum_id]):
            visible.append(item)
    data = items_public(session, visible, today)
    data.sort(key=lambda i: (not i.overdue, i.state == ActionItemState.DONE, i.deadline, i.id))
    return s.ActionItemsPublic(data=data, count=len(data))


def get_action_item(session: Session, principal: Principal, item_id: int, *, today: date) -> ActionItemPublic:
    item = get_action_item_row(session, item_id)
    meeting = get_meeting_row(session, item.meeting_id)
    if not visible_item(principal, item, member_ids(session, meeting.forum_id)):
        raise Forbidden("Open action items are visible to the forum's members, the owner and the secretariat.")
    return items_public(session, [item], today)[0]


def open_items_of(session: Session, organisation_id: int, today: date) -> list[ActionItemPublic]:
    """An organisation's open action items (its due list), overdue first, then by deadline."""
    items = session.exec(
        select(ActionItem)
        .where(ActionItem.owner_id == organisation_id, col(ActionItem.state).in_(list(OPEN_STATES)))
        .order_by(col(ActionItem.deadline), col(ActionItem.id))
    ).all()
    return items_public(session, items, today)
