"""Fora that have not met as their cadence says: a section of the status report's "needs attention".

A pure function of the plan's fora, their meetings and a date (the report's "as of" date): a forum meant to
meet n times a year is behind when its last meeting on or before that date (or, with none recorded, the
plan's start) lies further back than its cadence allows (`actionplan.fora.behind_cadence`).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from actionplan.fora import Forum, Meeting, behind_cadence
from actionplan.models import Organisation, Plan
from reports.i18n import Labels, Lang, format_date

LABELS: dict[str, dict[str, str]] = {
    "da": {
        "title": "Fora, der ikke har holdt møde som planlagt",
        "forum": "Forum",
        "name": "Navn",
        "cadence": "Mødefrekvens",
        "per_year": "{n} om året",
        "last": "Seneste møde",
        "none": "intet registreret",
        "since": "Intet møde siden",
        "secretariat": "Formand/sekretariat",
        "not_stated": "ikke oplyst",
        "note": "Et forum regnes for bagud, når der er gået længere tid siden seneste møde, end mødefrekvensen "
        "foreskriver (plus en måned).",
    },
    "en": {
        "title": "Fora that have not met as their cadence says",
        "forum": "Forum",
        "name": "Name",
        "cadence": "Cadence",
        "per_year": "{n} a year",
        "last": "Last meeting",
        "none": "none recorded",
        "since": "No meeting since",
        "secretariat": "Chair/secretariat",
        "not_stated": "not stated",
        "note": "A forum is behind when longer has passed since its last meeting than its cadence allows "
        "(plus a month).",
    },
}


@dataclass
class ForumAttention:
    forum: str
    name: str
    meetings_per_year: int
    last_meeting: date | None
    since: date
    secretariat: str | None


def fora_behind(session: Session, plan_slug: str, as_of: date, *, lang: Lang) -> list[ForumAttention]:
    """The plan's fora with a cadence that have not met as it says, as of `as_of`."""
    plan = session.exec(select(Plan).where(Plan.slug == plan_slug)).first()
    if plan is None:
        return []
    last: dict[int, date] = {
        forum_id: held
        for forum_id, held in session.exec(
            select(Meeting.forum_id, func.max(Meeting.held_on))
            .where(Meeting.held_on <= as_of)
            .group_by(col(Meeting.forum_id))
        ).all()
        if held is not None
    }
    codes = dict(session.exec(select(Organisation.id, Organisation.code)).all())
    items = []
    for forum in session.exec(
        select(Forum).where(Forum.plan_id == plan.id, col(Forum.meetings_per_year).is_not(None)).order_by(col(Forum.id))
    ).all():
        previous = last.get(forum.id or 0)
        if forum.meetings_per_year and behind_cadence(forum.meetings_per_year, previous, plan.starts, as_of):
            items.append(
                ForumAttention(
                    forum=forum.code,
                    name=forum.name_en if lang == "en" else forum.name_da,
                    meetings_per_year=forum.meetings_per_year,
                    last_meeting=previous,
                    since=previous or plan.starts,
                    secretariat=codes.get(forum.secretariat_id) if forum.secretariat_id else None,
                )
            )
    return items


def fora_table(items: list[ForumAttention], labels: Labels) -> Any:
    """The section as a report table (the same Table every renderer draws)."""
    from reports.tables import Column, Table

    words = LABELS[labels.lang]
    return Table(
        "fora-attention",
        words["title"],
        [
            Column(words["forum"]),
            Column(words["name"], "long"),
            Column(words["cadence"]),
            Column(words["last"]),
            Column(words["secretariat"]),
        ],
        [
            [
                i.forum,
                i.name,
                words["per_year"].format(n=i.meetings_per_year),
                format_date(i.last_meeting, labels.lang) if i.last_meeting else words["none"],
                i.secretariat or words["not_stated"],
            ]
            for i in items
        ],
        provisional=[False] * len(items),
        notes=[words["note"]],
    )
