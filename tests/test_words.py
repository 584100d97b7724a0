"""Counted words: singular for exactly one, plural otherwise, in every text a person reads (pages, mails, packs)."""

import re

import pytest

from reports.pack import PACK_LABELS
from reports.words import fill, plural
from tracker.mail.texts import TEMPLATES, render
from tracker.web.i18n import TEXTS, translator

# "dag(e)", "report(s)", "beslutning(er)", "møde(r)": a count written around, not said.
HEDGED = re.compile(r"\w\((s|e|er|r|en|ne)\)")


def every_text() -> list[tuple[str, str]]:
    texts = [(f"web {key}", text) for key, pair in TEXTS.items() for text in pair]
    texts += [
        (f"mail {kind}.{lang}", part)
        for kind, languages in TEMPLATES.items()
        for lang, parts in languages.items()
        for part in parts
    ]
    texts += [(f"pack {lang}.{key}", text) for lang, labels in PACK_LABELS.items() for key, text in labels.items()]
    return texts


def test_no_text_hedges_a_count_with_a_parenthesised_ending():
    assert [where for where, text in every_text() if HEDGED.search(text)] == []


@pytest.mark.parametrize(("count", "word"), [(0, "møder"), (1, "møde"), (2, "møder"), (1.5, "møder"), (-1, "møder")])
def test_the_singular_is_for_exactly_one(count, word):
    assert plural(count, "møde", "møder") == word
    assert fill("{n} {n:møde|møder} om året", n=count) == f"{count} {word} om året"


def test_a_text_can_choose_its_whole_wording_by_the_count():
    t = translator("da")
    assert t("operations.latest", count=1) == "Det seneste brev"
    assert t("operations.latest", count=20) == "De seneste 20 breve"
    assert t("queue.intro", count=1).startswith("1 indsendt rapport venter.")
    assert t("queue.intro", count=3).startswith("3 indsendte rapporter venter.")
    english = translator("en")
    assert english("fora.meeting.counts", decisions=1, items=2) == "1 decision, 2 open action items"
    assert t("fora.meeting.counts", decisions=2, items=1) == "2 beslutninger, 1 åbent opfølgningspunkt"


def test_mails_count_their_days():
    context = {
        "organisation": {"name": "Justitsministeriet", "code": "JM"},
        "period": "2. halvår 2025",
        "due": "31. januar 2026",
        "initiatives": [],
        "due_url": "http://x/due",
        "template_url": "http://x/template",
        "base_url": "http://x",
    }
    one = render("reminder", "da", days_left=1, **context)
    many = render("reminder", "da", days_left=7, **context)
    english = render("reminder", "en", days_left=1, **context)
    assert "Om 1 dag," in one.text
    assert "Om 1 dag," in one.html
    assert "Om 7 dage," in many.text
    assert "In 1 day," in english.text
