from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.get_status_report_format import GetStatusReportFormat
from ...models.get_status_report_lang import GetStatusReportLang
from ...models.problem import Problem
from ...types import File, FileTypes
from ...types import UNSET, Unset
from io import BytesIO
from typing import cast



def _get_kwargs(
    *,
    plan: str | Unset = 'mh-2022-2025',
    period: str | Unset = UNSET,
    format_: GetStatusReportFormat | Unset = GetStatusReportFormat.PDF,
    lang: GetStatusReportLang | Unset = GetStatusReportLang.DA,
    public: bool | Unset = False,
    include_submitted: bool | Unset = False,
    if_none_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match



    

    params: dict[str, Any] = {}

    params["plan"] = plan

    params["period"] = period

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params["public"] = public

    params["include_submitted"] = include_submitted


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/status",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | File | Problem | None:
    if response.status_code == 200:
        response_200 = File(
             payload = BytesIO(response.content)
        )



        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    plan: str | Unset = 'mh-2022-2025',
    period: str | Unset = UNSET,
    format_: GetStatusReportFormat | Unset = GetStatusReportFormat.PDF,
    lang: GetStatusReportLang | Unset = GetStatusReportLang.DA,
    public: bool | Unset = False,
    include_submitted: bool | Unset = False,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | File | Problem]:
    """ A status report for the minister's office (read; nothing is stored)

     Builds the status report of one reporting period and returns it as a download. Reading stores
    nothing; issuing a report for the record is `POST /reports/snapshots`. When the same content was
    issued before, `X-Report-Snapshot` names that snapshot.

    Args:
        plan (str | Unset): Plan slug Default: 'mh-2022-2025'.
        period (str | Unset): Period label, e.g. 2025-H1 (default: latest past due)
        format_ (GetStatusReportFormat | Unset):  Default: GetStatusReportFormat.PDF.
        lang (GetStatusReportLang | Unset):  Default: GetStatusReportLang.DA.
        public (bool | Unset): Suppress counts 1-4 for publication Default: False.
        include_submitted (bool | Unset): Also include submitted reports not yet approved (marked)
            Default: False.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | Problem]
     """


    kwargs = _get_kwargs(
        plan=plan,
period=period,
format_=format_,
lang=lang,
public=public,
include_submitted=include_submitted,
if_none_match=if_none_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    plan: str | Unset = 'mh-2022-2025',
    period: str | Unset = UNSET,
    format_: GetStatusReportFormat | Unset = GetStatusReportFormat.PDF,
    lang: GetStatusReportLang | Unset = GetStatusReportLang.DA,
    public: bool | Unset = False,
    include_submitted: bool | Unset = False,
    if_none_match: str | Unset = UNSET,

) -> Any | File | Problem | None:
    """ A status report for the minister's office (read; nothing is stored)

     Builds the status report of one reporting period and returns it as a download. Reading stores
    nothing; issuing a report for the record is `POST /reports/snapshots`. When the same content was
    issued before, `X-Report-Snapshot` names that snapshot.

    Args:
        plan (str | Unset): Plan slug Default: 'mh-2022-2025'.
        period (str | Unset): Period label, e.g. 2025-H1 (default: latest past due)
        format_ (GetStatusReportFormat | Unset):  Default: GetStatusReportFormat.PDF.
        lang (GetStatusReportLang | Unset):  Default: GetStatusReportLang.DA.
        public (bool | Unset): Suppress counts 1-4 for publication Default: False.
        include_submitted (bool | Unset): Also include submitted reports not yet approved (marked)
            Default: False.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | Problem
     """


    return sync_detailed(
        client=client,
plan=plan,
period=period,
format_=format_,
lang=lang,
public=public,
include_submitted=include_submitted,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    plan: str | Unset = 'mh-2022-2025',
    period: str | Unset = UNSET,
    format_: GetStatusReportFormat | Unset = GetStatusReportFormat.PDF,
    lang: GetStatusReportLang | Unset = GetStatusReportLang.DA,
    public: bool | Unset = False,
    include_submitted: bool | Unset = False,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | File | Problem]:
    """ A status report for the minister's office (read; nothing is stored)

     Builds the status report of one reporting period and returns it as a download. Reading stores
    nothing; issuing a report for the record is `POST /reports/snapshots`. When the same content was
    issued before, `X-Report-Snapshot` names that snapshot.

    Args:
        plan (str | Unset): Plan slug Default: 'mh-2022-2025'.
        period (str | Unset): Period label, e.g. 2025-H1 (default: latest past due)
        format_ (GetStatusReportFormat | Unset):  Default: GetStatusReportFormat.PDF.
        lang (GetStatusReportLang | Unset):  Default: GetStatusReportLang.DA.
        public (bool | Unset): Suppress counts 1-4 for publication Default: False.
        include_submitted (bool | Unset): Also include submitted reports not yet approved (marked)
            Default: False.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | Problem]
     """


    kwargs = _get_kwargs(
        plan=plan,
period=period,
format_=format_,
lang=lang,
public=public,
include_submitted=include_submitted,
if_none_match=if_none_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    plan: str | Unset = 'mh-2022-2025',
    period: str | Unset = UNSET,
    format_: GetStatusReportFormat | Unset = GetStatusReportFormat.PDF,
    lang: GetStatusReportLang | Unset = GetStatusReportLang.DA,
    public: bool | Unset = False,
    include_submitted: bool | Unset = False,
    if_none_match: str | Unset = UNSET,

) -> Any | File | Problem | None:
    """ A status report for the minister's office (read; nothing is stored)

     Builds the status report of one reporting period and returns it as a download. Reading stores
    nothing; issuing a report for the record is `POST /reports/snapshots`. When the same content was
    issued before, `X-Report-Snapshot` names that snapshot.

    Args:
        plan (str | Unset): Plan slug Default: 'mh-2022-2025'.
        period (str | Unset): Period label, e.g. 2025-H1 (default: latest past due)
        format_ (GetStatusReportFormat | Unset):  Default: GetStatusReportFormat.PDF.
        lang (GetStatusReportLang | Unset):  Default: GetStatusReportLang.DA.
        public (bool | Unset): Suppress counts 1-4 for publication Default: False.
        include_submitted (bool | Unset): Also include submitted reports not yet approved (marked)
            Default: False.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | Problem
     """


    return (await asyncio_detailed(
        client=client,
plan=plan,
period=period,
format_=format_,
lang=lang,
public=public,
include_submitted=include_submitted,
if_none_match=if_none_match,

    )).parsed
