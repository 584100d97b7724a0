"""The progress template: a pre-filled workbook for one organisation and one reporting period.

Sheets: `Vejledning` (instructions in Danish), `Rapporter` (one row per initiative the organisation
leads; code and title locked; status as a drop-down) and `Indikatorer` (one row per indicator and
disaggregation category). Current values come from the organisation's existing report for the period.
Sheets are protected (no password: protection guards against slips, not people) with input cells unlocked.
"""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session, col, select

from actionplan.enums import Confidence, ProgressStatus
from actionplan.models import Indicator, Initiative, Organisation, Plan
from actionplan.progress import IndicatorValue, ProgressReport
from actionplan.xlsx_safe import write_cell
from tracker.errors import NotFound
from tracker.imports.parse import (
    CONFIDENCE_LABELS_DA,
    INSTRUCTIONS_SHEET,
    REPORT_COLUMNS,
    REPORTS_SHEET,
    STATUS_LABELS_DA,
    TOTAL_LABEL,
    VALUE_COLUMNS,
    VALUES_SHEET,
)
from tracker.progress.periods import find_period

REPORT_INPUTS = {"status", "narrative", "next_steps", "risks", "explanation", "spent_dkk", "confidence"}
VALUE_INPUTS = {"value", "comment"}
INPUT_FILL = PatternFill(fill_type="solid", start_color="FFFFF2CC", end_color="FFFFF2CC")
WIDTHS = {"title": 50, "narrative": 60, "next_steps": 40, "risks": 40, "explanation": 40, "name": 50, "comment": 40}

INSTRUCTIONS_DA = [
    "Skabelon til fremdriftsrapportering",
    "",
    "Sådan udfylder du skabelonen:",
    "1. Fanen 'Rapporter' har én række pr. initiativ, som jeres organisation er ansvarlig for.",
    "   Initiativets kode og titel er låst. Udfyld de gule felter.",
    "2. Vælg status i rullelisten: Ikke startet, Planmæssigt, I risiko, Forsinket, Gennemført eller Aflyst.",
    "   Ved 'I risiko' og 'Forsinket' skal feltet 'explanation' (forklaring) udfyldes.",
    "2a. 'confidence' (frivillig): jeres sikkerhed for, at initiativet leveres til fristen: Høj, Middel eller Lav.",
    "3. 'narrative' er en kort beskrivelse af fremdriften; 'next_steps' de næste skridt; 'risks' risici.",
    "   'spent_dkk' er forbrug i kroner (fx 1.234,5 eller 1234,5).",
    "4. Fanen 'Indikatorer' har én række pr. indikator og pr. kategori (fx køn). 'total' er den samlede værdi.",
    "   Skriv kun tal (ikke fx '12 personer'). Tomme værdier betyder 'ikke indberettet'.",
    "5. Skriv ikke formler: celler med formler afvises. Flet ikke celler, og omdøb ikke kolonner eller faner.",
    "6. Datoer kan skrives som 31-12-2024, 31.12.2024 eller 2024-12-31.",
    "",
    "Indberet kun samlede tal. Skriv aldrig CPR-numre, navne eller andre oplysninger om enkeltpersoner.",
    "",
    "Upload filen i systemet (POST /imports) eller send den til sekretariatet. Prøv gerne først med",
    "'dry_run=true': så ser du alle fejl og ændringer, uden at noget gemmes. Er der fejl, kan du hente en",
    "kopi af arbejdsbogen, hvor de fejlbehæftede celler er markeret med rødt og en kommentar.",
    "Indberetningen gemmes som kladde; den sendes først til sekretariatet, når den indsendes (submit=true).",
]


def _header(ws: Worksheet, columns: list[str]) -> None:
    for column, name in enumerate(columns, start=1):
        cell = write_cell(ws, 1, column, name)
        cell.font = Font(bold=True)
        ws.column_dimensions[get_column_letter(column)].width = WIDTHS.get(name, 14)
    ws.freeze_panes = "A2"


