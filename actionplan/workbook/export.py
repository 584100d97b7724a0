"""Export a stored plan as a workbook in the layout of `layout.py` (export then import changes nothing)."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlmodel import Session

from actionplan.cells import (
    format_disaggregation,
)
from actionplan.loader import plan_data
from actionplan.workbook.layout import SHEETS
from actionplan.xlsx_safe import write_cell


def plan_rows(data: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The rows of each sheet (without headers) for plan data in the loader's format."""
    p = data["plan"]
    sheets: dict[str, list[list[Any]]] = {name: [] for name in SHEETS}
    sheets["Plan"].append([p["slug"], p["title_da"], p["title_en"], p["starts"], p["ends"], p["responsible"]])
    for o in data["organisations"]:
        sheets["Organisations"].append([o["code"], o["name_da"], o["name_en"], o["kind"], o.get("contact_email")])
    for a in data["focus_areas"]:
        sheets["FocusAreas"].append([a["code"], a["title_da"], a["title_en"]])
    for i in data["initiatives"]:
        sheets["Initiatives"].append(
            [
                i["code"],
                i["focus_area"],
                i["title_da"],
                i["title_en"],
                i.get("description"),
                i["lead"],
                ", ".join(i.get("partners") or []),
                i.get("starts"),
                i.get("deadline"),
                i.get("budget_dkk"),
                i.get("source_url"),
            ]
        )
        for m in i.get("milestones", []):
            sheets["Milestones"].append([i["code"], m["title"], m["due"]])
        for d in i.get("indicators", []):
            sheets["Indicators"].append(
                [
                    d["code"],
                    i["code"],
                    d["name_da"],
                    d["name_en"],
                    d["unit"],
                    d["direction"],
                    d.get("baseline"),
                    d.get("baseline_date"),
                    "yes" if d.get("cumulative") else "no",
                    format_disaggregation(d.get("disaggregation")) or None,
                ]
            )
            for t in d.get("targets", []):
                sheets["Targets"].append([d["code"], t["period"], t["value"]])
    for r in data["periods"]:
        sheets["Periods"].append([r["label"], r["starts"], r["ends"], r["due"]])
    for f in data.get("fora", []):
        sheets["Fora"].append(
            [
                f["code"],
                f["name_da"],
                f.get("name_en"),
                f.get("scope"),
                f.get("secretariat"),
                f.get("meetings_per_year"),
                f.get("cadence_note"),
                ", ".join(f.get("members") or []),
                ", ".join(f.get("initiatives") or []),
            ]
        )
    return sheets


def export_plan_workbook(session: Session, slug: str) -> bytes | None:
    """The plan as an xlsx workbook in the documented layout (None when there is no such plan)."""
    data = plan_data(session, slug)
    if data is None:
        return None
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    for name, rows in plan_rows(data).items():
        ws = workbook.create_sheet(name)
        for column, heading in enumerate(SHEETS[name], start=1):
            write_cell(ws, 1, column, heading).font = bold
            ws.column_dimensions[ws.cell(1, column).column_letter].width = 14 if len(heading) < 12 else 20
        for row_number, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                write_cell(ws, row_number, column, value)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
