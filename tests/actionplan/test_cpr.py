"""CPR screening (`actionplan.cpr`): every variant class is found, and dates, phones, amounts and codes pass."""

from hypothesis import given, settings

from actionplan.cpr import REMOVED, find_cpr_like, redact
from tests.cpr_corpus import HARMLESS, VARIANTS, cpr_variants, harmless


@settings(max_examples=400, deadline=None)
@given(cpr_variants())
def test_every_generated_cpr_variant_is_found_and_redacted(text):
    assert find_cpr_like(text) is not None, repr(text)
    cleaned = redact(text)
    assert REMOVED in cleaned
    assert find_cpr_like(cleaned) is None


@settings(max_examples=400, deadline=None)
@given(harmless())
def test_dates_phone_numbers_amounts_and_codes_pass(text):
    assert find_cpr_like(text) is None, repr(text)
    assert redact(text) == text


def test_the_fixed_samples_are_what_they_claim():
    assert all(find_cpr_like(t) for t in VARIANTS)
    assert not any(find_cpr_like(t) for t in HARMLESS)
