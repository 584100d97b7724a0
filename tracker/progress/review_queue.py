"""The secretariat's review queue and "what changed since the last approved report", for the review pages."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import Initiative, Organisation, ReportingPeriod
from actionplan.progress import ProgressReport, ReportRevision
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import Forbidden
from tracker.progress.context import ReportContext, indicator_codes, snapshot, values_of


@dataclass(frozen=True)
class QueueItem:
    initiative: str
    title_da: str
    title_en: str
    period: str
    organisation: str
    submitted_at: datetime | None
    carried_forward: bool
    resubmitted: bool


def review_queue(session: Session, principal: Principal) -> list[QueueItem]:
    """Submitted reports waiting for review, oldest submission first."""
    if principal.role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat reviews reports.")
    rows = session.exec(
        select(ProgressReport, Initiative, ReportingPeriod.label, Organisation.code)
        .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
        .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
        .join(Organisation, col(Organisation.id) == ProgressReport.organisation_id)
        .where(ProgressReport.state == ReportState.SUBMITTED)
        .order_by(col(ProgressReport.submitted_at), col(ProgressReport.id))
    ).all()
    return [
        QueueItem(
            initiative=initiative.code,
            title_da=initiative.title_da,
            title_en=initiative.title_en,
            period=label,
            organisation=org_code,
            submitted_at=report.submitted_at,
            carried_forward=report.carried_forward,
            resubmitted=report.returned_at is not None,
        )
        for report, initiative, label, org_code in rows
    ]


@dataclass(frozen=True)
class Change:
    """One field that differs between the last approved report and this one."""

    field: str
    before: Any
    after: Any
    kind: str  # "changed", "added", "removed"


def last_approved_content(session: Session, ctx: ReportContext) -> tuple[str, dict[str, Any]] | None:
    """The initiative's last approved report as it stood when approved: (period label, content)."""
    row = session.exec(
        select(ReportRevision.content, ReportingPeriod.label)
        .join(ProgressReport, col(ProgressReport.id) == ReportRevision.report_id)
        .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
        .where(ProgressReport.initiative_id == ctx.initiative.id)
        .order_by(col(ReportRevision.at).desc(), col(ReportRevision.id).desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    content, label = row
    loaded: dict[str, Any] = json.loads(content)
    return label, loaded


def changes_since_approved(session: Session, ctx: ReportContext) -> tuple[str | None, list[Change]]:
    """Field by field, what this report says differently from the last approved one (all fields if none)."""
    report = ctx.report
    if report is None:
        return None, []
    codes = ctx.indicator_codes if ctx.indicator_codes is not None else indicator_codes(session, ctx.initiative)
    values = ctx.values if ctx.values is not None else values_of(session, report)
    current = json.loads(json.dumps(snapshot(report, values, codes), default=str))
    current.pop("state", None)
    previous = last_approved_content(session, ctx)
    label, before = previous if previous else (None, {})
    before = dict(before)
    before.pop("state", None)
    changes: list[Change] = []
    flat_before = _flatten(before)
    flat_after = _flatten(current)
    for key in list(flat_after) + [k for k in flat_before if k not in flat_after]:
        old, new = flat_before.get(key), flat_after.get(key)
        if old == new or (old in (None, "") and new in (None, "")):
            continue
        kind = "added" if key not in flat_before else "removed" if key not in flat_after else "changed"
        changes.append(Change(key, old, new, kind))
    return label, changes


def _flatten(content: dict[str, Any]) -> dict[str, Any]:
    flat = {k: v for k, v in content.items() if k != "indicator_values"}
    for key, value in (content.get("indicator_values") or {}).items():
        flat[f"indicator:{key}"] = value.get("value") if isinstance(value, dict) else value
    return flat
