"""Meetings: recording one with its attendance, minutes, decisions and action items, changing it, adding
decisions, and reading it as the caller may see it (rules in `access.py`)."""

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from actionplan.fora import ActionItem, Decision, Forum, Meeting, MeetingAttendance
from actionplan.models import Initiative, Organisation
from tracker.auth.service import Principal
from tracker.fora import schemas as s
from tracker.fora.access import can_see_all, member_ids, require_secretariat, visible_item
from tracker.fora.action_items import add_action_items, items_public
from tracker.fora.lookups import (
    check_references,
    get_forum_row,
    get_meeting_row,
    initiative_id_of,
    org_ref,
    organisations,
)
from tracker.fora.trail import audit, meeting_key
from tracker.shapes import from_row


def create_meeting(
    session: Session, principal: Principal | str, forum_code: str, data: s.MeetingInput, *, now: datetime
) -> Meeting:
    """Record a meeting with its attendance, minutes, decisions and action items (secretariat; audited)."""
    if isinstance(principal, Principal):
        require_secretariat(principal, "records meetings")
    forum = get_forum_row(session, forum_code)
    attendance = organisations(session, data.attendance, "attendance")
    # Every row is checked before anything is written: one answer lists every unknown code.
    check_references(session, data.decisions, data.action_items)
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
    audit(
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


def update_meeting(
    session: Session, principal: Principal, meeting_id: int, data: s.MeetingUpdate, *, now: datetime
) -> Meeting:
    """Change a meeting's date, title, agenda, minutes or attendance (secretariat; audited before/after)."""
    require_secretariat(principal, "records meetings and minutes")
    meeting = get_meeting_row(session, meeting_id)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name in ("held_on", "title", "agenda", "minutes"):
        new = getattr(data, name)
        if new is not None and new != getattr(meeting, name):
            before[name], after[name] = getattr(meeting, name), new
            setattr(meeting, name, new)
    if data.attendance is not None:
        wanted = organisations(session, data.attendance, "attendance")
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
        audit(session, principal, "meeting.update", "meeting", meeting_key(meeting_id), now, before=before, after=after)
    session.flush()
    return meeting


def add_decisions(
    session: Session, principal: Principal | str, meeting_id: int, decisions: list[s.DecisionInput], *, now: datetime
) -> list[Decision]:
    """Record decisions taken at a meeting (secretariat; each audited)."""
    if isinstance(principal, Principal):
        require_secretariat(principal, "records decisions")
    get_meeting_row(session, meeting_id)
    check_references(session, decisions, [])
    actor = principal if isinstance(principal, str) else principal.actor
    created = []
    for n, d in enumerate(decisions):
        initiative_id = initiative_id_of(session, d.initiative, f"decisions[{n}].initiative")
        decision = Decision(
            meeting_id=meeting_id, text=d.text, initiative_id=initiative_id, created_at=now, created_by=actor
        )
        session.add(decision)
        session.flush()
        audit(
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
    return from_row(
        s.MeetingPublic,
        meeting,
        forum=forum.code,
        # Agenda and minutes stay with the forum's members and the secretariat.
        agenda=meeting.agenda if whole else None,
        minutes=meeting.minutes if whole else None,
        attendance=[org_ref(o) for o in attendance],
        decisions=[
            from_row(s.DecisionPublic, d, initiative=initiatives.get(d.initiative_id) if d.initiative_id else None)
            for d in decisions
        ],
        action_items=items_public(
            session, [i for i in items if visible_item(principal, i, members)], today, {forum.id: forum.code}
        ),
    )
