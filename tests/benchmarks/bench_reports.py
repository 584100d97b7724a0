"""Status report generation time per format for synthetic plans of 100, 1,000 and 5,000 initiatives x 16
reporting periods (SQLite, bulk-inserted).

    .venv/bin/python tests/benchmarks/bench_reports.py [--sizes 100 1000 5000] [--periods 16] [--repeat 3]

Targets: 1,000 x 16 as xlsx in < 2 s, and time growing no faster than linearly with the number of
initiatives (growth ratio = time ratio / size ratio <= ~1). Each time is build (queries + model) plus render,
best of --repeat runs.
"""

import argparse
import itertools
import sys
import tempfile
import time
import warnings
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from actionplan.models import (  # noqa: E402
    FocusArea,
    Indicator,
    Initiative,
    Organisation,
    Plan,
    ReportingPeriod,
    Target,
)
from actionplan.progress import IndicatorValue, ProgressReport  # noqa: E402
from reports import FORMATS, build_status_report, render  # noqa: E402
from tracker import migrate  # noqa: E402
from tracker.db import create_db_engine  # noqa: E402
from tracker.settings import Settings  # noqa: E402

STATUSES = ["on_track", "on_track", "at_risk", "delayed", "completed", "not_started"]
PLAN = "bench"


def half_years(count: int) -> list[tuple[str, date, date, date]]:
    periods = []
    for n in range(count):
        year, half = 2018 + n // 2, n % 2 + 1
        starts = date(year, 1 if half == 1 else 7, 1)
        ends = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        due = date(year, 7, 31) if half == 1 else date(year + 1, 1, 31)
        periods.append((f"{year}-H{half}", starts, ends, due))
    return periods


