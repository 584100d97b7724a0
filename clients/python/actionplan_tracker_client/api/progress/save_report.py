from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.report_input import ReportInput
from ...models.report_public import ReportPublic
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    code: str,
    period: str,
    *,
    body: ReportInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/initiatives/{code}/reports/{period}".format(code=quote(str(code), safe=""),period=quote(str(period), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportPublic | None:
    if response.status_code == 200:
        response_200 = ReportPublic.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = ReportPublic.from_dict(response.json())



        return response_201

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())



        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())



        return response_428

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ReportPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    period: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReportInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | ReportPublic]:
    """ Create the draft, or update it (If-Match required for updates)

     201 with `Location` when the draft is created, 200 when an existing draft is updated.

    Args:
        code (str):
        period (str):
        if_match (str | Unset): The ETag of the report as you last read it, e.g. "3"
        idempotency_key (str | Unset): A unique key (a UUID is ideal); a retry with it replays the
            first answer
        body (ReportInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportPublic]
     """


    kwargs = _get_kwargs(
        code=code,
period=period,
body=body,
if_match=if_match,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    code: str,
    period: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReportInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Problem | ReportPublic | None:
    """ Create the draft, or update it (If-Match required for updates)

     201 with `Location` when the draft is created, 200 when an existing draft is updated.

    Args:
        code (str):
        period (str):
        if_match (str | Unset): The ETag of the report as you last read it, e.g. "3"
        idempotency_key (str | Unset): A unique key (a UUID is ideal); a retry with it replays the
            first answer
        body (ReportInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportPublic
     """


    return sync_detailed(
        code=code,
period=period,
client=client,
body=body,
if_match=if_match,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    code: str,
    period: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReportInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | ReportPublic]:
    """ Create the draft, or update it (If-Match required for updates)

     201 with `Location` when the draft is created, 200 when an existing draft is updated.

    Args:
        code (str):
        period (str):
        if_match (str | Unset): The ETag of the report as you last read it, e.g. "3"
        idempotency_key (str | Unset): A unique key (a UUID is ideal); a retry with it replays the
            first answer
        body (ReportInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportPublic]
     """


    kwargs = _get_kwargs(
        code=code,
period=period,
body=body,
if_match=if_match,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    code: str,
    period: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReportInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Problem | ReportPublic | None:
    """ Create the draft, or update it (If-Match required for updates)

     201 with `Location` when the draft is created, 200 when an existing draft is updated.

    Args:
        code (str):
        period (str):
        if_match (str | Unset): The ETag of the report as you last read it, e.g. "3"
        idempotency_key (str | Unset): A unique key (a UUID is ideal); a retry with it replays the
            first answer
        body (ReportInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportPublic
     """


    return (await asyncio_detailed(
        code=code,
period=period,
client=client,
body=body,
if_match=if_match,
idempotency_key=idempotency_key,

    )).parsed
