from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.health_public_status import HealthPublicStatus
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.health_public_scheduler_type_0 import HealthPublicSchedulerType0
  from ..models.migrations_public import MigrationsPublic





T = TypeVar("T", bound="HealthPublic")



@_attrs_define
class HealthPublic:
    """ 
        Attributes:
            status (HealthPublicStatus):
            database (str): "ok", "not writable" or "unreachable: ..."
            problems (list[str]): Why the service is degraded (empty when it is not)
            migrations (MigrationsPublic | None | Unset):
            scheduler (HealthPublicSchedulerType0 | None | Unset): The scheduler's state in this process
     """

    status: HealthPublicStatus
    database: str
    problems: list[str]
    migrations: MigrationsPublic | None | Unset = UNSET
    scheduler: HealthPublicSchedulerType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.health_public_scheduler_type_0 import HealthPublicSchedulerType0 # noqa: PLC0415
        from ..models.migrations_public import MigrationsPublic # noqa: PLC0415
        status = self.status.value

        database = self.database

        problems = self.problems



        migrations: dict[str, Any] | None | Unset
        if isinstance(self.migrations, Unset):
            migrations = UNSET
        elif isinstance(self.migrations, MigrationsPublic):
            migrations = self.migrations.to_dict()
        else:
            migrations = self.migrations

        scheduler: dict[str, Any] | None | Unset
        if isinstance(self.scheduler, Unset):
            scheduler = UNSET
        elif isinstance(self.scheduler, HealthPublicSchedulerType0):
            scheduler = self.scheduler.to_dict()
        else:
            scheduler = self.scheduler


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "status": status,
            "database": database,
            "problems": problems,
        })
        if migrations is not UNSET:
            field_dict["migrations"] = migrations
        if scheduler is not UNSET:
            field_dict["scheduler"] = scheduler

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_public_scheduler_type_0 import HealthPublicSchedulerType0 # noqa: PLC0415
        from ..models.migrations_public import MigrationsPublic # noqa: PLC0415
        d = dict(src_dict)
        status = HealthPublicStatus(d.pop("status"))




        database = d.pop("database")

        problems = cast(list[str], d.pop("problems"))


        def _parse_migrations(data: object) -> MigrationsPublic | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                migrations_type_0 = MigrationsPublic.from_dict(data)



                return migrations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MigrationsPublic | None | Unset, data)

        migrations = _parse_migrations(d.pop("migrations", UNSET))


        def _parse_scheduler(data: object) -> HealthPublicSchedulerType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scheduler_type_0 = HealthPublicSchedulerType0.from_dict(data)



                return scheduler_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HealthPublicSchedulerType0 | None | Unset, data)

        scheduler = _parse_scheduler(d.pop("scheduler", UNSET))


        health_public = cls(
            status=status,
            database=database,
            problems=problems,
            migrations=migrations,
            scheduler=scheduler,
        )


        health_public.additional_properties = d
        return health_public

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
