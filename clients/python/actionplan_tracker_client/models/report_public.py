from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.confidence import Confidence
from ..models.progress_status import ProgressStatus
from ..models.report_state import ReportState
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.indicator_value_public import IndicatorValuePublic
  from ..models.milestone_update_public import MilestoneUpdatePublic





T = TypeVar("T", bound="ReportPublic")



@_attrs_define
class ReportPublic:
    """ 
        Attributes:
            initiative (str):
            period (str):
            organisation (str):
            state (ReportState):
            status (ProgressStatus):
            narrative (str):
            next_steps (str):
            risks (str):
            explanation (str):
            spent_dkk (float | None):
            forecast_status (None | ProgressStatus):
            forecast_note (str):
            indicator_values (list[IndicatorValuePublic]):
            milestones (list[MilestoneUpdatePublic]):
            review_comment (str):
            carried_forward (bool):
            version (int):
            period_locked (bool):
            allowed_actions (list[str]):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            submitted_at (datetime.datetime | None):
            approved_at (datetime.datetime | None):
            returned_at (datetime.datetime | None):
            confidence (Confidence | None | Unset):
     """

    initiative: str
    period: str
    organisation: str
    state: ReportState
    status: ProgressStatus
    narrative: str
    next_steps: str
    risks: str
    explanation: str
    spent_dkk: float | None
    forecast_status: None | ProgressStatus
    forecast_note: str
    indicator_values: list[IndicatorValuePublic]
    milestones: list[MilestoneUpdatePublic]
    review_comment: str
    carried_forward: bool
    version: int
    period_locked: bool
    allowed_actions: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    confidence: Confidence | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.indicator_value_public import IndicatorValuePublic # noqa: PLC0415
        from ..models.milestone_update_public import MilestoneUpdatePublic # noqa: PLC0415
        initiative = self.initiative

        period = self.period

        organisation = self.organisation

        state = self.state.value

        status = self.status.value

        narrative = self.narrative

        next_steps = self.next_steps

        risks = self.risks

        explanation = self.explanation

        spent_dkk: float | None
        spent_dkk = self.spent_dkk

        forecast_status: None | str
        if isinstance(self.forecast_status, ProgressStatus):
            forecast_status = self.forecast_status.value
        else:
            forecast_status = self.forecast_status

        forecast_note = self.forecast_note

        indicator_values = []
        for indicator_values_item_data in self.indicator_values:
            indicator_values_item = indicator_values_item_data.to_dict()
            indicator_values.append(indicator_values_item)



        milestones = []
        for milestones_item_data in self.milestones:
            milestones_item = milestones_item_data.to_dict()
            milestones.append(milestones_item)



        review_comment = self.review_comment

        carried_forward = self.carried_forward

        version = self.version

        period_locked = self.period_locked

        allowed_actions = self.allowed_actions



        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        returned_at: None | str
        if isinstance(self.returned_at, datetime.datetime):
            returned_at = self.returned_at.isoformat()
        else:
            returned_at = self.returned_at

        confidence: None | str | Unset
        if isinstance(self.confidence, Unset):
            confidence = UNSET
        elif isinstance(self.confidence, Confidence):
            confidence = self.confidence.value
        else:
            confidence = self.confidence


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "initiative": initiative,
            "period": period,
            "organisation": organisation,
            "state": state,
            "status": status,
            "narrative": narrative,
            "next_steps": next_steps,
            "risks": risks,
            "explanation": explanation,
            "spent_dkk": spent_dkk,
            "forecast_status": forecast_status,
            "forecast_note": forecast_note,
            "indicator_values": indicator_values,
            "milestones": milestones,
            "review_comment": review_comment,
            "carried_forward": carried_forward,
            "version": version,
            "period_locked": period_locked,
            "allowed_actions": allowed_actions,
            "created_at": created_at,
            "updated_at": updated_at,
            "submitted_at": submitted_at,
            "approved_at": approved_at,
            "returned_at": returned_at,
        })
        if confidence is not UNSET:
            field_dict["confidence"] = confidence

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.indicator_value_public import IndicatorValuePublic # noqa: PLC0415
        from ..models.milestone_update_public import MilestoneUpdatePublic # noqa: PLC0415
        d = dict(src_dict)
        initiative = d.pop("initiative")

        period = d.pop("period")

        organisation = d.pop("organisation")

        state = ReportState(d.pop("state"))




        status = ProgressStatus(d.pop("status"))




        narrative = d.pop("narrative")

        next_steps = d.pop("next_steps")

        risks = d.pop("risks")

        explanation = d.pop("explanation")

        def _parse_spent_dkk(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        spent_dkk = _parse_spent_dkk(d.pop("spent_dkk"))


        def _parse_forecast_status(data: object) -> None | ProgressStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                forecast_status_type_0 = ProgressStatus(data)



                return forecast_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgressStatus, data)

        forecast_status = _parse_forecast_status(d.pop("forecast_status"))


        forecast_note = d.pop("forecast_note")

        indicator_values = []
        _indicator_values = d.pop("indicator_values")
        for indicator_values_item_data in (_indicator_values):
            indicator_values_item = IndicatorValuePublic.from_dict(indicator_values_item_data)



            indicator_values.append(indicator_values_item)


        milestones = []
        _milestones = d.pop("milestones")
        for milestones_item_data in (_milestones):
            milestones_item = MilestoneUpdatePublic.from_dict(milestones_item_data)



            milestones.append(milestones_item)


        review_comment = d.pop("review_comment")

        carried_forward = d.pop("carried_forward")

        version = d.pop("version")

        period_locked = d.pop("period_locked")

        allowed_actions = cast(list[str], d.pop("allowed_actions"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)



                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))


        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)



                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))


        def _parse_returned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                returned_at_type_0 = datetime.datetime.fromisoformat(data)



                return returned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        returned_at = _parse_returned_at(d.pop("returned_at"))


        def _parse_confidence(data: object) -> Confidence | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confidence_type_0 = Confidence(data)



                return confidence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Confidence | None | Unset, data)

        confidence = _parse_confidence(d.pop("confidence", UNSET))


        report_public = cls(
            initiative=initiative,
            period=period,
            organisation=organisation,
            state=state,
            status=status,
            narrative=narrative,
            next_steps=next_steps,
            risks=risks,
            explanation=explanation,
            spent_dkk=spent_dkk,
            forecast_status=forecast_status,
            forecast_note=forecast_note,
            indicator_values=indicator_values,
            milestones=milestones,
            review_comment=review_comment,
            carried_forward=carried_forward,
            version=version,
            period_locked=period_locked,
            allowed_actions=allowed_actions,
            created_at=created_at,
            updated_at=updated_at,
            submitted_at=submitted_at,
            approved_at=approved_at,
            returned_at=returned_at,
            confidence=confidence,
        )


        report_public.additional_properties = d
        return report_public

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
