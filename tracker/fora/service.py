"""Fora, meetings, decisions and action items: reads (filtered by who may see what) and audited writes.

Who may do what, in one place (`can_see_all`, `_require_*`):
- the secretariat records meetings, their minutes, decisions and action items, and may change anything;
- an action item's owner organisation (reporter role) updates it and closes it with a note;
- a reporter of a member organisation sees the forum's meetings whole (agenda, minutes, every action item);
- everyone else (viewers, reporters of other organisations) sees decisions and closed action items, and a
  reporter also the items its own organisation owns; minutes stay with the members and the secretariat.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from actionplan.fora import (
    OPEN_STATES,
    ActionItem,
    ActionItemState,
    Decision,
    Forum,
    ForumInitiative,
    ForumMember,
    Meeting,
    MeetingAttendance,
    action_item_overdue,
    behind_cadence,
)
from actionplan.models import Initiative, Organisation, Plan
from tracker.audit.models import AuditEvent
from tracker.audit.service import record
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import Forbidden, NotFound, ValidationFailed
from tracker.fora import schemas as s
from tracker.fora.public import ActionItemPublic, OrganisationRef


def _org_ref(org: Organisation) -> OrganisationRef:
    return OrganisationRef(code=org.code, name_da=org.name_da, name_en=org.name_en, kind=str(org.kind))


def get_forum_row(session: Session, code: str) -> Forum:
    forum = session.exec(select(Forum).where(Forum.code == code)).first()
    if forum is None or forum.id is None:
        raise NotFound(f"No forum with code {code!r}.")
    return forum


def member_ids(session: Session, forum_id: int) -> set[int]:
    return set(session.exec(select(ForumMember.organisation_id).where(ForumMember.forum_id == forum_id)).all())


def can_see_all(principal: Principal, members: set[int]) -> bool:
    """The secretariat and reporters of member organisations see meetings whole (minutes, open items)."""
    if principal.role is Role.SECRETARIAT:
        return True
    return principal.role is Role.REPORTER and principal.organisation_id in members


def _plan_start(session: Session, plan_id: int) -> date:
    plan = session.get(Plan, plan_id)
    assert plan is not None
    return plan.starts


def last_meetings(session: Session, today: date) -> dict[int, date]:
    """Each forum's latest meeting held on or before `today`."""
    rows = session.exec(
        select(Meeting.forum_id, func.max(Meeting.held_on))
        .where(Meeting.held_on <= today)
        .group_by(col(Meeting.forum_id))
    ).all()
    return {forum_id: held for forum_id, held in rows if held is not None}


def _summary(session: Session, forum: Forum, today: date, last: date | None) -> s.ForumSummary:
    assert forum.id is not None
    secretariat = session.get(Organisation, forum.secretariat_id) if forum.secretariat_id else None
    members = session.exec(select(func.count()).where(ForumMember.forum_id == forum.id)).one()
    meetings = session.exec(select(func.count()).where(Meeting.forum_id == forum.id)).one()
    return s.ForumSummary(
        code=forum.code,
        name_da=forum.name_da,
        name_en=forum.name_en,
        scope=forum.scope,
        secretariat=_org_ref(secretariat) if secretariat else None,
        secretariat_note=forum.secretariat_note,
        meetings_per_year=forum.meetings_per_year,
        cadence_note=forum.cadence_note,
        members=members,
        meetings=meetings,
        last_meeting=last,
        behind_cadence=behind_cadence(forum.meetings_per_year, last, _plan_start(session, forum.plan_id), today),
    )


def list_fora(session: Session, *, today: date) -> s.ForaPublic:
    """Every forum with its cadence and whether it has met as its cadence says."""
    last = last_meetings(session, today)
    fora = session.exec(select(Forum).order_by(col(Forum.id))).all()
    data = [_summary(session, f, today, last.get(f.id or 0)) for f in fora]
    return s.ForaPublic(data=data, count=len(data))


