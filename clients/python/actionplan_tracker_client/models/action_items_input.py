from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.action_item_input import ActionItemInput





T = TypeVar("T", bound="ActionItemsInput")



@_attrs_define
class ActionItemsInput:
    """ 
        Attributes:
            action_items (list[ActionItemInput]):
     """

    action_items: list[ActionItemInput]





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_item_input import ActionItemInput # noqa: PLC0415
        action_items = []
        for action_items_item_data in self.action_items:
            action_items_item = action_items_item_data.to_dict()
            action_items.append(action_items_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action_items": action_items,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_item_input import ActionItemInput # noqa: PLC0415
        d = dict(src_dict)
        action_items = []
        _action_items = d.pop("action_items")
        for action_items_item_data in (_action_items):
            action_items_item = ActionItemInput.from_dict(action_items_item_data)



            action_items.append(action_items_item)


        action_items_input = cls(
            action_items=action_items,
        )

        return action_items_input

