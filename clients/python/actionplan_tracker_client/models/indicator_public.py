from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.direction import Direction
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.indicator_public_disaggregation_type_0 import IndicatorPublicDisaggregationType0
  from ..models.observation_public import ObservationPublic
  from ..models.target_public import TargetPublic





T = TypeVar("T", bound="IndicatorPublic")



@_attrs_define
class IndicatorPublic:
    """ 
        Attributes:
            code (str):
            name_da (str):
            name_en (str):
            unit (str):
            direction (Direction):
            baseline (float | None):
            baseline_date (datetime.date | None):
            cumulative (bool):
            disaggregation (IndicatorPublicDisaggregationType0 | None):
            kind (None | str):
            source_url (None | str):
            note (None | str):
            targets (list[TargetPublic]):
            actuals (list[ObservationPublic]):
     """

    code: str
    name_da: str
    name_en: str
    unit: str
    direction: Direction
    baseline: float | None
    baseline_date: datetime.date | None
    cumulative: bool
    disaggregation: IndicatorPublicDisaggregationType0 | None
    kind: None | str
    source_url: None | str
    note: None | str
    targets: list[TargetPublic]
    actuals: list[ObservationPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.indicator_public_disaggregation_type_0 import IndicatorPublicDisaggregationType0 # noqa: PLC0415
        from ..models.observation_public import ObservationPublic # noqa: PLC0415
        from ..models.target_public import TargetPublic # noqa: PLC0415
        code = self.code

        name_da = self.name_da

        name_en = self.name_en

        unit = self.unit

        direction = self.direction.value

        baseline: float | None
        baseline = self.baseline

        baseline_date: None | str
        if isinstance(self.baseline_date, datetime.date):
            baseline_date = self.baseline_date.isoformat()
        else:
            baseline_date = self.baseline_date

        cumulative = self.cumulative

        disaggregation: dict[str, Any] | None
        if isinstance(self.disaggregation, IndicatorPublicDisaggregationType0):
            disaggregation = self.disaggregation.to_dict()
        else:
            disaggregation = self.disaggregation

        kind: None | str
        kind = self.kind

        source_url: None | str
        source_url = self.source_url

        note: None | str
        note = self.note

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)



        actuals = []
        for actuals_item_data in self.actuals:
            actuals_item = actuals_item_data.to_dict()
            actuals.append(actuals_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "code": code,
            "name_da": name_da,
            "name_en": name_en,
            "unit": unit,
            "direction": direction,
            "baseline": baseline,
            "baseline_date": baseline_date,
            "cumulative": cumulative,
            "disaggregation": disaggregation,
            "kind": kind,
            "source_url": source_url,
            "note": note,
            "targets": targets,
            "actuals": actuals,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.indicator_public_disaggregation_type_0 import IndicatorPublicDisaggregationType0 # noqa: PLC0415
        from ..models.observation_public import ObservationPublic # noqa: PLC0415
        from ..models.target_public import TargetPublic # noqa: PLC0415
        d = dict(src_dict)
        code = d.pop("code")

        name_da = d.pop("name_da")

        name_en = d.pop("name_en")

        unit = d.pop("unit")

        direction = Direction(d.pop("direction"))




        def _parse_baseline(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        baseline = _parse_baseline(d.pop("baseline"))


        def _parse_baseline_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                baseline_date_type_0 = datetime.date.fromisoformat(data)



                return baseline_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        baseline_date = _parse_baseline_date(d.pop("baseline_date"))


        cumulative = d.pop("cumulative")

        def _parse_disaggregation(data: object) -> IndicatorPublicDisaggregationType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                disaggregation_type_0 = IndicatorPublicDisaggregationType0.from_dict(data)



                return disaggregation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IndicatorPublicDisaggregationType0 | None, data)

        disaggregation = _parse_disaggregation(d.pop("disaggregation"))


        def _parse_kind(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        kind = _parse_kind(d.pop("kind"))


        def _parse_source_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_url = _parse_source_url(d.pop("source_url"))


        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        targets = []
        _targets = d.pop("targets")
        for targets_item_data in (_targets):
            targets_item = TargetPublic.from_dict(targets_item_data)



            targets.append(targets_item)


        actuals = []
        _actuals = d.pop("actuals")
        for actuals_item_data in (_actuals):
            actuals_item = ObservationPublic.from_dict(actuals_item_data)



            actuals.append(actuals_item)


        indicator_public = cls(
            code=code,
            name_da=name_da,
            name_en=name_en,
            unit=unit,
            direction=direction,
            baseline=baseline,
            baseline_date=baseline_date,
            cumulative=cumulative,
            disaggregation=disaggregation,
            kind=kind,
            source_url=source_url,
            note=note,
            targets=targets,
            actuals=actuals,
        )


        indicator_public.additional_properties = d
        return indicator_public

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
