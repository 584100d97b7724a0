from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.period_lock_public import PeriodLockPublic
from ...models.problem import Problem
from ...models.reason_input import ReasonInput
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    label: str,
    *,
    body: ReasonInput,
    plan: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    params: dict[str, Any] = {}

    params["plan"] = plan


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/periods/{label}/unlock".format(label=quote(str(label), safe=""),),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PeriodLockPublic | Problem | None:
    if response.status_code == 200:
        response_200 = PeriodLockPublic.from_dict(response.json())



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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PeriodLockPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    label: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReasonInput,
    plan: str | Unset = UNSET,

) -> Response[PeriodLockPublic | Problem]:
    """ Reopen a locked reporting period (reason required)

    Args:
        label (str):
        plan (str | Unset):
        body (ReasonInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PeriodLockPublic | Problem]
     """


    kwargs = _get_kwargs(
        label=label,
body=body,
plan=plan,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    label: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReasonInput,
    plan: str | Unset = UNSET,

) -> PeriodLockPublic | Problem | None:
    """ Reopen a locked reporting period (reason required)

    Args:
        label (str):
        plan (str | Unset):
        body (ReasonInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PeriodLockPublic | Problem
     """


    return sync_detailed(
        label=label,
client=client,
body=body,
plan=plan,

    ).parsed

async def asyncio_detailed(
    label: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReasonInput,
    plan: str | Unset = UNSET,

) -> Response[PeriodLockPublic | Problem]:
    """ Reopen a locked reporting period (reason required)

    Args:
        label (str):
        plan (str | Unset):
        body (ReasonInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PeriodLockPublic | Problem]
     """


    kwargs = _get_kwargs(
        label=label,
body=body,
plan=plan,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    label: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReasonInput,
    plan: str | Unset = UNSET,

) -> PeriodLockPublic | Problem | None:
    """ Reopen a locked reporting period (reason required)

    Args:
        label (str):
        plan (str | Unset):
        body (ReasonInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PeriodLockPublic | Problem
     """


    return (await asyncio_detailed(
        label=label,
client=client,
body=body,
plan=plan,

    )).parsed
