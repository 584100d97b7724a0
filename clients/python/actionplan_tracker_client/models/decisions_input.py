from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.decision_input import DecisionInput





T = TypeVar("T", bound="DecisionsInput")



@_attrs_define
class DecisionsInput:
    """ 
        Attributes:
            decisions (list[DecisionInput]):
     """

    decisions: list[DecisionInput]





    def to_dict(self) -> dict[str, Any]:
        from ..models.decision_input import DecisionInput # noqa: PLC0415
        decisions = []
        for decisions_item_data in self.decisions:
            decisions_item = decisions_item_data.to_dict()
            decisions.append(decisions_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "decisions": decisions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.decision_input import DecisionInput # noqa: PLC0415
        d = dict(src_dict)
        decisions = []
        _decisions = d.pop("decisions")
        for decisions_item_data in (_decisions):
            decisions_item = DecisionInput.from_dict(decisions_item_data)



            decisions.append(decisions_item)


        decisions_input = cls(
            decisions=decisions,
        )

        return decisions_input

