from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.action_item_public import ActionItemPublic
  from ..models.decision_public import DecisionPublic
  from ..models.fora_organisation_ref import ForaOrganisationRef





T = TypeVar("T", bound="MeetingPublic")



@_attrs_define
class MeetingPublic:
    """ 
        Attributes:
            id (int):
            forum (str):
            held_on (datetime.date):
            title (str):
            agenda (None | str):
            minutes (None | str):
            attendance (list[ForaOrganisationRef]):
            decisions (list[DecisionPublic]):
            action_items (list[ActionItemPublic]):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
     """

    id: int
    forum: str
    held_on: datetime.date
    title: str
    agenda: None | str
    minutes: None | str
    attendance: list[ForaOrganisationRef]
    decisions: list[DecisionPublic]
    action_items: list[ActionItemPublic]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_item_public import ActionItemPublic # noqa: PLC0415
        from ..models.decision_public import DecisionPublic # noqa: PLC0415
        from ..models.fora_organisation_ref import ForaOrganisationRef # noqa: PLC0415
        id = self.id

        forum = self.forum

        held_on = self.held_on.isoformat()

        title = self.title

        agenda: None | str
        agenda = self.agenda

        minutes: None | str
        minutes = self.minutes

        attendance = []
        for attendance_item_data in self.attendance:
            attendance_item = attendance_item_data.to_dict()
            attendance.append(attendance_item)



        decisions = []
        for decisions_item_data in self.decisions:
            decisions_item = decisions_item_data.to_dict()
            decisions.append(decisions_item)



        action_items = []
        for action_items_item_data in self.action_items:
            action_items_item = action_items_item_data.to_dict()
            action_items.append(action_items_item)



        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "forum": forum,
            "held_on": held_on,
            "title": title,
            "agenda": agenda,
            "minutes": minutes,
            "attendance": attendance,
            "decisions": decisions,
            "action_items": action_items,
            "created_at": created_at,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_item_public import ActionItemPublic # noqa: PLC0415
        from ..models.decision_public import DecisionPublic # noqa: PLC0415
        from ..models.fora_organisation_ref import ForaOrganisationRef # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        forum = d.pop("forum")

        held_on = datetime.date.fromisoformat(d.pop("held_on"))




        title = d.pop("title")

        def _parse_agenda(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agenda = _parse_agenda(d.pop("agenda"))


        def _parse_minutes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        minutes = _parse_minutes(d.pop("minutes"))


        attendance = []
        _attendance = d.pop("attendance")
        for attendance_item_data in (_attendance):
            attendance_item = ForaOrganisationRef.from_dict(attendance_item_data)



            attendance.append(attendance_item)


        decisions = []
        _decisions = d.pop("decisions")
        for decisions_item_data in (_decisions):
            decisions_item = DecisionPublic.from_dict(decisions_item_data)



            decisions.append(decisions_item)


        action_items = []
        _action_items = d.pop("action_items")
        for action_items_item_data in (_action_items):
            action_items_item = ActionItemPublic.from_dict(action_items_item_data)



            action_items.append(action_items_item)


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        meeting_public = cls(
            id=id,
            forum=forum,
            held_on=held_on,
            title=title,
            agenda=agenda,
            minutes=minutes,
            attendance=attendance,
            decisions=decisions,
            action_items=action_items,
            created_at=created_at,
            updated_at=updated_at,
        )


        meeting_public.additional_properties = d
        return meeting_public

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
