from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.action_item_state import ActionItemState
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ActionItemUpdate")



@_attrs_define
class ActionItemUpdate:
    """ 
        Attributes:
            state (ActionItemState | None | Unset):
            progress_note (None | str | Unset):
            deadline (datetime.date | None | Unset):
            owner (None | str | Unset):
     """

    state: ActionItemState | None | Unset = UNSET
    progress_note: None | str | Unset = UNSET
    deadline: datetime.date | None | Unset = UNSET
    owner: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, ActionItemState):
            state = self.state.value
        else:
            state = self.state

        progress_note: None | str | Unset
        if isinstance(self.progress_note, Unset):
            progress_note = UNSET
        else:
            progress_note = self.progress_note

        deadline: None | str | Unset
        if isinstance(self.deadline, Unset):
            deadline = UNSET
        elif isinstance(self.deadline, datetime.date):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        owner: None | str | Unset
        if isinstance(self.owner, Unset):
            owner = UNSET
        else:
            owner = self.owner


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if state is not UNSET:
            field_dict["state"] = state
        if progress_note is not UNSET:
            field_dict["progress_note"] = progress_note
        if deadline is not UNSET:
            field_dict["deadline"] = deadline
        if owner is not UNSET:
            field_dict["owner"] = owner

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_state(data: object) -> ActionItemState | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                state_type_0 = ActionItemState(data)



                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActionItemState | None | Unset, data)

        state = _parse_state(d.pop("state", UNSET))


        def _parse_progress_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        progress_note = _parse_progress_note(d.pop("progress_note", UNSET))


        def _parse_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.date.fromisoformat(data)



                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        deadline = _parse_deadline(d.pop("deadline", UNSET))


        def _parse_owner(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner = _parse_owner(d.pop("owner", UNSET))


        action_item_update = cls(
            state=state,
            progress_note=progress_note,
            deadline=deadline,
            owner=owner,
        )

        return action_item_update

