"""Progress reports: drafts, the review workflow, period locks, what is due. Services flush, never commit.

Authorization lives here as well as in the route guards: a reporter writes only reports of initiatives its
organisation leads (403, audited), and reads only its own organisation's unapproved reports (404 otherwise,
because the query itself filters them out). Every write bumps the report's version with a compare-and-swap
`UPDATE ... WHERE id = ? AND version = ?`, so concurrent writers can never overwrite each other.

Imports: a secretariat principal may write any initiative's report; pass `on_behalf_of=<lead organisation
code>` (checked against the initiative's lead) and `actor="import:<batch id>"` so the audit trail says who
really wrote it.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import and_, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import Indicator, Initiative, Milestone, Organisation, ReportingPeriod
from actionplan.progress import IndicatorValue, MilestoneSlip, ProgressReport, ReportRevision
from tracker.audit.service import mark_denied, record
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import Conflict, Forbidden, NotFound, PreconditionFailed, PreconditionRequired, ValidationFailed
from tracker.progress import schemas as s
from tracker.progress.periods import autolock_periods, lock_period, unlock_period
from tracker.progress.workflow import Action, allowed_actions, is_period_locked, next_state
from tracker.settings import Settings

__all__ = [
    "ReportContext",
    "amend_report",
    "autolock_periods",
    "carry_forward",
    "get_report_context",
    "lock_period",
    "report_version",
    "review_report",
    "save_draft",
    "submit_report",
    "to_public",
    "unlock_period",
]

CONTENT_FIELDS = (
    "status",
    "narrative",
    "next_steps",
    "risks",
    "explanation",
    "spent_dkk",
    "forecast_status",
    "forecast_note",
)


@cache
def _default_settings() -> Settings:
    return Settings()


def _today(now: datetime, settings: Settings) -> date:
    return now.astimezone(settings.tz).date()


@dataclass
class ReportContext:
    """An initiative, a period of its plan, the lead organisation and the report (if written yet)."""

    initiative: Initiative
    period: ReportingPeriod
    lead_code: str
    report: ProgressReport | None
    period_locked: bool
    # Loaded or written along the way (None: not loaded yet), so the response needs no second query.
    values: list[IndicatorValue] | None = None
    indicator_codes: dict[int, str] | None = None
    no_slips: bool = False

    @property
    def key(self) -> str:
        return f"{self.initiative.code}/{self.period.label}"


def _load_context(
    session: Session, initiative_code: str, period_label: str, *, now: datetime, settings: Settings
) -> ReportContext:
    """One query for the initiative, the period, the lead's code and the report."""
    row = session.exec(
        select(Initiative, ReportingPeriod, Organisation.code, ProgressReport)
        .join(
            ReportingPeriod,
            and_(col(ReportingPeriod.plan_id) == Initiative.plan_id, col(ReportingPeriod.label) == period_label),
        )
        .join(Organisation, col(Organisation.id) == Initiative.lead_id)
        .outerjoin(
            ProgressReport,
            and_(
                col(ProgressReport.initiative_id) == Initiative.id,
                col(ProgressReport.period_id) == ReportingPeriod.id,
            ),
        )
        .where(Initiative.code == initiative_code)
    ).first()
    if row is None:
        if session.exec(select(Initiative.id).where(Initiative.code == initiative_code)).first() is None:
            raise NotFound(f"No initiative with code {initiative_code!r}.")
        raise NotFound(f"No reporting period {period_label!r} in the plan of {initiative_code}.")
    initiative, period, lead_code, report = row
    locked = is_period_locked(period.state, period.due, _today(now, settings), settings.period_autolock_days)
    return ReportContext(initiative, period, lead_code, report, locked)


