"""Danish and English formats the minister's office reads."""

from datetime import date

import pytest

from reports.i18n import LABELS, STATUS, Labels, format_date, format_number, format_percent


def test_danish_dates_spell_the_month_in_lower_case_after_a_dotted_day():
    assert format_date(date(2024, 12, 31), "da") == "31. december 2024"
    assert format_date(date(2025, 5, 1), "da") == "1. maj 2025"


def test_english_dates():
    assert format_date(date(2024, 12, 31), "en") == "31 December 2024"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234.5, "da", "1.234,5"),
        (1234.5, "en", "1,234.5"),
        (118_200_000, "da", "118.200.000"),
        (7, "da", "7"),
        (-0.5, "da", "-0,5"),
        ("<5", "da", "<5"),
    ],
)
def test_numbers(value, lang, expected):
    assert format_number(value, lang) == expected


def test_percent_uses_a_no_break_space_in_danish():
    assert format_percent(50.0, "da") == "50,0\u00a0%"  # never split across lines
    assert format_percent(50.0, "en") == "50.0%"


def test_every_label_and_status_exists_in_both_languages():
    assert set(LABELS["da"]) == set(LABELS["en"])
    assert set(STATUS["da"]) == set(STATUS["en"])
    assert Labels("da").status("delayed") == "Forsinket"
    assert Labels("da").status("on_track") == "På rette spor"
    assert Labels("en").indicator_status("no_target") == "No target set"


def test_every_section_has_a_valid_sheet_name_in_both_languages():
    from reports.i18n import SHEETS

    assert set(SHEETS["da"]) == set(SHEETS["en"])
    for names in SHEETS.values():
        for name in names.values():
            assert len(name) <= 31
            assert not set(name) & set("[]:*?/\\")


def test_periods_units_categories_and_fields_read_as_words():
    from reports.i18n import category_label, field_label, field_value, format_money, format_period, unit_label

    assert format_period("2025-H2", "da") == "2. halvår 2025"
    assert format_period("2024-H1", "en") == "first half of 2024"
    assert unit_label("persons/year", "da") == "personer pr. år"
    assert category_label("sex:men", "da") == "Køn: mænd"
    assert category_label("form:forced_labour", "en") == "Form of exploitation: forced labour"
    assert field_label("spent_dkk", "da") == "Forbrug i perioden"
    assert field_label("indicator_values.MH22-X.1-I1/sex:men", "en") == "Indicator MH22-X.1-I1 (Sex: men)"
    assert field_value("spent_dkk", "430000.0", "da") == "430.000\u00a0kr."
    assert field_value("status", "delayed", "da") == "Forsinket"
    assert format_money(118_200_000, "da") == "118,2\u00a0mio.\u00a0kr."
    assert format_money(None, "da") == "ikke fastsat"
