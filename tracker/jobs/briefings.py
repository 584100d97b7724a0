"""Scheduled briefings for the minister's office: the status report, stored as a snapshot, and a mail with its link.

Two occasions: each period's due date plus the grace window (caught up within `briefing_catchup_days`), and
the first working day of each month (caught up later in the month) for every plan with an open period.
Each (plan, period) and (plan, month) is briefed once: the snapshot and the outbox row are written in one
transaction, and a duplicate dedupe key rolls the snapshot back.
"""

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from markupsafe import Markup
from sqlalchemy import Engine
from sqlmodel import Session, col, select

import reports
from actionplan.enums import PeriodState
from actionplan.models import Plan, ReportingPeriod
from reports.briefing import summary_html, summary_text
from reports.i18n import format_period
from tracker.db import session_scope
from tracker.mail.service import Attachment, claim_keys, enqueue, exists
from tracker.mail.texts import RenderedMail, phrase, render
from tracker.settings import Settings, local_today

log = logging.getLogger(__name__)


def easter_sunday(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def danish_days_off(year: int) -> set[date]:
    """Danish public holidays and the customary days off (24 and 31 December, Constitution Day)."""
    easter = easter_sunday(year)
    movable = {easter + timedelta(days=offset) for offset in (-3, -2, 0, 1, 39, 49, 50)}
    fixed = {date(year, 1, 1), date(year, 6, 5), date(year, 12, 24), date(year, 12, 25), date(year, 12, 26)}
    return movable | fixed | {date(year, 12, 31)}


def first_working_day(year: int, month: int) -> date:
    day = date(year, month, 1)
    days_off = danish_days_off(year)
    while day.weekday() >= 5 or day in days_off:
        day += timedelta(days=1)
    return day


class _AlreadyBriefed(Exception):
    """Raised inside the transaction to roll back a snapshot whose mail was already queued."""


IssueReport = Callable[..., Any]


def _issue_report() -> IssueReport | None:
    try:
        from tracker.issued.service import issue_report  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    function: IssueReport = issue_report
    return function


def briefings_due(session: Session, settings: Settings, today: date) -> list[dict[str, str]]:
    """The briefings owed on `today`: occasion, plan slug, period label and dedupe key."""
    owed: list[dict[str, str]] = []
    rows = session.exec(
        select(ReportingPeriod, Plan.slug)
        .join(Plan, col(Plan.id) == ReportingPeriod.plan_id)
        .order_by(col(Plan.slug), col(ReportingPeriod.starts))
    ).all()
    for period, slug in rows:
        opens = period.due + timedelta(days=settings.briefing_grace_days)
        if opens <= today < opens + timedelta(days=settings.briefing_catchup_days):
            owed.append(
                {
                    "occasion": "period",
                    "plan": slug,
                    "period": period.label,
                    "key": f"briefing:period:{slug}:{period.label}",
                    # A period briefing reports on the month it is sent in.
                    "covers": f"briefing:covers:{slug}:{today:%Y-%m}",
                }
            )
    if today >= first_working_day(today.year, today.month):
        by_plan: dict[str, list[ReportingPeriod]] = {}
        for period, slug in rows:
            by_plan.setdefault(slug, []).append(period)
        for slug, periods in by_plan.items():
            if not any(p.state == PeriodState.OPEN for p in periods):
                continue
            started = [p for p in periods if p.starts <= today] or periods[:1]
            owed.append(
                {
                    "occasion": "monthly",
                    "plan": slug,
                    "period": started[-1].label,
                    "month": f"{today:%Y-%m}",
                    "key": f"briefing:monthly:{slug}:{today:%Y-%m}",
                    # The monthly briefing reports on the month just ended: none if that month had a briefing.
                    "covers": f"briefing:covers:{slug}:{today.replace(day=1) - timedelta(days=1):%Y-%m}",
                }
            )
    return _one_per_plan(owed)


def _one_per_plan(owed: list[dict[str, str]]) -> list[dict[str, str]]:
    """At most one briefing per plan and run: a period briefing stands in for a monthly one due the same day."""
    kept: list[dict[str, str]] = []
    for item in owed:
        earlier = next((k for k in kept if k["plan"] == item["plan"]), None)
        if earlier is None:
            kept.append(item)
            continue
        # The briefing sent carries the other's keys, so that one is not sent later either.
        also = [part for part in earlier.get("also", "").split("|") if part]
        earlier["also"] = "|".join([*also, item["key"], item["covers"]])
    return kept


def briefing_mail(
    session: Session, settings: Settings, item: dict[str, str], snapshot: Any, *, occasion: str, link: str
) -> tuple[RenderedMail, list[Attachment]]:
    """The briefing mail: page one of the report in the body, its PDF attached (within the size bound)."""
    language = settings.mail_language
    report = reports.build_status_report(
        session, item["plan"], item["period"], lang=language, today=snapshot.generated_at.astimezone(settings.tz).date()
    )
    attached = snapshot.size_bytes <= settings.briefing_attachment_max_bytes
    mail = render(
        "briefing_report",
        language,
        plan_title=report.meta.plan_title,
        period_name=format_period(item["period"], report.meta.lang),
        occasion=occasion,
        link=link,
        overview=f"{settings.base_url.rstrip('/')}{settings.overview_path}",
        summary_text=summary_text(report),
        summary_html=Markup(summary_html(report)),
        attached=attached,
    )
    files = [Attachment(snapshot.filename, snapshot.media_type, snapshot.content)] if attached else []
    return mail, files


def send_briefings(engine: Engine, settings: Settings, *, now: datetime) -> dict[str, Any]:
    """Generate each owed status report as a snapshot and mail its link to the minister's office."""
    address = settings.minister_office_email
    if not address:
        return {"skipped": "TRACKER_MINISTER_OFFICE_EMAIL is not set"}
    issue_report = _issue_report()
    if issue_report is None:
        return {"skipped": "the reports service (tracker.issued.service.issue_report) is not installed"}
    today = local_today(now, settings)
    with Session(engine) as session:
        owed = briefings_due(session, settings, today)
    briefed: list[dict[str, Any]] = []
    already: list[str] = []
    failed: list[dict[str, str]] = []
    language = settings.mail_language
    for item in owed:
        try:
            with session_scope(engine) as session:
                if exists(session, item["key"]) or exists(session, item["covers"]):
                    raise _AlreadyBriefed
                snapshot, _ = issue_report(
                    session,
                    plan_slug=item["plan"],
                    period_label=item["period"],
                    fmt="pdf",
                    lang="da",
                    public=False,
                    include_submitted=False,
                    actor="scheduler",
                    now=now,
                )
                link = f"{settings.base_url.rstrip('/')}/overblik/statusrapporter/{snapshot.id}"
                occasion = (
                    phrase("occasion_monthly", language, month=item["month"])
                    if item["occasion"] == "monthly"
                    else phrase("occasion_period", language, period=item["period"])
                )
                mail, attachments = briefing_mail(session, settings, item, snapshot, occasion=occasion, link=link)
                queued = enqueue(
                    session,
                    to=address,
                    mail=mail,
                    kind="briefing",
                    dedupe_key=item["key"],
                    now=now,
                    attachments=attachments,
                )
                message = queued
                if message is None:
                    raise _AlreadyBriefed
                also = [part for part in item.get("also", "").split("|") if part]
                claim_keys(session, [item["covers"], *also], message, now=now)
            briefed.append({"key": item["key"], "snapshot": snapshot.id})
        except _AlreadyBriefed:
            already.append(item["key"])
        except Exception as exc:
            log.exception("briefing %s failed", item["key"])
            failed.append({"key": item["key"], "error": f"{exc.__class__.__name__}: {exc}"[:300]})
    return {"briefed": briefed, "already_sent": already, "failed": failed}
