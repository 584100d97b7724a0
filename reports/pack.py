"""The meeting pack of a coordination forum: the status report's building blocks, restricted to the forum.

For a forum and a meeting date: the status of the initiatives the forum follows or its members lead (from
approved reports of the latest period due before the meeting), what changed, what is late with its
explanation and needs a decision, the indicators of those initiatives, and the open action items from the
forum's earlier meetings. The status part *is* the status report: the same frames, restricted to the
forum's initiatives, go through the same `build_model`, and the same tables, HTML template and PDF table
drawing render it, so its figures are the status report's.

    pack = build_meeting_pack(session, "TVAERMIN", date(2026, 12, 1), lang="da", today=date.today())
    html = render_pack(pack, "html")
"""

import io
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import polars as pl
from sqlmodel import Session, col, func, select

from actionplan.fora import (
    OPEN_STATES,
    ActionItem,
    Forum,
    ForumInitiative,
    ForumMember,
    Meeting,
    action_item_overdue,
    behind_cadence,
)
from actionplan.models import Initiative, Organisation, Plan
from reports import default_period, gc_paused, load_frames
from reports.build import build_model, included_states
from reports.colours import TINTS
from reports.i18n import Labels, Lang, check_lang, format_date
from reports.model import Frames, StatusReport
from reports.queries import UnknownPlanOrPeriod
from reports.tables import Column, Table, build_tables, format_cell
from reports.words import fill

PACK_FORMATS = ("html", "pdf")
# The status report's sections a meeting pack carries, in reading order.
SECTIONS = ["headline", "attention", "changes-status", "changes-delays", "changes-risks", "indicators"]

PACK_LABELS: dict[str, dict[str, str]] = {
    "da": {
        "title": "Mødemappe",
        "subtitle": "",
        "forum": "Forum",
        "meeting": "Møde",
        "members": "Medlemmer",
        "members_none": "ikke oplyst",
        "cadence": "Mødefrekvens",
        "per_year": "{n} {n:møde|møder} om året",
        "no_cadence": "ikke fast",
        "last_meeting": "Seneste møde",
        "none_recorded": "intet registreret",
        "behind": "Forummet har ikke holdt møde, som mødefrekvensen foreskriver.",
        "scope": "Initiativer i mappen",
        "scope_note": "Initiativer, som forummet følger, eller som dets medlemmer er ansvarlige for.",
        "attention_note": "Til drøftelse og beslutning: forsinkede og truede initiativer med forklaring.",
        "action_items": "Åbne opfølgningspunkter fra tidligere møder",
        "meeting_date": "Mødedato",
        "action_item": "Opfølgningspunkt",
        "owner": "Ansvarlig",
        "deadline": "Frist",
        "state": "Tilstand",
        "overdue": "Overskredet",
        "open": "åben",
        "in_progress": "i gang",
        "done": "lukket",
    },
    "en": {
        "title": "Meeting pack",
        "subtitle": "",
        "forum": "Forum",
        "meeting": "Meeting",
        "members": "Members",
        "members_none": "not stated",
        "cadence": "Cadence",
        "per_year": "{n} {n:meeting|meetings} a year",
        "no_cadence": "not fixed",
        "last_meeting": "Last meeting",
        "none_recorded": "none recorded",
        "behind": "The forum has not met as its cadence says.",
        "scope": "Initiatives in the pack",
        "scope_note": "Initiatives the forum follows or its members lead.",
        "attention_note": "For discussion and decision: late and at-risk initiatives with their explanations.",
        "action_items": "Open action items from earlier meetings",
        "meeting_date": "Meeting date",
        "action_item": "Action item",
        "owner": "Owner",
        "deadline": "Deadline",
        "state": "State",
        "overdue": "Overdue",
        "open": "open",
        "in_progress": "in progress",
        "done": "closed",
    },
}


class PackLabels(Labels):
    """The status report's labels, with the pack's own words on top."""

    def __getitem__(self, key: str) -> str:
        own = PACK_LABELS[self.lang]
        return own[key] if key in own and key in ("title", "subtitle") else super().__getitem__(key)

    def pack(self, key: str, **values: Any) -> str:
        return fill(PACK_LABELS[self.lang][key], **values)


@dataclass
class PackActionItem:
    held_on: date
    text: str
    owner: str
    owner_name: str
    deadline: date
    state: str
    overdue: bool
    initiative: str | None


@dataclass
class MeetingPack:
    forum: str
    forum_name: str
    held_on: date
    lang: Lang
    members: list[tuple[str, str]]
    members_note: str | None
    meetings_per_year: int | None
    cadence_note: str | None
    last_meeting: date | None
    behind_cadence: bool
    initiatives: list[str]
    report: StatusReport
    action_items: list[PackActionItem]


