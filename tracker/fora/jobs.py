"""Action items on the reports' reminder and escalation ladder.

The same steps as progress reports (`TRACKER_REMINDER_DAYS` before the deadline, then
`TRACKER_ESCALATION_ORGANISATION_DAYS` and `TRACKER_ESCALATION_SECRETARIAT_DAYS` after it), the same outbox
and the same rule that each step goes out at most once (the dedupe key names the item and the step).
`send_reminders` and `escalate` in `tracker/jobs/` call these, so no new job is scheduled.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from actionplan.fora import OPEN_STATES, ActionItem, Forum, Meeting
from actionplan.models import Organisation
from tracker.audit.service import record
from tracker.db import session_scope
from tracker.fora.texts import AUDIENCE
from tracker.fora.trail import action_item_key
from tracker.jobs.missing import format_date
from tracker.mail.service import enqueue
from tracker.mail.texts import render
from tracker.settings import Settings, local_today

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenItem:
    id: int
    meeting_id: int
    text: str
    deadline: date
    forum_name: str
    held_on: date
    owner_id: int
    owner_code: str
    owner_name: str
    owner_email: str | None


def open_items(session: Session, language: str) -> list[OpenItem]:
    """Every action item not yet done, with its forum and owner."""
    rows = session.exec(
        select(ActionItem, Meeting, Forum, Organisation)
        .join(Meeting, col(Meeting.id) == ActionItem.meeting_id)
        .join(Forum, col(Forum.id) == Meeting.forum_id)
        .join(Organisation, col(Organisation.id) == ActionItem.owner_id)
        .where(col(ActionItem.state).in_(list(OPEN_STATES)))
        .order_by(col(ActionItem.deadline), col(ActionItem.id))
    ).all()
    return [
        OpenItem(
            id=item.id or 0,
            meeting_id=item.meeting_id,
            text=item.text,
            deadline=item.deadline,
            forum_name=forum.name_en if language == "en" else forum.name_da,
            held_on=meeting.held_on,
            owner_id=org.id or 0,
            owner_code=org.code,
            owner_name=org.name_en if language == "en" else org.name_da,
            owner_email=org.contact_email or None,
        )
        for item, meeting, forum, org in rows
    ]


def _queue(
    engine: Engine,
    settings: Settings,
    *,
    kind: str,
    key: str,
    to: str,
    item: OpenItem,
    now: datetime,
    context: dict[str, Any],
) -> bool:
    language = settings.mail_language
    base = settings.base_url.rstrip("/")
    mail = render(
        kind,
        language,
        item={
            "id": item.id,
            "text": item.text,
            "forum_name": item.forum_name,
            "held_on": format_date(item.held_on, language),
        },
        organisation={"code": item.owner_code, "name": item.owner_name},
        due=format_date(item.deadline, language),
        base_url=base,
        # Links open the web pages: the owner's action items (closed there with a note), or the meeting.
        items_url=f"{base}/opfoelgningspunkter",
        item_url=f"{base}/samarbejdsfora/moeder/{item.meeting_id}"
        if ":secretariat:" in key
        else f"{base}/opfoelgningspunkter",
        **context,
    )
    with session_scope(engine) as session:
        message = enqueue(session, to=to, mail=mail, kind=kind, dedupe_key=key, now=now, organisation_id=item.owner_id)
        if message is not None:
            # The step shows in the item's (and its meeting's) history beside its creation and closing.
            record(
                session,
                actor="scheduler",
                action="action_item.remind" if kind == "action-reminder" else "action_item.escalate",
                entity="action_item",
                entity_key=action_item_key(item.meeting_id, item.id),
                at=now,
                organisation_id=item.owner_id,
                after={
                    "step": key.split(":", 3)[3],
                    "deadline": item.deadline,
                    "to": "secretariat" if ":secretariat:" in key else "owner",
                    "outbox_message": message.id,
                },
            )
    return message is not None


def _run(
    engine: Engine, settings: Settings, now: datetime, plan: list[tuple[str, str, str, OpenItem, dict[str, Any]]]
) -> dict[str, Any]:
    queued = already = 0
    no_address: list[str] = []
    failed: list[dict[str, str]] = []
    for kind, key, to, item, context in plan:
        if not to:
            no_address.append(item.owner_code)
            continue
        try:
            if _queue(engine, settings, kind=kind, key=key, to=to, item=item, now=now, context=context):
                queued += 1
            else:
                already += 1
        except Exception as exc:
            log.exception("%s for action item %s failed", kind, item.id)
            failed.append({"action_item": str(item.id), "error": f"{exc.__class__.__name__}: {exc}"[:300]})
    return {"queued": queued, "already_sent": already, "skipped_no_address": sorted(set(no_address)), "failed": failed}


def remind_action_items(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Before an open action item's deadline, its owner is reminded once per reminder step."""
    from tracker.jobs.reminders import active_step

    today = local_today(now, settings)
    with Session(engine) as session:
        items = open_items(session, settings.mail_language)
    plan = []
    for item in items:
        days_left = (item.deadline - today).days
        step = active_step(days_left, settings.reminder_days)
        if step is not None:
            key = f"action-reminder:{item.id}:{item.deadline.isoformat()}:{step}"
            plan.append(("action-reminder", key, item.owner_email or "", item, {"days_left": days_left}))
    return _run(engine, settings, now, plan)


def escalate_action_items(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """After an open action item's deadline: the owner on the organisation steps, the secretariat on its steps."""
    from tracker.jobs.escalation import reached_step

    today = local_today(now, settings)
    language = settings.mail_language
    with Session(engine) as session:
        items = open_items(session, language)
    plan = []
    for item in items:
        days_after = (today - item.deadline).days
        org_step = reached_step(days_after, settings.escalation_organisation_days, settings.escalation_catchup_days)
        if org_step is not None:
            key = f"action-overdue:{item.id}:{item.deadline.isoformat()}:organisation:{org_step}"
            context = {"days_overdue": days_after, "audience": AUDIENCE["organisation"][language]}
            plan.append(("action-overdue", key, item.owner_email or "", item, context))
        secretariat_step = reached_step(
            days_after, settings.escalation_secretariat_days, settings.escalation_catchup_days
        )
        if secretariat_step is not None and settings.secretariat_email:
            key = f"action-overdue:{item.id}:{item.deadline.isoformat()}:secretariat:{secretariat_step}"
            context = {"days_overdue": days_after, "audience": AUDIENCE["secretariat"][language]}
            plan.append(("action-overdue", key, settings.secretariat_email, item, context))
    return _run(engine, settings, now, plan)
