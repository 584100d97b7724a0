"""The briefing with the sample data, read as the minister's office reads it: page one answers the questions,
every initiative appears, the PDF is navigable and no word is broken, the workbook can be pivoted."""

import io
import json
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import build_status_report, render
from reports.briefing import SHAPES, status_words
from reports.i18n import format_percent
from tests.reports.builders import PLAN, TODAY, make_report
from tracker.demo import load_demo

pytestmark = pytest.mark.usefixtures("plan_loaded")


@pytest.fixture
def demo(session, clock):
    load_demo(session, now=clock())
    session.flush()
    return session


def report(session, lang="da", period="2025-H2", **options):
    return build_status_report(session, PLAN, period, lang=lang, today=TODAY, **options)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def test_page_one_states_counts_changes_decisions_and_the_not_reported_with_the_jsons_figures(demo):
    model = report(demo)
    data = json.loads(render(model, "json"))
    pdf = PdfReader(io.BytesIO(render(model, "pdf")))
    page_one = flat(pdf.pages[0].extract_text())
    summary = data["summary"]
    # The counts, as in the JSON, each with its word.
    for status, count in summary["counts"].items():
        if count:
            assert f"{count} {status_words(status, 'da')}" in page_one
    assert sum(summary["counts"].values()) == 16 == data["headline"]["total"]
    assert f"Af planens 16 initiativer har {summary['reported']} en godkendt indberetning" in page_one
    assert flat(format_percent(data["headline"]["share_on_track"], "da")) in page_one
    # The sections a minister asks for.
    for heading in (
        "Kort fortalt",
        "Kræver beslutning eller opfølgning",
        "Ikke indberettet",
        "Hvad er ændret siden sidste halvår",
        "Samlet vurdering ved planens afslutning",
    ):
        assert heading in page_one
    # Not reported is not "got worse": the four without an approved report, each with its last known status.
    assert summary["not_reported"] == ["MH22-3.1", "MH22-3.2", "MH22-3.3", "MH22-X.1"]
    for code in summary["not_reported"]:
        assert f"{code} (" in page_one
    assert "seneste kendte status: på rette spor (1. halvår 2025)" in page_one
    assert "Det er ikke en forværring" in page_one
    # A delayed initiative with its explanation, and who has not reported.
    assert "MH22-1.1 Styrket Center mod Menneskehandel" in page_one
    assert "Justitsministeriet har ikke indberettet for MH22-3.1" in page_one
    # Ministerial Danish, not codes.
    for raw in ("2025-H2", "on_track", "no_report", "spent_dkk", " -> "):
        assert raw not in page_one


def test_every_initiative_appears_with_its_status_strip_and_last_known_status(demo):
    model = report(demo)
    assert [line.initiative for line in model.initiatives] == sorted(
        (line.initiative for line in model.initiatives), key=lambda c: (c.startswith("MH22-X"), c)
    )
    assert len(model.initiatives) == 16
    lines = {line.initiative: line for line in model.initiatives}
    x1 = lines["MH22-X.1"]
    assert (x1.reported, x1.status, x1.status_period, x1.missing) == (False, "at_risk", "2025-H1", True)
    assert [c.status for c in x1.strip][-4:] == ["on_track", "on_track", "at_risk", None]
    assert len(x1.strip) == len(model.meta.periods)
    assert lines["MH22-1.4"].certainty == "uncertain"
    text = flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render(model, "pdf"))).pages))
    for code in lines:
        assert code in text
    assert "Der er ikke givet en forklaring." not in text or "MH22" in text


def test_the_pdf_has_bookmarks_and_links_and_breaks_no_word(demo):
    model = report(demo)
    pdf = PdfReader(io.BytesIO(render(model, "pdf")))
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert titles[0] == "Kort fortalt"
    for section in ("Alle initiativer", "Forsinkede og truede initiativer", "Indikatorer og mål", "Budget og forbrug"):
        assert section in titles
    links = [a for a in pdf.pages[0].get("/Annots") or [] if a.get_object()["/Subtype"] == "/Link"]
    assert len(links) >= 5  # the summary links to the sections and initiatives
    # Every word the tables hold appears whole in the extracted text (a word cut over two lines would not).
    words = set()
    for line in model.initiatives:
        words |= set(line.title.split())
    text = "\n".join(p.extract_text() for p in pdf.pages)
    tokens = set(re.split(r"\s+", text))
    missing = {w for w in words if w not in tokens and len(w) > 3}
    assert not missing, f"words broken or lost: {sorted(missing)[:10]}"


