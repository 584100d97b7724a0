"""Every format tells the same story: xlsx, HTML, PDF and JSON rendered from one model."""

import io
import json
import re
import zipfile
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import build_status_report, render
from reports.i18n import Labels
from reports.tables import build_tables, format_cell
from tests.reports.builders import PLAN, TODAY, make_report, make_slip

pytestmark = pytest.mark.usefixtures("plan_loaded")
NARRATIVE = "=HYPERLINK(\"http://evil\") <script>alert('x')</script> Kvinder på krisecentre i Århus og Køge"


@pytest.fixture
def sample(session):
    from datetime import UTC, date, datetime

    make_report(session, "MH22-1.1", "2024-H2", status="on_track", forecast_status="on_track", spent_dkk=1234.5)
    make_report(
        session,
        "MH22-1.1",
        "2025-H1",
        status="delayed",
        explanation=NARRATIVE,
        risks="+SUM(A1:A9) risiko for forsinkelse",
        spent_dkk=250_000.0,
        values={("MH22-1.1-I1", ""): 1234.5},
    )
    make_report(session, "MH22-2.1", "2025-H1", status="at_risk", explanation="-1 plads på krisecentret")
    make_report(
        session,
        "MH22-X.1",
        "2025-H1",
        values={
            ("MH22-X.1-I1", ""): 60,
            ("MH22-X.1-I1", "sex:women"): 50,
            ("MH22-X.1-I1", "sex:men"): 7,
            ("MH22-X.1-I1", "sex:trans"): 3,
        },
    )
    make_slip(
        session,
        "MH22-X.1",
        "Årsrapport om menneskehandel 2024",
        date(2025, 9, 30),
        at=datetime(2025, 6, 1, tzinfo=UTC),
        reason="@risk data kom sent",
    )
    session.commit()
    return session


def build(session, **options):
    options.setdefault("lang", "da")
    return build_status_report(session, PLAN, "2025-H1", today=TODAY, **options)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.cells: list[str] = []
        self._in_num = False

    def handle_starttag(self, tag, attrs):
        self._in_num = tag == "td" and ("class", "num") in attrs

    def handle_data(self, data):
        self.parts.append(data)
        if self._in_num:
            self.cells.append(data.strip())
            self._in_num = False


def html_text(content: bytes) -> _Text:
    parser = _Text()
    parser.feed(content.decode("utf-8"))
    return parser


def numeric_cells(report, labels):
    """Every number the report shows in a table, formatted as the reader sees it."""
    for table in build_tables(report, labels):
        for row in table.rows:
            for value, column in zip(row, table.columns, strict=True):
                if column.kind in ("count", "number", "money", "pct") and value is not None:
                    yield table.key, format_cell(value, column.kind, labels)


def test_every_format_renders(sample):
    report = build(sample)
    magic = {"xlsx": b"PK", "pdf": b"%PDF", "html": b"<!DOCTYPE html>", "json": b"{"}
    for fmt, start in magic.items():
        assert render(report, fmt).startswith(start)


def test_html_and_pdf_figures_equal_the_jsons(sample):
    report = build(sample)
    data = json.loads(render(report, "json"))
    labels = Labels("da")
    # The JSON is the model; tables are built from the same model...
    assert data["headline"]["totals"]["delayed"] == 1
    assert data["headline"]["share_on_track"] == report.headline.share_on_track
    html = html_text(render(report, "html"))
    pdf = re.sub(r"\s+", " ", pdf_text(render(report, "pdf")))
    shown = list(numeric_cells(report, labels))
    # ... and each number appears, formatted the Danish way, in the HTML cells and the PDF text.
    html_cells = list(html.cells)
    for _key, text in shown:
        if text:
            assert text in html_cells
            html_cells.remove(text)
            assert text.replace("\xa0", " ") in pdf
    assert "1.234,5" in html_cells or "1.234,5" in " ".join(html.parts)
    assert "1.234,5" in pdf
    assert data["indicators"][0]["actual"] == 1234.5
    share = format_cell(data["headline"]["share_on_track"], "pct", labels)
    assert share in " ".join(html.parts)
    assert share.replace("\xa0", " ") in pdf


def test_pdf_renders_danish_letters(sample):
    text = pdf_text(render(build(sample), "pdf"))
    assert "Århus og Køge" in text
    assert "Statusrapport til ministerens kontor" in text
    assert "bekæmpelse af menneskehandel" in text
    assert "1. januar 2025" in text  # Danish dates


def test_html_escapes_script_in_a_narrative(sample):
    html = render(build(sample), "html").decode("utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "@media print" in html
    assert 'src="data:image/svg+xml;base64,' in html


def test_xlsx_keeps_formula_like_text_as_text_and_numbers_as_numbers(sample):
    content = render(build(sample), "xlsx")
    wb = load_workbook(io.BytesIO(content))
    assert {"Overblik", "Forsinkede og truede", "Udskudte milepæle", "Indikatorer", "Budget"} <= set(wb.sheetnames)
    attention = wb["Forsinkede og truede"]
    texts = {c.value: c for row in attention.iter_rows() for c in row if isinstance(c.value, str)}
    for value in (NARRATIVE, "+SUM(A1:A9) risiko for forsinkelse", "-1 plads på krisecentret"):
        assert texts[value].data_type == "s"
    reasons = [c for row in wb["Udskudte milepæle"].iter_rows() for c in row if c.value == "@risk data kom sent"]
    assert [c.data_type for c in reasons] == ["s"]
    # No formula anywhere in the workbook's XML.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)
    headline = wb["Overblik"]
    assert headline.freeze_panes == "B2"
    assert list(headline.tables) == ["T_headline"]
    totals = [r for r in wb["Totaler"].iter_rows(values_only=True) if r[3] == "I alt" and r[4] == "I alt"]
    assert [r[5] for r in totals if r[2] == "Overblik pr. indsatsområde"] == [16]
    assert isinstance(totals[0][5], int)
    budget = wb["Budget"]
    header = [c.value for c in budget[1]]
    spent = next(row for row in budget.iter_rows(values_only=True) if row[2] == "MH22-1.1")
    assert spent[header.index("Forbrug i halvåret")] == 250_000.0
    assert spent[header.index("Forbrug til dato")] == 251_234.5


def test_english_on_request(sample):
    report = build(sample, lang="en")
    html = render(report, "html").decode("utf-8")
    assert "Status report for the minister&#39;s office" in html
    assert "Delayed" in html
    assert "1 January 2025" in pdf_text(render(report, "pdf"))


def test_public_mode_shows_no_count_of_persons_from_one_to_four_anywhere(sample):
    report = build(sample, public=True)
    labels = Labels("da")
    small = re.compile(r"^[1-4]$")
    people = [t for t in build_tables(report, labels) if t.key == "indicators"]
    for table in people:
        for row in table.rows:
            actual = format_cell(row[5], "number", labels)
            assert not small.match(actual), f"{row[:4]} shows {actual}"
    html = html_text(render(report, "html"))
    assert "<5" in html.cells
    # Counts of initiatives are facts about government work and stay visible (and the share with them).
    assert report.headline.total == 16
    assert isinstance(report.headline.share_on_track, float)


def test_renders_are_reproducible(sample):
    report = build(sample)
    for fmt in ("json", "html", "pdf"):
        assert render(report, fmt) == render(report, fmt)
