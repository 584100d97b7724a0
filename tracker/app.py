"""The app factory: everything is built from the settings passed in, nothing at import time."""

import gc
import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme, Tag
from litestar.plugins.htmx import HTMXPlugin
from sqlalchemy import Engine

from tracker.audit.denials import audit_refusal
from tracker.auth.controllers import CONTROLLERS as TOKEN_CONTROLLERS
from tracker.auth.guards import BearerTokenMiddleware
from tracker.cache import ReadCache
from tracker.contract import ContractJsonPlugin, OfflineSwaggerPlugin, operation_id
from tracker.db import create_db_engine
from tracker.deps import DEPENDENCIES
from tracker.errors import EXCEPTION_HANDLERS
from tracker.fora.controllers import CONTROLLERS as FORA_CONTROLLERS
from tracker.health import health
from tracker.imports.controllers import import_router
from tracker.inputs import RejectNulMiddleware, before_request
from tracker.issued.controllers import CONTROLLERS as REPORT_CONTROLLERS
from tracker.jobs.controllers import CONTROLLERS as JOB_CONTROLLERS
from tracker.jobs.scheduler import attach_scheduler
from tracker.plans.controllers import CONTROLLERS as PLAN_CONTROLLERS
from tracker.plans.fast import answer_from_memory
from tracker.progress.controllers import CONTROLLERS as PROGRESS_CONTROLLERS
from tracker.progress.fast import SubmissionRoute, save_from_memory, submission_route
from tracker.requests import FailedTokenLimiter, RequestIdMiddleware, add_request_id
from tracker.settings import Settings
from tracker.web.session import SESSION_TABLES
from tracker.web.setup import template_config, web_router

Clock = Callable[[], datetime]

# The areas of the API, in the order the docs show them.
API_TAGS = {
    "plan": "The action plan: plans, focus areas, organisations, reporting periods, initiatives (read only)",
    "progress": "Progress reports: drafts, submission, review, amendments, history, period locks, what is due",
    "reports": "Status reports for the minister's office, and every report issued so far",
    "spreadsheets": "Workbook imports, progress templates and the plan as a workbook",
    "fora": "Coordination fora: meetings, decisions, action items and meeting packs",
    "tokens": "API tokens (secretariat)",
    "jobs": "Scheduled jobs (secretariat)",
    "service": "The service's health (no token needed)",
}


def cors_config(settings: Settings) -> CORSConfig | None:
    """CORS only for the origins the operator lists (TRACKER_CORS_ALLOW_ORIGINS); off by default."""
    if not settings.cors_allow_origins:
        return None
    return CORSConfig(
        allow_origins=settings.cors_allow_origins,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "X-Request-ID"],
        expose_headers=[
            "ETag",
            "Location",
            "Idempotent-Replayed",
            "Retry-After",
            "X-Request-ID",
            "Content-Disposition",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset",
        ],
        allow_credentials=False,
        max_age=600,
    )


class TrackerApp(Litestar):
    """Litestar, with two fast paths in front, each answering exactly as the app would: a cached plan read
    (tracker/plans/fast.py) and a report's draft saved with a remembered token (tracker/progress/fast.py);
    everything else goes to the app."""

    _submission: SubmissionRoute | None = None
    _submission_looked_up = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            method = scope.get("method")
            if method == "GET":
                if await answer_from_memory(self.state, scope, send):
                    return
            elif method == "PUT":
                if not self._submission_looked_up:
                    # Looked up at the first PUT: the routes are final once the app serves requests.
                    self._submission = submission_route(self)
                    self._submission_looked_up = True
                if self._submission is not None:
                    receive = await save_from_memory(self, self._submission, scope, receive, send)
                    if receive is None:
                        return
        await super().__call__(scope, receive, send)


def system_clock() -> datetime:
    return datetime.now(UTC)


_frozen = False


def freeze_startup_objects() -> None:
    """Once per process, at the first app's start: what start-up built (modules, routes, models, templates, the
    plan's caches) leaves the garbage collector's generations (`gc.freeze`).

    The app holds some 240,000 objects; each full collection walked all of them, 50-130 ms during which the
    process answered nothing (measured in process under 50 clients: 6 full collections, 620 ms, in 4,000
    submissions), which set the requests' p99. Later objects are collected as before; a process builds one app
    (tests build many, and only the first start freezes, so their garbage is still collected).
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


def create_served_app() -> Any:
    """The app as `tracker serve` runs it under granian: X-Forwarded-For and -Proto are believed only from the
    addresses in FORWARDED_ALLOW_IPS (default 127.0.0.1), as uvicorn's proxy headers do."""
    from granian.utils.proxies import wrap_asgi_with_proxy_headers

    trusted = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
    return wrap_asgi_with_proxy_headers(create_app(), trusted_hosts=trusted)


