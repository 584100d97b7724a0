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
  from ..models.plans_organisation_ref import PlansOrganisationRef





T = TypeVar("T", bound="InitiativeSummary")



@_attrs_define
class InitiativeSummary:
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
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
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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

        initiative_summary = cls(
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
        )


        initiative_summary.additional_properties = d
        return initiative_summary

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
