from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.action_item_state import ActionItemState
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.fora_organisation_ref import ForaOrganisationRef





T = TypeVar("T", bound="ActionItemPublic")



@_attrs_define
class ActionItemPublic:
    """ 
        Attributes:
            id (int):
            forum (str):
            meeting_id (int):
            held_on (datetime.date):
            text (str):
            owner (ForaOrganisationRef):
            initiative (None | str):
            deadline (datetime.date):
            state (ActionItemState):
            overdue (bool):
            progress_note (str):
            closing_note (str):
            closed_at (datetime.datetime | None):
            updated_at (datetime.datetime):
     """

    id: int
    forum: str
    meeting_id: int
    held_on: datetime.date
    text: str
    owner: ForaOrganisationRef
    initiative: None | str
    deadline: datetime.date
    state: ActionItemState
    overdue: bool
    progress_note: str
    closing_note: str
    closed_at: datetime.datetime | None
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.fora_organisation_ref import ForaOrganisationRef # noqa: PLC0415
        id = self.id

        forum = self.forum

        meeting_id = self.meeting_id

        held_on = self.held_on.isoformat()

        text = self.text

        owner = self.owner.to_dict()

        initiative: None | str
        initiative = self.initiative

        deadline = self.deadline.isoformat()

        state = self.state.value

        overdue = self.overdue

        progress_note = self.progress_note

        closing_note = self.closing_note

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "forum": forum,
            "meeting_id": meeting_id,
            "held_on": held_on,
            "text": text,
            "owner": owner,
            "initiative": initiative,
            "deadline": deadline,
            "state": state,
            "overdue": overdue,
            "progress_note": progress_note,
            "closing_note": closing_note,
            "closed_at": closed_at,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fora_organisation_ref import ForaOrganisationRef # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        forum = d.pop("forum")

        meeting_id = d.pop("meeting_id")

        held_on = datetime.date.fromisoformat(d.pop("held_on"))




        text = d.pop("text")

        owner = ForaOrganisationRef.from_dict(d.pop("owner"))




        def _parse_initiative(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        initiative = _parse_initiative(d.pop("initiative"))


        deadline = datetime.date.fromisoformat(d.pop("deadline"))




        state = ActionItemState(d.pop("state"))




        overdue = d.pop("overdue")

        progress_note = d.pop("progress_note")

        closing_note = d.pop("closing_note")

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)



                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        action_item_public = cls(
            id=id,
            forum=forum,
            meeting_id=meeting_id,
            held_on=held_on,
            text=text,
            owner=owner,
            initiative=initiative,
            deadline=deadline,
            state=state,
            overdue=overdue,
            progress_note=progress_note,
            closing_note=closing_note,
            closed_at=closed_at,
            updated_at=updated_at,
        )


        action_item_public.additional_properties = d
        return action_item_public

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
