"""Generated corpora for CPR screening: CPR-shaped strings in every variant class, and look-alikes that
must pass (dates, phone numbers, amounts, codes). Shared by the unit tests and the API/import tests."""

from datetime import date, timedelta

from hypothesis import strategies as st

SEPARATORS = ["", "-", "\u2013", "\u2014", "\u2212", "/", " ", " - ", " \u2013 ", "\u00a0", "  /  ", "\u2010"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]
GLUED = ["", "cpr", "CPR:", "nr.", "borger", "Personnr", "x"]
CONTEXT = ["{}", "Kvinden med {} blev henvist.", "({})", "Se {} i sagen.", "{}\n", "Tlf og {}"]


def render(
    birth: date, serial: int, *, four_digit_year: bool, separator: str, invisible: str, at: int, glue: str
) -> str:
    year = f"{birth.year:04d}" if four_digit_year else f"{birth.year % 100:02d}"
    number = f"{birth.day:02d}{birth.month:02d}{year}{separator}{serial:04d}"
    if invisible:
        at = at % (len(number) + 1)
        number = number[:at] + invisible + number[at:]
    return glue + number


@st.composite
def cpr_variants(draw: st.DrawFn) -> str:
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)))
    text = render(
        birth,
        draw(st.integers(0, 9999)),
        four_digit_year=draw(st.booleans()),
        separator=draw(st.sampled_from(SEPARATORS)),
        invisible=draw(st.sampled_from(["", *INVISIBLE])),
        at=draw(st.integers(0, 20)),
        glue=draw(st.sampled_from(GLUED)),
    )
    if draw(st.booleans()):
        text = text.translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})  # full-width digits
    return draw(st.sampled_from(CONTEXT)).format(text)


@st.composite
def harmless(draw: st.DrawFn) -> str:
    """Dates, times, phone numbers, amounts and codes a report legitimately holds."""
    day = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
    phone = draw(st.integers(20_000_000, 99_999_999))
    amount = draw(st.integers(0, 2_000_000_000))
    kinds = [
        day.isoformat(),
        day.strftime("%d-%m-%Y"),
        day.strftime("%d.%m.%Y"),
        day.strftime("%d/%m/%Y"),
        day.strftime("%d-%m-%Y kl. 14.00"),
        f"{day.strftime('%d.%m.%Y')} - {(day + timedelta(days=draw(st.integers(0, 400)))).strftime('%d.%m.%Y')}",
        f"+45 {phone}",
        f"+45 {str(phone)[:2]} {str(phone)[2:4]} {str(phone)[4:6]} {str(phone)[6:]}",
        f"tlf. {phone}",
        f"{amount:,} kr.".replace(",", "."),
        f"DKK {amount:,}",
        f"{amount:,}".replace(",", " ") + " kr",
        f"MH22-{draw(st.integers(1, 3))}.{draw(st.integers(1, 9))}-I{draw(st.integers(1, 9))}",
        f"{draw(st.integers(2022, 2025))}-H{draw(st.integers(1, 2))}",
        f"J.nr. {draw(st.integers(2020, 2026))}-{draw(st.integers(1, 99999)):05d}",
        f"{draw(st.integers(0, 999))} kvinder, {draw(st.integers(0, 99))} % af {draw(st.integers(0, 9999))}",
    ]
    return draw(st.sampled_from(kinds))


# A fixed sample of every variant class, for tests that cannot run Hypothesis per example (API, imports).
VARIANTS = [
    "Kvinden med 010165-1234 blev henvist.",  # the plain form
    "Se 010165\u20131234 i sagen.",  # en dash as word processors write it
    "Se 010165/1234.",  # slash
    "Se 010165 - 1234.",  # spaces around the dash
    "Se 0101651234.",  # ten digits in a row
    "Se 01016\u200b5-1234.",  # zero-width space inside
    "Se 010165\u00a01234.",  # no-break space as the separator
    "Se 0101\u00ad65-1234.",  # soft hyphen inside
    "Se cpr010165-1234.",  # a word glued in front
    "Se 01011965-1234.",  # four-digit year
    "Se \uff10\uff11\uff10\uff11\uff16\uff15-\uff11\uff12\uff13\uff14.",  # full-width digits
    "Se 311299\u22121234.",  # minus sign
]
HARMLESS = [
    "Mødet 31-12-2024 kl. 14.00 blev holdt.",
    "Ring på +45 12 34 56 78 eller 87654321.",
    "Budgettet er 1.250.000 kr. for 2025-H2.",
    "Indikatoren MH22-2.1-I1 steg til 87,5.",
    "Perioden 01.01.2025 - 30.06.2025.",
    "J.nr. 2024-01234",
]
