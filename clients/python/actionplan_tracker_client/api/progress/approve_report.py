from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.approve_input import ApproveInput
from ...models.problem import Problem
from ...models.report_public import ReportPublic
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    code: str,
    period: str,
    *,
    body: ApproveInput | None,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/initiatives/{code}/reports/{period}/approve".format(code=quote(str(code), safe=""),period=quote(str(period), safe=""),),
    }

    
    if isinstance(body, ApproveInput):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportPublic | None:
    if response.status_code == 200:
        response_200 = ReportPublic.from_dict(response.json())



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
    body: ApproveInput | None,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | ReportPublic]:
    """ Approve a submitted report (locks it)

    Args:
        code (str):
        period (str):
        if_match (str | Unset): The ETag of the report as you last read it, e.g. "3"
        idempotency_key (str | Unset): A unique key (a UUID is ideal); a retry with it replays the
            first answer
        body (ApproveInput | None):

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
    body: ApproveInput | None,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Problem | ReportPublic | None:
    """ Approve a submitted report (locks it)

    Args:
        code (str):
        period (str):
        if_match (str | Unset): The ETag of the report as you last read it, e.g. "3"
        idempotency_key (str | Unset): A unique key (a UUID is ideal); a retry with it replays the
            first answer
        body (ApproveInput | None):

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
    body: ApproveInput | None,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | ReportPublic]:
    """ Approve a submitted report (locks it)

    Args:
        code (str):
        period (str):
        if_match (str | Unset): The ETag of the report as you last read it, e.g. "3"
        idempotency_key (str | Unset): A unique key (a UUID is ideal); a retry with it replays the
            first answer
        body (ApproveInput | None):

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
    body: ApproveInput | None,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Problem | ReportPublic | None:
    """ Approve a submitted report (locks it)

    Args:
        code (str):
        period (str):
        if_match (str | Unset): The ETag of the report as you last read it, e.g. "3"
        idempotency_key (str | Unset): A unique key (a UUID is ideal); a retry with it replays the
            first answer
        body (ApproveInput | None):

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