def app_state(
    settings: Settings,
    engine: Engine,
    clock: Clock,
    startup: list[Callable[[], None]],
    shutdown: list[Callable[[], None]],
) -> State:
    """What the handlers share (settings, engine, clock, read caches, failed-token limit, the scheduler)."""
    state = State(
        {
            "settings": settings,
            "engine": engine,
            "clock": clock,
            "health_probes": {},
            "read_cache": ReadCache(engine, ttl=settings.read_cache_seconds),
            # Token checks depend only on tokens and organisations: report writes leave them cached.
            # Failed token checks per client (429 with Retry-After past TRACKER_AUTH_FAILURES_PER_MINUTE).
            "token_limiter": FailedTokenLimiter(settings.auth_failures_per_minute),
            "token_cache": ReadCache(
                engine, ttl=settings.token_cache_seconds, tables=frozenset({"api_token", "organisation"})
            ),
            # Web sessions, on the same rule as tokens (tracker.web.session.WebSessionMiddleware).
            "web_session_cache": ReadCache(engine, ttl=settings.token_cache_seconds, tables=SESSION_TABLES),
        }
    )
    # The scheduler starts and stops with the app (TRACKER_SCHEDULER_ENABLED; off for environment=test).
    attach_scheduler(state, engine, settings, clock, startup, shutdown)
    return state


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    engine: Engine | None = None,
) -> Litestar:
    """Build the tracker application; tests pass their own settings, clock and engine."""
    settings = settings or Settings()
    owns_engine = engine is None
    engine = engine or create_db_engine(settings)

    def dispose_engine() -> None:
        if owns_engine:
            engine.dispose()

    startup: list[Callable[[], None]] = [freeze_startup_objects]
    shutdown: list[Callable[[], None]] = [dispose_engine]
    state = app_state(settings, engine, clock or system_clock, startup, shutdown)

    return TrackerApp(
        route_handlers=[
            health,
            *JOB_CONTROLLERS,
            *PLAN_CONTROLLERS,
            *PROGRESS_CONTROLLERS,
            *TOKEN_CONTROLLERS,
            *REPORT_CONTROLLERS,
            import_router(settings),
            *FORA_CONTROLLERS,
            # The pages for people (tracker/web/): their own session cookie, CSRF and error pages.
            web_router(settings),
        ],
        template_config=template_config(settings),
        plugins=[HTMXPlugin()],
        dependencies=DEPENDENCIES,
        exception_handlers=EXCEPTION_HANDLERS,
        # Every refused request (403) is audited here, once for all routes.
        after_exception=[audit_refusal],
        # Every request gets an X-Request-ID (and its log line); NUL characters are refused before anything
        # else; OPTIONS needs no token (it runs no handler: the Allow header, or CORS's preflight answer).
        middleware=[
            RequestIdMiddleware,
            RejectNulMiddleware,
            DefineMiddleware(
                BearerTokenMiddleware, exclude=["^/health$", "^/schema"], exclude_http_methods=["OPTIONS"]
            ),
        ],
        before_request=before_request,
        before_send=[add_request_id],
        cors_config=cors_config(settings),
        state=state,
        on_startup=startup,
        on_shutdown=shutdown,
        request_max_body_size=settings.max_body_bytes,
        openapi_config=OpenAPIConfig(
            title="actionplan-tracker",
            version="0.1.0",
            description=(
                "Follow, initiative by initiative, whether a national action plan is carried out. "
                "Every endpoint but /health and /schema needs `Authorization: Bearer <token>`."
            ),
            path="/schema",
            components=Components(security_schemes={"BearerToken": SecurityScheme(type="http", scheme="bearer")}),
            security=[{"BearerToken": []}],
            # Operation ids from the handlers' names (saveReport); errors, files and headers: tracker/contract.py.
            operation_id_creator=operation_id,
            # The viewer's files come from the swagger-ui-py package: nothing is loaded from other hosts.
            render_plugins=[OfflineSwaggerPlugin(), ContractJsonPlugin()],
            tags=[Tag(name=name, description=text) for name, text in API_TAGS.items()],
        ),
        debug=False,
        # The process's logging is configured once (tracker/logs.py, also handed to uvicorn): no second format.
        logging_config=None,
    )
