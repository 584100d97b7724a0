"""HTTP API of progress reports: drafts, submission, review, amendments, period locks, what is due.

Why one module of ~480 lines: the report routes (eight of them) share the ETag, If-Match and Idempotency-Key
handling defined at the top, and the three small controllers after them (history, period locks, what is due)
are thin handlers over their services; each handler only parses, calls one service function and answers.
"""

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import Cookie, State
from litestar.enums import MediaType
from litestar.params import FromPath, HeaderParameter, JSONBody, QueryParameter
from litestar.response.base import ASGIResponse
from litestar.serialization import encode_json, get_serializer
from litestar.types import Serializer, TypeEncodersMap
from sqlmodel import Session

from tracker.audit.history import initiative_history
from tracker.auth.guards import ANY_ROLE, REPORTER_OR_SECRETARIAT, SECRETARIAT, guarded_get, guarded_put
from tracker.auth.service import Principal
from tracker.contract import CONDITIONAL, ETAG, PrebuiltResponse, created, problems, unchanged
from tracker.deps import (
    Caller,
    CurrentSettings,
    DbSession,
    Now,
    in_session,
    provide_now,
    provide_principal,
    provide_settings,
)
from tracker.errors import PreconditionFailed
from tracker.paging import page_links
from tracker.progress import schemas as s
from tracker.progress import service, views
from tracker.progress.due_list import due_for_organisation
from tracker.progress.idempotency import StoredResponse, run_idempotent
from tracker.progress.periods import lock_period, unlock_period
from tracker.progress.workflow import Action

# Refused callers are audited for every route by tracker.audit.denials, not here.
WRITER = REPORTER_OR_SECRETARIAT
REVIEWER = SECRETARIAT

IF_MATCH_PATTERN = r'^"?\d{1,12}"?$'
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"
# The scope-state key under which the submission's fast path hands the app the error of a request it ran.
FAILED = "tracker.progress.fast.failed"
IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        description='The ETag of the report as you last read it, e.g. "3"',
        required=False,
        pattern=IF_MATCH_PATTERN,
    ),
]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        description="A unique key (a UUID is ideal); a retry with it replays the first answer",
        required=False,
        pattern=IDEMPOTENCY_KEY_PATTERN,
    ),
]
PlanSlug = Annotated[str | None, QueryParameter(name="plan", max_length=64)]
_ETAG = re.compile(r'^"?(\d{1,12})"?$')


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(value: str | None) -> int | None:
    """The report version named by an If-Match header (a strong ETag such as "3")."""
    if value is None:
        return None
    match = _ETAG.match(value.strip())
    if match is None:
        raise PreconditionFailed(f"If-Match {value!r} matches no version of this report; send the ETag you received.")
    return int(match.group(1))


def _headers(stored: StoredResponse[Any], location: str | None) -> dict[str, str]:
    headers = {"Cache-Control": "no-store"}
    if stored.status_code == 201 and location:
        headers["Location"] = location
    if stored.etag:
        headers["ETag"] = stored.etag
    if stored.replayed:
        headers["Idempotent-Replayed"] = "true"
    return headers


def _respond(stored: StoredResponse[Any], location: str | None = None) -> Response[Any]:
    return Response(stored.body, status_code=stored.status_code, headers=_headers(stored, location))


