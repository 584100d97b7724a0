"""Plain SELECTs turned into polars DataFrames: the only place the status report touches the database."""

from collections.abc import Sequence
from typing import Any

import polars as pl
from sqlalchemy import Select
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import (
    FocusArea,
    Indicator,
    Initiative,
    Milestone,
    Organisation,
    Plan,
    ReportingPeriod,
    Target,
)
from actionplan.progress import IndicatorValue, MilestoneSlip, ProgressReport, ReportRevision


class UnknownPlanOrPeriod(LookupError):
    """The plan slug or period label does not exist."""


def _columns(*attributes: Any) -> list[Any]:
    return [col(a) for a in attributes]


def _frame(session: Session, statement: Select[Any], schema: dict[str, Any]) -> pl.DataFrame:
    # Core execution (no ORM row processing): these are plain column SELECTs.
    rows = session.connection().execute(statement).all()
    return pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")


def plan_row(session: Session, slug: str) -> Plan:
    plan = session.exec(select(Plan).where(Plan.slug == slug)).first()
    if plan is None:
        raise UnknownPlanOrPeriod(f"No plan with slug {slug!r}.")
    return plan


def periods(session: Session, plan_id: int) -> pl.DataFrame:
    statement = (
        sa_select(
            *_columns(
                ReportingPeriod.id,
                ReportingPeriod.label,
                ReportingPeriod.starts,
                ReportingPeriod.ends,
                ReportingPeriod.due,
            )
        )
        .where(col(ReportingPeriod.plan_id) == plan_id)
        .order_by(col(ReportingPeriod.starts))
    )
    return _frame(
        session,
        statement,
        {"period_id": pl.Int64, "label": pl.String, "starts": pl.Date, "ends": pl.Date, "due": pl.Date},
    )


def initiatives(session: Session, plan_id: int) -> pl.DataFrame:
    statement = (
        sa_select(
            *_columns(
                Initiative.id,
                Initiative.code,
                Initiative.title_da,
                Initiative.title_en,
                Initiative.starts,
                Initiative.deadline,
                Initiative.budget_dkk,
                Initiative.certainty,
                Initiative.certainty_note,
                FocusArea.code,
                FocusArea.title_da,
                FocusArea.title_en,
                FocusArea.number,
                Organisation.id,
                Organisation.code,
                Organisation.name_da,
                Organisation.name_en,
            )
        )
        .join(FocusArea, col(FocusArea.id) == Initiative.focus_area_id)
        .join(Organisation, col(Organisation.id) == Initiative.lead_id)
        .where(col(Initiative.plan_id) == plan_id)
        .order_by(col(Initiative.id))
    )
    return _frame(
        session,
        statement,
        {
            "initiative_id": pl.Int64,
            "code": pl.String,
            "title_da": pl.String,
            "title_en": pl.String,
            "starts": pl.Date,
            "deadline": pl.Date,
            "budget_dkk": pl.Int64,
            "certainty": pl.String,
            "certainty_note": pl.String,
            "fa_code": pl.String,
            "fa_title_da": pl.String,
            "fa_title_en": pl.String,
            "fa_number": pl.Int64,
            "lead_id": pl.Int64,
            "lead_code": pl.String,
            "lead_name_da": pl.String,
            "lead_name_en": pl.String,
        },
    )


REPORT_SCHEMA = {
    "report_id": pl.Int64,
    "initiative_id": pl.Int64,
    "period_id": pl.Int64,
    "organisation_id": pl.Int64,
    "status": pl.String,
    "state": pl.String,
    "narrative": pl.String,
    "risks": pl.String,
    "explanation": pl.String,
    "spent_dkk": pl.Float64,
    "forecast_status": pl.String,
    "forecast_note": pl.String,
    "confidence": pl.String,
    "reviewed_by": pl.String,
    "submitted_at": pl.Datetime,
    "approved_at": pl.Datetime,
    "version": pl.Int64,
}


LIGHT_COLUMNS = [
    "report_id",
    "initiative_id",
    "period_id",
    "organisation_id",
    "status",
    "state",
    "spent_dkk",
    "forecast_status",
    "confidence",
    "version",
]
TEXT_COLUMNS = ["narrative", "risks", "explanation", "forecast_note", "reviewed_by", "submitted_at", "approved_at"]


def progress_reports(session: Session, plan_id: int, detail_period_ids: Sequence[int] | None = None) -> pl.DataFrame:
    """Every progress report of the plan, whatever its state (the model filters).

    Text and timestamps are read only for `detail_period_ids` (the period reported on and the one before;
    None: all), since older periods contribute only statuses, spending and values.
    """
    light = (
        sa_select(
            *_columns(
                ProgressReport.id,
                ProgressReport.initiative_id,
                ProgressReport.period_id,
                ProgressReport.organisation_id,
                ProgressReport.status,
                ProgressReport.state,
                ProgressReport.spent_dkk,
                ProgressReport.forecast_status,
                ProgressReport.confidence,
                ProgressReport.version,
            )
        )
        .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
        .where(col(Initiative.plan_id) == plan_id)
    )
    detail = (
        sa_select(
            *_columns(
                ProgressReport.id,
                ProgressReport.narrative,
                ProgressReport.risks,
                ProgressReport.explanation,
                ProgressReport.forecast_note,
                ProgressReport.reviewed_by,
                ProgressReport.submitted_at,
                ProgressReport.approved_at,
            )
        )
        .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
        .where(col(Initiative.plan_id) == plan_id)
    )
    if detail_period_ids is not None:
        detail = detail.where(col(ProgressReport.period_id).in_(list(detail_period_ids)))
    frame = _frame(session, light, {k: REPORT_SCHEMA[k] for k in LIGHT_COLUMNS})
    texts = _frame(session, detail, {"report_id": pl.Int64, **{k: REPORT_SCHEMA[k] for k in TEXT_COLUMNS}})
    # Drop time zones so SQLite (naive) and PostgreSQL (aware) give the same frame.
    texts = texts.with_columns(
        pl.col("submitted_at").dt.replace_time_zone(None), pl.col("approved_at").dt.replace_time_zone(None)
    )
    return frame.join(texts, on="report_id", how="left").select(list(REPORT_SCHEMA))


