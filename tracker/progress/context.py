"""What every progress-report operation starts from: the initiative, the period, the report, and who may write.

Also the compare-and-swap every write goes through, the plain-data snapshot used by the audit trail, and the
statements of a new report (`insert_new_report`).

Why one module of ~410 lines: the context query, the report's plain-data form and the statements that write a
new report share the report's column list and its table; the new report's statements (one per database
family, built once) are the hot path of every submission and sit beside the query that precedes them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, cast

from pydantic_core import PydanticUndefined
from sqlalchemy import Select, and_, bindparam, insert, union_all, update
from sqlalchemy import select as select_columns
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from actionplan.models import Indicator, Initiative, Organisation, ReportingPeriod
from actionplan.progress import IndicatorValue, ProgressReport
from tracker.audit.denials import attach_denial
from tracker.audit.models import AuditEvent
from tracker.auth.access import may_write_report
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.db import DriverStatement
from tracker.errors import Forbidden, NotFound, PreconditionFailed, PreconditionRequired, ValidationFailed
from tracker.progress.workflow import Action, is_period_locked
from tracker.settings import Settings, local_today

CONTENT_FIELDS = (
    "status",
    "narrative",
    "next_steps",
    "risks",
    "explanation",
    "spent_dkk",
    "forecast_status",
    "forecast_note",
    "confidence",
)
# The forecast is given through the API and the pages; a progress template carries the rest of the content
# (an import keeps a report's forecast as it is).
FORECAST_FIELDS = ("forecast_status", "forecast_note")
TEMPLATE_FIELDS = tuple(name for name in CONTENT_FIELDS if name not in FORECAST_FIELDS)


@dataclass(frozen=True)
class InitiativeRef:
    id: int
    code: str
    plan_id: int
    lead_id: int


@dataclass(frozen=True)
class PeriodRef:
    id: int
    label: str
    state: str
    due: date
    starts: date


INITIATIVE_COLUMNS: tuple[Any, ...] = (Initiative.id, Initiative.code, Initiative.plan_id, Initiative.lead_id)
PERIOD_COLUMNS: tuple[Any, ...] = (
    ReportingPeriod.id,
    ReportingPeriod.label,
    ReportingPeriod.state,
    ReportingPeriod.due,
    ReportingPeriod.starts,
)


class ValueRow(NamedTuple):
    """An indicator value of a report, as plain data."""

    indicator_id: int
    category: str
    value: float
    comment: str


@dataclass
class ReportContext:
    """An initiative, a period of its plan, the lead organisation and the report (if written yet)."""

    initiative: InitiativeRef
    period: PeriodRef
    lead_code: str
    report: ProgressReport | None
    period_locked: bool
    # Loaded or written along the way (None: not loaded yet), so the response needs no second query.
    values: list[ValueRow] | None = None
    indicator_codes: dict[int, str] | None = None
    no_slips: bool = False

    @property
    def key(self) -> str:
        return f"{self.initiative.code}/{self.period.label}"


_REPORTS = ProgressReport.__table__  # type: ignore[attr-defined]
REPORT_COLUMNS = tuple(c.name for c in _REPORTS.columns if c.name != "id")
# A new report's columns as the model's defaults leave them (the creation and update times are always given).
NEW_REPORT: dict[str, Any] = {
    name: info.default
    for name, info in ProgressReport.model_fields.items()
    if name in REPORT_COLUMNS and info.default_factory is None and info.default is not PydanticUndefined
}
_INSERT_REPORT = insert(_REPORTS).returning(_REPORTS.c.id)


class PlainReport:
    """A report's columns as plain attributes, outside the ORM's identity map (what a write path reads back:
    the workflow's checks, the audit snapshot, the API's answer). Building an ORM object cost 0.4 ms."""

    def __init__(self, columns: dict[str, Any]) -> None:
        self.__dict__.update(columns)


def plain_report(columns: dict[str, Any]) -> ProgressReport:
    return cast(ProgressReport, PlainReport(columns))


def new_report_columns(ctx: ReportContext, *, state: str, now: datetime, **fields: Any) -> dict[str, Any]:
    """Every column of a new report of `ctx`'s initiative and period, led by its lead organisation, created now:
    the model's defaults, then `fields` (the report's content)."""
    columns = {
        **NEW_REPORT,
        "initiative_id": ctx.initiative.id,
        "period_id": ctx.period.id,
        "organisation_id": ctx.initiative.lead_id,
        "state": state,
        "created_at": now,
        "updated_at": now,
        **fields,
    }
    return {name: columns[name] for name in REPORT_COLUMNS}


def insert_report(session: Session, columns: dict[str, Any]) -> ProgressReport:
    """INSERT ... RETURNING id of a new report (`new_report_columns`; one statement, no unit of work); the report
    as plain data."""
    # On the session's connection: a Core statement of a table needs none of the ORM's execution steps (nor
    # did it autoflush through `session.execute`).
    report_id = session.connection().execute(_INSERT_REPORT, columns).scalar_one()
    return plain_report({"id": report_id, **columns})


_VALUE_TABLE = IndicatorValue.__table__  # type: ignore[attr-defined]
_EVENT_TABLE = AuditEvent.__table__  # type: ignore[attr-defined]
_INSERT_VALUES = insert(_VALUE_TABLE)
_INSERT_EVENT = insert(_EVENT_TABLE)
_VALUE_COLUMNS = ("indicator_id", "category", "value", "comment")
_EVENT_COLUMNS = tuple(c.name for c in _EVENT_TABLE.columns if c.name != "id")
_one_statement: dict[int, Select[Any]] = {}
_INSERT_REPORT_DRIVER = DriverStatement(
    insert(_REPORTS).returning(_REPORTS.c.id).values({name: bindparam(name) for name in REPORT_COLUMNS})
)
_INSERT_VALUE_DRIVER = DriverStatement(
    insert(_VALUE_TABLE).values({name: bindparam(name) for name in ("report_id", *_VALUE_COLUMNS)})
)
_INSERT_EVENT_DRIVER = DriverStatement(insert(_EVENT_TABLE).values({name: bindparam(name) for name in _EVENT_COLUMNS}))


def _new_report_statement(values: int) -> Select[Any]:
    """PostgreSQL: the report, its `values` indicator values and the audit event in one statement (data-modifying
    CTEs), built once per number of values; the statement answers the report's id."""
    statement = _one_statement.get(values)
    if statement is None:
        report = (
            insert(_REPORTS)
            .values({name: bindparam(f"r_{name}") for name in REPORT_COLUMNS})
            .returning(_REPORTS.c.id)
            .cte("new_report")
        )
        event = insert(_EVENT_TABLE).values({name: bindparam(f"e_{name}") for name in _EVENT_COLUMNS}).cte("new_event")
        statement = select_columns(report.c.id).add_cte(event)
        if values:
            rows = [
                select_columns(
                    report.c.id,
                    *(bindparam(f"v{n}_{name}", type_=_VALUE_TABLE.c[name].type) for name in _VALUE_COLUMNS),
                )
                for n in range(values)
            ]
            source = rows[0] if values == 1 else union_all(*rows)
            statement = statement.add_cte(
                insert(_VALUE_TABLE).from_select(["report_id", *_VALUE_COLUMNS], source).cte("new_values")
            )
        if len(_one_statement) < 64:
            _one_statement[values] = statement
    return statement