class ReportAnswer(Response[s.ReportPublic]):
    """A report write's answer (the hot path of every submission), the same status, headers and body as
    `_respond`'s `Response` turned into an `ASGIResponse` by Litestar, built with less: the header names are
    written lower case as `MutableScopeHeaders.add` writes them, in the same order, then `content-type` and
    `content-length` as `ASGIResponse` adds them, with no dictionary merged, no header list scanned and no
    name decoded again. The body is encoded by Litestar's `encode_json` with the serializer Litestar would use
    (what `Response.render` does for JSON). Anything this does not cover (a route's own response headers or
    cookies, a background task, a HEAD request) takes Litestar's path. tests/tracker/test_fast_submission.py
    compares both byte for byte.
    """

    __slots__ = ("location", "stored")

    def __init__(self, stored: StoredResponse[s.ReportPublic], location: str | None) -> None:
        super().__init__(stored.body, status_code=stored.status_code)
        self.stored = stored
        self.location = location

    def to_asgi_response(
        self,
        app: Any,
        request: Request[Any, Any, Any],
        *,
        headers: dict[str, str] | None = None,
        cookies: Iterable[Cookie] | None = None,
        is_head_response: bool = False,
        media_type: str | None = None,
        type_encoders: "TypeEncodersMap | None" = None,
        **kwargs: Any,
    ) -> ASGIResponse:
        if (
            headers
            or cookies
            or is_head_response
            or kwargs.get("background")
            or kwargs.get("encoded_headers")
            or (media_type or MediaType.JSON) != MediaType.JSON
        ):
            self.headers = _headers(self.stored, self.location)
            return super().to_asgi_response(
                app,
                request,
                headers=headers,
                cookies=cookies,
                is_head_response=is_head_response,
                media_type=media_type,
                type_encoders=type_encoders,
                **kwargs,
            )
        encoders = {**type_encoders, **self.response_type_encoders} if type_encoders else self.response_type_encoders
        return PrebuiltResponse(*encoded_answer(self.stored, self.location, get_serializer(encoders)))


