from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.batch_public import BatchPublic
from ...models.import_problem import ImportProblem
from ...models.import_upload import ImportUpload
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: ImportUpload,
    dry_run: bool | Unset = False,
    submit: bool | Unset = False,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    params: dict[str, Any] = {}

    params["dry_run"] = dry_run

    params["submit"] = submit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/imports",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BatchPublic | ImportProblem | Problem | None:
    if response.status_code == 200:
        response_200 = BatchPublic.from_dict(response.json())



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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = ImportProblem.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BatchPublic | ImportProblem | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImportUpload,
    dry_run: bool | Unset = False,
    submit: bool | Unset = False,

) -> Response[BatchPublic | ImportProblem | Problem]:
    """ Import a plan workbook (secretariat) or a progress template (multipart field `file`)

    Args:
        dry_run (bool | Unset): Validate and show the diff; change nothing Default: False.
        submit (bool | Unset): Submit imported progress reports for review Default: False.
        body (ImportUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchPublic | ImportProblem | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
dry_run=dry_run,
submit=submit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ImportUpload,
    dry_run: bool | Unset = False,
    submit: bool | Unset = False,

) -> BatchPublic | ImportProblem | Problem | None:
    """ Import a plan workbook (secretariat) or a progress template (multipart field `file`)

    Args:
        dry_run (bool | Unset): Validate and show the diff; change nothing Default: False.
        submit (bool | Unset): Submit imported progress reports for review Default: False.
        body (ImportUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchPublic | ImportProblem | Problem
     """


    return sync_detailed(
        client=client,
body=body,
dry_run=dry_run,
submit=submit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImportUpload,
    dry_run: bool | Unset = False,
    submit: bool | Unset = False,

) -> Response[BatchPublic | ImportProblem | Problem]:
    """ Import a plan workbook (secretariat) or a progress template (multipart field `file`)

    Args:
        dry_run (bool | Unset): Validate and show the diff; change nothing Default: False.
        submit (bool | Unset): Submit imported progress reports for review Default: False.
        body (ImportUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchPublic | ImportProblem | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
dry_run=dry_run,
submit=submit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImportUpload,
    dry_run: bool | Unset = False,
    submit: bool | Unset = False,

) -> BatchPublic | ImportProblem | Problem | None:
    """ Import a plan workbook (secretariat) or a progress template (multipart field `file`)

    Args:
        dry_run (bool | Unset): Validate and show the diff; change nothing Default: False.
        submit (bool | Unset): Submit imported progress reports for review Default: False.
        body (ImportUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchPublic | ImportProblem | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
dry_run=dry_run,
submit=submit,

    )).parsed
