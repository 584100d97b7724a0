from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.action_item_input import ActionItemInput
  from ..models.decision_input import DecisionInput





T = TypeVar("T", bound="MeetingInput")



@_attrs_define
class MeetingInput:
    """ 
        Attributes:
            held_on (datetime.date):
            title (str | Unset):  Default: ''.
            agenda (str | Unset):  Default: ''.
            minutes (str | Unset):  Default: ''.
            attendance (list[str] | Unset):
            decisions (list[DecisionInput] | Unset):
            action_items (list[ActionItemInput] | Unset):
     """

    held_on: datetime.date
    title: str | Unset = ''
    agenda: str | Unset = ''
    minutes: str | Unset = ''
    attendance: list[str] | Unset = UNSET
    decisions: list[DecisionInput] | Unset = UNSET
    action_items: list[ActionItemInput] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_item_input import ActionItemInput # noqa: PLC0415
        from ..models.decision_input import DecisionInput # noqa: PLC0415
        held_on = self.held_on.isoformat()

        title = self.title

        agenda = self.agenda

        minutes = self.minutes

        attendance: list[str] | Unset = UNSET
        if not isinstance(self.attendance, Unset):
            attendance = self.attendance



        decisions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.decisions, Unset):
            decisions = []
            for decisions_item_data in self.decisions:
                decisions_item = decisions_item_data.to_dict()
                decisions.append(decisions_item)



        action_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.action_items, Unset):
            action_items = []
            for action_items_item_data in self.action_items:
                action_items_item = action_items_item_data.to_dict()
                action_items.append(action_items_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "held_on": held_on,
        })
        if title is not UNSET:
            field_dict["title"] = title
        if agenda is not UNSET:
            field_dict["agenda"] = agenda
        if minutes is not UNSET:
            field_dict["minutes"] = minutes
        if attendance is not UNSET:
            field_dict["attendance"] = attendance
        if decisions is not UNSET:
            field_dict["decisions"] = decisions
        if action_items is not UNSET:
            field_dict["action_items"] = action_items

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_item_input import ActionItemInput # noqa: PLC0415
        from ..models.decision_input import DecisionInput # noqa: PLC0415
        d = dict(src_dict)
        held_on = datetime.date.fromisoformat(d.pop("held_on"))




        title = d.pop("title", UNSET)

        agenda = d.pop("agenda", UNSET)

        minutes = d.pop("minutes", UNSET)

        attendance = cast(list[str], d.pop("attendance", UNSET))


        _decisions = d.pop("decisions", UNSET)
        decisions: list[DecisionInput] | Unset = UNSET
        if _decisions is not UNSET:
            decisions = []
            for decisions_item_data in _decisions:
                decisions_item = DecisionInput.from_dict(decisions_item_data)



                decisions.append(decisions_item)


        _action_items = d.pop("action_items", UNSET)
        action_items: list[ActionItemInput] | Unset = UNSET
        if _action_items is not UNSET:
            action_items = []
            for action_items_item_data in _action_items:
                action_items_item = ActionItemInput.from_dict(action_items_item_data)



                action_items.append(action_items_item)


        meeting_input = cls(
            held_on=held_on,
            title=title,
            agenda=agenda,
            minutes=minutes,
            attendance=attendance,
            decisions=decisions,
            action_items=action_items,
        )

        return meeting_input

