from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="MeetingUpdate")



@_attrs_define
class MeetingUpdate:
    """ 
        Attributes:
            held_on (datetime.date | None | Unset):
            title (None | str | Unset):
            agenda (None | str | Unset):
            minutes (None | str | Unset):
            attendance (list[str] | None | Unset):
     """

    held_on: datetime.date | None | Unset = UNSET
    title: None | str | Unset = UNSET
    agenda: None | str | Unset = UNSET
    minutes: None | str | Unset = UNSET
    attendance: list[str] | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        held_on: None | str | Unset
        if isinstance(self.held_on, Unset):
            held_on = UNSET
        elif isinstance(self.held_on, datetime.date):
            held_on = self.held_on.isoformat()
        else:
            held_on = self.held_on

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        agenda: None | str | Unset
        if isinstance(self.agenda, Unset):
            agenda = UNSET
        else:
            agenda = self.agenda

        minutes: None | str | Unset
        if isinstance(self.minutes, Unset):
            minutes = UNSET
        else:
            minutes = self.minutes

        attendance: list[str] | None | Unset
        if isinstance(self.attendance, Unset):
            attendance = UNSET
        elif isinstance(self.attendance, list):
            attendance = self.attendance


        else:
            attendance = self.attendance


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if held_on is not UNSET:
            field_dict["held_on"] = held_on
        if title is not UNSET:
            field_dict["title"] = title
        if agenda is not UNSET:
            field_dict["agenda"] = agenda
        if minutes is not UNSET:
            field_dict["minutes"] = minutes
        if attendance is not UNSET:
            field_dict["attendance"] = attendance

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_held_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                held_on_type_0 = datetime.date.fromisoformat(data)



                return held_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        held_on = _parse_held_on(d.pop("held_on", UNSET))


        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))


        def _parse_agenda(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agenda = _parse_agenda(d.pop("agenda", UNSET))


        def _parse_minutes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        minutes = _parse_minutes(d.pop("minutes", UNSET))


        def _parse_attendance(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                attendance_type_0 = cast(list[str], data)

                return attendance_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        attendance = _parse_attendance(d.pop("attendance", UNSET))


        meeting_update = cls(
            held_on=held_on,
            title=title,
            agenda=agenda,
            minutes=minutes,
            attendance=attendance,
        )

        return meeting_update

