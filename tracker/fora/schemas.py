"""Shapes of fora, meetings, decisions and action items on the wire.

Input models forbid unknown fields; every free text goes through the project's CPR screening (`Text`,
`Narrative` from the progress schemas, the one screening rule).
"""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from actionplan.fora import ActionItemState, ForumScope
from tracker.fora.public import ActionItemPublic, OrganisationRef
from tracker.progress.schemas import Narrative, Text

MAX_DECISIONS = 50
MAX_ACTION_ITEMS = 50
MAX_ATTENDANCE = 100
Code = str  # an organisation or initiative code


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class InitiativeRef(BaseModel):
    code: str
    title_da: str
    title_en: str


class ForumSummary(BaseModel):
    code: str
    name_da: str
    name_en: str
    scope: ForumScope
    secretariat: OrganisationRef | None
    secretariat_note: str | None
    meetings_per_year: int | None
    cadence_note: str | None
    members: int
    meetings: int
    last_meeting: date | None
    behind_cadence: bool


class ForaPublic(BaseModel):
    data: list[ForumSummary]
    count: int


class DecisionPublic(BaseModel):
    id: int
    text: str
    initiative: str | None
    created_at: datetime


class ActionItemsPublic(BaseModel):
    data: list[ActionItemPublic]
    count: int


class MeetingSummary(BaseModel):
    id: int
    held_on: date
    title: str
    decisions: int
    open_action_items: int


class MeetingPublic(BaseModel):
    """A meeting as the caller may see it: viewers get decisions and closed action items only (no minutes)."""

    id: int
    forum: str
    held_on: date
    title: str
    agenda: str | None
    minutes: str | None
    attendance: list[OrganisationRef]
    decisions: list[DecisionPublic]
    action_items: list[ActionItemPublic]
    created_at: datetime
    updated_at: datetime


class ForumPublic(ForumSummary):
    members_list: list[OrganisationRef]
    members_note: str | None
    initiatives: list[InitiativeRef]
    initiatives_note: str | None
    description: str | None
    source_url: str | None
    meeting_list: list[MeetingSummary]


class DecisionInput(_Input):
    text: Narrative = Field(min_length=1)
    initiative: str | None = Field(default=None, max_length=32, description="Initiative code the decision concerns")


class ActionItemInput(_Input):
    text: Narrative = Field(min_length=1)
    owner: str = Field(min_length=1, max_length=16, description="Owner organisation's code")
    deadline: date
    initiative: str | None = Field(default=None, max_length=32)


class MeetingInput(_Input):
    held_on: date
    title: Text = ""
    agenda: Narrative = ""
    minutes: Narrative = ""
    attendance: list[str] = Field(default_factory=list, max_length=MAX_ATTENDANCE)
    decisions: list[DecisionInput] = Field(default_factory=list, max_length=MAX_DECISIONS)
    action_items: list[ActionItemInput] = Field(default_factory=list, max_length=MAX_ACTION_ITEMS)


class DecisionsInput(_Input):
    decisions: list[DecisionInput] = Field(min_length=1, max_length=MAX_DECISIONS)


class ActionItemsInput(_Input):
    action_items: list[ActionItemInput] = Field(min_length=1, max_length=MAX_ACTION_ITEMS)


class MeetingUpdate(_Input):
    """Fields of a meeting to change (left out: unchanged)."""

    held_on: date | None = None
    title: Text | None = None
    agenda: Narrative | None = None
    minutes: Narrative | None = None
    attendance: list[str] | None = Field(default=None, max_length=MAX_ATTENDANCE)


class ActionItemUpdate(_Input):
    """What the owner (or the secretariat) changes: the state short of done, a progress note; the secretariat
    may also move the deadline or hand the item to another owner."""

    state: ActionItemState | None = None
    progress_note: Text | None = None
    deadline: date | None = None
    owner: str | None = Field(default=None, max_length=16)


class CloseInput(_Input):
    note: Text = Field(min_length=1, description="A short closing note: what was done")


class HistoryEvent(BaseModel):
    id: int
    at: datetime
    actor: str
    organisation: str | None
    action: str
    entity: str
    entity_key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str


class HistoryPublic(BaseModel):
    key: str
    data: list[HistoryEvent]
    count: int


class PackMailResult(BaseModel):
    forum: str
    held_on: date
    queued: list[str]
    already_sent: list[str]
    skipped_no_address: list[str]
