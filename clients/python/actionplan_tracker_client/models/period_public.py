from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.period_state import PeriodState
from typing import cast
import datetime






T = TypeVar("T", bound="PeriodPublic")



@_attrs_define
class PeriodPublic:
    """ 
        Attributes:
            plan (str):
            label (str):
            starts (datetime.date):
            ends (datetime.date):
            due (datetime.date):
            state (PeriodState):
     """

    plan: str
    label: str
    starts: datetime.date
    ends: datetime.date
    due: datetime.date
    state: PeriodState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        plan = self.plan

        label = self.label

        starts = self.starts.isoformat()

        ends = self.ends.isoformat()

        due = self.due.isoformat()

        state = self.state.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "plan": plan,
            "label": label,
            "starts": starts,
            "ends": ends,
            "due": due,
            "state": state,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        plan = d.pop("plan")

        label = d.pop("label")

        starts = datetime.date.fromisoformat(d.pop("starts"))




        ends = datetime.date.fromisoformat(d.pop("ends"))




        due = datetime.date.fromisoformat(d.pop("due"))




        state = PeriodState(d.pop("state"))




        period_public = cls(
            plan=plan,
            label=label,
            starts=starts,
            ends=ends,
            due=due,
            state=state,
        )


        period_public.additional_properties = d
        return period_public

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