def forum_initiative_ids(session: Session, forum: Forum) -> set[int]:
    """The initiatives a forum's pack covers: those it follows and those its members lead."""
    followed = session.exec(select(ForumInitiative.initiative_id).where(ForumInitiative.forum_id == forum.id)).all()
    members = session.exec(select(ForumMember.organisation_id).where(ForumMember.forum_id == forum.id)).all()
    led = session.exec(
        select(Initiative.id).where(Initiative.plan_id == forum.plan_id, col(Initiative.lead_id).in_(list(members)))
    ).all()
    return set(followed) | {i for i in led if i is not None}


def restrict(frames: Frames, initiative_ids: set[int]) -> Frames:
    """The frames of the given initiatives only (everything else the status report reads stays the same)."""
    keep = pl.col("initiative_id").is_in(sorted(initiative_ids))
    reports = frames.reports.filter(keep)
    report_ids = reports["report_id"].to_list()
    return replace(
        frames,
        initiatives=frames.initiatives.filter(keep),
        reports=reports,
        indicators=frames.indicators.filter(keep),
        slips=frames.slips.filter(keep),
        revisions=frames.revisions.filter(pl.col("report_id").is_in(report_ids)),
        values=frames.values.filter(pl.col("report_id").is_in(report_ids)),
    )


def pack_period(session: Session, plan_slug: str, held_on: date) -> str:
    """The period a pack reports on: the latest whose due date has passed by the meeting."""
    return default_period(session, plan_slug, held_on)


def build_meeting_pack(
    session: Session,
    forum_code: str,
    held_on: date,
    *,
    lang: str = "da",
    today: date,
    period_label: str | None = None,
) -> MeetingPack:
    """The meeting pack of a forum for a meeting on `held_on` (approved reports only)."""
    language = check_lang(lang)
    forum = session.exec(select(Forum).where(Forum.code == forum_code)).first()
    if forum is None or forum.id is None:
        raise UnknownPlanOrPeriod(f"No forum with code {forum_code!r}.")
    plan = session.get(Plan, forum.plan_id)
    assert plan is not None
    period = period_label or pack_period(session, plan.slug, held_on)
    scope = forum_initiative_ids(session, forum)
    with gc_paused():
        frames = restrict(load_frames(session, plan.slug, period, included_states(False)), scope)
        report = build_model(frames, period, lang=language, include_submitted=False, public=False, today=today)
    members = session.exec(
        select(Organisation)
        .join(ForumMember, col(ForumMember.organisation_id) == Organisation.id)
        .where(ForumMember.forum_id == forum.id)
        .order_by(col(Organisation.code))
    ).all()
    last = session.exec(
        select(func.max(Meeting.held_on)).where(Meeting.forum_id == forum.id, Meeting.held_on < held_on)
    ).one()
    items = session.exec(
        select(ActionItem, Meeting, Organisation)
        .join(Meeting, col(Meeting.id) == ActionItem.meeting_id)
        .join(Organisation, col(Organisation.id) == ActionItem.owner_id)
        .where(
            Meeting.forum_id == forum.id,
            Meeting.held_on < held_on,
            col(ActionItem.state).in_(list(OPEN_STATES)),
        )
        .order_by(col(ActionItem.deadline), col(ActionItem.id))
    ).all()
    initiative_code = dict(session.exec(select(Initiative.id, Initiative.code)).all())
    return MeetingPack(
        forum=forum.code,
        forum_name=forum.name_en if language == "en" else forum.name_da,
        held_on=held_on,
        lang=language,
        members=[(o.code, o.name_en if language == "en" else o.name_da) for o in members],
        members_note=forum.members_note,
        meetings_per_year=forum.meetings_per_year,
        cadence_note=forum.cadence_note,
        last_meeting=last,
        behind_cadence=behind_cadence(forum.meetings_per_year, last, plan.starts, held_on),
        initiatives=sorted(initiative_code[i] for i in scope if i in initiative_code),
        report=report,
        action_items=[
            PackActionItem(
                held_on=meeting.held_on,
                text=item.text,
                owner=org.code,
                owner_name=org.name_en if language == "en" else org.name_da,
                deadline=item.deadline,
                state=str(item.state),
                overdue=action_item_overdue(item.deadline, item.state, held_on),
                initiative=initiative_code.get(item.initiative_id) if item.initiative_id else None,
            )
            for item, meeting, org in items
        ],
    )