def insert_new_report(
    session: Session, columns: dict[str, Any], values: Sequence["ValueRow"], event: dict[str, Any]
) -> int:
    """Write a new report (`new_report_columns`), its indicator values and its audit event (`event_row`); the
    report's id. PostgreSQL: one statement, one round trip. Others: INSERT ... RETURNING of the report, then the
    values, then the event, each a Core statement on the session's connection.

    An IntegrityError from the report's INSERT (its initiative and period have a report already) propagates
    before anything else is written.
    """
    if session.new or session.dirty or session.deleted:
        session.flush()
    connection = session.connection()
    if connection.dialect.name == "postgresql" and len(values) <= 32:
        params = {f"r_{name}": value for name, value in columns.items()}
        params.update((f"e_{name}", event[name]) for name in _EVENT_COLUMNS)
        for n, row in enumerate(values):
            params.update((f"v{n}_{name}", getattr(row, name)) for name in _VALUE_COLUMNS)
        report_id: int = connection.execute(_new_report_statement(len(values)), params).scalar_one()
        return report_id
    if connection.dialect.name == "sqlite":
        # SQLite: three statements (no data-modifying CTEs), each on the driver's cursor (`DriverStatement`).
        report_id = _INSERT_REPORT_DRIVER.execute(connection, columns)[0][0]
        for row in values:
            _INSERT_VALUE_DRIVER.execute(connection, {"report_id": report_id, **row._asdict()})
        _INSERT_EVENT_DRIVER.execute(connection, event)
        return int(report_id)
    report_id = connection.execute(_INSERT_REPORT, columns).scalar_one()
    if values:
        connection.execute(_INSERT_VALUES, [{"report_id": report_id, **row._asdict()} for row in values])
    connection.execute(_INSERT_EVENT, event)
    return report_id