def _authorize_write(
    principal: Principal, ctx: ReportContext, action: Action, *, now: datetime, on_behalf_of: str | None
) -> None:
    """Deny by default: the lead organisation's reporters and the secretariat write; refusals are audited."""
    if on_behalf_of is not None:
        if principal.role is not Role.SECRETARIAT:
            raise Forbidden("Only the secretariat may write a report on behalf of an organisation.")
        if on_behalf_of != ctx.lead_code:
            raise ValidationFailed(
                f"{on_behalf_of} does not lead {ctx.initiative.code}; its lead is {ctx.lead_code}.",
                errors=[{"field": "organisation", "message": f"expected {ctx.lead_code}"}],
            )
    allowed = principal.role is Role.SECRETARIAT or (
        principal.role is Role.REPORTER and principal.organisation_id == ctx.initiative.lead_id
    )
    if allowed:
        return
    detail = (
        f"{principal.organisation_code} does not lead {ctx.initiative.code}; only its lead organisation "
        f"({ctx.lead_code}) and the secretariat may write its reports."
        if principal.role is Role.REPORTER
        else f"The role {principal.role.value!r} may not write progress reports."
    )
    raise mark_denied(
        Forbidden(detail),
        actor=principal.actor,
        action="authz.denied",
        entity="progress_report",
        entity_key=ctx.key,
        at=now,
        organisation_id=principal.organisation_id,
        initiative_id=ctx.initiative.id,
        after={"attempted": action.value, "role": principal.role.value},
    )


def _indicator_codes(session: Session, initiative: Initiative) -> dict[int, str]:
    rows = session.exec(select(Indicator.id, Indicator.code).where(Indicator.initiative_id == initiative.id)).all()
    return {indicator_id: code for indicator_id, code in rows if indicator_id is not None}


def _values_of(session: Session, report: ProgressReport | None) -> list[IndicatorValue]:
    if report is None or report.id is None:
        return []
    return list(
        session.exec(
            select(IndicatorValue)
            .where(IndicatorValue.report_id == report.id)
            .order_by(col(IndicatorValue.indicator_id), col(IndicatorValue.category))
        ).all()
    )


def _snapshot(report: ProgressReport | None, values: Sequence[IndicatorValue], codes: dict[int, str]) -> dict[str, Any]:
    """The report's content as plain data, for the audit trail and revisions."""
    if report is None:
        return {}
    snap: dict[str, Any] = {name: getattr(report, name) for name in CONTENT_FIELDS}
    snap["state"] = report.state
    snap["indicator_values"] = {
        (codes.get(v.indicator_id, str(v.indicator_id)) + (f"/{v.category}" if v.category else "")): (
            {"value": v.value, "comment": v.comment} if v.comment else v.value
        )
        for v in values
    }
    return snap


