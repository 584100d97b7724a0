from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.job_run_public import JobRunPublic





T = TypeVar("T", bound="JobPublic")



@_attrs_define
class JobPublic:
    """ 
        Attributes:
            name (str):
            description (str):
            schedule (str):
            next_run_at (datetime.datetime | None):
            last_run (JobRunPublic | None):
     """

    name: str
    description: str
    schedule: str
    next_run_at: datetime.datetime | None
    last_run: JobRunPublic | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.job_run_public import JobRunPublic # noqa: PLC0415
        name = self.name

        description = self.description

        schedule = self.schedule

        next_run_at: None | str
        if isinstance(self.next_run_at, datetime.datetime):
            next_run_at = self.next_run_at.isoformat()
        else:
            next_run_at = self.next_run_at

        last_run: dict[str, Any] | None
        if isinstance(self.last_run, JobRunPublic):
            last_run = self.last_run.to_dict()
        else:
            last_run = self.last_run


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "description": description,
            "schedule": schedule,
            "next_run_at": next_run_at,
            "last_run": last_run,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_run_public import JobRunPublic # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        schedule = d.pop("schedule")

        def _parse_next_run_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_run_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_run_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_run_at = _parse_next_run_at(d.pop("next_run_at"))


        def _parse_last_run(data: object) -> JobRunPublic | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_run_type_0 = JobRunPublic.from_dict(data)



                return last_run_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobRunPublic | None, data)

        last_run = _parse_last_run(d.pop("last_run"))


        job_public = cls(
            name=name,
            description=description,
            schedule=schedule,
            next_run_at=next_run_at,
            last_run=last_run,
        )


        job_public.additional_properties = d
        return job_public

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