def context_from_row(
    row: Sequence[Any], report: ProgressReport | None, *, now: datetime, settings: Settings
) -> ReportContext:
    """A context from a row of `INITIATIVE_COLUMNS` + `PERIOD_COLUMNS` columns and the lead's code."""
    initiative = InitiativeRef(*row[0:4])
    period = PeriodRef(*row[4:9])
    locked = is_period_locked(period.state, period.due, local_today(now, settings), settings.period_autolock_days)
    return ReportContext(initiative, period, row[9], report, locked)


# Built once: constructing the statement on every request cost more than running it.
_CONTEXT_QUERY = (
    select_columns(*INITIATIVE_COLUMNS, *PERIOD_COLUMNS, col(Organisation.code), ProgressReport)
    .join(
        ReportingPeriod,
        and_(col(ReportingPeriod.plan_id) == Initiative.plan_id, col(ReportingPeriod.label) == bindparam("label")),
    )
    .join(Organisation, col(Organisation.id) == Initiative.lead_id)
    .outerjoin(
        ProgressReport,
        and_(col(ProgressReport.initiative_id) == Initiative.id, col(ProgressReport.period_id) == ReportingPeriod.id),
    )
    .where(col(Initiative.code) == bindparam("code"))
)


# The same with the report's columns as plain data (no ORM entity, no identity map): the save path.
_PLAIN_CONTEXT_QUERY = (
    select_columns(*INITIATIVE_COLUMNS, *PERIOD_COLUMNS, col(Organisation.code), *_REPORTS.c)
    .select_from(Initiative)
    .join(
        ReportingPeriod,
        and_(col(ReportingPeriod.plan_id) == Initiative.plan_id, col(ReportingPeriod.label) == bindparam("label")),
    )
    .join(Organisation, col(Organisation.id) == Initiative.lead_id)
    .outerjoin(
        _REPORTS,
        and_(_REPORTS.c.initiative_id == Initiative.id, _REPORTS.c.period_id == ReportingPeriod.id),
    )
    .where(col(Initiative.code) == bindparam("code"))
)
_REPORT_NAMES = tuple(c.name for c in _REPORTS.c)
_PLAIN_CONTEXT_DRIVER = DriverStatement(_PLAIN_CONTEXT_QUERY)


