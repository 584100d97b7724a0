from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.page_links import PageLinks
  from ..models.progress_history_event import ProgressHistoryEvent





T = TypeVar("T", bound="ProgressHistoryPublic")



@_attrs_define
class ProgressHistoryPublic:
    """ 
        Attributes:
            initiative (str):
            data (list[ProgressHistoryEvent]):
            count (int):
            page (int | Unset):  Default: 1.
            page_size (int | Unset):  Default: 100.
            links (PageLinks | Unset):
     """

    initiative: str
    data: list[ProgressHistoryEvent]
    count: int
    page: int | Unset = 1
    page_size: int | Unset = 100
    links: PageLinks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.page_links import PageLinks # noqa: PLC0415
        from ..models.progress_history_event import ProgressHistoryEvent # noqa: PLC0415
        initiative = self.initiative

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)



        count = self.count

        page = self.page

        page_size = self.page_size

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "initiative": initiative,
            "data": data,
            "count": count,
        })
        if page is not UNSET:
            field_dict["page"] = page
        if page_size is not UNSET:
            field_dict["page_size"] = page_size
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.page_links import PageLinks # noqa: PLC0415
        from ..models.progress_history_event import ProgressHistoryEvent # noqa: PLC0415
        d = dict(src_dict)
        initiative = d.pop("initiative")

        data = []
        _data = d.pop("data")
        for data_item_data in (_data):
            data_item = ProgressHistoryEvent.from_dict(data_item_data)



            data.append(data_item)


        count = d.pop("count")

        page = d.pop("page", UNSET)

        page_size = d.pop("page_size", UNSET)

        _links = d.pop("links", UNSET)
        links: PageLinks | Unset
        if isinstance(_links,  Unset):
            links = UNSET
        else:
            links = PageLinks.from_dict(_links)




        progress_history_public = cls(
            initiative=initiative,
            data=data,
            count=count,
            page=page,
            page_size=page_size,
            links=links,
        )


        progress_history_public.additional_properties = d
        return progress_history_public

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