def encoded_answer(
    stored: StoredResponse[s.ReportPublic], location: str | None, serializer: Serializer
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Status, headers and body of a report write's answer as `ReportAnswer` sends it (`_respond`'s, encoded)."""
    body = encode_json(stored.body, serializer)
    # `_headers` says which headers the answer carries (one rule for both paths); here they are encoded.
    encoded = [
        (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in _headers(stored, location).items()
    ]
    encoded.append((b"content-type", b"application/json"))
    encoded.append((b"content-length", str(len(body)).encode("latin-1")))
    return stored.status_code, encoded, body


def _report_response(
    ctx: service.ReportContext, session: Session, principal: Principal, status: int = 200
) -> tuple[int, s.ReportPublic, str]:
    public = views.to_public(session, principal, ctx)
    return status, public, etag(public.version)


def report_path(code: str, period: str) -> str:
    return f"/initiatives/{code}/reports/{period}"


async def save_draft(
    state: State,
    principal: Principal,
    now: datetime,
    code: str,
    period: str,
    data: s.ReportInput,
    *,
    if_match: str | None,
    idempotency_key: str | None,
) -> StoredResponse[s.ReportPublic]:
    """`PUT /initiatives/{code}/reports/{period}`: the draft created or updated and committed, its answer (the
    handler's work; the submission's fast path, tracker/progress/fast.py, calls it too)."""
    version = parse_if_match(if_match)
    settings = provide_settings(state)

    def save(session: Session) -> StoredResponse[s.ReportPublic]:
        def work() -> tuple[int, s.ReportPublic, str]:
            ctx = service.save_draft_context(
                session, principal, code, period, data, now=now, expected_version=version, settings=settings
            )
            return _report_response(ctx, session, principal, 201 if version is None else 200)

        return run_idempotent(
            session,
            principal,
            idempotency_key,
            method="PUT",
            path=report_path(code, period),
            # Only a request with a key is fingerprinted.
            payload={"body": data.model_dump(mode="json"), "if_match": version}
            if idempotency_key is not None
            else None,
            now=now,
            work=work,
            model=s.ReportPublic,
        )

    return await in_session(state.engine, save)


class ReportController(Controller):
    path = "/initiatives/{code:str}/reports/{period:str}"
    tags = ["progress"]
    # The plain request class (the app's HTMX request is for the web pages).
    request_class = Request

    @guarded_get(
        "/",
        guards=[ANY_ROLE],
        sync_to_thread=True,
        summary="One progress report (as far as you may see it)",
        response_headers=[ETAG],
        responses=problems(403),
        opt=CONDITIONAL,
    )
    def get_report(
        self,
        request: Request[Any, Any, Any],
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        period: FromPath[str],
    ) -> Response[s.ReportPublic]:
        ctx = views.get_report_context(session, principal, code, period, now=now, settings=settings)
        public = views.to_public(session, principal, ctx)
        tag = etag(public.version)
        if unchanged(request.headers.get("if-none-match"), tag):
            # 304 has no body (the document declares it beside the 200).
            not_modified: Any = None
            return Response(not_modified, status_code=304, headers={"ETag": tag, "Cache-Control": "no-store"})
        return Response(public, headers={"ETag": tag, "Cache-Control": "no-store"})

    @guarded_put(
        "/",
        guards=[WRITER],
        summary="Create the draft, or update it (If-Match required for updates)",
        description="201 with `Location` when the draft is created, 200 when an existing draft is updated.",
        status_code=200,
        response_headers=[ETAG],
        responses=created(s.ReportPublic, "The draft was created") | problems(403, 409, 428),
    )
    async def save_report(
        self,
        request: Request[Any, Any, Any],
        code: FromPath[str],
        period: FromPath[str],
        data: JSONBody[s.ReportInput],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[s.ReportPublic]:
        # Async, without the session, caller, clock and settings dependencies: the hot path of every
        # submission. Litestar resolved those four in a task group of their own and held the database gate
        # while it validated the body and serialised the answer; `in_session` takes the gate for the
        # transaction only, in one trip to a worker thread.
        failed = request.scope.get("state", {}).pop(FAILED, None)
        if failed is not None:
            # The submission's fast path (tracker/progress/fast.py) ran this very request and it failed: its
            # error is answered here, by the app, as if this handler had raised it (nothing is run twice).
            raise failed
        state = request.app.state
        stored = await save_draft(
            state,
            provide_principal(request),
            provide_now(state),
            code,
            period,
            data,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
        return ReportAnswer(stored, location=report_path(code, period))

    def _step(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        idempotency_key: str | None,
        code: str,
        period: str,
        action: Action,
        payload: Any,
        run: Callable[[], service.ReportContext],
    ) -> Response[s.ReportPublic]:
        def work() -> tuple[int, s.ReportPublic, str]:
            return _report_response(run(), session, principal)

        return _respond(
            run_idempotent(
                session,
                principal,
                idempotency_key,
                method="POST",
                path=f"/initiatives/{code}/reports/{period}/{action.value}",
                payload=payload,
                now=now,
                work=work,
                model=s.ReportPublic,
            )
        )

    @post(
        "/submit",
        guards=[WRITER],
        sync_to_thread=True,
        summary="Submit the report for review",
        status_code=200,
        response_headers=[ETAG],
        responses=problems(409, 428),
    )
    def submit_report(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        period: FromPath[str],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[s.ReportPublic]:
        version = parse_if_match(if_match)
        return self._step(
            session,
            principal,
            now,
            idempotency_key,
            code,
            period,
            Action.SUBMIT,
            {"if_match": version},
            lambda: service.submit_report_context(
                session, principal, code, period, now=now, expected_version=version, settings=settings
            ),
        )

    @post(
        "/no-change",
        guards=[WRITER],
        sync_to_thread=True,
        summary="No change this period: carry the last approved report forward and submit it",
        operation_id="carryReportForward",
        status_code=200,
        response_headers=[ETAG],
        responses=problems(409),
    )
    def carry_forward(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        period: FromPath[str],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[s.ReportPublic]:
        return self._step(
            session,
            principal,
            now,
            idempotency_key,
            code,
            period,
            Action.NO_CHANGE,
            {},
            lambda: service.carry_forward_context(session, principal, code, period, now=now, settings=settings),
        )

    @post(
        "/approve",
        guards=[REVIEWER],
        sync_to_thread=True,
        summary="Approve a submitted report (locks it)",
        status_code=200,
        response_headers=[ETAG],
        responses=problems(409, 428),
    )
    def approve_report(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        period: FromPath[str],
        data: JSONBody[s.ApproveInput | None] = None,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[s.ReportPublic]:
        version = parse_if_match(if_match)
        comment = data.comment if data else ""
        return self._step(
            session,
            principal,
            now,
            idempotency_key,
            code,
            period,
            Action.APPROVE,
            {"comment": comment, "if_match": version},
            lambda: service.review_report(
                session,
                principal,
                code,
                period,
                Action.APPROVE,
                now=now,
                comment=comment,
                expected_version=version,
                settings=settings,
            ),
        )

    @post(
        "/return",
        guards=[REVIEWER],
        sync_to_thread=True,
        summary="Return a submitted report to its organisation with a comment",
        status_code=200,
        response_headers=[ETAG],
        responses=problems(409, 428),
    )
    def return_report(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        period: FromPath[str],
        data: JSONBody[s.ReturnInput],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[s.ReportPublic]:
        version = parse_if_match(if_match)
        return self._step(
            session,
            principal,
            now,
            idempotency_key,
            code,
            period,
            Action.RETURN,
            {"comment": data.comment, "if_match": version},
            lambda: service.review_report(
                session,
                principal,
                code,
                period,
                Action.RETURN,
                now=now,
                comment=data.comment,
                expected_version=version,
                settings=settings,
            ),
        )

    @post(
        "/amend",
        guards=[REVIEWER],
        sync_to_thread=True,
        summary="Correct an approved report or one in a locked period, with a reason",
        status_code=200,
        response_headers=[ETAG],
        responses=problems(409, 428),
    )
    def amend_report(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        period: FromPath[str],
        data: JSONBody[s.AmendInput],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[s.ReportPublic]:
        version = parse_if_match(if_match)
        return self._step(
            session,
            principal,
            now,
            idempotency_key,
            code,
            period,
            Action.AMEND,
            {"body": data.model_dump(mode="json"), "if_match": version},
            lambda: service.amend_report(
                session, principal, code, period, data, now=now, expected_version=version, settings=settings
            ),
        )


class HistoryController(Controller):
    path = "/initiatives/{code:str}/history"
    tags = ["progress"]
    guards = [REPORTER_OR_SECRETARIAT]

    @get(
        "/",
        sync_to_thread=True,
        summary="The initiative's audit trail with before/after values",
        operation_id="getInitiativeHistory",
    )
    def get_history(
        self,
        request: Request[Any, Any, Any],
        session: DbSession,
        principal: Caller,
        code: FromPath[str],
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, QueryParameter(ge=1, le=200)] = 100,
    ) -> s.HistoryPublic:
        history = initiative_history(session, principal, code, page=page, page_size=page_size)
        links = page_links(request.url.path, request.query_params, page=page, page_size=page_size, count=history.count)
        return history.model_copy(update={"page": page, "page_size": page_size, "links": links})


def _period_public(period: Any, slug: str) -> s.PeriodLockPublic:
    return s.PeriodLockPublic(plan=slug, label=period.label, state=period.state, locked_at=period.locked_at)


class PeriodLockController(Controller):
    path = "/periods/{label:str}"
    tags = ["progress"]
    guards = [REVIEWER]

    @post("/lock", sync_to_thread=True, status_code=200, summary="Lock a reporting period", responses=problems(409))
    def lock_period(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        label: FromPath[str],
        data: JSONBody[s.LockInput | None] = None,
        plan: PlanSlug = None,
    ) -> s.PeriodLockPublic:
        period, slug = lock_period(session, principal, label, now=now, plan=plan, reason=data.reason if data else "")
        return _period_public(period, slug)

    @post(
        "/unlock",
        sync_to_thread=True,
        status_code=200,
        summary="Reopen a locked reporting period (reason required)",
        responses=problems(409),
    )
    def unlock_period(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        label: FromPath[str],
        data: JSONBody[s.ReasonInput],
        plan: PlanSlug = None,
    ) -> s.PeriodLockPublic:
        period, slug = unlock_period(
            session, principal, label, now=now, reason=data.reason, settings=settings, plan=plan
        )
        return _period_public(period, slug)


class MeController(Controller):
    path = "/me"
    tags = ["progress"]
    guards = [ANY_ROLE]

    @get(
        "/due",
        sync_to_thread=True,
        summary="Your organisation's reports due in open periods, missing first",
        operation_id="listDueReports",
        responses=problems(403, 404),
    )
    def list_due(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        organisation: Annotated[
            str | None, QueryParameter(max_length=16, description="Secretariat only: another organisation's code")
        ] = None,
    ) -> s.DueList:
        return due_for_organisation(session, principal, now=now, settings=settings, organisation=organisation)


CONTROLLERS = [ReportController, HistoryController, PeriodLockController, MeController]
