"""Status reports for the minister's office: queries -> polars frames -> one model -> renderers.

    report = build_status_report(session, "mh-2022-2025", "2025-H1", lang="da", today=date.today())
    pdf_bytes = render(report, "pdf")

Pure functions of the data, a period, a language and options; nothing here imports `tracker`.
"""

import gc
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Literal

from sqlmodel import Session

from actionplan.rules import is_past_due
from reports import queries
from reports.build import build_model, included_states
from reports.fora import fora_behind
from reports.i18n import check_lang
from reports.model import Frames, StatusReport
from reports.queries import UnknownPlanOrPeriod

Format = Literal["xlsx", "html", "pdf", "json"]
FORMATS: tuple[Format, ...] = ("xlsx", "html", "pdf", "json")
MEDIA_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
}

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "Format",
    "StatusReport",
    "UnknownPlanOrPeriod",
    "build_status_report",
    "default_period",
    "filename",
    "load_frames",
    "render",
]


_gc_lock = threading.Lock()
_gc_holders = 0
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a report is built or rendered.

    A report creates hundreds of thousands of small acyclic objects; the collector's full passes over
    them roughly doubled build time for large plans and made it grow faster than linearly.
    Reference counting still frees everything; the collector resumes when the last report is done.
    """
    global _gc_holders, _gc_was_enabled
    with _gc_lock:
        if _gc_holders == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_holders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holders -= 1
            if _gc_holders == 0 and _gc_was_enabled:
                gc.enable()


def load_frames(
    session: Session, plan_slug: str, period_label: str | None = None, states: Sequence[str] | None = None
) -> Frames:
    """Everything a status report of the plan needs, as DataFrames (a few plain SELECTs).

    With `period_label`, narratives are read for that period and the one before only; with `states`,
    indicator values only of reports in those states.
    """
    plan = queries.plan_row(session, plan_slug)
    assert plan.id is not None
    periods = queries.periods(session, plan.id)
    detail: list[int] | None = None
    labels = periods["label"].to_list()
    if period_label is not None:
        if period_label not in labels:
            raise UnknownPlanOrPeriod(f"The plan {plan_slug!r} has no reporting period {period_label!r}.")
        index = labels.index(period_label)
        detail = periods["period_id"].to_list()[max(index - 1, 0) : index + 1]
    return Frames(
        plan_slug=plan.slug,
        plan_title_da=plan.title_da,
        plan_title_en=plan.title_en,
        plan_budget=float(plan.budget_dkk) if plan.budget_dkk is not None else None,
        plan_note=plan.reconstruction_note or "",
        periods=periods,
        initiatives=queries.initiatives(session, plan.id),
        reports=queries.progress_reports(session, plan.id, detail),
        indicators=queries.indicators(session, plan.id),
        targets=queries.targets(session, plan.id),
        values=queries.indicator_values(session, plan.id, states),
        slips=queries.slips(session, plan.id),
        revisions=queries.revisions(session, plan.id),
    )


def default_period(session: Session, plan_slug: str, today: date) -> str:
    """The latest period whose due date has passed (else the first period)."""
    plan = queries.plan_row(session, plan_slug)
    assert plan.id is not None
    periods = queries.periods(session, plan.id)
    if periods.is_empty():
        raise UnknownPlanOrPeriod(f"The plan {plan_slug!r} has no reporting periods.")
    past = [label for label, due in zip(periods["label"], periods["due"], strict=True) if is_past_due(due, today)]
    return str(past[-1] if past else periods["label"][0])


def build_status_report(
    session: Session,
    plan_slug: str,
    period_label: str,
    *,
    lang: str = "da",
    include_submitted: bool = False,
    public: bool = False,
    today: date,
    band: float = 0.1,
) -> StatusReport:
    """The status report of one plan and period; `band` is the indicator on-track tolerance (0.1 = 10 %)."""
    with gc_paused():
        frames = load_frames(session, plan_slug, period_label, included_states(include_submitted))
        report = build_model(
            frames,
            period_label,
            lang=check_lang(lang),
            include_submitted=include_submitted,
            public=public,
            today=today,
            band=band,
        )
    report.fora_attention = fora_behind(session, plan_slug, report.meta.as_of, lang=report.meta.lang)
    return report


def _renderer(fmt: str) -> Callable[[StatusReport], bytes]:
    if fmt == "json":
        from reports.render_json import render_json

        return render_json
    if fmt == "html":
        from reports.render_html import render_html

        return render_html
    if fmt == "xlsx":
        from reports.render_xlsx import render_xlsx

        return render_xlsx
    if fmt == "pdf":
        from reports.render_pdf import render_pdf

        return render_pdf
    raise ValueError(f"unsupported format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(report: StatusReport, fmt: str) -> bytes:
    """The report in one format, as bytes."""
    renderer = _renderer(fmt)
    with gc_paused():
        return renderer(report)


def filename(report: StatusReport, fmt: str) -> str:
    meta = report.meta
    suffix = "-public" if meta.public else ""
    return f"status-{meta.plan_slug}-{meta.period}-{meta.lang}{suffix}.{fmt}"
