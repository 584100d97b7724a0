"""Checking and writing a report's content: indicator values and milestone updates."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from actionplan.models import Indicator, Milestone
from actionplan.progress import IndicatorValue, MilestoneSlip, ProgressReport
from tracker.errors import ValidationFailed
from tracker.progress import schemas as s
from tracker.progress.context import ReportContext


@dataclass
class ValidatedContent:
    values: dict[tuple[int, str], s.IndicatorValueInput]
    milestones: list[tuple[Milestone, s.MilestoneUpdateInput]]
    codes: dict[int, str]


def validate_content(session: Session, ctx: ReportContext, payload: s.ReportInput, today: date) -> ValidatedContent:
    """Check what needs the database: indicators and milestones belong to the initiative."""
    errors: list[dict[str, Any]] = []
    indicators = {
        i.code: i for i in session.exec(select(Indicator).where(Indicator.initiative_id == ctx.initiative.id)).all()
    }
    values: dict[tuple[int, str], s.IndicatorValueInput] = {}
    for n, item in enumerate(payload.indicator_values):
        indicator = indicators.get(item.indicator)
        if indicator is None or indicator.id is None:
            known = ", ".join(sorted(indicators)) or "none"
            errors.append(
                {
                    "field": f"indicator_values[{n}].indicator",
                    "message": f"{item.indicator!r} is not an indicator of {ctx.initiative.code} (its indicators: {known})",
                }
            )
            continue
        if item.category and item.category not in indicator.categories():
            allowed = ", ".join(indicator.categories()) or "none; report the total with category ''"
            errors.append(
                {
                    "field": f"indicator_values[{n}].category",
                    "message": f"{item.category!r} is not a category of {item.indicator} (categories: {allowed})",
                }
            )
            continue
        values[(indicator.id, item.category)] = item
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
    codes = {i.id: code for code, i in indicators.items() if i.id is not None}
    return ValidatedContent(values, milestones, codes)


def write_values(
    session: Session, report: ProgressReport, existing: list[IndicatorValue], wanted: dict[tuple[int, str], Any]
) -> list[IndicatorValue]:
    """Make the report's indicator values equal `wanted` ({(indicator id, category): value input})."""
    assert report.id is not None
    current = {(v.indicator_id, v.category): v for v in existing}
    result: list[IndicatorValue] = []
    for key, item in wanted.items():
        row = current.pop(key, None)
        if row is None:
            row = IndicatorValue(
                report_id=report.id, indicator_id=key[0], category=key[1], value=item.value, comment=item.comment
            )
            session.add(row)
        elif row.value != item.value or row.comment != item.comment:
            row.value, row.comment = item.value, item.comment
            session.add(row)
        result.append(row)
    for row in current.values():
        session.delete(row)
    return result


def apply_milestones(
    session: Session, report: ProgressReport, updates: list[tuple[Milestone, s.MilestoneUpdateInput]], now: datetime
) -> list[dict[str, Any]]:
    """Record reached and moved milestones in the slip ledger and update the plan's milestones."""
    changes: list[dict[str, Any]] = []
    for milestone, item in updates:
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
            milestone.due = item.new_due
            session.add(milestone)
    return changes