def test_status_is_never_told_by_colour_alone(demo):
    model = report(demo)
    html = render(model, "html").decode()
    for status in ("on_track", "delayed", "at_risk", "completed"):
        assert SHAPES[status] in html
    assert 'role="img" aria-label="' in html
    text = flat(PdfReader(io.BytesIO(render(model, "pdf"))).pages[2].extract_text())
    assert "■ Forsinket" in text or "✔ Gennemført" in text


def test_budget_says_not_set_never_zero_and_explains_the_variance_against_the_plans_total(demo):
    model = report(demo)
    assert model.budget.allocated_total is None
    assert model.budget.allocated_count == 0
    text = flat(render(model, "html").decode())
    assert "ikke fastsat" in text
    assert "118,2 mio. kr." in text
    assert "er ikke nødvendigvis et mindreforbrug" in text


def test_revisions_and_slips_read_as_words_and_formatted_numbers(demo):
    model = report(demo, period="2025-H2")
    [revision] = model.changes.revised_values
    assert (revision.field_label, revision.before_text, revision.after_text) == (
        "Forbrug i perioden",
        "250.000\xa0kr.",
        "430.000\xa0kr.",
    )
    [delay] = [d for d in model.changes.new_delays if d.slips]
    assert "flyttet fra 30. september 2025 til 30. november 2025 (61 dage)" in delay.slips[0]
    html = render(model, "html").decode()
    assert "Rettet den" in html
    assert "250000.0" not in html


def test_the_english_briefing_speaks_english_and_marks_the_reporters_danish(demo):
    model = report(demo, lang="en")
    page_one = flat(PdfReader(io.BytesIO(render(model, "pdf"))).pages[0].extract_text())
    assert "Needs a decision or a push" in page_one
    assert "second half of 2025" in page_one
    html = render(model, "html").decode()
    assert '<td lang="da">' in html
    assert '<html lang="en">' in html


def test_delivery_confidence_is_shown_beside_the_status(session):
    make_report(session, "MH22-1.1", "2025-H1", status="at_risk", explanation="Sent.", confidence="low")
    model = report(session, period="2025-H1")
    line = next(i for i in model.initiatives if i.initiative == "MH22-1.1")
    assert line.confidence == "low"
    assert any("lav sikkerhed for levering til tiden" in d.text for d in model.summary.decisions)
    assert "Lav" in render(model, "html").decode()


def test_the_workbook_can_be_pivoted(demo):
    model = report(demo)
    wb = load_workbook(io.BytesIO(render(model, "xlsx")))
    for ws in wb.worksheets[1:]:
        assert ws["A1"].value, f"{ws.title}: the header is on row 1"
        assert len(ws.tables) == 1, f"{ws.title} is one Excel table"
    history = wb["Statusforløb"]
    header = [c.value for c in history[1]]
    assert header[:6] == ["Initiativ", "Titel", "Ansvarlig", "Halvår", "Halvår begynder", "Status"]
    rows = list(history.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 16 * len(model.meta.periods)  # one row per initiative and half-year
    assert rows[0][4].date() == date(2022, 1, 1)  # a date, not text
    # Totals stand apart from the breakdowns; shares are numbers formatted as percentages.
    headline = wb["Overblik"]
    assert "I alt" not in [r[2] for r in headline.iter_rows(min_row=2, values_only=True)]
    totals = [r for r in wb["Totaler"].iter_rows(min_row=2, values_only=True) if r[3] == "I alt"]
    assert totals
    indicators = wb["Indikatorer"]
    categories = {r[5] for r in indicators.iter_rows(min_row=2, values_only=True)}
    assert categories == {"I alt"}
    assert "Køn: kvinder" in {r[5] for r in wb["Indikatorer fordelt"].iter_rows(min_row=2, values_only=True)}
    forecasts = wb["Prognoser"]
    pct = forecasts.cell(2, [c.value for c in forecasts[1]].index("Træfsikkerhed") + 1)
    assert isinstance(pct.value, (int, float))
    assert 0 <= pct.value <= 1
    assert pct.number_format == "0.0%"
