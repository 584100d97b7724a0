"""Read API of the plan: plans, focus areas, organisations, periods, initiatives.

These are the most frequent requests and the plan changes rarely, so responses are served from the
process's read cache (emptied by any committed write; see tracker/cache.py).
"""

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import anyio.to_thread
from litestar import Controller, Request, get
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, QueryParameter
from litestar.response.base import ASGIResponse
from pydantic import BaseModel
from sqlmodel import Session

from actionplan.enums import PeriodState
from tracker.auth.guards import ANY_ROLE
from tracker.cache import ReadCache
from tracker.contract import CONDITIONAL, ETAG, problems, unchanged
from tracker.paging import page_links
from tracker.plans import schemas as s
from tracker.plans import service

PlanFilter = Annotated[
    str | None, QueryParameter(name="plan", max_length=64, description="Plan slug, e.g. mh-2022-2025")
]
JSON = "application/json"


def _today(state: State) -> date:
    today: date = state.clock().astimezone(state.settings.tz).date()
    return today


async def _cached(request: Request[Any, Any, Any], state: State, query: Callable[[Session, date], BaseModel]) -> bytes:
    """The JSON body for this request: from the read cache, or computed in a worker thread."""
    today = _today(state)
    key = (request.url.path, tuple(sorted(request.query_params.items())), today)
    cache: ReadCache[bytes] = state.read_cache
    return await cache.get_or_compute(key, lambda: anyio.to_thread.run_sync(_compute, state, query, today))


def _json(request: Request[Any, Any, Any], body: bytes) -> ASGIResponse:
    """The body with its ETag, or 304 when If-None-Match names it (the client's copy is current)."""
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": tag}
    if unchanged(request.headers.get("if-none-match"), tag):
        return ASGIResponse(body=b"", status_code=304, headers=headers)
    # A prebuilt ASGI response: the body is already JSON, so skip Litestar's response pipeline.
    return ASGIResponse(body=body, media_type=JSON, headers=headers)


def _documented(model: type[BaseModel], *errors: int) -> dict[int, ResponseSpec]:
    return {200: ResponseSpec(data_container=model, description="OK", generate_examples=False)} | problems(*errors)


def _compute(state: State, query: Callable[[Session, date], BaseModel], today: date) -> bytes:
    with Session(state.engine, expire_on_commit=False) as session:
        result = query(session, today)
        session.rollback()
    return result.model_dump_json().encode()


class PlanController(Controller):
    path = "/plans"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get("/", summary="List plans", responses=_documented(s.PlansPublic), opt=CONDITIONAL, response_headers=[ETAG])
    async def list_plans(self, request: Request[Any, Any, Any], state: State) -> ASGIResponse:
        body = await _cached(request, state, lambda session, _today: service.list_plans(session))
        return _json(request, body)

    @get(
        "/{slug:str}",
        summary="One plan with focus areas and reporting periods",
        responses=_documented(s.PlanDetail),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def get_plan(self, request: Request[Any, Any, Any], state: State, slug: FromPath[str]) -> ASGIResponse:
        body = await _cached(request, state, lambda session, _today: service.get_plan(session, slug))
        return _json(request, body)


class FocusAreaController(Controller):
    path = "/focus-areas"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get(
        "/",
        summary="List focus areas",
        responses=_documented(s.FocusAreasPublic, 404),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def list_focus_areas(
        self, request: Request[Any, Any, Any], state: State, plan: PlanFilter = None
    ) -> ASGIResponse:
        body = await _cached(request, state, lambda session, _today: service.list_focus_areas(session, plan_slug=plan))
        return _json(request, body)


class OrganisationController(Controller):
    path = "/organisations"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get(
        "/",
        summary="List organisations (ministries, agencies, NGOs)",
        responses=_documented(s.OrganisationsPublic),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def list_organisations(self, request: Request[Any, Any, Any], state: State) -> ASGIResponse:
        body = await _cached(request, state, lambda session, _today: service.list_organisations(session))
        return _json(request, body)

    @get(
        "/{code:str}",
        summary="One organisation and the initiatives it owns",
        responses=_documented(s.OrganisationPublic),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def get_organisation(
        self, request: Request[Any, Any, Any], state: State, code: FromPath[str]
    ) -> ASGIResponse:
        body = await _cached(request, state, lambda session, _today: service.get_organisation(session, code))
        return _json(request, body)


class PeriodController(Controller):
    path = "/periods"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get(
        "/",
        summary="List reporting periods",
        responses=_documented(s.PeriodsPublic, 404),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def list_periods(
        self,
        request: Request[Any, Any, Any],
        state: State,
        plan: PlanFilter = None,
        period_state: Annotated[PeriodState | None, QueryParameter(name="state")] = None,
    ) -> ASGIResponse:
        body = await _cached(
            request, state, lambda session, _today: service.list_periods(session, plan_slug=plan, state=period_state)
        )
        return _json(request, body)


class InitiativeController(Controller):
    path = "/initiatives"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get(
        "/",
        summary="List initiatives, filtered and paginated",
        responses=_documented(s.InitiativesPublic, 404),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def list_initiatives(
        self,
        request: Request[Any, Any, Any],
        state: State,
        plan: PlanFilter = None,
        focus_area: Annotated[
            str | None, QueryParameter(max_length=16, description="Focus area code, e.g. IO1")
        ] = None,
        lead: Annotated[str | None, QueryParameter(max_length=16, description="Lead organisation code")] = None,
        partner: Annotated[str | None, QueryParameter(max_length=16, description="Partner organisation code")] = None,
        owner: Annotated[
            str | None, QueryParameter(max_length=16, description="Lead or partner organisation code")
        ] = None,
        overdue: Annotated[bool | None, QueryParameter(description="Past deadline and not completed")] = None,
        q: Annotated[str | None, QueryParameter(max_length=200, description="Text in the code or titles")] = None,
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, QueryParameter(ge=1, le=500)] = 50,
    ) -> ASGIResponse:
        def query(session: Session, today: date) -> BaseModel:
            found = service.list_initiatives(
                session,
                today=today,
                plan=plan,
                focus_area=focus_area,
                lead=lead,
                partner=partner,
                owner=owner,
                overdue=overdue,
                q=q,
                page=page,
                page_size=page_size,
            )
            links = page_links(
                request.url.path, request.query_params, page=page, page_size=page_size, count=found.count
            )
            return found.model_copy(update={"links": links})

        return _json(request, await _cached(request, state, query))

    @get(
        "/{code:str}",
        summary="One initiative with owners, milestones and indicators",
        responses=_documented(s.InitiativeDetail),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def get_initiative(self, request: Request[Any, Any, Any], state: State, code: FromPath[str]) -> ASGIResponse:
        body = await _cached(request, state, lambda session, today: service.get_initiative(session, code, today=today))
        return _json(request, body)


CONTROLLERS = [PlanController, FocusAreaController, OrganisationController, PeriodController, InitiativeController]
