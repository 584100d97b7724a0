"""Sample forum meetings for `tracker serve --demo` and `tracker demo load`: clearly labelled, never real.

Meetings of four fora in 2026 with minutes, decisions and action items; some action items are past their
deadline (to show the due list, reminders and escalation), one is closed with a note. Every title, minute,
decision and action item starts with "[EKSEMPEL]". Loading twice changes nothing.
"""

from datetime import date, datetime

from sqlmodel import Session, col, select

from actionplan.fora import ActionItem, ActionItemState, Meeting
from tracker.audit.service import record
from tracker.fora.meetings import create_meeting
from tracker.fora.schemas import ActionItemInput, DecisionInput, MeetingInput
from tracker.fora.trail import item_key

MARK = "[EKSEMPEL]"


def _d(text: str, initiative: str | None = None) -> DecisionInput:
    return DecisionInput(text=f"{MARK} {text}", initiative=initiative)


def _a(text: str, owner: str, deadline: date, initiative: str | None = None) -> ActionItemInput:
    return ActionItemInput(text=f"{MARK} {text}", owner=owner, deadline=deadline, initiative=initiative)


MEETINGS: list[tuple[str, MeetingInput]] = [
    (
        "TVAERMIN",
        MeetingInput(
            held_on=date(2026, 6, 10),
            title=f"{MARK} Halvårsmøde om handlingsplanens status",
            agenda=f"{MARK} 1. Status for 2025-H2  2. Forsinkede initiativer  3. Slutevaluering",
            minutes=f"{MARK} Arbejdsgruppen gennemgik statusrapporten. To initiativer er forsinkede; "
            "ministerierne redegør for årsagerne.",
            attendance=["CMM", "JM", "LIGE", "UM"],
            decisions=[
                _d("Justitsministeriet redegør for forsinkelsen af den specialiserede efterforskning.", "MH22-3.2"),
                _d("Sekretariatet forbereder slutevalueringen af handlingsplanen."),
            ],
            action_items=[
                _a("Skriftlig redegørelse for forsinkelsen af MH22-3.2", "JM", date(2026, 9, 1), "MH22-3.2"),
                _a("Afklaring af videreførelsen af krisecentrets bevilling", "LIGE", date(2026, 12, 15), "MH22-2.1"),
                _a("Udkast til kommissorium for slutevalueringen", "CMM", date(2026, 10, 1)),
            ],
        ),
    ),
    (
        "NGONET",
        MeetingInput(
            held_on=date(2026, 5, 20),
            title=f"{MARK} Forårsmøde i NGO-netværket",
            agenda=f"{MARK} Opsøgende arbejde og indkvartering",
            minutes=f"{MARK} NGO'erne orienterede om kapaciteten i det opsøgende arbejde.",
            attendance=["CMM", "AMIAMI", "HOPENOW", "REDEN"],
            decisions=[_d("Belægningen på krisecentrene følges op på næste møde.", "MH22-2.1")],
            action_items=[_a("Opgørelse af belægningen i første halvår 2026", "REDEN", date(2026, 8, 31), "MH22-2.1")],
        ),
    ),
    (
        "MYNDGRP",
        MeetingInput(
            held_on=date(2026, 9, 15),
            title=f"{MARK} Møde i myndighedsgruppen",
            agenda=f"{MARK} Fælles kontrolindsatser",
            minutes=f"{MARK} Gruppen evaluerede de fælles kontrolaktioner i 2026.",
            attendance=["UST", "SIRI", "AT", "SKST", "SSJP"],
            decisions=[_d("Næste fælles kontrolaktion planlægges til første kvartal 2027.", "MH22-1.4")],
            action_items=[
                _a("Oversigt over fælles kontrolaktioner i 2026", "SKST", date(2026, 11, 15), "MH22-1.4"),
                _a("Oplæg til informationsmateriale på flere sprog", "UST", date(2027, 1, 31), "MH22-1.4"),
            ],
        ),
    ),
    (
        "EU-NET",
        MeetingInput(
            held_on=date(2026, 4, 22),
            title=f"{MARK} Møde i EU-netværket",
            minutes=f"{MARK} Udveksling af tendenser; Danmark orienterede om handlingsplanens status.",
            attendance=["CMM", "RPOL"],
            decisions=[_d("Danmarks bidrag til næste rapport sendes via centret.")],
        ),
    ),
]
CLOSED = {"Udkast til kommissorium for slutevalueringen": "Kommissoriet er sendt til arbejdsgruppen."}


def load_fora_demo(session: Session, *, now: datetime, actor: str = "demo") -> int:
    """Add the sample meetings unless they are there; returns how many meetings were added."""
    exists = session.exec(select(Meeting.id).where(col(Meeting.title).startswith(MARK))).first()
    if exists is not None:
        return 0
    for forum, meeting in MEETINGS:
        create_meeting(session, actor, forum, meeting, now=now)
    for text, note in CLOSED.items():
        for item in session.exec(select(ActionItem).where(ActionItem.text == f"{MARK} {text}")).all():
            item.state = ActionItemState.DONE
            item.closing_note = f"{MARK} {note}"
            item.closed_at = now
            item.closed_by = actor
            item.updated_at = now
            session.add(item)
            record(
                session,
                actor=actor,
                action="action_item.close",
                entity="action_item",
                entity_key=item_key(item),
                at=now,
                after={"state": ActionItemState.DONE, "closing_note": item.closing_note},
            )
    session.flush()
    return len(MEETINGS)