def get_forum(session: Session, code: str, *, today: date) -> s.ForumPublic:
    """A forum with its members, followed initiatives and meetings (newest first)."""
    forum = get_forum_row(session, code)
    assert forum.id is not None
    summary = _summary(session, forum, today, last_meetings(session, today).get(forum.id))
    members = session.exec(
        select(Organisation)
        .join(ForumMember, col(ForumMember.organisation_id) == Organisation.id)
        .where(ForumMember.forum_id == forum.id)
        .order_by(col(Organisation.kind), col(Organisation.code))
    ).all()
    initiatives = session.exec(
        select(Initiative)
        .join(ForumInitiative, col(ForumInitiative.initiative_id) == Initiative.id)
        .where(ForumInitiative.forum_id == forum.id)
        .order_by(col(Initiative.code))
    ).all()
    meetings = session.exec(
        select(Meeting).where(Meeting.forum_id == forum.id).order_by(col(Meeting.held_on).desc(), col(Meeting.id))
    ).all()
    meeting_list = []
    for m in meetings:
        decisions = session.exec(select(func.count()).where(Decision.meeting_id == m.id)).one()
        open_items = session.exec(
            select(func.count()).where(ActionItem.meeting_id == m.id, col(ActionItem.state).in_(list(OPEN_STATES)))
        ).one()
        meeting_list.append(
            s.MeetingSummary(
                id=m.id or 0, held_on=m.held_on, title=m.title, decisions=decisions, open_action_items=open_items
            )
        )
    return s.ForumPublic(
        **summary.model_dump(),
        members_list=[_org_ref(o) for o in members],
        members_note=forum.members_note,
        initiatives=[_initiative_ref(i) for i in initiatives],
        initiatives_note=forum.initiatives_note,
        description=forum.description,
        source_url=forum.source_url,
        meeting_list=meeting_list,
    )


def _initiative_ref(initiative: Initiative) -> s.InitiativeRef:
    return s.InitiativeRef(code=initiative.code, title_da=initiative.title_da, title_en=initiative.title_en)


# --- meetings ---------------------------------------------------------------------------------------------


def _organisations(session: Session, codes: Iterable[str], field: str) -> dict[str, Organisation]:
    wanted = list(dict.fromkeys(codes))
    found = {o.code: o for o in session.exec(select(Organisation).where(col(Organisation.code).in_(wanted))).all()}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise ValidationFailed(
            f"Unknown organisation code(s): {', '.join(unknown)}.",
            errors=[{"field": field, "message": f"unknown organisation {c!r}"} for c in unknown],
        )
    return found


def _initiative_id(session: Session, code: str | None, field: str) -> int | None:
    if not code:
        return None
    found = session.exec(select(Initiative.id).where(Initiative.code == code)).first()
    if found is None:
        raise ValidationFailed(f"No initiative with code {code!r}.", errors=[{"field": field, "message": "unknown"}])
    return found


def _reference_errors(
    session: Session, decisions: list[s.DecisionInput], items: list[s.ActionItemInput]
) -> list[dict[str, str]]:
    """Every unknown initiative or owner code among decisions and action items, each named by its row and field
    (`decisions[1].initiative`, `action_items[2].owner`), so a form can show them all at once beside the field."""
    initiative_codes = {d.initiative for d in decisions if d.initiative} | {i.initiative for i in items if i.initiative}
    known_initiatives = (
        set(session.exec(select(Initiative.code).where(col(Initiative.code).in_(initiative_codes))).all())
        if initiative_codes
        else set()
    )
    owner_codes = {i.owner for i in items}
    known_owners = (
        set(session.exec(select(Organisation.code).where(col(Organisation.code).in_(owner_codes))).all())
        if owner_codes
        else set()
    )
    errors = [
        {"field": f"decisions[{n}].initiative", "message": f"unknown initiative {d.initiative!r}"}
        for n, d in enumerate(decisions)
        if d.initiative and d.initiative not in known_initiatives
    ]
    for n, i in enumerate(items):
        if i.owner not in known_owners:
            errors.append({"field": f"action_items[{n}].owner", "message": f"unknown organisation {i.owner!r}"})
        if i.initiative and i.initiative not in known_initiatives:
            errors.append({"field": f"action_items[{n}].initiative", "message": f"unknown initiative {i.initiative!r}"})
    return errors


def _check_references(session: Session, decisions: list[s.DecisionInput], items: list[s.ActionItemInput]) -> None:
    errors = _reference_errors(session, decisions, items)
    if errors:
        raise ValidationFailed(
            "Unknown code(s): " + "; ".join(f"{e['field']}: {e['message']}" for e in errors) + ".", errors=errors
        )


def _require_secretariat(principal: Principal, what: str) -> None:
    if principal.role is not Role.SECRETARIAT:
        raise Forbidden(f"Only the secretariat {what}.")


