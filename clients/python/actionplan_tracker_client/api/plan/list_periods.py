from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.period_state import PeriodState
from ...models.periods_public import PeriodsPublic
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    plan: str | Unset = UNSET,
    state: PeriodState | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match



    

    params: dict[str, Any] = {}

    params["plan"] = plan

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/periods",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | PeriodsPublic | Problem | None:
    if response.status_code == 200:
        response_200 = PeriodsPublic.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | PeriodsPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    plan: str | Unset = UNSET,
    state: PeriodState | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | PeriodsPublic | Problem]:
    """ List reporting periods

    Args:
        plan (str | Unset): Plan slug, e.g. mh-2022-2025
        state (PeriodState | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PeriodsPublic | Problem]
     """


    kwargs = _get_kwargs(
        plan=plan,
state=state,
if_none_match=if_none_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    plan: str | Unset = UNSET,
    state: PeriodState | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | PeriodsPublic | Problem | None:
    """ List reporting periods

    Args:
        plan (str | Unset): Plan slug, e.g. mh-2022-2025
        state (PeriodState | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PeriodsPublic | Problem
     """


    return sync_detailed(
        client=client,
plan=plan,
state=state,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    plan: str | Unset = UNSET,
    state: PeriodState | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | PeriodsPublic | Problem]:
    """ List reporting periods

    Args:
        plan (str | Unset): Plan slug, e.g. mh-2022-2025
        state (PeriodState | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PeriodsPublic | Problem]
     """


    kwargs = _get_kwargs(
        plan=plan,
state=state,
if_none_match=if_none_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    plan: str | Unset = UNSET,
    state: PeriodState | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | PeriodsPublic | Problem | None:
    """ List reporting periods

    Args:
        plan (str | Unset): Plan slug, e.g. mh-2022-2025
        state (PeriodState | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PeriodsPublic | Problem
     """


    return (await asyncio_detailed(
        client=client,
plan=plan,
state=state,
if_none_match=if_none_match,

    )).parsed
