from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.confidence import Confidence
from ..models.progress_status import ProgressStatus
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.indicator_value_input import IndicatorValueInput
  from ..models.milestone_update_input import MilestoneUpdateInput





T = TypeVar("T", bound="AmendInput")



@_attrs_define
class AmendInput:
    """ 
        Attributes:
            status (ProgressStatus):
            reason (str): Why the approved or locked report is changed
            narrative (str | Unset):  Default: ''.
            next_steps (str | Unset):  Default: ''.
            risks (str | Unset):  Default: ''.
            explanation (str | Unset): Required when status is at_risk or delayed Default: ''.
            spent_dkk (float | None | Unset):
            forecast_status (None | ProgressStatus | Unset): Expected status next period
            forecast_note (str | Unset):  Default: ''.
            confidence (Confidence | None | Unset): Confidence that the initiative is delivered by its deadline: high,
                medium or low
            indicator_values (list[IndicatorValueInput] | Unset):
            milestones (list[MilestoneUpdateInput] | Unset):
     """

    status: ProgressStatus
    reason: str
    narrative: str | Unset = ''
    next_steps: str | Unset = ''
    risks: str | Unset = ''
    explanation: str | Unset = ''
    spent_dkk: float | None | Unset = UNSET
    forecast_status: None | ProgressStatus | Unset = UNSET
    forecast_note: str | Unset = ''
    confidence: Confidence | None | Unset = UNSET
    indicator_values: list[IndicatorValueInput] | Unset = UNSET
    milestones: list[MilestoneUpdateInput] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.indicator_value_input import IndicatorValueInput # noqa: PLC0415
        from ..models.milestone_update_input import MilestoneUpdateInput # noqa: PLC0415
        status = self.status.value

        reason = self.reason

        narrative = self.narrative

        next_steps = self.next_steps

        risks = self.risks

        explanation = self.explanation

        spent_dkk: float | None | Unset
        if isinstance(self.spent_dkk, Unset):
            spent_dkk = UNSET
        else:
            spent_dkk = self.spent_dkk

        forecast_status: None | str | Unset
        if isinstance(self.forecast_status, Unset):
            forecast_status = UNSET
        elif isinstance(self.forecast_status, ProgressStatus):
            forecast_status = self.forecast_status.value
        else:
            forecast_status = self.forecast_status

        forecast_note = self.forecast_note

        confidence: None | str | Unset
        if isinstance(self.confidence, Unset):
            confidence = UNSET
        elif isinstance(self.confidence, Confidence):
            confidence = self.confidence.value
        else:
            confidence = self.confidence

        indicator_values: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.indicator_values, Unset):
            indicator_values = []
            for indicator_values_item_data in self.indicator_values:
                indicator_values_item = indicator_values_item_data.to_dict()
                indicator_values.append(indicator_values_item)



        milestones: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.milestones, Unset):
            milestones = []
            for milestones_item_data in self.milestones:
                milestones_item = milestones_item_data.to_dict()
                milestones.append(milestones_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "status": status,
            "reason": reason,
        })
        if narrative is not UNSET:
            field_dict["narrative"] = narrative
        if next_steps is not UNSET:
            field_dict["next_steps"] = next_steps
        if risks is not UNSET:
            field_dict["risks"] = risks
        if explanation is not UNSET:
            field_dict["explanation"] = explanation
        if spent_dkk is not UNSET:
            field_dict["spent_dkk"] = spent_dkk
        if forecast_status is not UNSET:
            field_dict["forecast_status"] = forecast_status
        if forecast_note is not UNSET:
            field_dict["forecast_note"] = forecast_note
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if indicator_values is not UNSET:
            field_dict["indicator_values"] = indicator_values
        if milestones is not UNSET:
            field_dict["milestones"] = milestones

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.indicator_value_input import IndicatorValueInput # noqa: PLC0415
        from ..models.milestone_update_input import MilestoneUpdateInput # noqa: PLC0415
        d = dict(src_dict)
        status = ProgressStatus(d.pop("status"))




        reason = d.pop("reason")

        narrative = d.pop("narrative", UNSET)

        next_steps = d.pop("next_steps", UNSET)

        risks = d.pop("risks", UNSET)

        explanation = d.pop("explanation", UNSET)

        def _parse_spent_dkk(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        spent_dkk = _parse_spent_dkk(d.pop("spent_dkk", UNSET))


        def _parse_forecast_status(data: object) -> None | ProgressStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                forecast_status_type_0 = ProgressStatus(data)



                return forecast_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgressStatus | Unset, data)

        forecast_status = _parse_forecast_status(d.pop("forecast_status", UNSET))


        forecast_note = d.pop("forecast_note", UNSET)

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


        _indicator_values = d.pop("indicator_values", UNSET)
        indicator_values: list[IndicatorValueInput] | Unset = UNSET
        if _indicator_values is not UNSET:
            indicator_values = []
            for indicator_values_item_data in _indicator_values:
                indicator_values_item = IndicatorValueInput.from_dict(indicator_values_item_data)



                indicator_values.append(indicator_values_item)


        _milestones = d.pop("milestones", UNSET)
        milestones: list[MilestoneUpdateInput] | Unset = UNSET
        if _milestones is not UNSET:
            milestones = []
            for milestones_item_data in _milestones:
                milestones_item = MilestoneUpdateInput.from_dict(milestones_item_data)



                milestones.append(milestones_item)


        amend_input = cls(
            status=status,
            reason=reason,
            narrative=narrative,
            next_steps=next_steps,
            risks=risks,
            explanation=explanation,
            spent_dkk=spent_dkk,
            forecast_status=forecast_status,
            forecast_note=forecast_note,
            confidence=confidence,
            indicator_values=indicator_values,
            milestones=milestones,
        )

        return amend_input