def summary_rows(pack: MeetingPack, labels: PackLabels) -> list[tuple[str, str]]:
    """Key facts for the pack's cover."""
    meta = pack.report.meta
    lang = pack.lang
    members = ", ".join(f"{name} ({code})" for code, name in pack.members) or labels.pack("members_none")
    cadence = labels.pack("per_year", n=pack.meetings_per_year) if pack.meetings_per_year else labels.pack("no_cadence")
    if pack.cadence_note:
        cadence += f" – {pack.cadence_note}"
    rows = [
        (labels.pack("forum"), f"{pack.forum_name} ({pack.forum})"),
        (labels.pack("meeting"), format_date(pack.held_on, lang)),
        (
            labels["period"],
            f"{meta.period} ({format_date(meta.period_starts, lang)} – {format_date(meta.period_ends, lang)})",
        ),
        (labels.pack("members"), members + (f" – {pack.members_note}" if pack.members_note else "")),
        (labels.pack("cadence"), cadence),
        (
            labels.pack("last_meeting"),
            format_date(pack.last_meeting, lang) if pack.last_meeting else labels.pack("none_recorded"),
        ),
        (labels.pack("scope"), ", ".join(pack.initiatives) or labels["none"]),
        (labels["generated"], format_date(meta.today, lang)),
        ("", labels["approved_only"]),
        ("", labels.pack("scope_note")),
    ]
    if pack.behind_cadence:
        rows.append(("", labels.pack("behind")))
    if meta.contains_sample_data:
        rows.append(("", labels["sample_note"]))
    return rows


def pack_tables(pack: MeetingPack, labels: PackLabels) -> list[Table]:
    """The status report's sections for the forum's initiatives, then the open action items."""
    by_key = {t.key: t for t in build_tables(pack.report, labels)}
    tables = [by_key[key] for key in SECTIONS if key in by_key]
    for table in tables:
        if table.key == "attention":
            table.notes = [labels.pack("attention_note"), *table.notes]
    tables.append(
        Table(
            "action-items",
            labels.pack("action_items"),
            [
                Column(labels.pack("meeting_date"), "date"),
                Column(labels.pack("action_item"), "long"),
                Column(labels["initiative"]),
                Column(labels.pack("owner")),
                Column(labels.pack("deadline"), "date"),
                Column(labels.pack("state")),
                Column(labels.pack("overdue"), "bool"),
            ],
            [
                [
                    i.held_on,
                    i.text,
                    i.initiative or "",
                    f"{i.owner_name} ({i.owner})",
                    i.deadline,
                    labels.pack(i.state),
                    i.overdue,
                ]
                for i in pack.action_items
            ],
            provisional=[False] * len(pack.action_items),
        )
    )
    return tables


def render_pack_html(pack: MeetingPack) -> bytes:
    """The pack as one self-contained HTML page, through the status report's template."""
    from reports.charts import data_uri, headline_chart
    from reports.render_html import indicator_sparklines, template_environment

    labels = PackLabels(pack.lang)
    report = pack.report
    sparks = indicator_sparklines(report, labels)
    html = (
        template_environment()
        .get_template("pack.html.j2")
        .render(
            report=report,
            meta=report.meta,
            labels=labels,
            summary=summary_rows(pack, labels),
            tables=pack_tables(pack, labels),
            fmt=format_cell,
            sparks=sparks,
            chart=data_uri(headline_chart(report, labels), "image/svg+xml"),
            tints=TINTS,
        )
    )
    return html.encode("utf-8")


def render_pack_pdf(pack: MeetingPack) -> bytes:
    """The pack as PDF, with the status report's fonts, chart and table drawing."""
    from reports.charts import headline_chart
    from reports.pdf_table import FONT, TableLayout, draw_table, indicator_sparks
    from reports.render_pdf import new_pdf

    labels = PackLabels(pack.lang)
    pdf = new_pdf(pack.report, labels)
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, f"{labels['title']}: {pack.forum_name}", new_x="LMARGIN", new_y="NEXT", align="L")
    for key, value in summary_rows(pack, labels):
        if key:
            pdf.set_font(FONT, "B", 10)
            pdf.cell(70, 6, key)
            pdf.set_font(FONT, size=10)
            pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font(FONT, "I", 9)
            pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.image(io.BytesIO(headline_chart(pack.report, labels, fmt="png")), w=200)
    pdf.ln(2)
    layout = TableLayout(pdf)
    for table in pack_tables(pack, labels):
        draw_table(
            pdf, layout, table, labels, sparks=indicator_sparks(pack.report) if table.key == "indicators" else None
        )
    return bytes(pdf.output())


def render_pack(pack: MeetingPack, fmt: str) -> bytes:
    """The pack as HTML or PDF bytes."""
    with gc_paused():
        if fmt == "html":
            return render_pack_html(pack)
        if fmt == "pdf":
            return render_pack_pdf(pack)
    raise ValueError(f"unsupported format {fmt!r}; use one of {', '.join(PACK_FORMATS)}")


def pack_filename(pack: MeetingPack, fmt: str) -> str:
    return f"moedemappe-{pack.forum}-{pack.held_on.isoformat()}-{pack.lang}.{fmt}"


MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
__all__ = ["MEDIA_TYPES", "PACK_FORMATS", "MeetingPack", "build_meeting_pack", "pack_filename", "render_pack"]
