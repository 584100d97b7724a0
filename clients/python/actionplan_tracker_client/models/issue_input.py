from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.issue_input_format import IssueInputFormat
from ..models.issue_input_lang import IssueInputLang
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="IssueInput")



@_attrs_define
class IssueInput:
    """ 
        Attributes:
            plan (str | Unset): Plan slug Default: 'mh-2022-2025'.
            period (None | str | Unset): Period label, e.g. 2025-H1 (default: latest past due)
            format_ (IssueInputFormat | Unset):  Default: IssueInputFormat.PDF.
            lang (IssueInputLang | Unset):  Default: IssueInputLang.DA.
            public (bool | Unset): Suppress counts 1-4 for publication Default: False.
            include_submitted (bool | Unset): Also include submitted reports not yet approved (marked) Default: False.
     """

    plan: str | Unset = 'mh-2022-2025'
    period: None | str | Unset = UNSET
    format_: IssueInputFormat | Unset = IssueInputFormat.PDF
    lang: IssueInputLang | Unset = IssueInputLang.DA
    public: bool | Unset = False
    include_submitted: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        plan = self.plan

        period: None | str | Unset
        if isinstance(self.period, Unset):
            period = UNSET
        else:
            period = self.period

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value


        lang: str | Unset = UNSET
        if not isinstance(self.lang, Unset):
            lang = self.lang.value


        public = self.public

        include_submitted = self.include_submitted


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if plan is not UNSET:
            field_dict["plan"] = plan
        if period is not UNSET:
            field_dict["period"] = period
        if format_ is not UNSET:
            field_dict["format"] = format_
        if lang is not UNSET:
            field_dict["lang"] = lang
        if public is not UNSET:
            field_dict["public"] = public
        if include_submitted is not UNSET:
            field_dict["include_submitted"] = include_submitted

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        plan = d.pop("plan", UNSET)

        def _parse_period(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        period = _parse_period(d.pop("period", UNSET))


        _format_ = d.pop("format", UNSET)
        format_: IssueInputFormat | Unset
        if isinstance(_format_,  Unset):
            format_ = UNSET
        else:
            format_ = IssueInputFormat(_format_)




        _lang = d.pop("lang", UNSET)
        lang: IssueInputLang | Unset
        if isinstance(_lang,  Unset):
            lang = UNSET
        else:
            lang = IssueInputLang(_lang)




        public = d.pop("public", UNSET)

        include_submitted = d.pop("include_submitted", UNSET)

        issue_input = cls(
            plan=plan,
            period=period,
            format_=format_,
            lang=lang,
            public=public,
            include_submitted=include_submitted,
        )

        return issue_input

