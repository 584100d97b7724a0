from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.job_run_public_result_type_0 import JobRunPublicResultType0





T = TypeVar("T", bound="JobRunPublic")



@_attrs_define
class JobRunPublic:
    """ 
        Attributes:
            started_at (datetime.datetime):
            finished_at (datetime.datetime | None):
            ok (bool | None):
            result (JobRunPublicResultType0 | None):
            error (str):
            process (str):
            trigger (str):
     """

    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    ok: bool | None
    result: JobRunPublicResultType0 | None
    error: str
    process: str
    trigger: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.job_run_public_result_type_0 import JobRunPublicResultType0 # noqa: PLC0415
        started_at = self.started_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        ok: bool | None
        ok = self.ok

        result: dict[str, Any] | None
        if isinstance(self.result, JobRunPublicResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        error = self.error

        process = self.process

        trigger = self.trigger


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "started_at": started_at,
            "finished_at": finished_at,
            "ok": ok,
            "result": result,
            "error": error,
            "process": process,
            "trigger": trigger,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_run_public_result_type_0 import JobRunPublicResultType0 # noqa: PLC0415
        d = dict(src_dict)
        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))




        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)



                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))


        def _parse_ok(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        ok = _parse_ok(d.pop("ok"))


        def _parse_result(data: object) -> JobRunPublicResultType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = JobRunPublicResultType0.from_dict(data)



                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobRunPublicResultType0 | None, data)

        result = _parse_result(d.pop("result"))


        error = d.pop("error")

        process = d.pop("process")

        trigger = d.pop("trigger")

        job_run_public = cls(
            started_at=started_at,
            finished_at=finished_at,
            ok=ok,
            result=result,
            error=error,
            process=process,
            trigger=trigger,
        )


        job_run_public.additional_properties = d
        return job_run_public

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
