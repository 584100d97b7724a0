from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.action_item_state import ActionItemState
from ...models.action_items_public import ActionItemsPublic
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    owner: str | Unset = UNSET,
    forum: str | Unset = UNSET,
    state: ActionItemState | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["owner"] = owner

    params["forum"] = forum

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/action-items",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ActionItemsPublic | Problem | None:
    if response.status_code == 200:
        response_200 = ActionItemsPublic.from_dict(response.json())



        return response_200

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ActionItemsPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    owner: str | Unset = UNSET,
    forum: str | Unset = UNSET,
    state: ActionItemState | Unset = UNSET,

) -> Response[ActionItemsPublic | Problem]:
    """ Action items you may see; overdue first, then by deadline

    Args:
        owner (str | Unset): Owner organisation code
        forum (str | Unset): Forum code
        state (ActionItemState | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionItemsPublic | Problem]
     """


    kwargs = _get_kwargs(
        owner=owner,
forum=forum,
state=state,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    owner: str | Unset = UNSET,
    forum: str | Unset = UNSET,
    state: ActionItemState | Unset = UNSET,

) -> ActionItemsPublic | Problem | None:
    """ Action items you may see; overdue first, then by deadline

    Args:
        owner (str | Unset): Owner organisation code
        forum (str | Unset): Forum code
        state (ActionItemState | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionItemsPublic | Problem
     """


    return sync_detailed(
        client=client,
owner=owner,
forum=forum,
state=state,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    owner: str | Unset = UNSET,
    forum: str | Unset = UNSET,
    state: ActionItemState | Unset = UNSET,

) -> Response[ActionItemsPublic | Problem]:
    """ Action items you may see; overdue first, then by deadline

    Args:
        owner (str | Unset): Owner organisation code
        forum (str | Unset): Forum code
        state (ActionItemState | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionItemsPublic | Problem]
     """


    kwargs = _get_kwargs(
        owner=owner,
forum=forum,
state=state,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    owner: str | Unset = UNSET,
    forum: str | Unset = UNSET,
    state: ActionItemState | Unset = UNSET,

) -> ActionItemsPublic | Problem | None:
    """ Action items you may see; overdue first, then by deadline

    Args:
        owner (str | Unset): Owner organisation code
        forum (str | Unset): Forum code
        state (ActionItemState | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionItemsPublic | Problem
     """


    return (await asyncio_detailed(
        client=client,
owner=owner,
forum=forum,
state=state,

    )).parsed