def meeting_key(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def action_item_key(meeting_id: int, item_id: int) -> str:
    """The audit key of an action item (under its meeting's, so a meeting's history holds its items')."""
    return f"meeting:{meeting_id}/action:{item_id}"


def item_key(item: ActionItem) -> str:
    return action_item_key(item.meeting_id, item.id or 0)


def _audit(
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


def create_meeting(
    session: Session, principal: Principal | str, forum_code: str, data: s.MeetingInput, *, now: datetime
) -> Meeting:
    """Record a meeting with its attendance, minutes, decisions and action items (secretariat; audited)."""
    if isinstance(principal, Principal):
        _require_secretariat(principal, "records meetings")
    forum = get_forum_row(session, forum_code)
    attendance = _organisations(session, data.attendance, "attendance")
    # Every row is checked before anything is written: one answer lists every unknown code.
    _check_references(session, data.decisions, data.action_items)
    meeting = Meeting(
        forum_id=forum.id or 0,
        held_on=data.held_on,
        title=data.title,
        agenda=data.agenda,
        minutes=data.minutes,
        created_at=now,
        updated_at=now,
        created_by=principal if isinstance(principal, str) else principal.actor,
    )
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    for org in attendance.values():
        session.add(MeetingAttendance(meeting_id=meeting.id, organisation_id=org.id or 0))
    _audit(
        session,
        principal,
        "meeting.create",
        "meeting",
        meeting_key(meeting.id),
        now,
        after={
            "forum": forum.code,
            "held_on": data.held_on,
            "title": data.title,
            "attendance": sorted(attendance),
            "agenda": data.agenda,
            "minutes": data.minutes,
        },
    )
    add_decisions(session, principal, meeting.id, data.decisions, now=now)
    add_action_items(session, principal, meeting.id, data.action_items, now=now)
    return meeting


def get_meeting_row(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    return meeting


def update_meeting(
    session: Session, principal: Principal, meeting_id: int, data: s.MeetingUpdate, *, now: datetime
) -> Meeting:
    """Change a meeting's date, title, agenda, minutes or attendance (secretariat; audited before/after)."""
    _require_secretariat(principal, "records meetings and minutes")
    meeting = get_meeting_row(session, meeting_id)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name in ("held_on", "title", "agenda", "minutes"):
        new = getattr(data, name)
        if new is not None and new != getattr(meeting, name):
            before[name], after[name] = getattr(meeting, name), new
            setattr(meeting, name, new)
    if data.attendance is not None:
        wanted = _organisations(session, data.attendance, "attendance")
        current = session.exec(select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting_id)).all()
        codes = dict(session.exec(select(Organisation.id, Organisation.code)).all())
        old = sorted(codes[a.organisation_id] for a in current)
        if old != sorted(wanted):
            for link in current:
                session.delete(link)
            session.flush()
            for org in wanted.values():
                session.add(MeetingAttendance(meeting_id=meeting_id, organisation_id=org.id or 0))
            before["attendance"], after["attendance"] = old, sorted(wanted)
    if after:
        meeting.updated_at = now
        session.add(meeting)
        _audit(
            session, principal, "meeting.update", "meeting", meeting_key(meeting_id), now, before=before, after=after
        )
    session.flush()
    return meeting


def add_decisions(
    session: Session, principal: Principal | str, meeting_id: int, decisions: list[s.DecisionInput], *, now: datetime
) -> list[Decision]:
    """Record decisions taken at a meeting (secretariat; each audited)."""
    if isinstance(principal, Principal):
        _require_secretariat(principal, "records decisions")
    get_meeting_row(session, meeting_id)
    _check_references(session, decisions, [])
    actor = principal if isinstance(principal, str) else principal.actor
    created = []
    for n, d in enumerate(decisions):
        initiative_id = _initiative_id(session, d.initiative, f"decisions[{n}].initiative")
        decision = Decision(
            meeting_id=meeting_id, text=d.text, initiative_id=initiative_id, created_at=now, created_by=actor
        )
        session.add(decision)
        session.flush()
        _audit(
            session,
            principal,
            "decision.create",
            "decision",
            f"{meeting_key(meeting_id)}/decision:{decision.id}",
            now,
            initiative_id=initiative_id,
            after={"text": d.text, "initiative": d.initiative},
        )
        created.append(decision)
    return created


def add_action_items(
    session: Session, principal: Principal | str, meeting_id: int, items: list[s.ActionItemInput], *, now: datetime
) -> list[ActionItem]:
    """Record action items from a meeting, each with an owner organisation and a deadline (secretariat; audited)."""
    if isinstance(principal, Principal):
        _require_secretariat(principal, "records action items")
    get_meeting_row(session, meeting_id)
    _check_references(session, [], items)
    owners = _organisations(session, [i.owner for i in items], "action_items.owner")
    created = []
    for n, i in enumerate(items):
        initiative_id = _initiative_id(session, i.initiative, f"action_items[{n}].initiative")
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
        _audit(
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


def _item(session: Session, item_id: int) -> ActionItem:
    item = session.get(ActionItem, item_id)
    if item is None:
        raise NotFound(f"No action item with id {item_id}.")
    return item


def _require_owner_or_secretariat(principal: Principal, item: ActionItem) -> None:
    if principal.role is Role.SECRETARIAT:
        return
    if principal.role is Role.REPORTER and principal.organisation_id == item.owner_id:
        return
    raise Forbidden("Only the action item's owner organisation and the secretariat may change it.")


def update_action_item(
    session: Session, principal: Principal, item_id: int, data: s.ActionItemUpdate, *, now: datetime
) -> ActionItem:
    """The owner moves an item to in progress or back to open and notes progress; the secretariat may also
    move its deadline or change its owner. Closing goes through `close_action_item` (it needs a note)."""
    item = _item(session, item_id)
    _require_owner_or_secretariat(principal, item)
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
        owner = _organisations(session, [data.owner], "owner")[data.owner]
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
        _audit(
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
    item = _item(session, item_id)
    _require_owner_or_secretariat(principal, item)
    if item.state == ActionItemState.DONE:
        raise ValidationFailed("The action item is already closed.", errors=[{"field": "state", "message": "closed"}])
    before = {"state": item.state}
    item.state = ActionItemState.DONE
    item.closing_note = note
    item.closed_at = now
    item.closed_by = principal.actor
    item.updated_at = now
    session.add(item)
    _audit(
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


# --- reading meetings and items ---------------------------------------------------------------------------


def _items_public(
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
        ActionItemPublic(
            id=i.id or 0,
            forum=fora[meetings[i.meeting_id].forum_id],
            meeting_id=i.meeting_id,
            held_on=meetings[i.meeting_id].held_on,
            text=i.text,
            owner=_org_ref(orgs[i.owner_id]),
            initiative=initiatives.get(i.initiative_id) if i.initiative_id else None,
            deadline=i.deadline,
            state=i.state,
            overdue=action_item_overdue(i.deadline, i.state, today),
            progress_note=i.progress_note,
            closing_note=i.closing_note,
            closed_at=i.closed_at,
            updated_at=i.updated_at,
        )
        for i in items
    ]


def visible_item(principal: Principal, item: ActionItem, members: set[int]) -> bool:
    """Open items are for the forum's members, the owner and the secretariat; closed items for everyone."""
    if item.state == ActionItemState.DONE or can_see_all(principal, members):
        return True
    return principal.role is Role.REPORTER and principal.organisation_id == item.owner_id


def get_meeting(session: Session, principal: Principal, meeting_id: int, *, today: date) -> s.MeetingPublic:
    meeting = get_meeting_row(session, meeting_id)
    forum = session.get(Forum, meeting.forum_id)
    assert forum is not None
    assert forum.id is not None
    members = member_ids(session, forum.id)
    whole = can_see_all(principal, members)
    attendance = session.exec(
        select(Organisation)
        .join(MeetingAttendance, col(MeetingAttendance.organisation_id) == Organisation.id)
        .where(MeetingAttendance.meeting_id == meeting_id)
        .order_by(col(Organisation.code))
    ).all()
    initiatives = dict(session.exec(select(Initiative.id, Initiative.code)).all())
    decisions = session.exec(select(Decision).where(Decision.meeting_id == meeting_id).order_by(col(Decision.id))).all()
    items = session.exec(
        select(ActionItem).where(ActionItem.meeting_id == meeting_id).order_by(col(ActionItem.id))
    ).all()
    return s.MeetingPublic(
        id=meeting_id,
        forum=forum.code,
        held_on=meeting.held_on,
        title=meeting.title,
        agenda=meeting.agenda if whole else None,
        minutes=meeting.minutes if whole else None,
        attendance=[_org_ref(o) for o in attendance],
        decisions=[
            s.DecisionPublic(
                id=d.id or 0,
                text=d.text,
                initiative=initiatives.get(d.initiative_id) if d.initiative_id else None,
                created_at=d.created_at,
            )
            for d in decisions
        ],
        action_items=_items_public(
            session, [i for i in items if visible_item(principal, i, members)], today, {forum.id: forum.code}
        ),
        created_at=meeting.created_at,
        updated_at=meeting.updated_at,
    )


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
    data = _items_public(session, visible, today)
    data.sort(key=lambda i: (not i.overdue, i.state == ActionItemState.DONE, i.deadline, i.id))
    return s.ActionItemsPublic(data=data, count=len(data))


def get_action_item(session: Session, principal: Principal, item_id: int, *, today: date) -> ActionItemPublic:
    item = _item(session, item_id)
    meeting = get_meeting_row(session, item.meeting_id)
    if not visible_item(principal, item, member_ids(session, meeting.forum_id)):
        raise Forbidden("Open action items are visible to the forum's members, the owner and the secretariat.")
    return _items_public(session, [item], today)[0]


def open_items_of(session: Session, organisation_id: int, today: date) -> list[ActionItemPublic]:
    """An organisation's open action items (its due list), overdue first, then by deadline."""
    items = session.exec(
        select(ActionItem)
        .where(ActionItem.owner_id == organisation_id, col(ActionItem.state).in_(list(OPEN_STATES)))
        .order_by(col(ActionItem.deadline), col(ActionItem.id))
    ).all()
    return _items_public(session, items, today)


def history(session: Session, principal: Principal, key: str) -> s.HistoryPublic:
    """Every audited write on a meeting (and its decisions and action items) or on one action item."""
    if key.startswith("meeting:") and "/" not in key:
        meeting = get_meeting_row(session, int(key.split(":", 1)[1]))
        where: Any = (col(AuditEvent.entity_key) == key) | col(AuditEvent.entity_key).startswith(key + "/")
        allowed = can_see_all(principal, member_ids(session, meeting.forum_id))
    else:
        item_id = int(key.rsplit(":", 1)[1])
        item = _item(session, item_id)
        key = item_key(item)
        where = col(AuditEvent.entity_key) == key
        meeting = get_meeting_row(session, item.meeting_id)
        allowed = can_see_all(principal, member_ids(session, meeting.forum_id)) or (
            principal.role is Role.REPORTER and principal.organisation_id == item.owner_id
        )
    if not allowed:
        raise Forbidden("This history is open to the forum's members, the owner and the secretariat.")
    rows = session.exec(
        select(AuditEvent, Organisation.code)
        .outerjoin(Organisation, col(Organisation.id) == AuditEvent.organisation_id)
        .where(where, col(AuditEvent.entity).in_(["meeting", "decision", "action_item"]))
        .order_by(col(AuditEvent.id))
    ).all()
    data = [
        s.HistoryEvent(
            id=e.id or 0,
            at=e.at,
            actor=e.actor,
            organisation=code,
            action=e.action,
            entity=e.entity,
            entity_key=e.entity_key,
            before=e.before,
            after=e.after,
            reason=e.reason,
        )
        for e, code in rows
    ]
    return s.HistoryPublic(key=key, data=data, count=len(data))


# --- choices for the secretariat's meeting form --------------------------------------------------------


@dataclass(frozen=True)
class MeetingFormChoices:
    """What the meeting form offers: owners (the forum's members first, then every other organisation) and the
    initiatives of the forum's plan."""

    members: list[OrganisationRef]
    others: list[OrganisationRef]
    initiatives: list[s.InitiativeRef]


def meeting_form_choices(session: Session, forum_code: str) -> MeetingFormChoices:
    forum = get_forum_row(session, forum_code)
    member_ids_ = member_ids(session, forum.id or 0)
    refs = [
        (o.id, OrganisationRef(code=o.code, name_da=o.name_da, name_en=o.name_en, kind=str(o.kind)))
        for o in session.exec(select(Organisation).order_by(col(Organisation.name_da))).all()
    ]
    initiatives = session.exec(
        select(Initiative).where(Initiative.plan_id == forum.plan_id).order_by(col(Initiative.code))
    ).all()
    return MeetingFormChoices(
        members=[ref for org_id, ref in refs if org_id in member_ids_],
        others=[ref for org_id, ref in refs if org_id not in member_ids_],
        initiatives=[_initiative_ref(i) for i in initiatives],
    )
