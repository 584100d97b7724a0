"""Progress reports: drafts, the review workflow, period locks, what is due. Services flush, never commit.

Authorization lives here as well as in the route guards: a reporter writes only reports of initiatives its
organisation leads (403, audited), and reads only its own organisation's unapproved reports (404 otherwise,
because the query itself filters them out). Every write bumps the report's version with a compare-and-swap
`UPDATE ... WHERE id = ? AND version = ?`, so concurrent writers can never overwrite each other.

Imports: a secretariat principal may write any initiative's report; pass `on_behalf_of=<lead organisation
code>` (checked against the initiative's lead) and `actor="import:<batch id>"` so the audit trail says who
really wrote it.

Why one module of ~600 lines: every write here (draft, submission, review, amendment, carry-forward) goes
through the same two private steps, the compare-and-swap content write (`_write_content`) and the audited
state change (`_audit`, `_transition`); splitting the workflow from the drafts would make those steps public
to each half. The rules they apply already live apart: the state machine in `workflow.py`, when a report is
expected in `expected.py`, content and milestones in `content.py`, the per-request context in `context.py`.
A new report without milestone updates (`_create`) writes its rows and its audit event in one step.
"""

import json
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import Initiative, ReportingPeriod
from actionplan.progress import ProgressReport, ReportRevision
from tracker.audit.service import event_row, record
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import Conflict, Forbidden, NotFound, PreconditionFailed, ValidationFailed
from tracker.progress import schemas as s
from tracker.progress.content import (
    ValidatedContent,
    apply_approved_slips,
    apply_milestones,
    validate_content,
    write_values,
)
from tracker.progress.context import (
    CONTENT_FIELDS,
    ReportContext,
    ValueRow,
    authorize_write,
    check_version,
    compare_and_swap,
    diff_fields,
    indicator_codes,
    insert_new_report,
    insert_report,
    load_context,
    new_report_columns,
    plain_report,
    snapshot,
    values_of,
)
from tracker.progress.periods import autolock_periods, lock_period, unlock_period
from tracker.progress.workflow import Action, next_state
from tracker.settings import Settings, local_today

__all__ = [
    "ReportContext",
    "amend_report",
    "autolock_periods",
    "carry_forward",
    "lock_period",
    "report_version",
    "review_report",
    "save_draft",
    "submit_report",
    "unlock_period",
]


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


def _create(
    session: Session,
    principal: Principal,
    ctx: ReportContext,
    content: ValidatedContent,
    target: str,
    fields: dict[str, Any],
    *,
    now: datetime,
    reason: str,
    actor: str | None,
    on_behalf_of: str | None,
) -> ReportContext:
    """A new report without milestone updates (every new draft through the API): the report, its values and its
    `report.create` event written together (`insert_new_report`: one statement on PostgreSQL), as the general
    path below writes them one by one."""
    columns = new_report_columns(ctx, state=target, now=now, **fields)
    values = [ValueRow(key[0], key[1], item.value, item.comment) for key, item in content.values.items()]
    report = plain_report(columns)
    if on_behalf_of:
        reason = f"on behalf of {on_behalf_of}" + (f": {reason}" if reason else "")
    event = event_row(
        actor=actor or principal.actor,
        action="report.create",
        entity="progress_report",
        entity_key=ctx.key,
        at=now,
        organisation_id=principal.organisation_id,
        initiative_id=ctx.initiative.id,
        after=snapshot(report, values, content.codes),
        reason=reason,
    )
    try:
        report_id = insert_new_report(session, columns, values, event)
    except IntegrityError as exc:
        # Someone created it between our read and our insert (PostgreSQL; SQLite serialises writers).
        raise PreconditionFailed("The report was created by someone else in the meantime; fetch it and retry.") from exc
    report.id = report_id
    ctx.report = report
    ctx.values = values
    ctx.indicator_codes = content.codes
    ctx.no_slips = True
    return ctx


