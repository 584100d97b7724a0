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


def test_percent_uses_a_space_in_danish():
    assert format_percent(50.0, "da") == "50,0 %"
    assert format_percent(50.0, "en") == "50.0%"


def test_every_label_and_status_exists_in_both_languages():
    assert set(LABELS["da"]) == set(LABELS["en"])
    assert set(STATUS["da"]) == set(STATUS["en"])
    assert Labels("da").status("delayed") == "Forsinket"
    assert Labels("en").indicator_status("no_target") == "No target set"


def test_every_section_has_a_valid_sheet_name_in_both_languages():
    from reports.i18n import SHEETS

    assert set(SHEETS["da"]) == set(SHEETS["en"])
    for names in SHEETS.values():
        for name in names.values():
            assert len(name) <= 31
            assert not set(name) & set("[]:*?/\\")
