"""from_row: an answer shape from a row's same-named attributes, with what the row does not hold given by name."""

from dataclasses import dataclass

import pytest
from pydantic import BaseModel

from tracker.shapes import from_row


@dataclass
class Row:
    id: int
    title: str
    owner_id: int


class Public(BaseModel):
    id: int
    title: str
    owner: str


class Ref(BaseModel):
    id: int
    title: str


def test_fields_the_row_holds_come_from_it_and_the_others_are_given():
    assert from_row(Public, Row(7, "Møde", 3), owner="CMM") == Public(id=7, title="Møde", owner="CMM")


def test_a_given_value_wins_over_the_rows_attribute():
    assert from_row(Ref, Row(7, "Møde", 3), title="Andet") == Ref(id=7, title="Andet")


def test_a_shape_the_row_fills_alone_is_read_from_its_attributes():
    assert from_row(Ref, Row(7, "Møde", 3)) == Ref(id=7, title="Møde")


def test_a_misspelt_value_is_refused_instead_of_being_dropped():
    with pytest.raises(TypeError, match="ownr"):
        from_row(Public, Row(7, "Møde", 3), owner="CMM", ownr="X")
