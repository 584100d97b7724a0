from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.certainty import Certainty
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.indicator_public import IndicatorPublic
  from ..models.milestone_public import MilestonePublic
  from ..models.plans_organisation_ref import PlansOrganisationRef





T = TypeVar("T", bound="InitiativeDetail")



@_attrs_define
class InitiativeDetail:
    """ 
        Attributes:
            code (str):
            plan (str):
            focus_area (str):
            title_da (str):
            title_en (str):
            lead (PlansOrganisationRef):
            partners (list[str]):
            starts (datetime.date | None):
            deadline (datetime.date | None):
            budget_dkk (int | None):
            certainty (Certainty):
            source_url (None | str):
            status (None | str):
            status_period (None | str):
            overdue (bool):
            title_is_official (bool):
            description (None | str):
            lead_as_in_source (None | str):
            partner_organisations (list[PlansOrganisationRef]):
            partners_note (None | str):
            funding_note (None | str):
            certainty_note (None | str):
            additional_sources (list[str]):
            reconstruction_note (None | str):
            milestones (list[MilestonePublic]):
            indicators (list[IndicatorPublic]):
     """

    code: str
    plan: str
    focus_area: str
    title_da: str
    title_en: str
    lead: PlansOrganisationRef
    partners: list[str]
    starts: datetime.date | None
    deadline: datetime.date | None
    budget_dkk: int | None
    certainty: Certainty
    source_url: None | str
    status: None | str
    status_period: None | str
    overdue: bool
    title_is_official: bool
    description: None | str
    lead_as_in_source: None | str
    partner_organisations: list[PlansOrganisationRef]
    partners_note: None | str
    funding_note: None | str
    certainty_note: None | str
    additional_sources: list[str]
    reconstruction_note: None | str
    milestones: list[MilestonePublic]
    indicators: list[IndicatorPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.indicator_public import IndicatorPublic # noqa: PLC0415
        from ..models.milestone_public import MilestonePublic # noqa: PLC0415
        from ..models.plans_organisation_ref import PlansOrganisationRef # noqa: PLC0415
        code = self.code

        plan = self.plan

        focus_area = self.focus_area

        title_da = self.title_da

        title_en = self.title_en

        lead = self.lead.to_dict()

        partners = self.partners



        starts: None | str
        if isinstance(self.starts, datetime.date):
            starts = self.starts.isoformat()
        else:
            starts = self.starts

        deadline: None | str
        if isinstance(self.deadline, datetime.date):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        budget_dkk: int | None
        budget_dkk = self.budget_dkk

        certainty = self.certainty.value

        source_url: None | str
        source_url = self.source_url

        status: None | str
        status = self.status

        status_period: None | str
        status_period = self.status_period

        overdue = self.overdue

        title_is_official = self.title_is_official

        description: None | str
        description = self.description

        lead_as_in_source: None | str
        lead_as_in_source = self.lead_as_in_source

        partner_organisations = []
        for partner_organisations_item_data in self.partner_organisations:
            partner_organisations_item = partner_organisations_item_data.to_dict()
            partner_organisations.append(partner_organisations_item)



        partners_note: None | str
        partners_note = self.partners_note

        funding_note: None | str
        funding_note = self.funding_note

        certainty_note: None | str
        certainty_note = self.certainty_note

        additional_sources = self.additional_sources



        reconstruction_note: None | str
        reconstruction_note = self.reconstruction_note

        milestones = []
        for milestones_item_data in self.milestones:
            milestones_item = milestones_item_data.to_dict()
            milestones.append(milestones_item)



        indicators = []
        for indicators_item_data in self.indicators:
            indicators_item = indicators_item_data.to_dict()
            indicators.append(indicators_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "code": code,
            "plan": plan,
            "focus_area": focus_area,
            "title_da": title_da,
            "title_en": title_en,
            "lead": lead,
            "partners": partners,
            "starts": starts,
            "deadline": deadline,
            "budget_dkk": budget_dkk,
            "certainty": certainty,
            "source_url": source_url,
            "status": status,
            "status_period": status_period,
            "overdue": overdue,
            "title_is_official": title_is_official,
            "description": description,
            "lead_as_in_source": lead_as_in_source,
            "partner_organisations": partner_organisations,
            "partners_note": partners_note,
            "funding_note": funding_note,
            "certainty_note": certainty_note,
            "additional_sources": additional_sources,
            "reconstruction_note": reconstruction_note,
            "milestones": milestones,
            "indicators": indicators,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.indicator_public import IndicatorPublic # noqa: PLC0415
        from ..models.milestone_public import MilestonePublic # noqa: PLC0415
        from ..models.plans_organisation_ref import PlansOrganisationRef # noqa: PLC0415
        d = dict(src_dict)
        code = d.pop("code")

        plan = d.pop("plan")

        focus_area = d.pop("focus_area")

        title_da = d.pop("title_da")

        title_en = d.pop("title_en")

        lead = PlansOrganisationRef.from_dict(d.pop("lead"))




        partners = cast(list[str], d.pop("partners"))


        def _parse_starts(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_type_0 = datetime.date.fromisoformat(data)



                return starts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        starts = _parse_starts(d.pop("starts"))


        def _parse_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.date.fromisoformat(data)



                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        deadline = _parse_deadline(d.pop("deadline"))


        def _parse_budget_dkk(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        budget_dkk = _parse_budget_dkk(d.pop("budget_dkk"))


        certainty = Certainty(d.pop("certainty"))




        def _parse_source_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_url = _parse_source_url(d.pop("source_url"))


        def _parse_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status = _parse_status(d.pop("status"))


        def _parse_status_period(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_period = _parse_status_period(d.pop("status_period"))


        overdue = d.pop("overdue")

        title_is_official = d.pop("title_is_official")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))


        def _parse_lead_as_in_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lead_as_in_source = _parse_lead_as_in_source(d.pop("lead_as_in_source"))


        partner_organisations = []
        _partner_organisations = d.pop("partner_organisations")
        for partner_organisations_item_data in (_partner_organisations):
            partner_organisations_item = PlansOrganisationRef.from_dict(partner_organisations_item_data)



            partner_organisations.append(partner_organisations_item)


        def _parse_partners_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        partners_note = _parse_partners_note(d.pop("partners_note"))


        def _parse_funding_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        funding_note = _parse_funding_note(d.pop("funding_note"))


        def _parse_certainty_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        certainty_note = _parse_certainty_note(d.pop("certainty_note"))


        additional_sources = cast(list[str], d.pop("additional_sources"))


        def _parse_reconstruction_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reconstruction_note = _parse_reconstruction_note(d.pop("reconstruction_note"))


        milestones = []
        _milestones = d.pop("milestones")
        for milestones_item_data in (_milestones):
            milestones_item = MilestonePublic.from_dict(milestones_item_data)



            milestones.append(milestones_item)


        indicators = []
        _indicators = d.pop("indicators")
        for indicators_item_data in (_indicators):
            indicators_item = IndicatorPublic.from_dict(indicators_item_data)



            indicators.append(indicators_item)


        initiative_detail = cls(
            code=code,
            plan=plan,
            focus_area=focus_area,
            title_da=title_da,
            title_en=title_en,
            lead=lead,
            partners=partners,
            starts=starts,
            deadline=deadline,
            budget_dkk=budget_dkk,
            certainty=certainty,
            source_url=source_url,
            status=status,
            status_period=status_period,
            overdue=overdue,
            title_is_official=title_is_official,
            description=description,
            lead_as_in_source=lead_as_in_source,
            partner_organisations=partner_organisations,
            partners_note=partners_note,
            funding_note=funding_note,
            certainty_note=certainty_note,
            additional_sources=additional_sources,
            reconstruction_note=reconstruction_note,
            milestones=milestones,
            indicators=indicators,
        )


        initiative_detail.additional_properties = d
        return initiative_detail

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