def _diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in after if before.get(k) != after.get(k)] + [k for k in before if k not in after]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def _cas(session: Session, report: ProgressReport, expected: int, now: datetime, **values: Any) -> None:
    """Compare-and-swap: write `values` and bump the version only if nobody changed the report since."""
    assert report.id is not None
    values = {**values, "version": expected + 1, "updated_at": now}
    result = session.execute(
        update(ProgressReport)
        .where(col(ProgressReport.id) == report.id, col(ProgressReport.version) == expected)
        .values(**values)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise PreconditionFailed(
            "The report was changed by someone else in the meantime; fetch it again and retry with its new ETag.",
        )
    for name, value in values.items():
        set_committed_value(report, name, value)


def _check_version(report: ProgressReport, if_match: int | None, *, required: bool) -> int:
    if if_match is None:
        if required:
            raise PreconditionRequired(
                "This report exists already: send If-Match with the ETag from your last GET or PUT, so that "
                "nobody's changes are overwritten."
            )
        return report.version
    if if_match != report.version:
        raise PreconditionFailed(
            f"The report has changed since you read it (your version {if_match}, now {report.version}); "
            "fetch it again and retry with its new ETag."
        )
    return if_match


@dataclass
class _ValidatedContent:
    values: dict[tuple[int, str], s.IndicatorValueInput]
    milestones: list[tuple[Milestone, s.MilestoneUpdateInput]]
    codes: dict[int, str]


def _validate_content(session: Session, ctx: ReportContext, payload: s.ReportInput, today: date) -> _ValidatedContent:
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
    return _ValidatedContent(values, milestones, codes)


def _write_values(
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


def _apply_milestones(
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


def _audit(
    session: Session,
    principal: Principal,
    ctx: ReportContext,
    action: str,
    *,
    now: datetime,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str = "",
    actor: str | None = None,
    on_behalf_of: str | None = None,
) -> None:
    if on_behalf_of:
        reason = f"on behalf of {on_behalf_of}" + (f": {reason}" if reason else "")
    record(
        session,
        actor=actor or principal.actor,
        action=action,
        entity="progress_report",
        entity_key=ctx.key,
        at=now,
        organisation_id=principal.organisation_id,
        initiative_id=ctx.initiative.id,
        before=before,
        after=after,
        reason=reason,
    )


def _write_content(
    session: Session,
    principal: Principal,
    ctx: ReportContext,
    payload: s.ReportInput,
    action: Action,
    *,
    now: datetime,
    settings: Settings,
    if_match: int | None,
    if_match_required: bool,
    extra: dict[str, Any] | None = None,
    reason: str = "",
    actor: str | None = None,
    on_behalf_of: str | None = None,
) -> ReportContext:
    """Create or update a report's content through the workflow table; shared by edit and amend."""
    report = ctx.report
    target = next_state(report.state if report else None, action, principal.role, period_locked=ctx.period_locked)
    content = _validate_content(session, ctx, payload, _today(now, settings))
    fields = {name: getattr(payload, name) for name in CONTENT_FIELDS} | dict(extra or {})
    if report is None:
        if if_match is not None:
            raise PreconditionFailed(
                "There is no report yet for this initiative and period; omit If-Match to create it."
            )
        report = ProgressReport(
            initiative_id=ctx.initiative.id,  # type: ignore[arg-type]
            period_id=ctx.period.id,  # type: ignore[arg-type]
            organisation_id=ctx.initiative.lead_id,
            state=target,
            created_at=now,
            updated_at=now,
            **fields,
        )
        session.add(report)
        try:
            session.flush()
        except IntegrityError as exc:
            # Someone created it between our read and our insert (PostgreSQL; SQLite serialises writers).
            raise PreconditionFailed(
                "The report was created by someone else in the meantime; fetch it and retry."
            ) from exc
        before: dict[str, Any] = {}
        existing: list[IndicatorValue] = []
    else:
        expected = _check_version(report, if_match, required=if_match_required)
        existing = _values_of(session, report)
        before = _snapshot(report, existing, content.codes)
        _cas(session, report, expected, now, state=target, **fields)
    ctx.report = report
    ctx.values = _write_values(session, report, existing, content.values)
    ctx.indicator_codes = content.codes
    milestone_changes = _apply_milestones(session, report, content.milestones, now)
    ctx.no_slips = not before and not milestone_changes
    after = _snapshot(report, ctx.values, content.codes)
    old, new = _diff(before, after) if before else ({}, after)
    if milestone_changes:
        new["milestones"] = milestone_changes
    name = "report.create" if not before else f"report.{'amend' if action is Action.AMEND else 'update'}"
    _audit(
        session,
        principal,
        ctx,
        name,
        now=now,
        before=old or None,
        after=new,
        reason=reason,
        actor=actor,
        on_behalf_of=on_behalf_of,
    )
    session.flush()
    return ctx


def save_draft_context(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    payload: s.ReportInput,
    *,
    now: datetime,
    if_match: int | None,
    settings: Settings | None = None,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ReportContext:
    """`save_draft`, returning the whole context (the API answers from it without querying again)."""
    settings = settings or _default_settings()
    ctx = _load_context(session, initiative_code, period_label, now=now, settings=settings)
    _authorize_write(principal, ctx, Action.EDIT, now=now, on_behalf_of=on_behalf_of)
    return _write_content(
        session,
        principal,
        ctx,
        payload,
        Action.EDIT,
        now=now,
        settings=settings,
        if_match=if_match,
        if_match_required=True,
        actor=actor,
        on_behalf_of=on_behalf_of,
    )


def save_draft(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    payload: s.ReportInput,
    *,
    now: datetime,
    if_match: int | None,
    settings: Settings | None = None,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ProgressReport:
    """Create the draft (if_match=None) or update it (if_match = the version last read; else 428/412)."""
    ctx = save_draft_context(
        session,
        principal,
        initiative_code,
        period_label,
        payload,
        now=now,
        if_match=if_match,
        settings=settings,
        on_behalf_of=on_behalf_of,
        actor=actor,
    )
    assert ctx.report is not None
    return ctx.report


def report_version(session: Session, initiative_code: str, period_label: str) -> int | None:
    """The current version of a report (None if not written yet); importers pass it as `if_match`."""
    return session.exec(
        select(ProgressReport.version)
        .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
        .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
        .where(Initiative.code == initiative_code, ReportingPeriod.label == period_label)
    ).first()


def _transition(
    session: Session,
    principal: Principal,
    ctx: ReportContext,
    action: Action,
    *,
    now: datetime,
    if_match: int | None,
    values: dict[str, Any],
    reason: str = "",
    actor: str | None = None,
    on_behalf_of: str | None = None,
) -> ReportContext:
    report = ctx.report
    if report is None:
        raise NotFound(f"There is no report for {ctx.initiative.code} in {ctx.period.label} yet.")
    target = next_state(report.state, action, principal.role, period_locked=ctx.period_locked)
    expected = _check_version(report, if_match, required=False)
    before_state = report.state
    _cas(session, report, expected, now, state=target, **values)
    shown = {k: v for k, v in values.items() if k in ("review_comment",)}
    _audit(
        session,
        principal,
        ctx,
        f"report.{action.value}",
        now=now,
        before={"state": before_state},
        after={"state": target, **shown},
        reason=reason,
        actor=actor,
        on_behalf_of=on_behalf_of,
    )
    return ctx


def submit_report_context(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    *,
    now: datetime,
    if_match: int | None = None,
    settings: Settings | None = None,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ReportContext:
    settings = settings or _default_settings()
    ctx = _load_context(session, initiative_code, period_label, now=now, settings=settings)
    _authorize_write(principal, ctx, Action.SUBMIT, now=now, on_behalf_of=on_behalf_of)
    values = {"submitted_at": now, "submitted_by": actor or principal.actor}
    return _transition(
        session,
        principal,
        ctx,
        Action.SUBMIT,
        now=now,
        if_match=if_match,
        values=values,
        actor=actor,
        on_behalf_of=on_behalf_of,
    )


def submit_report(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    *,
    now: datetime,
    if_match: int | None = None,
    settings: Settings | None = None,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ProgressReport:
    """Submit a draft or returned report for review."""
    ctx = submit_report_context(
        session,
        principal,
        initiative_code,
        period_label,
        now=now,
        if_match=if_match,
        settings=settings,
        on_behalf_of=on_behalf_of,
        actor=actor,
    )
    assert ctx.report is not None
    return ctx.report


def _revision(session: Session, ctx: ReportContext, *, now: datetime, reason: str) -> None:
    report = ctx.report
    assert report is not None
    assert report.id is not None
    values = ctx.values if ctx.values is not None else _values_of(session, report)
    codes = ctx.indicator_codes if ctx.indicator_codes is not None else _indicator_codes(session, ctx.initiative)
    content = _snapshot(report, values, codes)
    session.add(
        ReportRevision(
            report_id=report.id,
            version=report.version,
            status=report.status,
            content=json.dumps(content, default=str, sort_keys=True),
            reason=reason,
            at=now,
        )
    )


def review_report(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    action: Action,
    *,
    now: datetime,
    comment: str = "",
    if_match: int | None = None,
    settings: Settings | None = None,
) -> ReportContext:
    """Approve (which locks the report and stores a revision) or return a submitted report with a comment."""
    settings = settings or _default_settings()
    if action not in (Action.APPROVE, Action.RETURN):
        raise ValueError(action)
    if principal.role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat reviews reports.")
    ctx = _load_context(session, initiative_code, period_label, now=now, settings=settings)
    if action is Action.RETURN and not comment.strip():
        raise ValidationFailed(
            "Say what must be corrected: a comment is required.", errors=[{"field": "comment", "message": "required"}]
        )
    values: dict[str, Any] = {"reviewed_at": now, "reviewed_by": principal.actor, "review_comment": comment}
    values["approved_at" if action is Action.APPROVE else "returned_at"] = now
    _transition(session, principal, ctx, action, now=now, if_match=if_match, values=values)
    if action is Action.APPROVE:
        _revision(session, ctx, now=now, reason=comment or "approved")
    session.flush()
    return ctx


def amend_report(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    payload: s.AmendInput,
    *,
    now: datetime,
    if_match: int | None = None,
    settings: Settings | None = None,
) -> ReportContext:
    """The secretariat corrects an approved report or one in a locked period, with a reason (a new revision)."""
    settings = settings or _default_settings()
    if principal.role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat amends approved reports or reports in locked periods.")
    ctx = _load_context(session, initiative_code, period_label, now=now, settings=settings)
    if ctx.report is None:
        raise NotFound(f"There is no report for {ctx.key} to amend.")
    content = s.ReportInput.model_validate(payload.model_dump(exclude={"reason"}))
    _write_content(
        session,
        principal,
        ctx,
        content,
        Action.AMEND,
        now=now,
        settings=settings,
        if_match=if_match,
        if_match_required=False,
        reason=payload.reason,
    )
    _revision(session, ctx, now=now, reason=payload.reason)
    session.flush()
    return ctx


def carry_forward_context(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    *,
    now: datetime,
    settings: Settings | None = None,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ReportContext:
    settings = settings or _default_settings()
    ctx = _load_context(session, initiative_code, period_label, now=now, settings=settings)
    _authorize_write(principal, ctx, Action.NO_CHANGE, now=now, on_behalf_of=on_behalf_of)
    next_state(
        ctx.report.state if ctx.report else None, Action.NO_CHANGE, principal.role, period_locked=ctx.period_locked
    )
    last = session.exec(
        select(ProgressReport, ReportingPeriod.label)
        .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
        .where(
            ProgressReport.initiative_id == ctx.initiative.id,
            ProgressReport.state == ReportState.APPROVED,
            col(ReportingPeriod.starts) < ctx.period.starts,
        )
        .order_by(col(ReportingPeriod.starts).desc())
        .limit(1)
    ).first()
    if last is None:
        raise Conflict(
            f"{ctx.initiative.code} has no approved report before {ctx.period.label} to carry forward; write a report instead."
        )
    source, source_label = last
    source_values = _values_of(session, source)
    codes = _indicator_codes(session, ctx.initiative)
    payload = s.ReportInput(
        **{name: getattr(source, name) for name in CONTENT_FIELDS},
        indicator_values=[
            s.IndicatorValueInput(
                indicator=codes[v.indicator_id], category=v.category, value=v.value, comment=v.comment
            )
            for v in source_values
            if v.indicator_id in codes
        ],
    )
    who = actor or principal.actor
    _write_content(
        session,
        principal,
        ctx,
        payload,
        Action.NO_CHANGE,
        now=now,
        settings=settings,
        if_match=None,
        if_match_required=False,
        extra={"carried_forward": True, "submitted_at": now, "submitted_by": who},
        reason=f"no change since {source_label}",
        actor=actor,
        on_behalf_of=on_behalf_of,
    )
    return ctx


def carry_forward(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    *,
    now: datetime,
    settings: Settings | None = None,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ProgressReport:
    """ "No change this period": copy the last approved report forward as a submitted report."""
    ctx = carry_forward_context(
        session,
        principal,
        initiative_code,
        period_label,
        now=now,
        settings=settings,
        on_behalf_of=on_behalf_of,
        actor=actor,
    )
    assert ctx.report is not None
    return ctx.report


# Reading


def _visible(principal: Principal) -> Any:
    """The rows of progress_report this caller may read: a condition used inside every read query."""
    if principal.role is Role.SECRETARIAT:
        return True
    approved = col(ProgressReport.state) == ReportState.APPROVED
    if principal.role is Role.REPORTER:
        return or_(col(ProgressReport.organisation_id) == principal.organisation_id, approved)
    return approved


def get_report_context(
    session: Session,
    principal: Principal,
    initiative_code: str,
    period_label: str,
    *,
    now: datetime,
    settings: Settings | None = None,
) -> ReportContext:
    """A report as this caller may see it; another organisation's unapproved report is 404, like a missing one."""
    settings = settings or _default_settings()
    row = session.exec(
        select(ProgressReport, Initiative, ReportingPeriod, Organisation.code)
        .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
        .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
        .join(Organisation, col(Organisation.id) == ProgressReport.organisation_id)
        .where(Initiative.code == initiative_code, ReportingPeriod.label == period_label, _visible(principal))
    ).first()
    if row is None:
        raise NotFound(f"No report for {initiative_code} in {period_label} that you can see.")
    report, initiative, period, lead_code = row
    locked = is_period_locked(period.state, period.due, _today(now, settings), settings.period_autolock_days)
    ctx = ReportContext(initiative, period, lead_code, report, locked)
    ctx.values = _values_of(session, report)
    return ctx


def to_public(session: Session, principal: Principal, ctx: ReportContext) -> s.ReportPublic:
    """The API shape of a report, with the actions this caller may take next."""
    report = ctx.report
    assert report is not None
    assert report.id is not None
    codes = ctx.indicator_codes
    if codes is None:
        codes = _indicator_codes(session, ctx.initiative)
    slips = (
        []
        if ctx.no_slips
        else session.exec(
            select(MilestoneSlip, Milestone.title)
            .join(Milestone, col(Milestone.id) == MilestoneSlip.milestone_id)
            .where(MilestoneSlip.report_id == report.id)
            .order_by(col(MilestoneSlip.id))
        ).all()
    )
    if ctx.values is None:
        ctx.values = _values_of(session, report)
    may_write = principal.role is Role.SECRETARIAT or principal.organisation_id == ctx.initiative.lead_id
    actions = allowed_actions(report.state, principal.role, period_locked=ctx.period_locked) if may_write else []
    return s.ReportPublic(
        initiative=ctx.initiative.code,
        period=ctx.period.label,
        organisation=ctx.lead_code,
        state=report.state,
        **{name: getattr(report, name) for name in CONTENT_FIELDS},
        indicator_values=sorted(
            (
                s.IndicatorValuePublic(
                    indicator=codes.get(v.indicator_id, "?"), category=v.category, value=v.value, comment=v.comment
                )
                for v in ctx.values
            ),
            key=lambda v: (v.indicator, v.category),
        ),
        milestones=[
            s.MilestoneUpdatePublic(
                title=title,
                old_due=slip.old_due,
                new_due=slip.new_due,
                days_slipped=slip.days_slipped,
                done_on=slip.done_on,
                reason=slip.reason,
                at=slip.at,
            )
            for slip, title in slips
        ],
        review_comment=report.review_comment,
        carried_forward=report.carried_forward,
        version=report.version,
        period_locked=ctx.period_locked,
        allowed_actions=[a.value for a in actions],
        created_at=report.created_at,
        updated_at=report.updated_at,
        submitted_at=report.submitted_at,
        approved_at=report.approved_at,
        returned_at=report.returned_at,
    )
