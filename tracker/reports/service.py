"""Issuing status reports: build, render, and keep every issued report as a snapshot.

The scheduler calls `issue_report(..., actor="scheduler")` for scheduled briefings.
"""

import hashlib
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

import reports
from actionplan.models import Plan, ReportingPeriod
from tracker.audit.service import record
from tracker.auth.access import may_read_unapproved
from tracker.auth.models import Role
from tracker.errors import Forbidden, NotFound, ValidationFailed
from tracker.reports.models import REPORT_FORMATS, REPORT_LANGUAGES, ReportSnapshot

DEFAULT_TZ = ZoneInfo("Europe/Copenhagen")


def reason_for(actor: str) -> str:
    """How a report was issued, from who issued it: "scheduled", "cli" or "api"."""
    if actor == "scheduler":
        return "scheduled"
    if actor == "cli" or actor.startswith("cli"):
        return "cli"
    return "api"


def _check(fmt: str, lang: str) -> None:
    errors = []
    if fmt not in REPORT_FORMATS:
        errors.append({"field": "format", "message": f"use one of {', '.join(REPORT_FORMATS)}"})
    if lang not in REPORT_LANGUAGES:
        errors.append({"field": "lang", "message": f"use one of {', '.join(REPORT_LANGUAGES)}"})
    if errors:
        raise ValidationFailed("The report options are not valid.", errors=errors)


def resolve_period(
    session: Session, plan_slug: str, period_label: str | None, *, now: datetime, tz: ZoneInfo = DEFAULT_TZ
) -> str:
    """The period asked for, or by default the latest one whose due date has passed."""
    today = now.astimezone(tz).date()
    try:
        return period_label or reports.default_period(session, plan_slug, today)
    except reports.UnknownPlanOrPeriod as exc:
        raise NotFound(str(exc)) from exc


def issue_report(
    session: Session,
    *,
    plan_slug: str,
    period_label: str | None,
    fmt: str,
    lang: str,
    public: bool,
    include_submitted: bool,
    actor: str,
    now: datetime,
    reason: str | None = None,
    tz: ZoneInfo = DEFAULT_TZ,
    role: Role | None = None,
) -> ReportSnapshot:
    """Build and render a status report, store it as a snapshot (flushed, not committed) and audit it.

    `period_label=None` means the latest period whose due date has passed. `reason` defaults from the
    actor: "scheduler" -> "scheduled", "cli" -> "cli", anything else -> "api".
    """
    _check(fmt, lang)
    if include_submitted and role is not None and not may_read_unapproved(role):
        raise Forbidden(
            f"The role {role.value!r} sees approved content only; include_submitted is for the secretariat."
        )
    label = resolve_period(session, plan_slug, period_label, now=now, tz=tz)
    today = now.astimezone(tz).date()
    try:
        report = reports.build_status_report(
            session, plan_slug, label, lang=lang, include_submitted=include_submitted, public=public, today=today
        )
    except reports.UnknownPlanOrPeriod as exc:
        raise NotFound(str(exc)) from exc
    content = reports.render(report, fmt)
    plan = session.exec(select(Plan).where(Plan.slug == plan_slug)).one()
    period = session.exec(
        select(ReportingPeriod).where(ReportingPeriod.plan_id == plan.id, ReportingPeriod.label == label)
    ).one()
    assert plan.id is not None
    assert period.id is not None
    snapshot = ReportSnapshot(
        plan_id=plan.id,
        period_id=period.id,
        plan_slug=plan.slug,
        period_label=label,
        format=fmt,
        language=lang,
        public=public,
        include_submitted=include_submitted,
        content=content,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        media_type=reports.MEDIA_TYPES[fmt],
        filename=reports.filename(report, fmt),
        generated_at=now,
        generated_by=actor,
        reason=reason or reason_for(actor),
    )
    session.add(snapshot)
    session.flush()
    record(
        session,
        actor=actor,
        action="report.issue",
        entity="report_snapshot",
        entity_key=str(snapshot.id),
        at=now,
        after={
            "plan": plan.slug,
            "period": label,
            "format": fmt,
            "language": lang,
            "public": public,
            "include_submitted": include_submitted,
            "sha256": snapshot.sha256,
            "reason": snapshot.reason,
        },
    )
    return snapshot


def list_snapshots(
    session: Session,
    *,
    plan_slug: str | None = None,
    period_label: str | None = None,
    limit: int = 100,
    offset: int = 0,
    role: Role | None = None,
) -> tuple[list[ReportSnapshot], int]:
    """Snapshots, newest first, and how many there are (their bytes are not loaded).

    A role that may not read unapproved text (`tracker.auth.access`) sees no snapshot that includes it.
    """
    conditions: list[Any] = []
    if role is not None and not may_read_unapproved(role):
        conditions.append(col(ReportSnapshot.include_submitted).is_(False))
    if plan_slug:
        conditions.append(col(ReportSnapshot.plan_slug) == plan_slug)
    if period_label:
        conditions.append(col(ReportSnapshot.period_label) == period_label)
    count = session.exec(select(func.count()).select_from(ReportSnapshot).where(*conditions)).one()
    statement = (
        select(ReportSnapshot)
        .where(*conditions)
        .options(defer(ReportSnapshot.content))  # type: ignore[arg-type]
        .order_by(col(ReportSnapshot.generated_at).desc(), col(ReportSnapshot.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return list(session.exec(statement).all()), count


def get_snapshot(session: Session, snapshot_id: int, *, role: Role | None = None) -> ReportSnapshot:
    snapshot = session.get(ReportSnapshot, snapshot_id)
    hidden = snapshot is not None and snapshot.include_submitted and role is not None and not may_read_unapproved(role)
    if snapshot is None or hidden:
        raise NotFound(f"No report snapshot with id {snapshot_id}.")
    return snapshot
