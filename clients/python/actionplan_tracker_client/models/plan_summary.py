from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.plans_organisation_ref import PlansOrganisationRef





T = TypeVar("T", bound="PlanSummary")



@_attrs_define
class PlanSummary:
    """ 
        Attributes:
            slug (str):
            title_da (str):
            title_en (str):
            starts (datetime.date):
            ends (datetime.date):
            responsible (str):
            coordinator (None | PlansOrganisationRef):
            budget_dkk (int | None):
            initiative_count (int):
     """

    slug: str
    title_da: str
    title_en: str
    starts: datetime.date
    ends: datetime.date
    responsible: str
    coordinator: None | PlansOrganisationRef
    budget_dkk: int | None
    initiative_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.plans_organisation_ref import PlansOrganisationRef # noqa: PLC0415
        slug = self.slug

        title_da = self.title_da

        title_en = self.title_en

        starts = self.starts.isoformat()

        ends = self.ends.isoformat()

        responsible = self.responsible

        coordinator: dict[str, Any] | None
        if isinstance(self.coordinator, PlansOrganisationRef):
            coordinator = self.coordinator.to_dict()
        else:
            coordinator = self.coordinator

        budget_dkk: int | None
        budget_dkk = self.budget_dkk

        initiative_count = self.initiative_count


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "slug": slug,
            "title_da": title_da,
            "title_en": title_en,
            "starts": starts,
            "ends": ends,
            "responsible": responsible,
            "coordinator": coordinator,
            "budget_dkk": budget_dkk,
            "initiative_count": initiative_count,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plans_organisation_ref import PlansOrganisationRef # noqa: PLC0415
        d = dict(src_dict)
        slug = d.pop("slug")

        title_da = d.pop("title_da")

        title_en = d.pop("title_en")

        starts = datetime.date.fromisoformat(d.pop("starts"))




        ends = datetime.date.fromisoformat(d.pop("ends"))




        responsible = d.pop("responsible")

        def _parse_coordinator(data: object) -> None | PlansOrganisationRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                coordinator_type_0 = PlansOrganisationRef.from_dict(data)



                return coordinator_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlansOrganisationRef, data)

        coordinator = _parse_coordinator(d.pop("coordinator"))


        def _parse_budget_dkk(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        budget_dkk = _parse_budget_dkk(d.pop("budget_dkk"))


        initiative_count = d.pop("initiative_count")

        plan_summary = cls(
            slug=slug,
            title_da=title_da,
            title_en=title_en,
            starts=starts,
            ends=ends,
            responsible=responsible,
            coordinator=coordinator,
            budget_dkk=budget_dkk,
            initiative_count=initiative_count,
        )


        plan_summary.additional_properties = d
        return plan_summary

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
