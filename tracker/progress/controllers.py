"""HTTP API of progress reports: drafts, submission, review, amendments, period locks, what is due.

Why one module of ~480 lines: the report routes (eight of them) share the ETag, If-Match and Idempotency-Key
handling defined at the top, and the three small controllers after them (history, period locks, what is due)
are thin handlers over their services; each handler only parses, calls one service function and answers.
"""

import re
from collections.abc import Callable
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, HeaderParameter, JSONBody, QueryParameter
from sqlmodel import Session

from tracker.audit.history import initiative_history
from tracker.auth.guards import ANY_ROLE, REPORTER_OR_SECRETARIAT, SECRETARIAT, guarded_get, guarded_put
from tracker.auth.service import Principal
from tracker.contract import CONDITIONAL, ETAG, created, problems, unchanged
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

IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        description='The ETag of the report as you last read it, e.g. "3"',
        required=False,
        pattern=r'^"?\d{1,12}"?$',
    ),
]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        description="A unique key (a UUID is ideal); a retry with it replays the first answer",
        required=False,
        pattern=r"^[\x21-\x7e]{1,255}$",
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


def _respond(stored: StoredResponse[Any], location: str | None = None) -> Response[Any]:
    headers = {"Cache-Control": "no-store"}
    if stored.status_code == 201 and location:
        headers["Location"] = location
    if stored.etag:
        headers["ETag"] = stored.etag
    if stored.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(stored.body, status_code=stored.status_code, headers=headers)


def _report_response(
    ctx: service.ReportContext, session: Session, principal: Principal, status: int = 200
) -> tuple[int, s.ReportPublic, str]:
    public = views.to_public(session, principal, ctx)
    return status, public, etag(public.version)


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
        version = parse_if_match(if_match)
        state = request.app.state
        principal = provide_principal(request)
        now = provide_now(state)
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
                path=f"/initiatives/{code}/reports/{period}",
                # Only a request with a key is fingerprinted.
                payload={"body": data.model_dump(mode="json"), "if_match": version}
                if idempotency_key is not None
                else None,
                now=now,
                work=work,
                model=s.ReportPublic,
            )

        stored = await in_session(state.engine, save)
        return _respond(stored, location=f"/initiatives/{code}/reports/{period}")

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
