from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.focus_area_public import FocusAreaPublic
  from ..models.period_public import PeriodPublic
  from ..models.plans_organisation_ref import PlansOrganisationRef





T = TypeVar("T", bound="PlanDetail")



@_attrs_define
class PlanDetail:
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
            funding_source (None | str):
            published (datetime.date | None):
            publisher (None | str):
            reconstruction_note (None | str):
            sources (list[str]):
            focus_areas (list[FocusAreaPublic]):
            periods (list[PeriodPublic]):
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
    funding_source: None | str
    published: datetime.date | None
    publisher: None | str
    reconstruction_note: None | str
    sources: list[str]
    focus_areas: list[FocusAreaPublic]
    periods: list[PeriodPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.focus_area_public import FocusAreaPublic # noqa: PLC0415
        from ..models.period_public import PeriodPublic # noqa: PLC0415
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

        funding_source: None | str
        funding_source = self.funding_source

        published: None | str
        if isinstance(self.published, datetime.date):
            published = self.published.isoformat()
        else:
            published = self.published

        publisher: None | str
        publisher = self.publisher

        reconstruction_note: None | str
        reconstruction_note = self.reconstruction_note

        sources = self.sources



        focus_areas = []
        for focus_areas_item_data in self.focus_areas:
            focus_areas_item = focus_areas_item_data.to_dict()
            focus_areas.append(focus_areas_item)



        periods = []
        for periods_item_data in self.periods:
            periods_item = periods_item_data.to_dict()
            periods.append(periods_item)




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
            "funding_source": funding_source,
            "published": published,
            "publisher": publisher,
            "reconstruction_note": reconstruction_note,
            "sources": sources,
            "focus_areas": focus_areas,
            "periods": periods,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.focus_area_public import FocusAreaPublic # noqa: PLC0415
        from ..models.period_public import PeriodPublic # noqa: PLC0415
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

        def _parse_funding_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        funding_source = _parse_funding_source(d.pop("funding_source"))


        def _parse_published(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_type_0 = datetime.date.fromisoformat(data)



                return published_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        published = _parse_published(d.pop("published"))


        def _parse_publisher(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        publisher = _parse_publisher(d.pop("publisher"))


        def _parse_reconstruction_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reconstruction_note = _parse_reconstruction_note(d.pop("reconstruction_note"))


        sources = cast(list[str], d.pop("sources"))


        focus_areas = []
        _focus_areas = d.pop("focus_areas")
        for focus_areas_item_data in (_focus_areas):
            focus_areas_item = FocusAreaPublic.from_dict(focus_areas_item_data)



            focus_areas.append(focus_areas_item)


        periods = []
        _periods = d.pop("periods")
        for periods_item_data in (_periods):
            periods_item = PeriodPublic.from_dict(periods_item_data)



            periods.append(periods_item)


        plan_detail = cls(
            slug=slug,
            title_da=title_da,
            title_en=title_en,
            starts=starts,
            ends=ends,
            responsible=responsible,
            coordinator=coordinator,
            budget_dkk=budget_dkk,
            initiative_count=initiative_count,
            funding_source=funding_source,
            published=published,
            publisher=publisher,
            reconstruction_note=reconstruction_note,
            sources=sources,
            focus_areas=focus_areas,
            periods=periods,
        )


        plan_detail.additional_properties = d
        return plan_detail

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
