"""Coordination fora as data: the fora the plan is followed up in, their meetings, decisions and action items.

A forum (the inter-ministerial working group, the NGO network, the authority group...) has members
(organisations, including members outside the plan such as private companies or foreign authorities, kept
as organisations of kind `external`), an organisation that chairs it or holds its secretariat, the cadence it
is meant to meet at, and the initiatives it follows. What the sources do not say stays empty and a note says
so. Fora are part of the plan data: `load_fora` is called by the plan loader, `fora_data` gives them back in
the same format.

Meetings, decisions and action items are tables here too (not in `tracker/`), because the meeting pack in
`reports/` reads them and `reports/` may depend on `actionplan/` only.
"""

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, Session, SQLModel, col, select

from actionplan.enums import enum_check
from actionplan.models import Initiative, Organisation

if TYPE_CHECKING:
    from actionplan.loader import Loader

# A forum is "behind its cadence" this many days after the interval its cadence gives has run out.
CADENCE_GRACE_DAYS = 31


class ForumScope(StrEnum):
    NATIONAL = "national"
    INTERNATIONAL = "international"


class ActionItemState(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


OPEN_STATES = frozenset({ActionItemState.OPEN, ActionItemState.IN_PROGRESS})


class Forum(SQLModel, table=True):
    __tablename__ = "forum"
    __table_args__ = (
        enum_check("scope", ForumScope),
        CheckConstraint("meetings_per_year IS NULL OR meetings_per_year >= 1", name="cadence_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    name_da: str = Field(max_length=300)
    name_en: str = Field(max_length=300)
    scope: ForumScope = Field(sa_type=String(16))
    # Who chairs it or holds its secretariat (None: the sources do not say; the note says so).
    secretariat_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    secretariat_note: str | None = None
    # How often it is meant to meet (None: ad hoc or not stated; the note says which).
    meetings_per_year: int | None = None
    cadence_note: str | None = None
    members_note: str | None = None
    initiatives_note: str | None = None
    description: str | None = None
    source_url: str | None = Field(default=None, max_length=500)


class ForumMember(SQLModel, table=True):
    __tablename__ = "forum_member"

    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True, index=True)


class ForumInitiative(SQLModel, table=True):
    """An initiative the forum follows (its status goes into the forum's meeting pack)."""

    __tablename__ = "forum_initiative"

    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    initiative_id: int = Field(foreign_key="initiative.id", primary_key=True, index=True, ondelete="CASCADE")


class Meeting(SQLModel, table=True):
    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE", index=True)
    held_on: date
    title: str = Field(default="", max_length=300)
    agenda: str = ""
    minutes: str = ""
    created_at: datetime
    updated_at: datetime
    created_by: str = Field(max_length=120)


class MeetingAttendance(SQLModel, table=True):
    """An organisation that attended a meeting (organisations only: the tracker keeps no data on persons)."""

    __tablename__ = "meeting_attendance"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True, index=True)


class Decision(SQLModel, table=True):
    __tablename__ = "decision"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    text: str
    initiative_id: int | None = Field(default=None, foreign_key="initiative.id", index=True)
    created_at: datetime
    created_by: str = Field(max_length=120)


class ActionItem(SQLModel, table=True):
    __tablename__ = "action_item"
    __table_args__ = (
        enum_check("state", ActionItemState),
        CheckConstraint("state <> 'done' OR closed_at IS NOT NULL", name="done_is_closed"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    text: str
    owner_id: int = Field(foreign_key="organisation.id", index=True)
    initiative_id: int | None = Field(default=None, foreign_key="initiative.id", index=True)
    deadline: date
    state: ActionItemState = Field(default=ActionItemState.OPEN, sa_type=String(16))
    progress_note: str = ""
    closing_note: str = ""
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    closed_by: str | None = Field(default=None, max_length=120)


# --- rules (pure) ---------------------------------------------------------------------------------------


def cadence_interval(meetings_per_year: int | None) -> timedelta | None:
    """The longest a forum may go between meetings before it is behind its cadence (None: no cadence)."""
    if not meetings_per_year:
        return None
    return timedelta(days=round(365 / meetings_per_year) + CADENCE_GRACE_DAYS)


def behind_cadence(meetings_per_year: int | None, last_meeting: date | None, since: date, today: date) -> bool:
    """Whether a forum has not met as its cadence says: too long since its last meeting (or since `since`)."""
    interval = cadence_interval(meetings_per_year)
    if interval is None:
        return False
    return today - (last_meeting or since) > interval


def action_item_overdue(deadline: date, state: str, today: date) -> bool:
    """An action item is overdue when its deadline has passed and it is not done."""
    return state != ActionItemState.DONE and deadline < today


# --- plan data (loading and exporting) --------------------------------------------------------------------


def load_fora(loader: "Loader", plan_id: int, fora: list[dict[str, Any]]) -> None:
    """Create or update the plan's fora, their members and followed initiatives (keyed by codes)."""
    session = loader.session

    def org_id(code: str, where: str) -> int:
        found = session.exec(select(Organisation.id).where(Organisation.code == code)).first()
        if found is None:
            raise ValueError(f"forum {where}: unknown organisation code {code!r}")
        return found

    for f in fora:
        other_plan = session.exec(
            select(Forum.plan_id).where(Forum.code == f["code"], Forum.plan_id != plan_id)
        ).first()
        if other_plan is not None:
            raise ValueError(f"forum {f['code']}: the code belongs to a forum of another plan")
        secretariat = f.get("secretariat")
        forum = loader.upsert(
            Forum,
            "forum",
            f["code"],
            {"code": f["code"]},
            {
                "plan_id": plan_id,
                "name_da": f["name_da"],
                "name_en": f.get("name_en") or f["name_da"],
                "scope": f.get("scope", ForumScope.NATIONAL.value),
                "secretariat_id": org_id(secretariat, f["code"]) if secretariat else None,
                "secretariat_note": f.get("secretariat_note"),
                "meetings_per_year": f.get("meetings_per_year"),
                "cadence_note": f.get("cadence_note"),
                "members_note": f.get("members_note"),
                "initiatives_note": f.get("initiatives_note"),
                "description": f.get("description"),
                "source_url": f.get("source_url"),
            },
        )
        assert forum.id is not None
        members = {org_id(code, f["code"]): code for code in f.get("members", [])}
        _sync_links(loader, ForumMember, "forum_member", forum, "organisation_id", members)
        followed: dict[int, str] = {}
        for code in f.get("initiatives", []):
            found = session.exec(select(Initiative.id).where(Initiative.code == code)).first()
            if found is None:
                raise ValueError(f"forum {f['code']}: unknown initiative code {code!r}")
            followed[found] = code
        _sync_links(loader, ForumInitiative, "forum_initiative", forum, "initiative_id", followed)


def _code_of(loader: "Loader", model: type[ForumMember] | type[ForumInitiative], target_id: int) -> str:
    """The code of a linked organisation or initiative (for a change that removes the link)."""
    if model is ForumMember:
        return loader.session.exec(select(Organisation.code).where(Organisation.id == target_id)).one()
    return loader.session.exec(select(Initiative.code).where(Initiative.id == target_id)).one()


def _sync_links(
    loader: "Loader",
    model: type[ForumMember] | type[ForumInitiative],
    entity: str,
    forum: Forum,
    column: str,
    wanted: dict[int, str],
) -> None:
    from actionplan.loader import Change

    session = loader.session
    existing = {
        getattr(link, column): link for link in session.exec(select(model).where(model.forum_id == forum.id)).all()
    }
    for target_id, code in wanted.items():
        if target_id not in existing:
            assert forum.id is not None
            session.add(model(forum_id=forum.id, **{column: target_id}))
            loader.result.changes.append(Change(entity, f"{forum.code}: {code}", "*", None, "added"))
            loader.result.created += 1
    for target_id, link in existing.items():
        if target_id not in wanted:
            session.delete(link)
            key = f"{forum.code}: {_code_of(loader, model, target_id)}"
            loader.result.changes.append(Change(entity, key, "*", "linked", None))
            loader.result.updated += 1


def fora_data(session: Session, plan_id: int) -> list[dict[str, Any]]:
    """The plan's fora in the plan data format (what `load_fora` reads)."""
    code_of = dict(session.exec(select(Organisation.id, Organisation.code)).all())
    initiative_code = dict(session.exec(select(Initiative.id, Initiative.code)).all())
    result = []
    for forum in session.exec(select(Forum).where(Forum.plan_id == plan_id).order_by(col(Forum.id))).all():
        members = session.exec(select(ForumMember.organisation_id).where(ForumMember.forum_id == forum.id)).all()
        followed = session.exec(select(ForumInitiative.initiative_id).where(ForumInitiative.forum_id == forum.id)).all()
        result.append(
            {
                "code": forum.code,
                "name_da": forum.name_da,
                "name_en": forum.name_en,
                "scope": str(forum.scope),
                "secretariat": code_of.get(forum.secretariat_id) if forum.secretariat_id else None,
                "secretariat_note": forum.secretariat_note,
                "meetings_per_year": forum.meetings_per_year,
                "cadence_note": forum.cadence_note,
                "members": sorted(code_of[m] for m in members),
                "members_note": forum.members_note,
                "initiatives": sorted(initiative_code[i] for i in followed),
                "initiatives_note": forum.initiatives_note,
                "description": forum.description,
                "source_url": forum.source_url,
            }
        )
    return result