def load_context(
    session: Session,
    initiative_code: str,
    period_label: str,
    *,
    now: datetime,
    settings: Settings,
    plain: bool = False,
) -> ReportContext:
    """One query for the initiative, the period, the lead's code and the report.

    `plain`: the report as plain data (`PlainReport`), read without the ORM, for a path that only reads it
    and writes through `compare_and_swap` (saving a draft).
    """
    params = {"code": initiative_code, "label": period_label}
    row: Any
    if plain:
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            rows = _PLAIN_CONTEXT_DRIVER.execute(connection, params)
            row = rows[0] if rows else None
        else:
            row = connection.execute(_PLAIN_CONTEXT_QUERY, params).first()
    else:
        row = session.execute(_CONTEXT_QUERY, params).first()
    if row is None:
        if session.exec(select(Initiative.id).where(Initiative.code == initiative_code)).first() is None:
            raise NotFound(f"No initiative with code {initiative_code!r}.")
        raise NotFound(f"No reporting period {period_label!r} in the plan of {initiative_code}.")
    if not plain:
        return context_from_row(row, row[10], now=now, settings=settings)
    columns = dict(zip(_REPORT_NAMES, row[10:], strict=True))
    report = plain_report(columns) if columns["id"] is not None else None
    return context_from_row(row, report, now=now, settings=settings)


def authorize_write(
    principal: Principal, ctx: ReportContext, action: Action, *, now: datetime, on_behalf_of: str | None
) -> None:
    """Deny by default (`tracker.auth.access`): the lead organisation's reporters and the secretariat write."""
    if on_behalf_of is not None:
        if principal.role is not Role.SECRETARIAT:
            raise Forbidden("Only the secretariat may write a report on behalf of an organisation.")
        if on_behalf_of != ctx.lead_code:
            raise ValidationFailed(
                f"{on_behalf_of} does not lead {ctx.initiative.code}; its lead is {ctx.lead_code}.",
                errors=[{"field": "organisation", "message": f"expected {ctx.lead_code}"}],
            )
    state = ctx.report.state if ctx.report is not None else None
    if may_write_report(principal.role, principal.organisation_id, ctx.initiative.lead_id, state):
        return
    detail = (
        f"{principal.organisation_code} does not lead {ctx.initiative.code}; only its lead organisation "
        f"({ctx.lead_code}) and the secretariat may write its reports."
        if principal.role is Role.REPORTER
        else f"The role {principal.role.value!r} may not write progress reports."
    )
    # The refusal is audited by the one mechanism for every refused request (tracker.audit.denials); the
    # context says which report it was about.
    raise attach_denial(
        Forbidden(detail),
        entity="progress_report",
        entity_key=ctx.key,
        initiative_id=ctx.initiative.id,
        attempted=action.value,
    )


def indicator_codes(session: Session, initiative: InitiativeRef) -> dict[int, str]:
    rows = session.exec(select(Indicator.id, Indicator.code).where(Indicator.initiative_id == initiative.id)).all()
    return {indicator_id: code for indicator_id, code in rows if indicator_id is not None}


_VALUES = (
    select_columns(
        col(IndicatorValue.indicator_id),
        col(IndicatorValue.category),
        col(IndicatorValue.value),
        col(IndicatorValue.comment),
    )
    .where(col(IndicatorValue.report_id) == bindparam("report_id"))
    .order_by(col(IndicatorValue.indicator_id), col(IndicatorValue.category))
)


def values_of(session: Session, report: ProgressReport | None) -> list[ValueRow]:
    if report is None or report.id is None:
        return []
    return [ValueRow(*row) for row in session.execute(_VALUES, {"report_id": report.id})]


def snapshot(report: ProgressReport | None, values: Sequence[ValueRow], codes: dict[int, str]) -> dict[str, Any]:
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


def diff_fields(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in after if before.get(k) != after.get(k)] + [k for k in before if k not in after]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def compare_and_swap(session: Session, report: ProgressReport, expected: int, now: datetime, **values: Any) -> None:
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
        if isinstance(report, PlainReport):
            setattr(report, name, value)
        else:
            set_committed_value(report, name, value)


def check_version(report: ProgressReport, expected_version: int | None, *, required: bool) -> int:
    if expected_version is None:
        if required:
            raise PreconditionRequired(
                "This report exists already: send If-Match with the ETag from your last GET or PUT, so that "
                "nobody's changes are overwritten."
            )
        return report.version
    if expected_version != report.version:
        raise PreconditionFailed(
            f"The report has changed since you read it (your version {expected_version}, now {report.version}); "
            "fetch it again and retry with its new ETag."
        )
    return expected_version
