"""The report input schema on its own: CPR screening, required explanations, duplicates, forbidden fields."""

import pytest
from pydantic import ValidationError

from tracker.progress.schemas import AmendInput, MilestoneUpdateInput, ReportInput, find_cpr_like


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("010165-1234", "010165-1234"),  # 1 January 1965: flagged although the modulus-11 check fails
        ("born 0101651234, housed", "0101651234"),
        ("ref 290200 1234", "290200 1234"),  # 29 February 2000 exists
        ("310265-1234", None),  # 31 February does not
        ("290201-1234", None),  # nor 29 February 2001
        ("12345678901", None),  # eleven digits are not a CPR number
        ("2024-0001", None),
        ("+45 12 34 56 78", None),
        ("1.250.000 DKK", None),
    ],
)
def test_cpr_shaped_numbers_are_found_by_their_date_alone(text, found):
    assert find_cpr_like(text) == found


def test_the_cpr_message_asks_for_aggregate_wording_and_does_not_repeat_the_number():
    with pytest.raises(ValidationError) as caught:
        ReportInput(status="on_track", narrative="Case 010165-1234 closed")
    message = caught.value.errors()[0]["msg"]
    assert "CPR number" in message
    assert "aggregate" in message
    assert "010165-1234" not in message


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError) as caught:
        ReportInput.model_validate({"status": "on_track", "state": "approved"})
    assert caught.value.errors()[0]["loc"] == ("state",)


def test_at_risk_needs_an_explanation():
    with pytest.raises(ValidationError):
        ReportInput(status="at_risk")
    assert ReportInput(status="at_risk", explanation="Funding late").explanation == "Funding late"


def test_a_milestone_update_is_either_done_or_moved_with_a_reason():
    with pytest.raises(ValidationError):
        MilestoneUpdateInput(title="x")
    with pytest.raises(ValidationError):
        MilestoneUpdateInput(title="x", done_on="2025-01-01", new_due="2025-02-01", reason="r")
    with pytest.raises(ValidationError):
        MilestoneUpdateInput(title="x", new_due="2025-02-01")


def test_an_amendment_needs_a_reason():
    with pytest.raises(ValidationError):
        AmendInput(status="on_track")
    assert AmendInput(status="on_track", reason="Audited accounts").reason == "Audited accounts"


def test_values_are_finite_and_not_negative():
    for value in (-1, float("inf"), float("nan")):
        with pytest.raises(ValidationError):
            ReportInput.model_validate({"status": "on_track", "indicator_values": [{"indicator": "I", "value": value}]})
