"""Checking and writing a report's content: indicator values and milestone updates."""

import weakref
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, and_, bindparam, delete, update
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import Indicator, Milestone
from actionplan.progress import IndicatorValue, MilestoneSlip, ProgressReport
from tracker.cache import ReadCache
from tracker.errors import ValidationFailed
from tracker.progress import schemas as s
from tracker.progress.context import ReportContext, ValueRow
from tracker.settings import Settings


@dataclass
class ValidatedContent:
    values: dict[tuple[int, str], s.IndicatorValueInput]
    milestones: list[tuple[Milestone, s.MilestoneUpdateInput]]
    codes: dict[int, str]


_INDICATORS = select_columns(col(Indicator.id), col(Indicator.code), col(Indicator.disaggregation)).where(
    col(Indicator.initiative_id) == bindparam("initiative_id")
)


def _categories(disaggregation: dict[str, list[str]] | None) -> list[str]:
    """Like Indicator.categories(): "dimension:value" strings."""
    return [f"{dim}:{value}" for dim, values in (disaggregation or {}).items() for value in values]


Indicators = dict[str, tuple[int, list[str]]]
_indicator_caches: "weakref.WeakKeyDictionary[Engine, ReadCache[Indicators]]" = weakref.WeakKeyDictionary()


def initiative_indicators(session: Session, initiative_id: int, settings: Settings | None = None) -> Indicators:
    """{code: (id, categories)} of an initiative's indicators, from the per-process cache when it is fresh.

    The cache is emptied when this process commits a write to the indicator table and its entries expire after
    `read_cache_seconds` (tracker.cache); a transaction that has itself written to the indicator table reads
    the database, so it always sees its own changes.
    """
    connection = session.connection()
    wrote = connection.info.get("tracker_wrote", set())
    ttl = settings.read_cache_seconds if settings is not None else 0.0
    if ttl <= 0 or wrote is None or "indicator" in wrote:
        return _read_indicators(session, initiative_id)
    engine = connection.engine
    cache = _indicator_caches.get(engine)
    if cache is None or cache.ttl != ttl:
        cache = _indicator_caches[engine] = ReadCache(engine, ttl=ttl, tables=frozenset({"indicator"}))
    found = cache.get(initiative_id)
    if found is None:
        generation = cache.generation
        found = _read_indicators(session, initiative_id)
        cache.put(initiative_id, found, generation)
    return found


def _read_indicators(session: Session, initiative_id: int) -> Indicators:
    return {
        code: (indicator_id, _categories(disaggregation))
        for indicator_id, code, disaggregation in session.execute(_INDICATORS, {"initiative_id": initiative_id})
    }


def validate_content(
    session: Session, ctx: ReportContext, payload: s.ReportInput, today: date, settings: Settings | None = None
) -> ValidatedContent:
    """Check what needs the database: indicators and milestones belong to the initiative."""
    errors: list[dict[str, Any]] = []
    indicators = initiative_indicators(session, ctx.initiative.id, settings)
    values: dict[tuple[int, str], s.IndicatorValueInput] = {}
    for n, item in enumerate(payload.indicator_values):
        indicator = indicators.get(item.indicator)
        if indicator is None:
            known = ", ".join(sorted(indicators)) or "none"
            errors.append(
                {
                    "field": f"indicator_values[{n}].indicator",
                    "message": f"{item.indicator!r} is not an indicator of {ctx.initiative.code} (its indicators: {known})",
                }
            )
            continue
        indicator_id, categories = indicator
        if item.category and item.category not in categories:
            allowed = ", ".join(categories) or "none; report the total with category ''"
            errors.append(
                {
                    "field": f"indicator_values[{n}].category",
                    "message": f"{item.category!r} is not a category of {item.indicator} (categories: {allowed})",
                }
            )
            continue
        values[(indicator_id, item.category)] = item
    milestones: list[tuple[Milestone, s.MilestoneUpdateInput]] = []
    if payload.milestones:
        by_title = {
            m.title: m
            for m in session.exec(select(Milestone).where(Milestone.initiative_id == ctx.initiative.id)).all()
        }
        for n, update_ in enumerate(payload.milestones):
            milestone = by_title.get(update_.title)
            if milestone is None:
                errors.append(
                    {
                        "field": f"milestones[{n}].title",
                        "message": f"{ctx.initiative.code} has no milestone titled {update_.title!r}",
                    }
                )
            elif update_.done_on is not None and update_.done_on > today:
                errors.append(
                    {"field": f"milestones[{n}].done_on", "message": "a milestone cannot be done in the future"}
                )
            else:
                milestones.append((milestone, update_))
    if errors:
        raise ValidationFailed("The report refers to indicators or milestones it cannot use.", errors=errors)
    codes = {indicator_id: code for code, (indicator_id, _) in indicators.items()}
    return ValidatedContent(values, milestones, codes)


