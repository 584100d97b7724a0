from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.action_item_public import ActionItemPublic
  from ..models.due_item import DueItem





T = TypeVar("T", bound="DueList")



@_attrs_define
class DueList:
    """ 
        Attributes:
            organisation (str):
            data (list[DueItem]):
            count (int):
            action_items (list[ActionItemPublic] | Unset):
     """

    organisation: str
    data: list[DueItem]
    count: int
    action_items: list[ActionItemPublic] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_item_public import ActionItemPublic # noqa: PLC0415
        from ..models.due_item import DueItem # noqa: PLC0415
        organisation = self.organisation

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)



        count = self.count

        action_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.action_items, Unset):
            action_items = []
            for action_items_item_data in self.action_items:
                action_items_item = action_items_item_data.to_dict()
                action_items.append(action_items_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "organisation": organisation,
            "data": data,
            "count": count,
        })
        if action_items is not UNSET:
            field_dict["action_items"] = action_items

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_item_public import ActionItemPublic # noqa: PLC0415
        from ..models.due_item import DueItem # noqa: PLC0415
        d = dict(src_dict)
        organisation = d.pop("organisation")

        data = []
        _data = d.pop("data")
        for data_item_data in (_data):
            data_item = DueItem.from_dict(data_item_data)



            data.append(data_item)


        count = d.pop("count")

        _action_items = d.pop("action_items", UNSET)
        action_items: list[ActionItemPublic] | Unset = UNSET
        if _action_items is not UNSET:
            action_items = []
            for action_items_item_data in _action_items:
                action_items_item = ActionItemPublic.from_dict(action_items_item_data)



                action_items.append(action_items_item)


        due_list = cls(
            organisation=organisation,
            data=data,
            count=count,
            action_items=action_items,
        )


        due_list.additional_properties = d
        return due_list

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