def _write_content(
    session: Session,
    principal: Principal,
    ctx: ReportContext,
    payload: s.ReportInput,
    action: Action,
    *,
    now: datetime,
    settings: Settings,
    expected_version: int | None,
    version_required: bool,
    extra: dict[str, Any] | None = None,
    reason: str = "",
    actor: str | None = None,
    on_behalf_of: str | None = None,
) -> ReportContext:
    """Create or update a report's content through the workflow table; shared by edit and amend."""
    report = ctx.report
    target = next_state(report.state if report else None, action, principal.role, period_locked=ctx.period_locked)
    content = validate_content(session, ctx, payload, local_today(now, settings), settings)
    fields = {name: getattr(payload, name) for name in CONTENT_FIELDS} | dict(extra or {})
    if report is None and expected_version is not None:
        raise PreconditionFailed("There is no report yet for this initiative and period; omit If-Match to create it.")
    if report is None and not content.milestones:
        return _create(
            session,
            principal,
            ctx,
            content,
            target,
            fields,
            now=now,
            reason=reason,
            actor=actor,
            on_behalf_of=on_behalf_of,
        )
    if report is None:
        try:
            report = insert_report(session, new_report_columns(ctx, state=target, now=now, **fields))
        except IntegrityError as exc:
            # Someone created it between our read and our insert (PostgreSQL; SQLite serialises writers).
            raise PreconditionFailed(
                "The report was created by someone else in the meantime; fetch it and retry."
            ) from exc
        before: dict[str, Any] = {}
        existing: list[ValueRow] = []
    else:
        expected = check_version(report, expected_version, required=version_required)
        existing = values_of(session, report)
        before = snapshot(report, existing, content.codes)
        compare_and_swap(session, report, expected, now, state=target, **fields)
    ctx.report = report
    ctx.values = write_values(session, report, existing, content.values)
    ctx.indicator_codes = content.codes
    milestone_changes = apply_milestones(session, report, content.milestones, now)
    ctx.no_slips = not before and not milestone_changes
    after = snapshot(report, ctx.values, content.codes)
    old, new = diff_fields(before, after) if before else ({}, after)
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
    expected_version: int | None,
    settings: Settings,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ReportContext:
    """`save_draft`, returning the whole context (the API answers from it without querying again)."""
    ctx = load_context(session, initiative_code, period_label, now=now, settings=settings, plain=True)
    authorize_write(principal, ctx, Action.EDIT, now=now, on_behalf_of=on_behalf_of)
    return _write_content(
        session,
        principal,
        ctx,
        payload,
        Action.EDIT,
        now=now,
        settings=settings,
        expected_version=expected_version,
        version_required=True,
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
    expected_version: int | None,
    settings: Settings,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ProgressReport:
    """Create the draft (expected_version=None) or update it (expected_version = the version last read; else 428/412)."""
    ctx = save_draft_context(
        session,
        principal,
        initiative_code,
        period_label,
        payload,
        now=now,
        expected_version=expected_version,
        settings=settings,
        on_behalf_of=on_behalf_of,
        actor=actor,
    )
    assert ctx.report is not None
    return ctx.report


def report_version(session: Session, initiative_code: str, period_label: str) -> int | None:
    """The current version of a report (None if not written yet); importers pass it as `expected_version`."""
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
    expected_version: int | None,
    values: dict[str, Any],
    reason: str = "",
    actor: str | None = None,
    on_behalf_of: str | None = None,
    extra_after: dict[str, Any] | None = None,
) -> ReportContext:
    report = ctx.report
    if report is None:
        raise NotFound(f"There is no report for {ctx.initiative.code} in {ctx.period.label} yet.")
    target = next_state(report.state, action, principal.role, period_locked=ctx.period_locked)
    expected = check_version(report, expected_version, required=False)
    before_state = report.state
    compare_and_swap(session, report, expected, now, state=target, **values)
    shown = {k: v for k, v in values.items() if k in ("review_comment",)}
    _audit(
        session,
        principal,
        ctx,
        f"report.{action.value}",
        now=now,
        before={"state": before_state},
        after={"state": target, **shown, **(extra_after or {})},
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
    expected_version: int | None = None,
    settings: Settings,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ReportContext:
    ctx = load_context(session, initiative_code, period_label, now=now, settings=settings)
    authorize_write(principal, ctx, Action.SUBMIT, now=now, on_behalf_of=on_behalf_of)
    values = {"submitted_at": now, "submitted_by": actor or principal.actor}
    return _transition(
        session,
        principal,
        ctx,
        Action.SUBMIT,
        now=now,
        expected_version=expected_version,
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
    expected_version: int | None = None,
    settings: Settings,
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
        expected_version=expected_version,
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
    values = ctx.values if ctx.values is not None else values_of(session, report)
    codes = ctx.indicator_codes if ctx.indicator_codes is not None else indicator_codes(session, ctx.initiative)
    content = snapshot(report, values, codes)
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
    expected_version: int | None = None,
    settings: Settings,
) -> ReportContext:
    """Approve (which locks the report and stores a revision) or return a submitted report with a comment."""
    if action not in (Action.APPROVE, Action.RETURN):
        raise ValueError(action)
    if principal.role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat reviews reports.")
    ctx = load_context(session, initiative_code, period_label, now=now, settings=settings)
    if action is Action.RETURN and not comment.strip():
        raise ValidationFailed(
            "Say what must be corrected: a comment is required.", errors=[{"field": "comment", "message": "required"}]
        )
    values: dict[str, Any] = {"reviewed_at": now, "reviewed_by": principal.actor, "review_comment": comment}
    values["approved_at" if action is Action.APPROVE else "returned_at"] = now
    moved: list[dict[str, Any]] = []
    if action is Action.APPROVE and ctx.report is not None and ctx.report.state == ReportState.SUBMITTED:
        # A draft changes nothing public: the report's milestone moves take effect on approval (and are in
        # the approval's audit event).
        moved = apply_approved_slips(session, ctx.report)
    _transition(
        session,
        principal,
        ctx,
        action,
        now=now,
        expected_version=expected_version,
        values=values,
        extra_after={"milestones": moved} if moved else None,
    )
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
    expected_version: int | None = None,
    settings: Settings,
) -> ReportContext:
    """The secretariat corrects an approved report or one in a locked period, with a reason (a new revision)."""
    if principal.role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat amends approved reports or reports in locked periods.")
    ctx = load_context(session, initiative_code, period_label, now=now, settings=settings)
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
        expected_version=expected_version,
        version_required=False,
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
    settings: Settings,
    on_behalf_of: str | None = None,
    actor: str | None = None,
) -> ReportContext:
    ctx = load_context(session, initiative_code, period_label, now=now, settings=settings)
    authorize_write(principal, ctx, Action.NO_CHANGE, now=now, on_behalf_of=on_behalf_of)
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
    source_values = values_of(session, source)
    codes = indicator_codes(session, ctx.initiative)
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
        expected_version=None,
        version_required=False,
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
    settings: Settings,
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
