"""Fora and their membership: every forum with its cadence, one forum with its members, followed initiatives
and meetings, and what the secretariat's meeting form offers. Meetings (`meetings.py`), action items
(`action_items.py`), who may see what (`access.py`) and the audit trail (`trail.py`) live beside it."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from actionplan.fora import (
    OPEN_STATES,
    ActionItem,
    Decision,
    Forum,
    ForumInitiative,
    ForumMember,
    Meeting,
    behind_cadence,
)
from actionplan.models import Initiative, Organisation, Plan
from tracker.fora import schemas as s
from tracker.fora.access import member_ids
from tracker.fora.action_items import open_items_of as open_items_of  # read from here by progress/due_list.py
from tracker.fora.lookups import get_forum_row, initiative_ref, org_ref
from tracker.fora.public import OrganisationRef
from tracker.shapes import from_row


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
    return from_row(
        s.ForumSummary,
        forum,
        secretariat=org_ref(secretariat) if secretariat else None,
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
    return from_row(
        s.ForumPublic,
        forum,
        **dict(summary),
        members_list=[org_ref(o) for o in members],
        initiatives=[initiative_ref(i) for i in initiatives],
        meeting_list=meeting_list,
    )


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
    refs = [(o.id, org_ref(o)) for o in session.exec(select(Organisation).order_by(col(Organisation.name_da))).all()]
    initiatives = session.exec(
        select(Initiative).where(Initiative.plan_id == forum.plan_id).order_by(col(Initiative.code))
    ).all()
    return MeetingFormChoices(
        members=[ref for org_id, ref in refs if org_id in member_ids_],
        others=[ref for org_id, ref in refs if org_id not in member_ids_],
        initiatives=[initiative_ref(i) for i in initiatives],
    )
