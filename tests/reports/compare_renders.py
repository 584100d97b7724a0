"""Renderer output before and after a change, compared as a reader sees it (a script, not a test: ~1 minute).

    # in a checkout of main, and in the changed tree, with this project's virtualenv:
    python tests/reports/compare_renders.py capture /path/to/main /tmp/before [100 1000]
    python tests/reports/compare_renders.py capture . /tmp/after [100 1000]
    python tests/reports/compare_renders.py compare /tmp/before /tmp/after

`capture` renders the demo report (da, en, public edition), the meeting pack (da, en) and the synthetic
plans of tests/benchmarks/bench_reports.py (100 and 1,000 initiatives x 16 periods by default; `none` for
none) from the source tree given, and stores each xlsx and the text pypdf extracts from each PDF page.
`compare` loads every workbook with openpyxl and compares every sheet's cells (value, type, number format,
font, fill, alignment, quote prefix), column widths, panes and table definitions, and the PDFs' page texts.
"""

import io
import json
import sys
import tempfile
import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any


def capture(root: Path, out: Path, sizes: list[int]) -> None:
    sys.path.insert(0, str(root))
    warnings.simplefilter("ignore", DeprecationWarning)
    from pypdf import PdfReader
    from sqlmodel import Session

    from actionplan.loader import builtin_plan_data, load_plan
    from reports import build_status_report, render
    from reports.pack import build_meeting_pack, render_pack
    from tests.benchmarks.bench_reports import PLAN, populate
    from tracker import migrate
    from tracker.db import create_db_engine
    from tracker.demo import load_demo
    from tracker.settings import Settings

    out.mkdir(parents=True, exist_ok=True)

    def pages(pdf: bytes) -> str:
        return json.dumps([page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages], ensure_ascii=False)

    def save(name: str, report: Any) -> None:
        (out / f"{name}.xlsx").write_bytes(render(report, "xlsx"))
        (out / f"{name}.pdf.json").write_text(pages(render(report, "pdf")))
        print(name, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_db_engine(Settings(database_url=f"sqlite:///{Path(tmp) / 'demo.db'}"))
        migrate.upgrade(engine)
        today = date(2026, 11, 29)
        with Session(engine, expire_on_commit=False) as session:
            load_plan(session, builtin_plan_data())
            load_demo(session, now=datetime(2026, 11, 29, 9, tzinfo=UTC))
            session.commit()
            for name, options in (("demo-da", {"lang": "da"}), ("demo-en", {"lang": "en"})):
                save(name, build_status_report(session, "mh-2022-2025", "2025-H2", today=today, **options))
            save("demo-public", build_status_report(session, "mh-2022-2025", "2025-H2", today=today, public=True))
            for lang in ("da", "en"):
                pack = build_meeting_pack(session, "TVAERMIN", date(2026, 12, 1), lang=lang, today=today)
                (out / f"pack-{lang}.pdf.json").write_text(pages(render_pack(pack, "pdf")))
        engine.dispose()
        for size in sizes:
            engine = create_db_engine(Settings(database_url=f"sqlite:///{Path(tmp) / f'plan{size}.db'}"))
            migrate.upgrade(engine)
            with Session(engine) as session:
                label = populate(session, size, 16)
            with Session(engine) as session:
                save(f"synth-{size}", build_status_report(session, PLAN, label, lang="da", today=date(2030, 1, 1)))
            engine.dispose()


def _cell(c: Any) -> tuple[Any, ...]:
    font, fill, align = c.font, c.fill, c.alignment
    return (
        c.value,
        type(c.value),
        c.data_type,
        c.number_format,
        font.b,
        font.i,
        font.sz,
        font.color.rgb if font.color else None,
        fill.fill_type,
        fill.fgColor.rgb if fill.fill_type else None,
        align.wrap_text,
        align.vertical,
        c.quotePrefix,
    )


def _sheet(ws: Any) -> tuple[Any, ...]:
    tables = {}
    for name in ws.tables:
        t = ws.tables[name]
        style = t.tableStyleInfo
        tables[name] = (
            t.displayName,
            t.ref,
            [column.name for column in t.tableColumns],
            t.autoFilter.ref if t.autoFilter else None,
            (style.name, style.showRowStripes) if style else None,
        )
    widths = {key: d.width for key, d in ws.column_dimensions.items() if d.customWidth}
    return ws.freeze_panes, tables, widths, ws.max_row, ws.max_column


def compare_workbooks(before: Path, after: Path) -> int:
    from openpyxl import load_workbook

    warnings.simplefilter("ignore")
    a, b = load_workbook(before), load_workbook(after)
    if a.sheetnames != b.sheetnames:
        print(f"{after.name}: sheets {a.sheetnames} != {b.sheetnames}")
        return 1
    problems = cells = 0
    for name in a.sheetnames:
        if _sheet(a[name]) != _sheet(b[name]):
            problems += 1
            print(f"{after.name} {name}: {_sheet(a[name])} != {_sheet(b[name])}")
        for row_a, row_b in zip(a[name].iter_rows(), b[name].iter_rows(), strict=True):
            for cell_a, cell_b in zip(row_a, row_b, strict=True):
                cells += 1
                if _cell(cell_a) != _cell(cell_b):
                    problems += 1
                    if problems <= 20:
                        print(f"{after.name} {name}!{cell_a.coordinate}: {_cell(cell_a)} != {_cell(cell_b)}")
    print(f"{after.name}: {len(a.sheetnames)} sheets, {cells} cells, {problems} differences")
    return problems


def compare(before: Path, after: Path) -> int:
    problems = 0
    for path in sorted(before.glob("*.xlsx")):
        problems += compare_workbooks(path, after / path.name)
    for path in sorted(before.glob("*.pdf.json")):
        old, new = json.loads(path.read_text()), json.loads((after / path.name).read_text())
        changed = [n + 1 for n, (x, y) in enumerate(zip(old, new, strict=False)) if x != y]
        if len(old) != len(new) or changed:
            problems += 1
        print(f"{path.name}: {len(old)} / {len(new)} pages, text differs on pages {changed[:10] or 'none'}")
    return problems


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "capture":
        sizes = [int(s) for s in args[2:] if s != "none"] if args[2:] else [100, 1000]
        capture(Path(args[0]).resolve(), Path(args[1]), sizes)
    else:
        sys.exit(1 if compare(Path(args[0]), Path(args[1])) else 0)
