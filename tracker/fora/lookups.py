"""Rows of the fora by code or id, references to organisations and initiatives checked, and the small
reference shapes (organisation, initiative) every fora answer uses."""

from collections.abc import Iterable

from sqlmodel import Session, col, select

from actionplan.fora import ActionItem, Forum, Meeting
from actionplan.models import Initiative, Organisation
from tracker.errors import NotFound, ValidationFailed
from tracker.fora import schemas as s
from tracker.fora.public import OrganisationRef
from tracker.shapes import from_row


def org_ref(org: Organisation) -> OrganisationRef:
    return from_row(OrganisationRef, org)


def initiative_ref(initiative: Initiative) -> s.InitiativeRef:
    return from_row(s.InitiativeRef, initiative)


def get_forum_row(session: Session, code: str) -> Forum:
    forum = session.exec(select(Forum).where(Forum.code == code)).first()
    if forum is None or forum.id is None:
        raise NotFound(f"No forum with code {code!r}.")
    return forum


def get_meeting_row(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    return meeting


def get_action_item_row(session: Session, item_id: int) -> ActionItem:
    item = session.get(ActionItem, item_id)
    if item is None:
        raise NotFound(f"No action item with id {item_id}.")
    return item


def organisations(session: Session, codes: Iterable[str], field: str) -> dict[str, Organisation]:
    wanted = list(dict.fromkeys(codes))
    found = {o.code: o for o in session.exec(select(Organisation).where(col(Organisation.code).in_(wanted))).all()}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise ValidationFailed(
            f"Unknown organisation code(s): {', '.join(unknown)}.",
            errors=[{"field": field, "message": f"unknown organisation {c!r}"} for c in unknown],
        )
    return found


def initiative_id_of(session: Session, code: str | None, field: str) -> int | None:
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


def check_references(session: Session, decisions: list[s.DecisionInput], items: list[s.ActionItemInput]) -> None:
    errors = _reference_errors(session, decisions, items)
    if errors:
        raise ValidationFailed(
            "Unknown code(s): " + "; ".join(f"{e['field']}: {e['message']}" for e in errors) + ".", errors=errors
        )
