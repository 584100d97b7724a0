"""Status reports: render one to read it (nothing stored), or issue one for the record (kept as a snapshot).

Reading (`GET /reports/status`, the overview) renders from a per-process cache and writes nothing. Issuing is
an explicit act: the scheduled briefing (`issue_report(..., actor="scheduler")`), the secretariat's
`POST /reports/snapshots`, or `tracker report`. Identical content is issued once.
"""

import hashlib
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

import reports
from actionplan.models import Plan, ReportingPeriod
from reports import queries
from tracker.audit.service import record
from tracker.auth.access import may_read_unapproved
from tracker.auth.models import Role
from tracker.cache import ReadCache
from tracker.errors import Forbidden, NotFound, ValidationFailed
from tracker.issued.models import REPORT_FORMATS, REPORT_LANGUAGES, ReportSnapshot

DEFAULT_TZ = ZoneInfo("Europe/Copenhagen")
T = TypeVar("T")


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
        return period_label or default_period(session, plan_slug, today)
    except reports.UnknownPlanOrPeriod as exc:
        raise NotFound(str(exc)) from exc


@dataclass(frozen=True)
class RenderedReport:
    """A status report rendered for reading: not stored, not audited (issuing one is `issue_report`)."""

    plan_slug: str
    period_label: str
    fmt: str
    lang: str
    public: bool
    include_submitted: bool
    content: bytes
    filename: str
    media_type: str
    sha256: str


def render_report(
    session: Session,
    *,
    plan_slug: str,
    period_label: str | None,
    fmt: str,
    lang: str,
    public: bool,
    include_submitted: bool,
    now: datetime,
    tz: ZoneInfo = DEFAULT_TZ,
    role: Role | None = None,
) -> RenderedReport:
    """Build and render a status report to read it: nothing is written (the rendering is cached).

    `period_label=None` means the latest period whose due date has passed.
    """
    _check(fmt, lang)
    if include_submitted and role is not None and not may_read_unapproved(role):
        raise Forbidden(
            f"The role {role.value!r} sees approved content only; include_submitted is for the secretariat."
        )
    label = resolve_period(session, plan_slug, period_label, now=now, tz=tz)
    today = now.astimezone(tz).date()
    content, name = _rendered(session, plan_slug, label, fmt, lang, public, include_submitted, today)
    return RenderedReport(
        plan_slug=plan_slug,
        period_label=label,
        fmt=fmt,
        lang=lang,
        public=public,
        include_submitted=include_submitted,
        content=content,
        filename=name,
        media_type=reports.MEDIA_TYPES[fmt],
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _same_snapshot(session: Session, report: RenderedReport) -> ReportSnapshot | None:
    """The snapshot issued earlier with exactly this content and these options, if any (its bytes not loaded)."""
    return session.exec(
        select(ReportSnapshot)
        .where(
            ReportSnapshot.plan_slug == report.plan_slug,
            ReportSnapshot.period_label == report.period_label,
            ReportSnapshot.format == report.fmt,
            ReportSnapshot.language == report.lang,
            ReportSnapshot.public == report.public,
            ReportSnapshot.include_submitted == report.include_submitted,
            ReportSnapshot.sha256 == report.sha256,
        )
        .options(defer(ReportSnapshot.content))  # type: ignore[arg-type]
        .order_by(col(ReportSnapshot.id))
    ).first()


def issued_as(session: Session, report: RenderedReport) -> int | None:
    """The id of the issued report with exactly this content, if it was issued (for the reader's information)."""
    same = _same_snapshot(session, report)
    return same.id if same is not None else None


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
) -> tuple[ReportSnapshot, bool]:
    """Issue a status report for the record: render it, keep it as a snapshot (flushed, not committed), audit it.

    Returns the snapshot and whether it is new: identical content issued before with the same options is that
    earlier snapshot (no copy, no new audit event). Issuing is an explicit act (the scheduled briefing, the
    secretariat's `POST /reports/snapshots`, `tracker report`); reading a report (`render_report`) stores nothing.
    `reason` defaults from the actor: "scheduler" -> "scheduled", "cli" -> "cli", anything else -> "api".
    """
    report = render_report(
        session,
        plan_slug=plan_slug,
        period_label=period_label,
        fmt=fmt,
        lang=lang,
        public=public,
        include_submitted=include_submitted,
        now=now,
        tz=tz,
        role=role,
    )
    same = _same_snapshot(session, report)
    if same is not None:
        return same, False
    label, content, name, sha256 = report.period_label, report.content, report.filename, report.sha256
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
        sha256=sha256,
        media_type=reports.MEDIA_TYPES[fmt],
        filename=name,
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
    return snapshot, True


