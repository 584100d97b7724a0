"""Action items as the due list and the API show them (no import of the input schemas, so the progress
schemas can use them in `GET /me/due` without an import cycle)."""

from datetime import date, datetime

from pydantic import BaseModel

from actionplan.fora import ActionItemState


class OrganisationRef(BaseModel):
    code: str
    name_da: str
    name_en: str
    kind: str


class ActionItemPublic(BaseModel):
    id: int
    forum: str
    meeting_id: int
    held_on: date
    text: str
    owner: OrganisationRef
    initiative: str | None
    deadline: date
    state: ActionItemState
    overdue: bool
    progress_note: str
    closing_note: str
    closed_at: datetime | None
    updated_at: datetime
