from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="IndicatorValueInput")



@_attrs_define
class IndicatorValueInput:
    """ 
        Attributes:
            indicator (str): Indicator code, e.g. MH22-2.1-I1
            value (float): An aggregate figure, never data on a person
            category (str | Unset): "" for the total, else "dimension:value" Default: ''.
            comment (str | Unset):  Default: ''.
     """

    indicator: str
    value: float
    category: str | Unset = ''
    comment: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        indicator = self.indicator

        value = self.value

        category = self.category

        comment = self.comment


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "indicator": indicator,
            "value": value,
        })
        if category is not UNSET:
            field_dict["category"] = category
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        indicator = d.pop("indicator")

        value = d.pop("value")

        category = d.pop("category", UNSET)

        comment = d.pop("comment", UNSET)

        indicator_value_input = cls(
            indicator=indicator,
            value=value,
            category=category,
            comment=comment,
        )

        return indicator_value_input