_INSERT_VALUE = IndicatorValue.__table__.insert()  # type: ignore[attr-defined]


def write_values(
    session: Session, report: ProgressReport, existing: list[ValueRow], wanted: dict[tuple[int, str], Any]
) -> list[ValueRow]:
    """Make the report's indicator values equal `wanted` ({(indicator id, category): value input})."""
    assert report.id is not None
    current = {(v.indicator_id, v.category): v for v in existing}
    result = [ValueRow(key[0], key[1], item.value, item.comment) for key, item in wanted.items()]
    new = [row for row in result if (row.indicator_id, row.category) not in current]
    changed = [row for row in result if current.get((row.indicator_id, row.category), row) != row]
    gone = [key for key in current if key not in wanted]
    if new:
        session.connection().execute(_INSERT_VALUE, [{"report_id": report.id, **row._asdict()} for row in new])
    for row in changed:
        session.execute(
            update(IndicatorValue)
            .where(_value_key(report.id, row.indicator_id, row.category))
            .values(value=row.value, comment=row.comment)
        )
    for indicator_id, category in gone:
        session.execute(delete(IndicatorValue).where(_value_key(report.id, indicator_id, category)))
    return result


def _value_key(report_id: int, indicator_id: int, category: str) -> Any:
    return and_(
        col(IndicatorValue.report_id) == report_id,
        col(IndicatorValue.indicator_id) == indicator_id,
        col(IndicatorValue.category) == category,
    )


def apply_milestones(
    session: Session, report: ProgressReport, updates: list[tuple[Milestone, s.MilestoneUpdateInput]], now: datetime
) -> list[dict[str, Any]]:
    """Record reached and moved milestones in the slip ledger; the plan's milestones change on approval.

    A draft changes nothing public: until the report is approved its slips are pending (a later save of the
    same milestone replaces its pending slip), and `apply_approved_slips` moves the milestones when the
    secretariat approves. An amendment of an approved report takes effect at once.
    """
    approved = report.state == ReportState.APPROVED
    changes: list[dict[str, Any]] = []
    for milestone, item in updates:
        if not approved:
            session.execute(
                delete(MilestoneSlip).where(
                    col(MilestoneSlip.report_id) == report.id, col(MilestoneSlip.milestone_id) == milestone.id
                )
            )
        if item.done_on is not None and milestone.done_on != item.done_on:
            session.add(
                MilestoneSlip(
                    milestone_id=milestone.id,  # type: ignore[arg-type]
                    report_id=report.id,
                    old_due=milestone.due,
                    new_due=milestone.due,
                    days_slipped=0,
                    done_on=item.done_on,
                    reason=item.reason or "reached",
                    at=now,
                )
            )
            changes.append({"title": milestone.title, "done_on": item.done_on})
            if approved:
                milestone.done_on = item.done_on
                session.add(milestone)
        elif item.new_due is not None and milestone.due != item.new_due:
            days = (item.new_due - milestone.due).days
            session.add(
                MilestoneSlip(
                    milestone_id=milestone.id,  # type: ignore[arg-type]
                    report_id=report.id,
                    old_due=milestone.due,
                    new_due=item.new_due,
                    days_slipped=days,
                    reason=item.reason,
                    at=now,
                )
            )
            changes.append(
                {"title": milestone.title, "old_due": milestone.due, "new_due": item.new_due, "days_slipped": days}
            )
            if approved:
                milestone.due = item.new_due
                session.add(milestone)
    return changes


def apply_approved_slips(session: Session, report: ProgressReport) -> list[dict[str, Any]]:
    """On approval: move the plan's milestones as the report's pending slips say (against today's plan)."""
    applied: list[dict[str, Any]] = []
    session.flush()
    for slip in session.exec(
        select(MilestoneSlip).where(MilestoneSlip.report_id == report.id).order_by(col(MilestoneSlip.id))
    ).all():
        milestone = session.get(Milestone, slip.milestone_id)
        if milestone is None:
            continue
        if slip.done_on is not None:
            milestone.done_on = slip.done_on
            applied.append({"title": milestone.title, "done_on": slip.done_on})
        else:
            slip.old_due = milestone.due
            slip.days_slipped = (slip.new_due - milestone.due).days
            milestone.due = slip.new_due
            session.add(slip)
            applied.append({"title": milestone.title, "old_due": slip.old_due, "new_due": slip.new_due})
        session.add(milestone)
    session.flush()
    return applied
