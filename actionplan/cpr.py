"""CPR screening: the one place that decides whether text holds something shaped like a Danish CPR number.

The tracker stores aggregate figures only, never data on persons. Every free-text field it stores (the API's
input models, every cell of every sheet it reads, token labels, comments, review comments, plan files)
is screened here. The text is normalised first, so look-alikes do not slip through:

- Unicode NFKC (full-width digits become digits, a no-break space becomes a space, ...);
- invisible characters (zero-width spaces and joiners, soft hyphens, byte-order marks: category Cf) dropped;
- any run of dashes (hyphen, en and em dash, minus sign...), slashes or spaces between the date and the
  serial number counts as a separator; a word glued in front does not hide the number;
- the date may have a two- or a four-digit year (DDMMYY-SSSS or DDMMYYYY-SSSS).

A match is six (or eight) digits forming a real date followed by four digits, not inside a longer number.
No modulus-11 check: the CPR office has issued numbers without it since 2007. Dates, phone numbers, amounts
and codes such as MH22-2.1 or 2025-H2 do not have that shape and pass.
"""

import re
import unicodedata
from datetime import date

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
_SLASHES = "\u2044\u2215\u29f8\uff0f"
_TRANSLATE = {ord(c): "-" for c in _DASHES} | {ord(c): "/" for c in _SLASHES}
_CPR_SHAPE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{4}|\d{2})[\s\-/]*(\d{4})(?!\d)")
# The reverse order is tried too, so that an 8-digit date is found when a 6-digit reading fails.
_CPR_SHAPE_SHORT = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[\s\-/]*(\d{4})(?!\d)")
REMOVED = "[fjernet: CPR-lignende nummer]"
MESSAGE = (
    "This text contains something shaped like a Danish CPR number ({match}). The tracker holds aggregate "
    "figures only, never data on persons: remove the number and describe people in aggregate terms "
    "(for example '12 women were housed')."
)


def normalise(text: str) -> str:
    """The text as screened: NFKC, invisible characters dropped, dashes and slashes unified."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return visible.translate(_TRANSLATE)


def _is_birth_date(day: int, month: int, year: str) -> bool:
    centuries = (int(year),) if len(year) == 4 else (1900 + int(year), 2000 + int(year), 1800 + int(year))
    for full in centuries:
        if not 1800 <= full <= 2099:
            continue
        try:
            date(full, month, day)
        except ValueError:
            continue
        return True
    return False


def _matches(normalised: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    for pattern in (_CPR_SHAPE, _CPR_SHAPE_SHORT):
        for match in pattern.finditer(normalised):
            day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
            if _is_birth_date(day, month, year):
                found.append(match)
    return found


def find_cpr_like(text: str) -> str | None:
    """The first CPR-shaped number in the text (after normalising), or None."""
    if len(text) < 10:  # fewer than ten characters cannot hold ten digits (most comments are empty)
        return None
    # A CPR number has ten digits, whatever else surrounds them (map: no generator frame per character).
    if sum(map(str.isdigit, text)) < 10:
        return None
    found = _matches(normalise(text))
    return min(found, key=lambda m: m.start()).group(0) if found else None


def contains_cpr(text: str) -> bool:
    return find_cpr_like(text) is not None


def masked(found: str) -> str:
    """A hint at what was found that does not repeat it: its first two and last characters."""
    return found[:2] + "…" + found[-1]


def message_for(text: str) -> str | None:
    """The refusal message for text holding a CPR-shaped number (None when it has none)."""
    found = find_cpr_like(text)
    return MESSAGE.format(match=masked(found)) if found else None


def redact(text: str) -> str:
    """The text with every CPR-shaped number replaced (unchanged when it holds none), for stored copies."""
    if find_cpr_like(text) is None:
        return text
    normalised = normalise(text)
    spans = sorted({m.span() for m in _matches(normalised)})
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out.append(normalised[last:start])
        out.append(REMOVED)
        last = end
    out.append(normalised[last:])
    return "".join(out)
