"""Danish (and English) number and date formats for the pages, through Babel: 1.234,5 and 31. december 2025."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.numbers import format_decimal

LOCALES = {"da": "da_DK", "en": "en_GB"}


def locale(lang: str) -> str:
    return LOCALES.get(lang, "da_DK")


def number(value: float | int | None, lang: str, decimals: int = 1) -> str:
    """1234.5 -> "1.234,5" in Danish, "1,234.5" in English; whole numbers without decimals; None -> "–"."""
    if value is None:
        return "–"
    pattern = "#,##0" if float(value).is_integer() else "#,##0." + "#" * max(decimals, 1)
    return format_decimal(value, format=pattern, locale=locale(lang))


def money(value: float | int | None, lang: str) -> str:
    """Kroner without decimals: "1.250.000 kr." in Danish, "DKK 1,250,000" in English."""
    if value is None:
        return "–"
    amount = format_decimal(round(value), format="#,##0", locale=locale(lang))
    return f"{amount} kr." if lang == "da" else f"DKK {amount}"


def long_date(value: date | datetime | None, lang: str, tz: ZoneInfo | None = None) -> str:
    """31. december 2025 / 31 December 2025."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = value.astimezone(tz).date() if tz else value.date()
    return babel_date(value, format="long", locale=locale(lang))


def date_time(value: datetime | None, lang: str, tz: ZoneInfo) -> str:
    """29. november 2026 kl. 10.00 / 29 November 2026, 10:00, in the tracker's time zone."""
    if value is None:
        return "–"
    local = value.astimezone(tz)
    if lang == "da":
        return f"{babel_date(local.date(), format='long', locale='da_DK')} kl. {local:%H.%M}"
    return babel_datetime(local, format="d MMMM y, HH:mm", locale=locale(lang))
