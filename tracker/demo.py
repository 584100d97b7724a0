"""Sample progress for `tracker serve --demo` and `tracker demo load`: clearly labelled, never real.

Four past half-years (2024-H1 .. 2025-H2) of the built-in plan: approved progress reports whose statuses
change between periods, indicator values (with a few small counts, to show public-mode suppression),
delays with explanations, a milestone that slipped twice, spending, forecasts, a value revised after
approval, a late submission, a missing report, and one returned and one draft report that must never reach
the minister's version. Every narrative starts with "[EKSEMPEL]". Loading twice changes nothing.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from actionplan.enums import ProgressStatus, ReportState
from actionplan.models import Indicator, Initiative, Milestone, Plan, ReportingPeriod, Target
from actionplan.progress import IndicatorValue, MilestoneSlip, ProgressReport, ReportRevision
from tracker.audit.service import record

PLAN = "mh-2022-2025"
MARK = "[EKSEMPEL]"
PERIODS = ["2024-H1", "2024-H2", "2025-H1", "2025-H2"]
S = ProgressStatus

# Status per period for each initiative (None: no report at all).
PATHS: dict[str, list[S | None]] = {
    "MH22-1.1": [S.ON_TRACK, S.ON_TRACK, S.AT_RISK, S.DELAYED],
    "MH22-1.2": [S.ON_TRACK, S.ON_TRACK, S.ON_TRACK, S.COMPLETED],
    "MH22-1.3": [S.NOT_STARTED, S.ON_TRACK, S.ON_TRACK, S.AT_RISK],
    "MH22-1.4": [S.ON_TRACK, S.ON_TRACK, S.ON_TRACK, S.COMPLETED],
    "MH22-1.5": [S.ON_TRACK, S.AT_RISK, S.ON_TRACK, S.ON_TRACK],
    "MH22-1.6": [S.ON_TRACK, S.ON_TRACK, S.DELAYED, S.ON_TRACK],
    "MH22-1.7": [S.ON_TRACK, S.COMPLETED, S.COMPLETED, S.COMPLETED],
    "MH22-2.1": [S.ON_TRACK, S.AT_RISK, S.DELAYED, S.DELAYED],
    "MH22-2.2": [S.ON_TRACK, S.ON_TRACK, S.ON_TRACK, S.ON_TRACK],
    "MH22-2.3": [S.NOT_STARTED, S.ON_TRACK, S.ON_TRACK, S.ON_TRACK],
    "MH22-2.4": [S.ON_TRACK, S.ON_TRACK, S.AT_RISK, S.AT_RISK],
    "MH22-2.5": [S.ON_TRACK, S.COMPLETED, S.COMPLETED, S.COMPLETED],
    "MH22-3.1": [S.ON_TRACK, S.ON_TRACK, S.ON_TRACK, S.ON_TRACK],
    "MH22-3.2": [S.ON_TRACK, S.DELAYED, S.ON_TRACK, S.AT_RISK],
    "MH22-3.3": [S.ON_TRACK, S.ON_TRACK, S.ON_TRACK, S.ON_TRACK],
    "MH22-X.1": [S.ON_TRACK, S.ON_TRACK, S.AT_RISK, None],
}
# 2025-H2 exceptions: workflow states other than approved.
LAST_PERIOD_STATE = {
    "MH22-3.1": ReportState.DRAFT,  # never in the minister's version
    "MH22-3.2": ReportState.RETURNED,  # never in the minister's version
    "MH22-3.3": ReportState.SUBMITTED,  # only with include_submitted, marked; and submitted late
}
EXPLANATIONS = {
    S.AT_RISK: "Rekruttering af personale er forsinket; aktiviteterne afvikles med reduceret kapacitet.",
    S.DELAYED: "Udbuddet måtte gå om, og leverancen er skubbet; ny tidsplan aftalt med ministeriet.",
}
RISKS = {
    "MH22-1.1": "Færre fælles kontrolaktioner end planlagt kan betyde, at færre ofre findes.",
    "MH22-2.1": "Bevillingen til krisecentret udløber; videreførelse er ikke afklaret.",
    "MH22-2.4": "Samarbejdet med hjemlandenes myndigheder er skrøbeligt.",
    "MH22-X.1": "Årsrapporten afhænger af data fra flere myndigheder, der leverer sent.",
    "MH22-1.3": "To af de tre NGO'er har varslet færre opsøgende timer i 2026.",
}
# The period index from which each initiative reports its risk (so some risks are new in 2025-H2).
RISK_FROM = {"MH22-1.1": 2, "MH22-2.4": 2, "MH22-X.1": 2, "MH22-2.1": 3, "MH22-1.3": 3}
# Sample targets for the final period (the built-in plan has none).
SAMPLE_TARGETS = {"MH22-1.1-I1": 110.0, "MH22-X.1-I1": 120.0, "MH22-3.3-I1": 14.0}


@dataclass
class DemoResult:
    reports: int = 0
    values: int = 0
    slips: int = 0
    targets: int = 0
    revisions: int = 0

    @property
    def created(self) -> int:
        return self.reports + self.values + self.slips + self.targets + self.revisions


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _value(indicator: Indicator, step: int, category_index: int, categories: int) -> float:
    if indicator.unit.startswith("%"):
        return float(78 + 3 * step)
    base = indicator.baseline if indicator.baseline is not None else 40.0
    total = max(base, 10.0) + 6 * step
    if category_index < 0:
        return float(round(total))
    # The last category is kept small (1-4) so the public edition has something to suppress.
    if category_index == categories - 1:
        return float(1 + step % 4)
    return float(round((total - (1 + step % 4)) / max(categories - 1, 1)))


def load_demo(session: Session, *, now: datetime, actor: str = "demo") -> DemoResult:
    """Add the sample progress (flushes, never commits); a second call adds nothing."""
    result = DemoResult()
    plan = session.exec(select(Plan).where(Plan.slug == PLAN)).first()
    if plan is None:
        raise LookupError(f"the built-in plan {PLAN!r} is not loaded; run `tracker plan load` first")
    periods = {
        p.label: p
        for p in session.exec(select(ReportingPeriod).where(ReportingPeriod.plan_id == plan.id)).all()
        if p.label in PERIODS
    }
    initiatives = {i.code: i for i in session.exec(select(Initiative).where(Initiative.plan_id == plan.id)).all()}
    indicators = session.exec(
        select(Indicator).where(col(Indicator.initiative_id).in_([i.id for i in initiatives.values()]))
    ).all()
    by_initiative: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_initiative.setdefault(indicator.initiative_id, []).append(indicator)

    for step, label in enumerate(PERIODS):
        period = periods[label]
        for code, path in PATHS.items():
            status = path[step]
            initiative = initiatives.get(code)
            if status is None or initiative is None or initiative.id is None:
                continue
            exists = session.exec(
                select(ProgressReport).where(
                    ProgressReport.initiative_id == initiative.id, ProgressReport.period_id == period.id
                )
            ).first()
            if exists is not None:
                continue
            state = LAST_PERIOD_STATE.get(code, ReportState.APPROVED) if label == PERIODS[-1] else ReportState.APPROVED
            next_status = path[step + 1] if step + 1 < len(path) else status
            late = code == "MH22-3.3" and label == PERIODS[-1]
            submitted = _at(period.due + timedelta(days=9 if late else -6))
            report = ProgressReport(
                initiative_id=initiative.id,
                period_id=period.id,  # type: ignore[arg-type]
                organisation_id=initiative.lead_id,
                status=status,
                narrative=f"{MARK} Eksempeltekst: {initiative.title_da} – status for {label}.",
                next_steps=f"{MARK} Næste skridt planlægges med partnerne.",
                risks=(f"{MARK} {RISKS[code]}" if step >= RISK_FROM.get(code, 99) else ""),
                explanation=(f"{MARK} {EXPLANATIONS[status]}" if status in EXPLANATIONS else ""),
                spent_dkk=float(250_000 + 125_000 * ((step + len(code)) % 5)),
                forecast_status=next_status or status,
                forecast_note=f"{MARK} Forventning til næste periode.",
                state=state,
                review_comment=(f"{MARK} Mangler forklaring på forsinkelsen." if state == ReportState.RETURNED else ""),
                created_at=submitted - timedelta(days=14),
                updated_at=submitted,
                submitted_at=submitted if state != ReportState.DRAFT else None,
                reviewed_at=submitted + timedelta(days=5)
                if state in (ReportState.APPROVED, ReportState.RETURNED)
                else None,
                approved_at=submitted + timedelta(days=5) if state == ReportState.APPROVED else None,
                returned_at=submitted + timedelta(days=5) if state == ReportState.RETURNED else None,
            )
            session.add(report)
            session.flush()
            result.reports += 1
            values = []
            for indicator in by_initiative.get(initiative.id, []):
                categories = indicator.categories()
                for index, category in [(-1, ""), *enumerate(categories)]:
                    value = _value(indicator, step, index, len(categories))
                    values.append(value)
                    session.add(
                        IndicatorValue(
                            report_id=report.id,  # type: ignore[arg-type]
                            indicator_id=indicator.id,  # type: ignore[arg-type]
                            category=category,
                            value=value,
                            comment=f"{MARK} eksempeltal",
                        )
                    )
                    result.values += 1
            if state == ReportState.APPROVED:
                content = {"status": status.value, "spent_dkk": report.spent_dkk, "narrative": report.narrative}
                session.add(
                    ReportRevision(
                        report_id=report.id,  # type: ignore[arg-type]
                        version=1,
                        status=status,
                        content=json.dumps(content, ensure_ascii=False),
                        reason="approved",
                        at=report.approved_at or submitted,
                    )
                )
                result.revisions += 1
                # One value revised after approval, during the last period: spending of 2025-H1 corrected.
                if code == "MH22-1.6" and label == "2025-H1":
                    corrected = (report.spent_dkk or 0.0) + 180_000.0
                    amended = dict(content, spent_dkk=corrected)
                    report.spent_dkk = corrected
                    report.version = 2
                    session.add(
                        ReportRevision(
                            report_id=report.id,  # type: ignore[arg-type]
                            version=2,
                            status=status,
                            content=json.dumps(amended, ensure_ascii=False),
                            reason=f"{MARK} Forbruget var opgjort uden lønudgifter; rettet.",
                            at=_at(date(2025, 10, 15)),
                        )
                    )
                    result.revisions += 1
    result.slips += _demo_slips(session, initiatives)
    result.targets += _demo_targets(session, plan, indicators)
    session.flush()
    if not result.created:
        return result
    record(
        session,
        actor=actor,
        action="demo.load",
        entity="plan",
        entity_key=PLAN,
        at=now,
        after={"reports": result.reports, "values": result.values, "slips": result.slips, "targets": result.targets},
        reason="sample data ([EKSEMPEL])",
    )
    return result


def _demo_slips(session: Session, initiatives: dict[str, Initiative]) -> int:
    initiative = initiatives.get("MH22-X.1")
    if initiative is None:
        return 0
    milestone = session.exec(
        select(Milestone).where(
            Milestone.initiative_id == initiative.id, Milestone.title == "Årsrapport om menneskehandel 2024"
        )
    ).first()
    if milestone is None or milestone.id is None:
        return 0
    if session.exec(select(MilestoneSlip).where(MilestoneSlip.milestone_id == milestone.id)).first() is not None:
        return 0
    moves = [
        (date(2025, 6, 30), date(2025, 9, 30), _at(date(2025, 6, 20)), "Data fra politiet kom tre måneder for sent."),
        (date(2025, 9, 30), date(2025, 11, 30), _at(date(2025, 9, 15)), "Høring i styregruppen tog længere tid."),
    ]
    for old, new, at, reason in moves:
        session.add(
            MilestoneSlip(
                milestone_id=milestone.id,
                old_due=old,
                new_due=new,
                days_slipped=(new - old).days,
                reason=f"{MARK} {reason}",
                at=at,
            )
        )
    milestone.due = moves[-1][1]
    session.add(milestone)
    return len(moves)


def _demo_targets(session: Session, plan: Plan, indicators: Sequence[Indicator]) -> int:
    last = session.exec(
        select(ReportingPeriod).where(ReportingPeriod.plan_id == plan.id, ReportingPeriod.label == PERIODS[-1])
    ).first()
    if last is None:
        return 0
    added = 0
    for indicator in indicators:
        value = SAMPLE_TARGETS.get(indicator.code)
        if value is None or indicator.id is None:
            continue
        exists = session.exec(
            select(Target).where(Target.indicator_id == indicator.id, Target.period_id == last.id)
        ).first()
        if exists is None:
            session.add(Target(indicator_id=indicator.id, period_id=last.id, value=value))  # type: ignore[arg-type]
            added += 1
    return added