def populate(session: Session, initiatives: int, periods: int) -> str:
    """A synthetic plan; returns the label of its last period."""
    plan = Plan(
        slug=PLAN,
        title_da="Syntetisk plan (benchmark)",
        title_en="Synthetic plan (benchmark)",
        starts=date(2018, 1, 1),
        ends=date(2018 + periods // 2, 12, 31),
        responsible="Benchmark",
        budget_dkk=1_000_000_000,
    )
    session.add(plan)
    session.flush()
    orgs = [
        {"code": f"B{n:03d}", "name_da": f"Organisation {n}", "name_en": f"Organisation {n}", "kind": "agency"}
        for n in range(40)
    ]
    session.execute(insert(Organisation), orgs)
    org_ids = [
        o.id for o in session.query(Organisation).filter(Organisation.code.like("B%")).order_by(Organisation.code)
    ]  # type: ignore[attr-defined]
    areas = [
        {"plan_id": plan.id, "code": f"A{n}", "number": n, "title_da": f"Område {n}", "title_en": f"Area {n}"}
        for n in range(1, 9)
    ]
    session.execute(insert(FocusArea), areas)
    area_ids = [a.id for a in session.query(FocusArea).filter(FocusArea.plan_id == plan.id).order_by(FocusArea.number)]  # type: ignore[arg-type]
    session.execute(
        insert(Initiative),
        [
            {
                "code": f"BENCH-{n:05d}",
                "plan_id": plan.id,
                "focus_area_id": area_ids[n % len(area_ids)],
                "title_da": f"Initiativ {n} om styrket indsats",
                "title_en": f"Initiative {n}",
                "lead_id": org_ids[n % len(org_ids)],
                "deadline": date(2018 + periods // 2 - (n % 3), 12, 31),
                "budget_dkk": 1_000_000 + 1000 * n,
                "certainty": "medium",
                "additional_sources": [],
            }
            for n in range(initiatives)
        ],
    )
    inits = (
        session.query(Initiative.id, Initiative.lead_id)
        .filter(Initiative.plan_id == plan.id)
        .order_by(Initiative.id)
        .all()
    )  # type: ignore[arg-type]
    session.execute(
        insert(Indicator),
        [
            {
                "code": f"BENCH-{n:05d}-I1",
                "initiative_id": iid,
                "name_da": "Personer pr. år",
                "name_en": "Persons per year",
                "unit": "persons/year",
                "direction": "increase",
                "baseline": 50.0,
                "disaggregation": {"sex": ["women", "men"]},
            }
            for n, (iid, _lead) in enumerate(inits)
        ],
    )
    indicator_of = dict(
        session.query(Indicator.initiative_id, Indicator.id)
        .join(Initiative)
        .filter(Initiative.plan_id == plan.id)
        .all()
    )  # type: ignore[arg-type]
    spec = half_years(periods)
    session.execute(
        insert(ReportingPeriod),
        [
            {"plan_id": plan.id, "label": lab, "starts": s, "ends": e, "due": d, "state": "locked"}
            for lab, s, e, d in spec
        ],
    )
    period_ids = [
        p.id
        for p in session.query(ReportingPeriod)
        .filter(ReportingPeriod.plan_id == plan.id)
        .order_by(ReportingPeriod.starts)
    ]  # type: ignore[arg-type]
    session.execute(
        insert(Target),
        [{"indicator_id": ind, "period_id": period_ids[-1], "value": 120.0} for ind in indicator_of.values()],
    )
    for p, pid in enumerate(period_ids):
        due = spec[p][3]
        rows = [
            {
                "initiative_id": iid,
                "period_id": pid,
                "organisation_id": lead,
                "status": STATUSES[(n + p) % len(STATUSES)],
                "state": "approved" if (n + p) % 17 else "returned",
                "narrative": f"Rapport {n}/{p}: arbejdet skrider frem.",
                "next_steps": "",
                "risks": "Risiko for forsinkelse" if (n + p) % 5 == 0 else "",
                "explanation": "Forklaring på forsinkelsen." if (n + p) % 6 == 3 else "",
                "spent_dkk": 10_000.0 + n,
                "forecast_status": STATUSES[(n + p + 1) % len(STATUSES)],
                "forecast_note": "",
                "review_comment": "",
                "version": 1,
                "carried_forward": False,
                "created_at": datetime(due.year, due.month, 1, tzinfo=UTC),
                "updated_at": datetime(due.year, due.month, 1, tzinfo=UTC),
                "submitted_at": datetime(due.year, due.month, 15 + n % 14, tzinfo=UTC),
                "approved_at": datetime(due.year, due.month, 28, tzinfo=UTC),
            }
            for n, (iid, lead) in enumerate(inits)
        ]
        session.execute(insert(ProgressReport), rows)
    reports = session.query(ProgressReport.id, ProgressReport.initiative_id, ProgressReport.period_id).all()
    values = []
    for rid, iid, pid in reports:
        total = 50.0 + 4 * period_ids.index(pid) + iid % 7
        values += [
            {"report_id": rid, "indicator_id": indicator_of[iid], "category": "", "value": total, "comment": ""},
            {
                "report_id": rid,
                "indicator_id": indicator_of[iid],
                "category": "sex:women",
                "value": total - 3 - iid % 3,
                "comment": "",
            },
            {
                "report_id": rid,
                "indicator_id": indicator_of[iid],
                "category": "sex:men",
                "value": 3.0 + iid % 3,
                "comment": "",
            },
        ]
    session.execute(insert(IndicatorValue), values)
    session.commit()
    return spec[-1][0]


def measure(engine, label: str, repeat: int) -> dict[str, tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Per format: (best wall-clock seconds, best CPU seconds) over `repeat` runs of build + render.

    CPU time is reported beside wall time because on a shared machine the wall clock mostly measures
    the neighbours; the growth ratios use CPU time.
    """
    today = date(2030, 1, 1)
    times: dict[str, tuple[float, float]] = {}
    with Session(engine) as session:
        for fmt in ("build", *FORMATS):
            wall = cpu = float("inf")
            for _ in range(repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                report = build_status_report(session, PLAN, label, lang="da", today=today)
                if fmt != "build":
                    render(report, fmt)
                wall = min(wall, time.perf_counter() - started)
                cpu = min(cpu, time.process_time() - started_cpu)
            times[fmt] = (wall, cpu)
    return times


def bare_pdf_seconds(report) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The floor for the PDF: a bare fpdf2 document holding the same text at the same places, in the same fonts.

    Every piece of text the renderer draws (`text`, `cell`, `multi_cell`, and the pieces the tables write through
    `reports.pdf_stream.TextWriter`, with its page, font and position) is recorded during one render, then drawn
    again with `FPDF.text` on a plain landscape A4 document with the same embedded fonts: no layout, wrapping,
    shapes or colours. Returns (wall, CPU) seconds of that replay.
    """
    from fpdf import FPDF

    from reports.pdf_stream import TextWriter
    from reports.pdf_table import FONT
    from reports.render_pdf import font_dir

    drawn: list[tuple[int, str, float, float, float, str]] = []
    originals = {name: getattr(FPDF, name) for name in ("text", "cell", "multi_cell")}

    def recorder(name: str):  # type: ignore[no-untyped-def]
        original = originals[name]

        def record(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if writing:  # a piece TextWriter hands to fpdf2 (its fallback): recorded by record_pieces
                return original(self, *args, **kwargs)
            if name == "text":
                x, y = args[0], args[1]
                content = args[2] if len(args) > 2 else kwargs.get("text", "")
            else:
                content = kwargs.get("text", args[2] if len(args) > 2 else "")
                x, y = self.x, self.y + self.font_size
            drawn.append((self.page, self.font_style, self.font_size_pt, float(x), float(y), str(content)))
            return original(self, *args, **kwargs)

        return record

    write = TextWriter.write
    writing = False

    def record_pieces(self, pieces):  # type: ignore[no-untyped-def]
        nonlocal writing
        pdf = self.pdf
        drawn.extend((pdf.page, pdf.font_style, pdf.font_size_pt, x, y, text) for x, y, text in pieces)
        writing = True
        try:
            return write(self, pieces)
        finally:
            writing = False

    for name in originals:
        setattr(FPDF, name, recorder(name))
    TextWriter.write = record_pieces  # type: ignore[method-assign]
    try:
        render(report, "pdf")
    finally:
        for name, original in originals.items():
            setattr(FPDF, name, original)
        TextWriter.write = write  # type: ignore[method-assign]
    started, started_cpu = time.perf_counter(), time.process_time()
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    fonts = font_dir()
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font(FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    page = 0
    pages = str(max((p for p, *_ in drawn), default=0))
    for on_page, style, size, x, y, content in drawn:
        while page < on_page:
            pdf.add_page()
            page += 1
        pdf.set_font(FONT, style.replace("U", ""), size)
        pdf.text(x, y, content.replace("{total_pages}", pages))
    pdf.output()
    return time.perf_counter() - started, time.process_time() - started_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--periods", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    # SQLModel nudges towards session.exec(); the legacy query API is fine for bulk test data.
    warnings.simplefilter("ignore", DeprecationWarning)
    results: dict[int, dict[str, tuple[float, float]]] = {}
    floor: dict[int, tuple[float, float]] = {}
    # Warm imports (matplotlib, fonts, templates) so the first size is not charged for them.
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            engine = create_db_engine(Settings(database_url=f"sqlite:///{Path(tmp) / f'bench{size}.db'}"))
            migrate.upgrade(engine)
            started = time.perf_counter()
            with Session(engine) as session:
                label = populate(session, size, args.periods)
            print(
                f"{size:>6} initiatives x {args.periods} periods inserted in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            if not results:
                measure(engine, label, 1)
            results[size] = measure(engine, label, args.repeat)
            with Session(engine) as session:
                report = build_status_report(session, PLAN, label, lang="da", today=date(2030, 1, 1))
                floors = [bare_pdf_seconds(report) for _ in range(args.repeat)]
                floor[size] = (min(f[0] for f in floors), min(f[1] for f in floors))
            engine.dispose()
    columns = ["build", *FORMATS]
    for title, index in (
        (f"wall-clock seconds (best of {args.repeat})", 0),
        (f"CPU seconds (best of {args.repeat})", 1),
    ):
        print()
        print(title)
        print(f"{'initiatives':>11} | " + " | ".join(f"{c:>8}" for c in columns))
        print("-" * 12 + "+----------" * len(columns))
        for size, times in results.items():
            print(f"{size:>11} | " + " | ".join(f"{times[c][index]:>8.3f}" for c in columns))
    sizes = list(results)
    print()
    print("growth of CPU time: time ratio / size ratio (<= 1 means no worse than linear)")
    for small, big in itertools.pairwise(sizes):
        ratio = big / small
        cells = " | ".join(f"{results[big][c][1] / results[small][c][1] / ratio:>8.2f}" for c in columns)
        print(f"{small:>5}->{big:<5} | {cells}")
    print("\nPDF against a bare fpdf2 document with the same text (CPU seconds; target <= 1.5x)")
    for size, (floor_wall, floor_cpu) in floor.items():
        pdf_cpu = results[size]["pdf"][1] - results[size]["build"][1]
        print(
            f"{size:>6} initiatives: render {pdf_cpu:.2f} s / bare {floor_cpu:.2f} s = {pdf_cpu / floor_cpu:.2f}x"
            f" (wall: bare {floor_wall:.2f} s)"
        )
    if 1000 in results:
        wall, cpu = results[1000]["xlsx"]
        verdict = "OK" if min(wall, cpu) < 2 else "MISSED"
        print(f"\n1,000 x {args.periods} xlsx: {wall:.2f} s wall, {cpu:.2f} s CPU (target < 2 s): {verdict}")


if __name__ == "__main__":
    main()
