"""Writing a validated progress template in one transaction with one bulk statement per table and step.

The rules are the workflow's own (`tracker.progress`): the same state table (`next_state`), the same write
permission (`authorize_write`), the same version checks and messages (`check_version`, compare-and-swap on
`version`), the same audit events (create/update, then submit, report by report) and the same stored rows as
`save_draft` followed by `submit_report` for each report; only the round trips are fewer. What the file was
checked against is read again inside the write transaction, so a report created, changed or locked by
someone else since the file was validated fails its row, and the whole file is rejected.

One module of about 400 lines on purpose: the re-check, the content write and the submit are three steps of one
transaction over the same `Item`s and contexts; split apart they would only pass those back and forth.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Text, and_, bindparam, delete, func, insert, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from actionplan.models import ReportingPeriod
from actionplan.progress import IndicatorValue, ProgressReport
from tracker.audit.service import EventFields, record_many
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.db import DriverStatement
from tracker.errors import NotFound, PreconditionFailed, TrackerError
from tracker.progress.context import (
    REPORT_COLUMNS,
    InitiativeRef,
    PeriodRef,
    ReportContext,
    ValueRow,
    authorize_write,
    check_version,
    diff_fields,
    new_report_columns,
    plain_report,
    snapshot,
)
from tracker.progress.workflow import Action, is_period_locked, next_state
from tracker.settings import Settings, local_today

_REPORTS = ProgressReport.__table__  # type: ignore[attr-defined]
_VALUES = IndicatorValue.__table__  # type: ignore[attr-defined]
_VALUE_KEY = and_(
    _VALUES.c.report_id == bindparam("_report_id"),
    _VALUES.c.indicator_id == bindparam("_indicator_id"),
    _VALUES.c.category == bindparam("_category"),
)
_UPDATE_VALUE = update(_VALUES).where(_VALUE_KEY).values(value=bindparam("value"), comment=bindparam("comment"))
_DELETE_VALUE = delete(_VALUES).where(_VALUE_KEY)
_VALUE_NAMES = ("report_id", "indicator_id", "category", "value", "comment")
# A row of `_VALUE_NAMES`.
NewValue = tuple[int, int, str, float, str]
_INSERT_VALUES = insert(_VALUES).values({name: bindparam(name) for name in _VALUE_NAMES})
# PostgreSQL: every new value in one statement, a column each as an array (the texts as text[]: a cast to
# varchar(n) would cut an over-long text where the column's own assignment refuses it, as before).
_INSERT_VALUES_UNNEST = insert(_VALUES).from_select(
    list(_VALUE_NAMES),
    sa_select(
        *(
            func.unnest(
                bindparam(name, type_=ARRAY(Text() if name in ("category", "comment") else _VALUES.c[name].type))
            )
            for name in _VALUE_NAMES
        )
    ),
)
_INSERT_VALUES_DRIVER = DriverStatement(_INSERT_VALUES)
_new_row = tuple.__new__


@dataclass
class Item:
    """One report the file writes, as planned: where it is in the file and what to write."""

    initiative: InitiativeRef
    period_label: str
    lead_code: str
    # The version the file was validated against (None: there was no report yet).
    version: int | None
    fields: dict[str, Any] | None  # CONTENT_FIELDS from the validated payload; None: content unchanged
    values: dict[tuple[int, str], tuple[float, str]]  # {(indicator id, category): (value, comment)}, file order
    codes: dict[int, str]  # indicator id -> code (for the audit snapshot)
    submit: bool
    fail: Callable[[TrackerError], Exception]  # the row's error, raised to reject the file
    # Filled in while writing.
    report: ProgressReport | None = None
    existing: list[ValueRow] = field(default_factory=list)
    before: dict[str, Any] = field(default_factory=dict)


def _changed_rows(rowcount: int | None, expected: int, dialect_sane: bool) -> bool | None:
    if not dialect_sane or rowcount is None or rowcount < 0:
        return None
    return rowcount == expected


def write_reports(
    session: Session,
    principal: Principal,
    items: Sequence[Item],
    *,
    now: datetime,
    settings: Settings,
    actor: str | None,
    tick: Callable[[str, int, int], None],
) -> None:
    """Write every planned report (flushes, never commits); raises the failing row's error to reject all."""
    if not items:
        return
    total = len(items)
    tick("write", 0, total)
    today = local_today(now, settings)
    secretariat = principal.role is Role.SECRETARIAT
    who = actor or principal.actor
    # What the file was checked against, read again inside this transaction.
    period_ids = {(item.initiative.plan_id, item.period_label) for item in items}
    periods = {
        (plan_id, label): PeriodRef(pid, label, state, due, starts)
        for pid, plan_id, label, state, due, starts in session.execute(
            sa_select(
                col(ReportingPeriod.id),
                col(ReportingPeriod.plan_id),
                col(ReportingPeriod.label),
                col(ReportingPeriod.state),
                col(ReportingPeriod.due),
                col(ReportingPeriod.starts),
            ).where(col(ReportingPeriod.plan_id).in_({p for p, _ in period_ids}))
        )
    }
    initiative_ids = sorted({item.initiative.id for item in items})
    stored: dict[tuple[int, int], ProgressReport] = {}
    for chunk in _chunks(initiative_ids):
        for row in session.execute(sa_select(_REPORTS).where(_REPORTS.c.initiative_id.in_(chunk))).mappings():
            stored[(row["initiative_id"], row["period_id"])] = plain_report(dict(row))
    contexts: list[ReportContext] = []
    for item in items:
        period = periods.get((item.initiative.plan_id, item.period_label))
        if period is None:
            raise item.fail(PreconditionFailed(f"The reporting period {item.period_label} no longer exists."))
        locked = is_period_locked(period.state, period.due, today, settings.period_autolock_days)
        report = stored.get((item.initiative.id, period.id))
        ctx = ReportContext(item.initiative, period, item.lead_code, report, locked)
        contexts.append(ctx)
        try:
            on_behalf_of = item.lead_code if secretariat else None
            if item.fields is not None:
                authorize_write(principal, ctx, Action.EDIT, now=now, on_behalf_of=on_behalf_of)
                next_state(report.state if report else None, Action.EDIT, principal.role, period_locked=locked)
                if report is None:
                    if item.version is not None:
                        raise PreconditionFailed(
                            "There is no report yet for this initiative and period; omit If-Match to create it."
                        )
                else:
                    check_version(report, item.version, required=True)
            elif report is None:
                raise NotFound(f"There is no report for {item.initiative.code} in {period.label} yet.")
            else:
                check_version(report, item.version, required=False)
        except TrackerError as exc:
            raise item.fail(exc) from exc
        item.report = report
    dialect = session.get_bind().dialect
    sane = bool(dialect.supports_sane_multi_rowcount)
    content_events = _write_content(session, principal, items, contexts, now=now, who=who, sane=sane)
    tick("write", total // 2, total)
    events = _submit(session, principal, items, contexts, content_events, now=now, who=who, sane=sane)
    record_many(session, events)
    tick("write", total, total)


def _chunks(ids: list[int], size: int = 5000) -> list[list[int]]:
    return [ids[n : n + size] for n in range(0, len(ids), size)] or [[]]


def _event(
    principal: Principal,
    ctx: ReportContext,
    item: Item,
    action: str,
    *,
    now: datetime,
    who: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> EventFields:
    reason = f"on behalf of {item.lead_code}" if principal.role is Role.SECRETARIAT else ""
    return {
        "actor": who,
        "action": action,
        "entity": "progress_report",
        "entity_key": ctx.key,
        "at": now,
        "organisation_id": principal.organisation_id,
        "initiative_id": ctx.initiative.id,
        "before": before,
        "after": after,
        "reason": reason,
    }


def _write_content(
    session: Session,
    principal: Principal,
    items: Sequence[Item],
    contexts: list[ReportContext],
    *,
    now: datetime,
    who: str,
    sane: bool,
) -> list[EventFields]:
    """`save_draft` for every item whose content changed: inserts, compare-and-swap updates, values; its audit
    events (one per item written, in order)."""
    events: list[EventFields] = []
    writes = [(item, ctx) for item, ctx in zip(items, contexts, strict=True) if item.fields is not None]
    new = [(item, ctx) for item, ctx in writes if ctx.report is None]
    old = [(item, ctx) for item, ctx in writes if ctx.report is not None]
    # New reports: one INSERT ... RETURNING for all of them (in parameter order).
    if new:
        rows: list[dict[str, Any]] = []
        for item, ctx in new:
            assert item.fields is not None
            target = next_state(None, Action.EDIT, principal.role, period_locked=ctx.period_locked)
            created = plain_report(new_report_columns(ctx, state=target, now=now, **item.fields))
            ctx.report = item.report = created
            rows.append({name: getattr(created, name) for name in REPORT_COLUMNS})
        try:
            ids = session.execute(
                insert(_REPORTS).returning(_REPORTS.c.id, sort_by_parameter_order=True), rows
            ).scalars()
            for (item, _ctx), report_id in zip(new, list(ids), strict=True):
                assert item.report is not None
                item.report.id = report_id
        except IntegrityError as exc:
            # Someone created one of them between the read above and this insert (PostgreSQL).
            raise new[0][0].fail(
                PreconditionFailed("The report was created by someone else in the meantime; fetch it and retry.")
            ) from exc
    # Changed reports: their current values, then one compare-and-swap UPDATE for all of them.
    if old:
        report_ids = [ctx.report.id for _, ctx in old if ctx.report is not None]
        current: dict[int, list[ValueRow]] = {}
        for chunk in _chunks([i for i in report_ids if i is not None]):
            # Fetched at once on the session's connection, not row by row through the session (51,000 fetchone calls).
            for report_id, *value in (
                session.connection()
                .execute(
                    sa_select(
                        _VALUES.c.report_id,
                        _VALUES.c.indicator_id,
                        _VALUES.c.category,
                        _VALUES.c.value,
                        _VALUES.c.comment,
                    )
                    .where(_VALUES.c.report_id.in_(chunk))
                    .order_by(_VALUES.c.report_id, _VALUES.c.indicator_id, _VALUES.c.category)
                )
                .all()
            ):
                current.setdefault(report_id, []).append(_new_row(ValueRow, value))
        params: list[dict[str, Any]] = []
        for item, ctx in old:
            stored = ctx.report
            assert stored is not None
            assert stored.id is not None
            assert item.fields is not None
            item.existing = current.get(stored.id, [])
            item.before = snapshot(stored, item.existing, item.codes)
            target = next_state(stored.state, Action.EDIT, principal.role, period_locked=ctx.period_locked)
            values = {**item.fields, "state": target, "version": stored.version + 1, "updated_at": now}
            params.append({"_id": stored.id, "_expected": stored.version, **values})
            for name, value in values.items():
                setattr(stored, name, value)
            item.report = stored
        _compare_and_swap(session, old, params, sane)
    # Values: inserted, updated and deleted in one statement each.
    inserts: list[NewValue] = []
    updates: list[dict[str, Any]] = []
    deletes: list[dict[str, Any]] = []
    for item, ctx in writes:
        report = ctx.report
        assert report is not None
        assert report.id is not None
        report_id = report.id
        have = {(v.indicator_id, v.category): v for v in item.existing}
        # ValueRow's own __new__ is a Python function; tuple.__new__ is what its _make calls (50,000 rows).
        written = [_new_row(ValueRow, (*key, *value)) for key, value in item.values.items()]
        if not have:  # a new report (or one without values): every value is new
            inserts.extend([(report_id, *row) for row in written])
        else:
            for row in written:
                key = (row.indicator_id, row.category)
                if key not in have:
                    inserts.append((report_id, *row))
                elif have[key] != row:
                    updates.append(
                        {
                            "_report_id": report_id,
                            "_indicator_id": key[0],
                            "_category": key[1],
                            "value": row.value,
                            "comment": row.comment,
                        }
                    )
        for key in have:
            if key not in item.values:
                deletes.append({"_report_id": report.id, "_indicator_id": key[0], "_category": key[1]})
        ctx.values = written
        ctx.indicator_codes = item.codes
        before = item.before
        after = snapshot(report, written, item.codes)
        old_fields, new_fields = diff_fields(before, after) if before else ({}, after)
        name = "report.create" if not before else "report.update"
        events.append(_event(principal, ctx, item, name, now=now, who=who, before=old_fields or None, after=new_fields))
    if inserts:
        _insert_values(session.connection(), inserts)
    if updates:
        session.execute(_UPDATE_VALUE, updates)
    if deletes:
        session.execute(_DELETE_VALUE, deletes)
    return events


def _insert_values(connection: Connection, rows: list[NewValue]) -> None:
    """INSERT the new values: through SQLAlchemy's executemany each row's parameters were built and processed
    one by one (and sent as one statement each by psycopg); here PostgreSQL gets one statement with a column
    each as an array, SQLite the driver's executemany of the compiled statement (the engine's listeners and
    error handling as for any statement: `exec_driver_sql`)."""
    dialect = connection.dialect
    if dialect.name == "postgresql":
        connection.execute(
            _INSERT_VALUES_UNNEST, dict(zip(_VALUE_NAMES, map(list, zip(*rows, strict=True)), strict=True))
        )
        return
    if dialect.name != "sqlite":
        connection.execute(insert(_VALUES), [dict(zip(_VALUE_NAMES, row, strict=True)) for row in rows])
        return
    _INSERT_VALUES_DRIVER.execute_many(connection, _VALUE_NAMES, rows)


def _compare_and_swap(
    session: Session, pairs: list[tuple[Item, ReportContext]], params: list[dict[str, Any]], sane: bool
) -> None:
    """UPDATE ... WHERE id = ? AND version = ? for every row; a row that matched nothing fails its item."""
    if not params:
        return
    names = [n for n in params[0] if not n.startswith("_")]
    statement = (
        update(_REPORTS)
        .where(_REPORTS.c.id == bindparam("_id"), _REPORTS.c.version == bindparam("_expected"))
        .values({name: bindparam(name) for name in names})
    )
    if all(list(p) == list(params[0]) for p in params):
        result = session.execute(statement, params)
        ok = _changed_rows(result.rowcount, len(params), sane)  # type: ignore[attr-defined]
        if ok is True:
            return
        if ok is False:
            # Find the row that did not match (its version moved): the first whose version is not ours now.
            changed = dict(
                session.execute(
                    sa_select(_REPORTS.c.id, _REPORTS.c.version).where(_REPORTS.c.id.in_([p["_id"] for p in params]))
                ).all()
            )
            for (item, _ctx), p in zip(pairs, params, strict=True):
                if changed.get(p["_id"]) != p["version"]:
                    raise item.fail(_moved())
            raise pairs[0][0].fail(_moved())
        return
    for (item, _ctx), p in zip(pairs, params, strict=True):
        one = (
            update(_REPORTS)
            .where(_REPORTS.c.id == p["_id"], _REPORTS.c.version == p["_expected"])
            .values({k: v for k, v in p.items() if not k.startswith("_")})
        )
        if session.execute(one).rowcount != 1:  # type: ignore[attr-defined]
            raise item.fail(_moved())


def _moved() -> PreconditionFailed:
    return PreconditionFailed(
        "The report was changed by someone else in the meantime; fetch it again and retry with its new ETag.",
    )


def _submit(
    session: Session,
    principal: Principal,
    items: Sequence[Item],
    contexts: list[ReportContext],
    content_events: list[EventFields],
    *,
    now: datetime,
    who: str,
    sane: bool,
) -> list[EventFields]:
    """`submit_report` for every item that submits: one compare-and-swap UPDATE, one event each; all the audit
    events in the old order (each report's content event from `content_events`, then its submit event)."""
    pairs: list[tuple[Item, ReportContext]] = []
    params: list[dict[str, Any]] = []
    written = iter(content_events)
    ordered: list[EventFields] = []
    for item, ctx in zip(items, contexts, strict=True):
        if item.fields is not None:
            ordered.append(next(written))
        if not item.submit:
            continue
        report = ctx.report
        assert report is not None
        assert report.id is not None
        try:
            on_behalf_of = item.lead_code if principal.role is Role.SECRETARIAT else None
            authorize_write(principal, ctx, Action.SUBMIT, now=now, on_behalf_of=on_behalf_of)
            target = next_state(report.state, Action.SUBMIT, principal.role, period_locked=ctx.period_locked)
        except TrackerError as exc:
            raise item.fail(exc) from exc
        expected = report.version
        before_state = report.state
        values = {"state": target, "submitted_at": now, "submitted_by": who, "version": expected + 1, "updated_at": now}
        params.append({"_id": report.id, "_expected": expected, **values})
        pairs.append((item, ctx))
        for name, value in values.items():
            setattr(report, name, value)
        ordered.append(
            _event(
                principal,
                ctx,
                item,
                "report.submit",
                now=now,
                who=who,
                before={"state": before_state},
                after={"state": target},
            )
        )
    _compare_and_swap(session, pairs, params, sane)
    return ordered
