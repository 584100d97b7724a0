from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.get_meeting_pack_format import GetMeetingPackFormat
from ...models.get_meeting_pack_lang import GetMeetingPackLang
from ...models.problem import Problem
from ...types import File, FileTypes
from ...types import UNSET, Unset
from io import BytesIO
from typing import cast
import datetime



def _get_kwargs(
    code: str,
    *,
    date: datetime.date,
    format_: GetMeetingPackFormat | Unset = GetMeetingPackFormat.PDF,
    lang: GetMeetingPackLang | Unset = GetMeetingPackLang.DA,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_date = date.isoformat()
    params["date"] = json_date

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/fora/{code}/pack".format(code=quote(str(code), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(
             payload = BytesIO(response.content)
        )



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    date: datetime.date,
    format_: GetMeetingPackFormat | Unset = GetMeetingPackFormat.PDF,
    lang: GetMeetingPackLang | Unset = GetMeetingPackLang.DA,

) -> Response[File | Problem]:
    """ The meeting pack for a forum and a meeting date (HTML or PDF, Danish or English)

    Args:
        code (str):
        date (datetime.date): The meeting date, e.g. 2026-12-01
        format_ (GetMeetingPackFormat | Unset):  Default: GetMeetingPackFormat.PDF.
        lang (GetMeetingPackLang | Unset):  Default: GetMeetingPackLang.DA.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
     """


    kwargs = _get_kwargs(
        code=code,
date=date,
format_=format_,
lang=lang,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    date: datetime.date,
    format_: GetMeetingPackFormat | Unset = GetMeetingPackFormat.PDF,
    lang: GetMeetingPackLang | Unset = GetMeetingPackLang.DA,

) -> File | Problem | None:
    """ The meeting pack for a forum and a meeting date (HTML or PDF, Danish or English)

    Args:
        code (str):
        date (datetime.date): The meeting date, e.g. 2026-12-01
        format_ (GetMeetingPackFormat | Unset):  Default: GetMeetingPackFormat.PDF.
        lang (GetMeetingPackLang | Unset):  Default: GetMeetingPackLang.DA.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
     """


    return sync_detailed(
        code=code,
client=client,
date=date,
format_=format_,
lang=lang,

    ).parsed

async def asyncio_detailed(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    date: datetime.date,
    format_: GetMeetingPackFormat | Unset = GetMeetingPackFormat.PDF,
    lang: GetMeetingPackLang | Unset = GetMeetingPackLang.DA,

) -> Response[File | Problem]:
    """ The meeting pack for a forum and a meeting date (HTML or PDF, Danish or English)

    Args:
        code (str):
        date (datetime.date): The meeting date, e.g. 2026-12-01
        format_ (GetMeetingPackFormat | Unset):  Default: GetMeetingPackFormat.PDF.
        lang (GetMeetingPackLang | Unset):  Default: GetMeetingPackLang.DA.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
     """


    kwargs = _get_kwargs(
        code=code,
date=date,
format_=format_,
lang=lang,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    date: datetime.date,
    format_: GetMeetingPackFormat | Unset = GetMeetingPackFormat.PDF,
    lang: GetMeetingPackLang | Unset = GetMeetingPackLang.DA,

) -> File | Problem | None:
    """ The meeting pack for a forum and a meeting date (HTML or PDF, Danish or English)

    Args:
        code (str):
        date (datetime.date): The meeting date, e.g. 2026-12-01
        format_ (GetMeetingPackFormat | Unset):  Default: GetMeetingPackFormat.PDF.
        lang (GetMeetingPackLang | Unset):  Default: GetMeetingPackLang.DA.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
     """


    return (await asyncio_detailed(
        code=code,
client=client,
date=date,
format_=format_,
lang=lang,

    )).parsed
