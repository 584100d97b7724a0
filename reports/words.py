"""Counted words: "1 dag", "2 dage", never "dag(e)" — the one rule for singular and plural in every text.

Danish and English both use the singular for exactly one and the plural otherwise (0, 2, 1,5 …), so one rule
serves both. Texts name the two forms where the count stands: `fill("{n} {n:møde|møder} om året", n=4)` (a
`str.format` with the form "one|many" as a field's format), and the mails' Jinja filter
`{{ days|plural("dag", "dage") }}` calls the same `plural`.
"""

import string
from typing import Any


def plural(count: object, one: str, many: str) -> str:
    """The word for `count` things: `one` when it is exactly 1, else `many`."""
    return one if count == 1 else many


class _Words(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, _, many = format_spec.partition("|")
            return plural(value, one, many)
        return str(super().format_field(value, format_spec))


_WORDS = _Words()


def fill(text: str, **values: Any) -> str:
    """`text.format(**values)`, where a field written `{n:one|many}` becomes the word for n (see `plural`)."""
    return _WORDS.format(text, **values)