def _row(ws: Worksheet, number: int, columns: list[str], values: dict[str, Any], inputs: set[str]) -> None:
    for column, name in enumerate(columns, start=1):
        cell = write_cell(ws, number, column, values.get(name))
        if name in inputs:
            cell.protection = Protection(locked=False)
            cell.fill = INPUT_FILL
            if name in ("narrative", "next_steps", "risks", "explanation", "comment"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def progress_template(session: Session, period_label: str, organisation_code: str, *, plan: str | None = None) -> bytes:
    """The xlsx template for one organisation and period, pre-filled from its existing reports."""
    period, slug = find_period(session, period_label, plan)
    organisation = session.exec(select(Organisation).where(Organisation.code == organisation_code)).first()
    if organisation is None:
        raise NotFound(f"No organisation with code {organisation_code!r}.")
    plan_row = session.exec(select(Plan).where(Plan.slug == slug)).one()
    initiatives = session.exec(
        select(Initiative)
        .where(Initiative.plan_id == plan_row.id, Initiative.lead_id == organisation.id)
        .order_by(col(Initiative.code))
    ).all()
    ids = [i.id for i in initiatives]
    reports = {
        r.initiative_id: r
        for r in session.exec(
            select(ProgressReport).where(
                col(ProgressReport.initiative_id).in_(ids), ProgressReport.period_id == period.id
            )
        ).all()
    }
    values: dict[tuple[int, int, str], IndicatorValue] = {}
    report_ids = [r.id for r in reports.values()]
    if report_ids:
        for v in session.exec(select(IndicatorValue).where(col(IndicatorValue.report_id).in_(report_ids))).all():
            values[(v.report_id, v.indicator_id, v.category)] = v
    indicators: dict[int, list[Indicator]] = {}
    for indicator in session.exec(
        select(Indicator).where(col(Indicator.initiative_id).in_(ids)).order_by(col(Indicator.code))
    ).all():
        indicators.setdefault(indicator.initiative_id, []).append(indicator)

    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = INSTRUCTIONS_SHEET
    for n, line in enumerate(INSTRUCTIONS_DA, start=1):
        write_cell(guide, n, 1, line).font = Font(bold=n == 1, size=14 if n == 1 else 11)
    write_cell(guide, len(INSTRUCTIONS_DA) + 2, 1, f"Organisation: {organisation.code} ({organisation.name_da})")
    write_cell(
        guide,
        len(INSTRUCTIONS_DA) + 3,
        1,
        f"Periode: {period.label} ({period.starts} - {period.ends}); frist {period.due}",
    )
    guide.column_dimensions["A"].width = 110
    guide.protection.sheet = True

    reports_ws = workbook.create_sheet(REPORTS_SHEET)
    _header(reports_ws, REPORT_COLUMNS)
    status_list = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_LABELS_DA[s] for s in ProgressStatus) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ugyldig status",
        error="Vælg en status fra listen.",
    )
    reports_ws.add_data_validation(status_list)
    confidence_list = DataValidation(
        type="list",
        formula1='"' + ",".join(CONFIDENCE_LABELS_DA.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ugyldig sikkerhed",
        error="Vælg Høj, Middel eller Lav.",
    )
    reports_ws.add_data_validation(confidence_list)
    values_ws = workbook.create_sheet(VALUES_SHEET)
    _header(values_ws, VALUE_COLUMNS)
    value_number = 2
    for n, initiative in enumerate(initiatives, start=2):
        report = reports.get(initiative.id or 0)
        _row(
            reports_ws,
            n,
            REPORT_COLUMNS,
            {
                "period": period.label,
                "organisation": organisation.code,
                "initiative": initiative.code,
                "title": initiative.title_da,
                "status": STATUS_LABELS_DA[ProgressStatus(report.status)] if report else None,
                "narrative": report.narrative if report else None,
                "next_steps": report.next_steps if report else None,
                "risks": report.risks if report else None,
                "explanation": report.explanation if report else None,
                "spent_dkk": report.spent_dkk if report else None,
                "confidence": CONFIDENCE_LABELS_DA[Confidence(report.confidence)]
                if report and report.confidence
                else None,
            },
            REPORT_INPUTS,
        )
        for indicator in indicators.get(initiative.id or 0, []):
            for category in ["", *indicator.categories()]:
                stored = values.get((report.id or 0, indicator.id or 0, category)) if report else None
                _row(
                    values_ws,
                    value_number,
                    VALUE_COLUMNS,
                    {
                        "period": period.label,
                        "initiative": initiative.code,
                        "indicator": indicator.code,
                        "name": indicator.name_da,
                        "unit": indicator.unit,
                        "category": category or TOTAL_LABEL,
                        "value": stored.value if stored else None,
                        "comment": stored.comment if stored and stored.comment else None,
                    },
                    VALUE_INPUTS,
                )
                value_number += 1
    if initiatives:
        status_list.add(f"E2:E{len(initiatives) + 1}")
        column = get_column_letter(REPORT_COLUMNS.index("confidence") + 1)
        confidence_list.add(f"{column}2:{column}{len(initiatives) + 1}")
    for ws in (reports_ws, values_ws):
        ws.protection.sheet = True
        # People may still resize columns and filter, which protection forbids by default.
        ws.protection.formatColumns = False
        ws.protection.autoFilter = False
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
