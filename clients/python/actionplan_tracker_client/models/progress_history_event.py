from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.progress_history_event_after_type_0 import ProgressHistoryEventAfterType0
  from ..models.progress_history_event_before_type_0 import ProgressHistoryEventBeforeType0





T = TypeVar("T", bound="ProgressHistoryEvent")



@_attrs_define
class ProgressHistoryEvent:
    """ 
        Attributes:
            id (int):
            at (datetime.datetime):
            actor (str):
            organisation (None | str):
            action (str):
            entity (str):
            entity_key (str):
            before (None | ProgressHistoryEventBeforeType0):
            after (None | ProgressHistoryEventAfterType0):
            reason (str):
     """

    id: int
    at: datetime.datetime
    actor: str
    organisation: None | str
    action: str
    entity: str
    entity_key: str
    before: None | ProgressHistoryEventBeforeType0
    after: None | ProgressHistoryEventAfterType0
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.progress_history_event_after_type_0 import ProgressHistoryEventAfterType0 # noqa: PLC0415
        from ..models.progress_history_event_before_type_0 import ProgressHistoryEventBeforeType0 # noqa: PLC0415
        id = self.id

        at = self.at.isoformat()

        actor = self.actor

        organisation: None | str
        organisation = self.organisation

        action = self.action

        entity = self.entity

        entity_key = self.entity_key

        before: dict[str, Any] | None
        if isinstance(self.before, ProgressHistoryEventBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        after: dict[str, Any] | None
        if isinstance(self.after, ProgressHistoryEventAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        reason = self.reason


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "at": at,
            "actor": actor,
            "organisation": organisation,
            "action": action,
            "entity": entity,
            "entity_key": entity_key,
            "before": before,
            "after": after,
            "reason": reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.progress_history_event_after_type_0 import ProgressHistoryEventAfterType0 # noqa: PLC0415
        from ..models.progress_history_event_before_type_0 import ProgressHistoryEventBeforeType0 # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        actor = d.pop("actor")

        def _parse_organisation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organisation = _parse_organisation(d.pop("organisation"))


        action = d.pop("action")

        entity = d.pop("entity")

        entity_key = d.pop("entity_key")

        def _parse_before(data: object) -> None | ProgressHistoryEventBeforeType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = ProgressHistoryEventBeforeType0.from_dict(data)



                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgressHistoryEventBeforeType0, data)

        before = _parse_before(d.pop("before"))


        def _parse_after(data: object) -> None | ProgressHistoryEventAfterType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = ProgressHistoryEventAfterType0.from_dict(data)



                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgressHistoryEventAfterType0, data)

        after = _parse_after(d.pop("after"))


        reason = d.pop("reason")

        progress_history_event = cls(
            id=id,
            at=at,
            actor=actor,
            organisation=organisation,
            action=action,
            entity=entity,
            entity_key=entity_key,
            before=before,
            after=after,
            reason=reason,
        )


        progress_history_event.additional_properties = d
        return progress_history_event

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
