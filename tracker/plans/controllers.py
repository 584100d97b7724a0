"""Read API of the plan: plans, focus areas, organisations, periods, initiatives.

These are the most frequent requests and the plan changes rarely, so responses are served from the
process's read cache (emptied by any committed write; see tracker/cache.py).
"""

import hashlib
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Annotated, Any

import anyio.to_thread
from litestar import Controller, Request
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, QueryParameter
from litestar.response.base import ASGIResponse
from litestar.types import Scope
from pydantic import BaseModel
from sqlmodel import Session

from actionplan.enums import PeriodState
from tracker.auth.guards import ANY_ROLE
from tracker.auth.guards import guarded_get as get
from tracker.cache import ReadCache
from tracker.contract import CONDITIONAL, ETAG, PrebuiltResponse, problems, unchanged
from tracker.paging import page_links
from tracker.plans import schemas as s
from tracker.plans import service
from tracker.requests import scope_header

PlanFilter = Annotated[
    str | None, QueryParameter(name="plan", max_length=64, description="Plan slug, e.g. mh-2022-2025")
]
JSON = "application/json"


def _today(state: State) -> date:
    return day_of(state, state.clock())


def day_of(state: State, now: datetime) -> date:
    """The day in the plan's time zone that `now` falls on (overdue flags depend on it)."""
    today: date = now.astimezone(state.settings.tz).date()
    return today


def answer_key(scope: Scope, today: date) -> tuple[str, bytes, date]:
    """A read's key in the read cache: the routed path and the raw query string as sent, and the day."""
    return (scope["path"], scope.get("query_string", b""), today)


class Prebuilt:
    """A JSON body with its ETag and the encoded headers of its 200 and 304 answers, built once per cache entry,
    and the guards of the route that built it (the fast path, tracker/plans/fast.py, asks them)."""

    __slots__ = ("body", "etag", "guards", "not_modified_headers", "ok_headers")

    def __init__(self, body: bytes, guards: Sequence[object] = ()) -> None:
        self.body = body
        self.guards = tuple(guards)
        self.etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        # The headers Litestar's own ASGIResponse sends for these answers, encoded once.
        self.ok_headers = tuple(ASGIResponse(body=body, media_type=JSON, headers={"ETag": self.etag}).encode_headers())
        self.not_modified_headers = tuple(
            ASGIResponse(body=b"", status_code=304, headers={"ETag": self.etag}).encode_headers()
        )

    def reply(self, if_none_match: str | None) -> tuple[int, tuple[tuple[bytes, bytes], ...], bytes]:
        """Status, headers and body: the body with its ETag, or 304 when If-None-Match names it (the client's copy
        is current)."""
        if unchanged(if_none_match, self.etag):
            return 304, self.not_modified_headers, b""
        return 200, self.ok_headers, self.body


async def _cached(request: Request[Any, Any, Any], query: Callable[[Session, date], BaseModel]) -> Prebuilt:
    """This request's answer: from the read cache, or computed in a worker thread.

    The key is the path and the raw query string as sent (and the day, which overdue flags depend on): no
    parsing per request; the same parameters in another order are another entry with the same body.
    """
    state = request.app.state
    today = _today(state)
    key = answer_key(request.scope, today)
    cache: ReadCache[Prebuilt] = state.read_cache
    found = cache.get(key)
    if found is not None:
        return found
    guards = request.route_handler.resolve_guards()
    return await cache.get_or_compute(key, lambda: anyio.to_thread.run_sync(_compute, state, query, today, guards))


def _json(request: Request[Any, Any, Any], answer: Prebuilt) -> ASGIResponse:
    """The body with its ETag, or 304 when If-None-Match names it (the client's copy is current)."""
    return PrebuiltResponse(*answer.reply(scope_header(request.scope, b"if-none-match")))


def _documented(model: type[BaseModel], *errors: int) -> dict[int, ResponseSpec]:
    return {200: ResponseSpec(data_container=model, description="OK", generate_examples=False)} | problems(*errors)


def _compute(
    state: State, query: Callable[[Session, date], BaseModel], today: date, guards: Sequence[object]
) -> Prebuilt:
    with Session(state.engine, expire_on_commit=False) as session:
        result = query(session, today)
        session.rollback()
    return Prebuilt(result.model_dump_json().encode(), guards)


class _PlanReads(Controller):
    """The plan's read routes: answered from the read cache with prebuilt responses."""

    tags = ["plan"]
    guards = [ANY_ROLE]
    # The plain request class: the app's HTMX request (for the web pages) reads htmx headers on every request.
    request_class = Request


class PlanController(_PlanReads):
    path = "/plans"

    @get("/", summary="List plans", responses=_documented(s.PlansPublic), opt=CONDITIONAL, response_headers=[ETAG])
    async def list_plans(self, request: Request[Any, Any, Any]) -> ASGIResponse:
        answer = await _cached(request, lambda session, _today: service.list_plans(session))
        return _json(request, answer)

    @get(
        "/{slug:str}",
        summary="One plan with focus areas and reporting periods",
        responses=_documented(s.PlanDetail),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def get_plan(self, request: Request[Any, Any, Any], slug: FromPath[str]) -> ASGIResponse:
        answer = await _cached(request, lambda session, _today: service.get_plan(session, slug))
        return _json(request, answer)


class FocusAreaController(_PlanReads):
    path = "/focus-areas"

    @get(
        "/",
        summary="List focus areas",
        responses=_documented(s.FocusAreasPublic, 404),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def list_focus_areas(self, request: Request[Any, Any, Any], plan: PlanFilter = None) -> ASGIResponse:
        answer = await _cached(request, lambda session, _today: service.list_focus_areas(session, plan_slug=plan))
        return _json(request, answer)


class OrganisationController(_PlanReads):
    path = "/organisations"

    @get(
        "/",
        summary="List organisations (ministries, agencies, NGOs)",
        responses=_documented(s.OrganisationsPublic),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def list_organisations(self, request: Request[Any, Any, Any]) -> ASGIResponse:
        answer = await _cached(request, lambda session, _today: service.list_organisations(session))
        return _json(request, answer)

    @get(
        "/{code:str}",
        summary="One organisation and the initiatives it owns",
        responses=_documented(s.OrganisationPublic),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def get_organisation(self, request: Request[Any, Any, Any], code: FromPath[str]) -> ASGIResponse:
        answer = await _cached(request, lambda session, _today: service.get_organisation(session, code))
        return _json(request, answer)


class PeriodController(_PlanReads):
    path = "/periods"

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
        plan: PlanFilter = None,
        period_state: Annotated[PeriodState | None, QueryParameter(name="state")] = None,
    ) -> ASGIResponse:
        answer = await _cached(
            request, lambda session, _today: service.list_periods(session, plan_slug=plan, state=period_state)
        )
        return _json(request, answer)


class InitiativeController(_PlanReads):
    path = "/initiatives"

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

        return _json(request, await _cached(request, query))

    @get(
        "/{code:str}",
        summary="One initiative with owners, milestones and indicators",
        responses=_documented(s.InitiativeDetail),
        opt=CONDITIONAL,
        response_headers=[ETAG],
    )
    async def get_initiative(self, request: Request[Any, Any, Any], code: FromPath[str]) -> ASGIResponse:
        answer = await _cached(request, lambda session, today: service.get_initiative(session, code, today=today))
        return _json(request, answer)


CONTROLLERS = [PlanController, FocusAreaController, OrganisationController, PeriodController, InitiativeController]
