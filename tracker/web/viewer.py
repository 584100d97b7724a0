"""What the minister's office sees: the plan's approved progress, read for the overview and initiative pages.

Approved data only, for every role that opens these pages: the status report comes from `reports/` built
without submitted reports, and the initiative's own rows are read through `tracker.progress.views`'s
visibility rule narrowed to approved reports. A draft or a submitted report never reaches these pages.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from markupsafe import Markup, escape
from sqlmodel import Session, col, select

from actionplan.enums import ReportState
from actionplan.models import Initiative, Milestone, ReportingPeriod
from actionplan.progress import IndicatorValue, MilestoneSlip, ProgressReport
from reports.model import StatusReport
from tracker.auth.service import Principal
from tracker.errors import NotFound
from tracker.issued import service as issued
from tracker.plans import schemas as plan_schemas
from tracker.plans.service import get_initiative
from tracker.progress.views import readable_by
from tracker.web.formatting import number

PLAN = "mh-2022-2025"


@dataclass
class StripCell:
    period: str
    status: str | None  # None: no approved report in that period


@dataclass
class Overview:
    """The overview page: the chosen period's status report. Every initiative's status strip is the report's own
    (`report.initiatives[i].strip`, the one the briefing draws), so the page and the briefing cannot disagree."""

    period: str
    periods: list[str]
    report: StatusReport


def approved_only(principal: Principal) -> Any:
    """The progress reports these pages show: what the caller may read, and of that only the approved.

    The query must join Initiative (the read rule looks at the initiative's lead).
    """
    return (col(ProgressReport.state) == ReportState.APPROVED) & readable_by(principal)


def plan_periods(session: Session, plan_slug: str = PLAN) -> list[tuple[str, date, date]]:
    """The plan's periods in order: (label, ends, due) (cached until the data changes; read only)."""
    return issued.plan_periods(session, plan_slug)


def overview(session: Session, principal: Principal, *, lang: str, today: date, period: str | None) -> Overview:
    """The status report of one period, approved reports only (its strips run up to that period)."""
    labels = [label for label, _, _ in plan_periods(session)]
    chosen = period if period in labels else issued.default_period(session, PLAN, today)
    report = issued.status_report(
        session, PLAN, chosen, lang=lang, public=False, include_submitted=False, today=today
    )  # cached until the data changes; read only
    return Overview(period=chosen, periods=labels, report=report)


def overview_main(
    session: Session,
    principal: Principal,
    *,
    lang: str,
    today: date,
    period: str | None,
    render: Callable[[Overview], Markup],
    variant: Hashable,
) -> Markup:
    """The overview page's main part, `render(overview(...))`, kept with the built report it shows.

    Nothing in it is per person, so it is rendered once per plan, period, language, edition (approved only),
    role and day, and `variant` (what else the rendering depends on: the time zone of its dates), and emptied
    by the same writes as the report. A period that is not the plan's is the default period, as on the page.
    """
    labels = [label for label, _, _ in plan_periods(session)]
    key = (
        "overview main",
        PLAN,
        period if period in labels else None,
        lang,
        False,
        False,
        principal.role,
        today,
        variant,
    )
    return issued.cached(
        session, key, lambda: render(overview(session, principal, lang=lang, today=today, period=period))
    )


@dataclass
class ApprovedReport:
    period: str
    status: str
    narrative: str
    explanation: str
    next_steps: str
    risks: str
    spent_dkk: float | None
    approved_at: datetime | None
    carried_forward: bool


@dataclass
class MilestoneLine:
    title: str
    original_due: date | None
    due: date | None
    done_on: date | None
    slips: list[MilestoneSlip] = field(default_factory=list)


@dataclass
class IndicatorSeries:
    code: str
    name: str
    unit: str
    direction: str
    baseline: float | None
    # period -> (approved value of the total, target)
    points: list[tuple[str, float | None, float | None]]
    categories: list[tuple[str, str, float]]  # (period, category, value) of breakdowns
    chart: Markup = field(default_factory=Markup)


@dataclass
class InitiativePage:
    detail: plan_schemas.InitiativeDetail
    reports: list[ApprovedReport]
    milestones: list[MilestoneLine]
    indicators: list[IndicatorSeries]
    strip: list[StripCell]


def initiative_page(session: Session, principal: Principal, code: str, *, lang: str, today: date) -> InitiativePage:
    detail = get_initiative(session, code, today=today)
    initiative = session.exec(select(Initiative).where(Initiative.code == code)).first()
    if initiative is None or initiative.id is None:
        raise NotFound(f"No initiative with code {code!r}.")
    labels = [label for label, _, _ in plan_periods(session)]
    found = session.exec(
        select(ProgressReport, ReportingPeriod.label)
        .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
        .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
        .where(ProgressReport.initiative_id == initiative.id, approved_only(principal))
        .order_by(col(ReportingPeriod.starts))
    ).all()
    approved = [
        ApprovedReport(
            period=label,
            status=str(r.status.value if hasattr(r.status, "value") else r.status),
            narrative=r.narrative,
            explanation=r.explanation,
            next_steps=r.next_steps,
            risks=r.risks,
            spent_dkk=r.spent_dkk,
            approved_at=r.approved_at,
            carried_forward=r.carried_forward,
        )
        for r, label in found
    ]
    report_ids = [r.id for r, _ in found if r.id is not None]
    status_by_period = {a.period: a.status for a in approved}
    strip = [StripCell(label, status_by_period.get(label)) for label in labels]
    return InitiativePage(
        detail=detail,
        reports=approved,
        milestones=_milestones(session, initiative.id, report_ids),
        indicators=_indicators(session, detail, report_ids, [label for _, label in found], lang=lang),
        strip=strip,
    )


def _milestones(session: Session, initiative_id: int, report_ids: list[int]) -> list[MilestoneLine]:
    """Milestones as approved: the slip ledger of approved reports only (a draft's moved date is not shown)."""
    milestones = session.exec(
        select(Milestone).where(Milestone.initiative_id == initiative_id).order_by(col(Milestone.original_due))
    ).all()
    ids = [m.id for m in milestones if m.id is not None]
    slips = session.exec(
        select(MilestoneSlip)
        .where(col(MilestoneSlip.milestone_id).in_(ids))
        .order_by(col(MilestoneSlip.at), col(MilestoneSlip.id))
    ).all()
    approved: dict[int, list[MilestoneSlip]] = defaultdict(list)
    any_slip: set[int] = set()
    for slip in slips:
        any_slip.add(slip.milestone_id)
        if slip.report_id is None or slip.report_id in report_ids:
            approved[slip.milestone_id].append(slip)
    lines = []
    for m in milestones:
        assert m.id is not None
        mine = approved.get(m.id, [])
        if m.id not in any_slip:  # never moved by a report: the plan's own dates
            due, done = m.due, m.done_on
        else:
            due = mine[-1].new_due if mine else m.original_due
            done = next((s.done_on for s in reversed(mine) if s.done_on), None)
        lines.append(MilestoneLine(m.title, m.original_due, due, done, mine))
    return lines


def _indicators(
    session: Session,
    detail: plan_schemas.InitiativeDetail,
    report_ids: list[int],
    report_periods: list[str],
    *,
    lang: str,
) -> list[IndicatorSeries]:
    from actionplan.models import Indicator

    period_of_report = dict(zip(report_ids, report_periods, strict=False))
    values = session.exec(
        select(IndicatorValue, Indicator.code)
        .join(Indicator, col(Indicator.id) == IndicatorValue.indicator_id)
        .where(col(IndicatorValue.report_id).in_(report_ids or [-1]))
    ).all()
    totals: dict[tuple[str, str], float] = {}
    breakdowns: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for value, code in values:
        period = period_of_report.get(value.report_id, "")
        if value.category:
            breakdowns[code].append((period, value.category, value.value))
        else:
            totals[(code, period)] = value.value
    series = []
    for indicator in detail.indicators:
        targets = {t.period: t.value for t in indicator.targets}
        periods = [p for p in report_periods if (indicator.code, p) in totals or p in targets]
        for p in targets:
            if p not in periods:
                periods.append(p)
        periods.sort()
        points = [(p, totals.get((indicator.code, p)), targets.get(p)) for p in periods]
        one = IndicatorSeries(
            code=indicator.code,
            name=indicator.name_da if lang == "da" else indicator.name_en,
            unit=indicator.unit,
            direction=indicator.direction,
            baseline=indicator.baseline,
            points=points,
            categories=sorted(breakdowns.get(indicator.code, [])),
        )
        one.chart = chart_svg(one, lang)
        series.append(one)
    return series


def chart_svg(series: IndicatorSeries, lang: str, width: int = 640, height: int = 240) -> Markup:
    """Bars of the approved values per period with the targets as marks: inline SVG, no script, no colour alone.

    The SVG is an image with a text alternative (role="img", <title> and <desc>); the same numbers follow in a table.
    """
    points = [(p, v, t) for p, v, t in series.points if v is not None or t is not None]
    if not points:
        return Markup("")
    top = max([v for _, v, _ in points if v is not None] + [t for _, _, t in points if t is not None] + [1.0])
    left, right, upper, lower = 56, 16, 16, 40
    plot_w, plot_h = width - left - right, height - upper - lower
    step = plot_w / len(points)
    bar_w = step * 0.55
    title_id = f"chart-{series.code}-title"
    desc_id = f"chart-{series.code}-desc"
    described = ", ".join(
        f"{p}: {number(v, lang)}"
        + (f" ({'mål' if lang == 'da' else 'target'} {number(t, lang)})" if t is not None else "")
        for p, v, t in points
    )
    parts = [
        f'<svg class="app-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(series.name)}</title>',
        f'<desc id="{desc_id}">{escape(described)}</desc>',
        f'<line x1="{left}" y1="{upper + plot_h}" x2="{width - right}" y2="{upper + plot_h}" class="app-chart-axis"/>',
        f'<text x="{left - 6}" y="{upper + 4}" text-anchor="end" class="app-chart-label">{escape(number(top, lang))}</text>',
        f'<text x="{left - 6}" y="{upper + plot_h}" text-anchor="end" class="app-chart-label">0</text>',
    ]
    for i, (period, value, target) in enumerate(points):
        x = left + i * step + (step - bar_w) / 2
        if value is not None:
            h = plot_h * max(value, 0) / top
            parts.append(
                f'<rect x="{x:.1f}" y="{upper + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" class="app-chart-bar"/>'
            )
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{upper + plot_h - h - 4:.1f}" text-anchor="middle" '
                f'class="app-chart-value">{escape(number(value, lang))}</text>'
            )
        if target is not None:
            y = upper + plot_h - plot_h * max(target, 0) / top
            parts.append(
                f'<line x1="{x - 4:.1f}" y1="{y:.1f}" x2="{x + bar_w + 4:.1f}" y2="{y:.1f}" class="app-chart-target"/>'
            )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - lower + 18}" text-anchor="middle" '
            f'class="app-chart-label">{escape(period)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def snapshots_for(principal: Principal, rows: list[Any]) -> list[Any]:
    """Issued status reports this caller may open here: for the minister's office only approved-only editions."""
    from tracker.auth.models import Role

    if principal.role is Role.SECRETARIAT:
        return rows
    return [r for r in rows if not r.include_submitted]