def indicators(session: Session, plan_id: int) -> pl.DataFrame:
    statement = (
        sa_select(
            *_columns(
                Indicator.id,
                Indicator.code,
                Indicator.initiative_id,
                Indicator.name_da,
                Indicator.name_en,
                Indicator.unit,
                Indicator.direction,
                Indicator.baseline,
            )
        )
        .join(Initiative, col(Initiative.id) == Indicator.initiative_id)
        .where(col(Initiative.plan_id) == plan_id)
        .order_by(col(Indicator.id))
    )
    return _frame(
        session,
        statement,
        {
            "indicator_id": pl.Int64,
            "indicator_code": pl.String,
            "initiative_id": pl.Int64,
            "name_da": pl.String,
            "name_en": pl.String,
            "unit": pl.String,
            "direction": pl.String,
            "baseline": pl.Float64,
        },
    )


def targets(session: Session, plan_id: int) -> pl.DataFrame:
    statement = (
        sa_select(*_columns(Target.indicator_id, Target.period_id, Target.value))
        .join(ReportingPeriod, col(ReportingPeriod.id) == Target.period_id)
        .where(col(ReportingPeriod.plan_id) == plan_id)
    )
    return _frame(session, statement, {"indicator_id": pl.Int64, "period_id": pl.Int64, "target": pl.Float64})


def indicator_values(session: Session, plan_id: int, states: Sequence[str] | None = None) -> pl.DataFrame:
    """Indicator values of the plan's progress reports (only reports in `states`, when given)."""
    schema = {"report_id": pl.Int64, "indicator_id": pl.Int64, "category": pl.String, "value": pl.Float64}
    statement = (
        sa_select(
            *_columns(
                IndicatorValue.report_id, IndicatorValue.indicator_id, IndicatorValue.category, IndicatorValue.value
            )
        )
        .join(ProgressReport, col(ProgressReport.id) == IndicatorValue.report_id)
        .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
        .where(col(Initiative.plan_id) == plan_id)
    )
    if states is not None:
        statement = statement.where(col(ProgressReport.state).in_(list(states)))
    return _frame(session, statement, schema)


def slips(session: Session, plan_id: int) -> pl.DataFrame:
    statement = (
        sa_select(
            *_columns(
                Milestone.id,
                Milestone.initiative_id,
                Milestone.title,
                Milestone.original_due,
                MilestoneSlip.old_due,
                MilestoneSlip.new_due,
                MilestoneSlip.days_slipped,
                MilestoneSlip.reason,
                MilestoneSlip.at,
                MilestoneSlip.report_id,
            )
        )
        .join(Milestone, col(Milestone.id) == MilestoneSlip.milestone_id)
        .join(Initiative, col(Initiative.id) == Milestone.initiative_id)
        # A slip takes effect when its report is approved; a draft's slips are not news.
        .outerjoin(ProgressReport, col(ProgressReport.id) == MilestoneSlip.report_id)
        .where(
            col(Initiative.plan_id) == plan_id,
            col(MilestoneSlip.report_id).is_(None) | (col(ProgressReport.state) == ReportState.APPROVED),
        )
        .order_by(col(MilestoneSlip.at), col(MilestoneSlip.id))
    )
    frame = _frame(
        session,
        statement,
        {
            "milestone_id": pl.Int64,
            "initiative_id": pl.Int64,
            "milestone": pl.String,
            "original_due": pl.Date,
            "old_due": pl.Date,
            "new_due": pl.Date,
            "days_slipped": pl.Int64,
            "reason": pl.String,
            "at": pl.Datetime,
            "report_id": pl.Int64,
        },
    )
    return frame.with_columns(pl.col("at").dt.replace_time_zone(None))


def revisions(session: Session, plan_id: int) -> pl.DataFrame:
    statement = (
        sa_select(
            *_columns(
                ReportRevision.report_id,
                ReportRevision.version,
                ReportRevision.status,
                ReportRevision.content,
                ReportRevision.reason,
                ReportRevision.at,
            )
        )
        .join(ProgressReport, col(ProgressReport.id) == ReportRevision.report_id)
        .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
        .where(col(Initiative.plan_id) == plan_id)
        .order_by(col(ReportRevision.report_id), col(ReportRevision.version))
    )
    frame = _frame(
        session,
        statement,
        {
            "report_id": pl.Int64,
            "version": pl.Int64,
            "status": pl.String,
            "content": pl.String,
            "reason": pl.String,
            "at": pl.Datetime,
        },
    )
    return frame.with_columns(pl.col("at").dt.replace_time_zone(None))
