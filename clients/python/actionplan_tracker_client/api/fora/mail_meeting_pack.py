from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.mail_meeting_pack_lang import MailMeetingPackLang
from ...models.pack_mail_result import PackMailResult
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    code: str,
    *,
    date: datetime.date,
    lang: MailMeetingPackLang | Unset = MailMeetingPackLang.DA,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_date = date.isoformat()
    params["date"] = json_date

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/fora/{code}/pack/mail".format(code=quote(str(code), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PackMailResult | Problem | None:
    if response.status_code == 200:
        response_200 = PackMailResult.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PackMailResult | Problem]:
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
    lang: MailMeetingPackLang | Unset = MailMeetingPackLang.DA,

) -> Response[PackMailResult | Problem]:
    """ Mail the meeting pack to the forum's member organisations through the outbox (secretariat)

    Args:
        code (str):
        date (datetime.date): The meeting date, e.g. 2026-12-01
        lang (MailMeetingPackLang | Unset):  Default: MailMeetingPackLang.DA.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PackMailResult | Problem]
     """


    kwargs = _get_kwargs(
        code=code,
date=date,
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
    lang: MailMeetingPackLang | Unset = MailMeetingPackLang.DA,

) -> PackMailResult | Problem | None:
    """ Mail the meeting pack to the forum's member organisations through the outbox (secretariat)

    Args:
        code (str):
        date (datetime.date): The meeting date, e.g. 2026-12-01
        lang (MailMeetingPackLang | Unset):  Default: MailMeetingPackLang.DA.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PackMailResult | Problem
     """


    return sync_detailed(
        code=code,
client=client,
date=date,
lang=lang,

    ).parsed

async def asyncio_detailed(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    date: datetime.date,
    lang: MailMeetingPackLang | Unset = MailMeetingPackLang.DA,

) -> Response[PackMailResult | Problem]:
    """ Mail the meeting pack to the forum's member organisations through the outbox (secretariat)

    Args:
        code (str):
        date (datetime.date): The meeting date, e.g. 2026-12-01
        lang (MailMeetingPackLang | Unset):  Default: MailMeetingPackLang.DA.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PackMailResult | Problem]
     """


    kwargs = _get_kwargs(
        code=code,
date=date,
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
    lang: MailMeetingPackLang | Unset = MailMeetingPackLang.DA,

) -> PackMailResult | Problem | None:
    """ Mail the meeting pack to the forum's member organisations through the outbox (secretariat)

    Args:
        code (str):
        date (datetime.date): The meeting date, e.g. 2026-12-01
        lang (MailMeetingPackLang | Unset):  Default: MailMeetingPackLang.DA.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PackMailResult | Problem
     """


    return (await asyncio_detailed(
        code=code,
client=client,
date=date,
lang=lang,

    )).parsed