# Built and rendered reports by (plan, period, format or "model", language, public, include_submitted, day), the
# plan's periods and default period, and the overview page's main part (tracker.web.viewer.overview_main), per
# engine; emptied whenever this process commits a write to a table a report reads (the data version), and after
# RENDER_CACHE_SECONDS at the latest.
RENDER_CACHE_SECONDS = 300.0
_render_caches: "weakref.WeakKeyDictionary[Engine, ReadCache[Any]]" = weakref.WeakKeyDictionary()


# Writes to these tables never change a status report (storing a snapshot must not empty the cache), nor the
# periods or the overview page's main part cached with it: bookkeeping, and the people and their sessions
# (signing in or out leaves the built reports cached).
_NOT_IN_REPORTS = frozenset(
    {
        "report_snapshot",
        "audit_event",
        "api_token",
        "outbox_message",
        "mail_dedupe_key",
        "job_run",
        "import_batch",
        "user",
        "web_session",
        "sign_in_link",
        "identity_mapping",
    }
)


def _report_tables() -> frozenset[str]:
    from tracker.models import metadata

    return frozenset(t.name for t in metadata.sorted_tables if t.name not in _NOT_IN_REPORTS)


def cached(session: Session, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()`'s value from the render cache when the data has not changed since it was stored.

    For what a status report and the plan's periods determine (the built reports, their renderings, the periods,
    the overview page's main part): the cache is emptied by a write to any table a report reads. A session with
    unflushed changes computes afresh and stores nothing (its data is not the committed data).
    """
    engine = session.get_bind()
    if not isinstance(engine, Engine):
        return compute()
    cache = _render_caches.get(engine)
    if cache is None:
        cache = _render_caches.setdefault(
            engine, ReadCache(engine, ttl=RENDER_CACHE_SECONDS, max_entries=128, tables=_report_tables())
        )
    clean = not session.dirty and not session.new
    generation = cache.generation
    found = cache.get(key) if clean else None
    if found is not None:
        return cast(T, found)
    value = compute()
    if clean:
        cache.put(key, value, generation)
    return value


def status_report(
    session: Session,
    plan_slug: str,
    label: str,
    *,
    lang: str,
    public: bool,
    include_submitted: bool,
    today: date,
) -> reports.StatusReport:
    """The built status report (the model the formats render and the overview page shows), cached.

    Shared between requests: callers read it and never change it.
    """

    def build() -> reports.StatusReport:
        try:
            return reports.build_status_report(
                session, plan_slug, label, lang=lang, include_submitted=include_submitted, public=public, today=today
            )
        except reports.UnknownPlanOrPeriod as exc:
            raise NotFound(str(exc)) from exc

    return cached(session, (plan_slug, label, "model", lang, public, include_submitted, today), build)


def plan_periods(session: Session, plan_slug: str) -> list[tuple[str, date, date]]:
    """The plan's periods in order, (label, ends, due), cached like the reports: callers never change the list."""

    def read() -> list[tuple[str, date, date]]:
        plan = queries.plan_row(session, plan_slug)
        assert plan.id is not None
        frame = queries.periods(session, plan.id)
        return list(zip(frame["label"].to_list(), frame["ends"].to_list(), frame["due"].to_list(), strict=True))

    return cached(session, (plan_slug, "periods"), read)


def default_period(session: Session, plan_slug: str, today: date) -> str:
    """`reports.default_period` (the latest period whose due date has passed), cached like the reports."""
    return cached(
        session, (plan_slug, "default period", today), lambda: reports.default_period(session, plan_slug, today)
    )


def _rendered(
    session: Session,
    plan_slug: str,
    label: str,
    fmt: str,
    lang: str,
    public: bool,
    include_submitted: bool,
    today: date,
) -> tuple[bytes, str]:
    """The report's bytes and file name, from the render cache when the data has not changed since."""

    def render() -> tuple[bytes, str]:
        report = status_report(
            session, plan_slug, label, lang=lang, public=public, include_submitted=include_submitted, today=today
        )
        return reports.render(report, fmt), reports.filename(report, fmt)

    return cached(session, (plan_slug, label, fmt, lang, public, include_submitted, today), render)


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
