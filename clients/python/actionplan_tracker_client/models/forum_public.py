from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.forum_scope import ForumScope
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.fora_organisation_ref import ForaOrganisationRef
  from ..models.initiative_ref import InitiativeRef
  from ..models.meeting_summary import MeetingSummary





T = TypeVar("T", bound="ForumPublic")



@_attrs_define
class ForumPublic:
    """ 
        Attributes:
            code (str):
            name_da (str):
            name_en (str):
            scope (ForumScope):
            secretariat (ForaOrganisationRef | None):
            secretariat_note (None | str):
            meetings_per_year (int | None):
            cadence_note (None | str):
            members (int):
            meetings (int):
            last_meeting (datetime.date | None):
            behind_cadence (bool):
            members_list (list[ForaOrganisationRef]):
            members_note (None | str):
            initiatives (list[InitiativeRef]):
            initiatives_note (None | str):
            description (None | str):
            source_url (None | str):
            meeting_list (list[MeetingSummary]):
     """

    code: str
    name_da: str
    name_en: str
    scope: ForumScope
    secretariat: ForaOrganisationRef | None
    secretariat_note: None | str
    meetings_per_year: int | None
    cadence_note: None | str
    members: int
    meetings: int
    last_meeting: datetime.date | None
    behind_cadence: bool
    members_list: list[ForaOrganisationRef]
    members_note: None | str
    initiatives: list[InitiativeRef]
    initiatives_note: None | str
    description: None | str
    source_url: None | str
    meeting_list: list[MeetingSummary]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.fora_organisation_ref import ForaOrganisationRef # noqa: PLC0415
        from ..models.initiative_ref import InitiativeRef # noqa: PLC0415
        from ..models.meeting_summary import MeetingSummary # noqa: PLC0415
        code = self.code

        name_da = self.name_da

        name_en = self.name_en

        scope = self.scope.value

        secretariat: dict[str, Any] | None
        if isinstance(self.secretariat, ForaOrganisationRef):
            secretariat = self.secretariat.to_dict()
        else:
            secretariat = self.secretariat

        secretariat_note: None | str
        secretariat_note = self.secretariat_note

        meetings_per_year: int | None
        meetings_per_year = self.meetings_per_year

        cadence_note: None | str
        cadence_note = self.cadence_note

        members = self.members

        meetings = self.meetings

        last_meeting: None | str
        if isinstance(self.last_meeting, datetime.date):
            last_meeting = self.last_meeting.isoformat()
        else:
            last_meeting = self.last_meeting

        behind_cadence = self.behind_cadence

        members_list = []
        for members_list_item_data in self.members_list:
            members_list_item = members_list_item_data.to_dict()
            members_list.append(members_list_item)



        members_note: None | str
        members_note = self.members_note

        initiatives = []
        for initiatives_item_data in self.initiatives:
            initiatives_item = initiatives_item_data.to_dict()
            initiatives.append(initiatives_item)



        initiatives_note: None | str
        initiatives_note = self.initiatives_note

        description: None | str
        description = self.description

        source_url: None | str
        source_url = self.source_url

        meeting_list = []
        for meeting_list_item_data in self.meeting_list:
            meeting_list_item = meeting_list_item_data.to_dict()
            meeting_list.append(meeting_list_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "code": code,
            "name_da": name_da,
            "name_en": name_en,
            "scope": scope,
            "secretariat": secretariat,
            "secretariat_note": secretariat_note,
            "meetings_per_year": meetings_per_year,
            "cadence_note": cadence_note,
            "members": members,
            "meetings": meetings,
            "last_meeting": last_meeting,
            "behind_cadence": behind_cadence,
            "members_list": members_list,
            "members_note": members_note,
            "initiatives": initiatives,
            "initiatives_note": initiatives_note,
            "description": description,
            "source_url": source_url,
            "meeting_list": meeting_list,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fora_organisation_ref import ForaOrganisationRef # noqa: PLC0415
        from ..models.initiative_ref import InitiativeRef # noqa: PLC0415
        from ..models.meeting_summary import MeetingSummary # noqa: PLC0415
        d = dict(src_dict)
        code = d.pop("code")

        name_da = d.pop("name_da")

        name_en = d.pop("name_en")

        scope = ForumScope(d.pop("scope"))




        def _parse_secretariat(data: object) -> ForaOrganisationRef | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                secretariat_type_0 = ForaOrganisationRef.from_dict(data)



                return secretariat_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ForaOrganisationRef | None, data)

        secretariat = _parse_secretariat(d.pop("secretariat"))


        def _parse_secretariat_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        secretariat_note = _parse_secretariat_note(d.pop("secretariat_note"))


        def _parse_meetings_per_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        meetings_per_year = _parse_meetings_per_year(d.pop("meetings_per_year"))


        def _parse_cadence_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cadence_note = _parse_cadence_note(d.pop("cadence_note"))


        members = d.pop("members")

        meetings = d.pop("meetings")

        def _parse_last_meeting(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_meeting_type_0 = datetime.date.fromisoformat(data)



                return last_meeting_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_meeting = _parse_last_meeting(d.pop("last_meeting"))


        behind_cadence = d.pop("behind_cadence")

        members_list = []
        _members_list = d.pop("members_list")
        for members_list_item_data in (_members_list):
            members_list_item = ForaOrganisationRef.from_dict(members_list_item_data)



            members_list.append(members_list_item)


        def _parse_members_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        members_note = _parse_members_note(d.pop("members_note"))


        initiatives = []
        _initiatives = d.pop("initiatives")
        for initiatives_item_data in (_initiatives):
            initiatives_item = InitiativeRef.from_dict(initiatives_item_data)



            initiatives.append(initiatives_item)


        def _parse_initiatives_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        initiatives_note = _parse_initiatives_note(d.pop("initiatives_note"))


        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))


        def _parse_source_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_url = _parse_source_url(d.pop("source_url"))


        meeting_list = []
        _meeting_list = d.pop("meeting_list")
        for meeting_list_item_data in (_meeting_list):
            meeting_list_item = MeetingSummary.from_dict(meeting_list_item_data)



            meeting_list.append(meeting_list_item)


        forum_public = cls(
            code=code,
            name_da=name_da,
            name_en=name_en,
            scope=scope,
            secretariat=secretariat,
            secretariat_note=secretariat_note,
            meetings_per_year=meetings_per_year,
            cadence_note=cadence_note,
            members=members,
            meetings=meetings,
            last_meeting=last_meeting,
            behind_cadence=behind_cadence,
            members_list=members_list,
            members_note=members_note,
            initiatives=initiatives,
            initiatives_note=initiatives_note,
            description=description,
            source_url=source_url,
            meeting_list=meeting_list,
        )


        forum_public.additional_properties = d
        return forum_public

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
