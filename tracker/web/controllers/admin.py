"""The secretariat's administration: completeness, periods, people, API tokens, the mail outbox and the jobs.

Each write calls the service the JSON API (or the CLI) calls, with the signed-in person as the actor, so the
same rules refuse and the same audit events are written.
"""

from typing import Annotated, Any

from litestar import Controller, Response
from litestar.datastructures import State
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template
from sqlmodel import Session, col, select

import reports
from tracker.auth.service import create_token, list_tokens, revoke_token
from tracker.deps import CurrentSettings, DbSession, Now, RowId
from tracker.errors import Conflict, NotFound, ValidationFailed
from tracker.jobs import service as jobs
from tracker.jobs.scheduler import JobScheduler
from tracker.mail.models import OutboxMessage
from tracker.plans.service import list_periods
from tracker.progress.periods import lock_period, unlock_period
from tracker.settings import Settings, local_today
from tracker.users.models import User
from tracker.users.service import add_user, disable_user, list_users
from tracker.web.admin_forms import check_role, form_page, read_form, submit
from tracker.web.i18n import translator
from tracker.web.pages import (
    FormData,
    FormErrors,
    WebCaller,
    form_value,
    html_get,
    html_post,
    language,
    page,
    see_other,
)
from tracker.web.session import SECRETARIAT_PAGE
from tracker.web.viewer import PLAN, plan_periods

Form = Annotated[FormData, Body(media_type=RequestEncodingType.URL_ENCODED)]
Period = Annotated[str | None, QueryParameter(max_length=16)]
OUTBOX_SHOWN = 50


class AdminController(Controller):
    path = "/sekretariat"
    guards = [SECRETARIAT_PAGE]

    # Completeness -----------------------------------------------------------------------------------------
    @html_get("/fuldstaendighed")
    def completeness(
        self,
        request: HTMXRequest,
        session: DbSession,
        now: Now,
        settings: CurrentSettings,
        periode: Period = None,
    ) -> Template:
        lang = language(request)
        t = translator(lang)
        today = local_today(now, settings)
        labels = [label for label, _, _ in plan_periods(session)]
        chosen = periode if periode in labels else reports.default_period(session, PLAN, today)
        report = reports.build_status_report(session, PLAN, chosen, lang=lang, include_submitted=True, today=today)
        return page(
            request,
            "pages/admin/completeness.html",
            title=t("completeness.title"),
            periods=labels,
            period=chosen,
            rows=report.completeness,
        )

    # Periods ----------------------------------------------------------------------------------------------
    @html_get("/perioder")
    def periods(self, request: HTMXRequest, session: DbSession) -> Template:
        return self._periods(request, session)

    @html_post("/perioder/{label:str}/laas")
    def lock(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, label: FromPath[str], data: Form
    ) -> Response[Any]:
        t = translator(language(request))
        try:
            lock_period(session, principal, label, now=now, reason=form_value(data, "reason"))
        except Conflict:
            errors = FormErrors()
            errors.add(f"lock-{label}", t("periods.error.locked"))
            return self._periods(request, session, errors=errors, status_code=422)
        return see_other(request, "/sekretariat/perioder", flash="period_locked")

    @html_post("/perioder/{label:str}/genaabn")
    def unlock(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        label: FromPath[str],
        data: Form,
    ) -> Response[Any]:
        t = translator(language(request))
        reason = form_value(data, "reason")
        errors = FormErrors()
        try:
            unlock_period(session, principal, label, now=now, reason=reason, settings=settings)
        except ValidationFailed:
            errors.add(f"reason-{label}", t("periods.error.reason"))
        except Conflict as exc:
            allowed = getattr(exc, "allowed", None) or []
            errors.add(f"reason-{label}", t("periods.error.too_old" if "amend" in allowed else "periods.error.open"))
        if errors:
            return self._periods(request, session, errors=errors, reasons={label: reason}, status_code=422)
        return see_other(request, "/sekretariat/perioder", flash="period_reopened")

    def _periods(
        self,
        request: HTMXRequest,
        session: Session,
        *,
        errors: FormErrors | None = None,
        reasons: dict[str, str] | None = None,
        status_code: int = 200,
    ) -> Template:
        t = translator(language(request))
        return page(
            request,
            "pages/admin/periods.html",
            title=t("periods.title"),
            periods=list_periods(session, PLAN).data,
            errors=errors,
            reasons=reasons or {},
            status_code=status_code,
        )

    # People -----------------------------------------------------------------------------------------------
    @html_get("/personer")
    def people(self, request: HTMXRequest, session: DbSession) -> Template:
        return self._people(request, session)

    @html_post("/personer")
    def add_person(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, data: Form
    ) -> Response[Any]:
        t = translator(language(request))
        form = read_form(data, "email", "name", "organisation", "role")
        errors = FormErrors()
        if not form["name"]:
            errors.add("name", t("people.error.name"))
        check_role(errors, form["role"], "role", t)
        submit(
            errors,
            lambda: add_user(
                session,
                email=form["email"],
                name=form["name"],
                organisation_code=form["organisation"],
                role=form["role"],
                now=now,
                actor=principal.actor,
            ),
            {
                ValidationFailed: ("email", t("people.error.email")),
                NotFound: ("organisation", t("people.error.organisation")),
                Conflict: ("email", t("people.error.exists")),
            },
        )
        if errors:
            return self._people(request, session, errors=errors, form=form, status_code=422)
        return see_other(request, "/sekretariat/personer", flash="person_added")

    @html_post("/personer/{user_id:int}/deaktiver")
    def disable_person(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, user_id: RowId
    ) -> Response[Any]:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound(f"No user with id {user_id}.")
        disable_user(session, user.email, now=now, actor=principal.actor)
        return see_other(request, "/sekretariat/personer", flash="person_disabled")

    def _people(
        self,
        request: HTMXRequest,
        session: Session,
        *,
        errors: FormErrors | None = None,
        form: dict[str, str] | None = None,
        status_code: int = 200,
    ) -> Template:
        return form_page(
            request,
            session,
            "pages/admin/people.html",
            title="people.title",
            form=form or {"email": "", "name": "", "organisation": "", "role": ""},
            errors=errors,
            status_code=status_code,
            people=list_users(session),
        )

    # API tokens -------------------------------------------------------------------------------------------
    @html_get("/tokens")
    def tokens(self, request: HTMXRequest, session: DbSession) -> Template:
        return self._tokens(request, session)

    @html_post("/tokens")
    def issue_token(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, data: Form
    ) -> Response[Any]:
        t = translator(language(request))
        form = read_form(data, "organisation", "role", "label", "days")
        errors = FormErrors()
        days = int(form["days"]) if form["days"].isdigit() and 1 <= int(form["days"]) <= 3650 else None
        if days is None:
            errors.add("days", t("tokens.error.days"))
        check_role(errors, form["role"], "token-role", t)
        if not form["label"]:
            errors.add("label", t("tokens.error.label"))
        created = submit(
            errors,
            lambda: create_token(
                session,
                form["organisation"],
                form["role"],
                now=now,
                label=form["label"],
                expires_in_days=days,
                actor=principal.actor,
            ),
            {NotFound: ("token-organisation", t("people.error.organisation"))},
        )
        if created is None:
            return self._tokens(request, session, errors=errors, form=form, status_code=422)
        token, secret = created
        # The secret is shown once, on this answer to the POST, and never stored: no redirect, no cache.
        response = page(
            request,
            "pages/admin/token_created.html",
            title=t("tokens.created.title"),
            secret=secret,
            token=token,
            organisation=form["organisation"],
        )
        response.headers["Cache-Control"] = "no-store"
        return response

    @html_post("/tokens/{token_id:int}/tilbagekald")
    def revoke(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, token_id: RowId
    ) -> Response[Any]:
        revoke_token(session, token_id, now=now, actor=principal.actor)
        return see_other(request, "/sekretariat/tokens", flash="token_revoked")

    def _tokens(
        self,
        request: HTMXRequest,
        session: Session,
        *,
        errors: FormErrors | None = None,
        form: dict[str, str] | None = None,
        status_code: int = 200,
    ) -> Template:
        return form_page(
            request,
            session,
            "pages/admin/tokens.html",
            title="tokens.title",
            form=form or {"organisation": "", "role": "", "label": "", "days": "365"},
            errors=errors,
            status_code=status_code,
            tokens=list_tokens(session),
        )

    # Mail and jobs ----------------------------------------------------------------------------------------
    @html_get("/drift")
    def operations(
        self, request: HTMXRequest, session: DbSession, settings: CurrentSettings, now: Now, state: State
    ) -> Template:
        t = translator(language(request))
        scheduler: JobScheduler | None = state.get("scheduler")
        listing = jobs.list_jobs(
            session,
            settings,
            now=now,
            live_next_runs=scheduler.next_runs() if scheduler else None,
            scheduler_state=scheduler.state() if scheduler else None,
        )
        messages = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(OUTBOX_SHOWN)).all()
        return page(
            request,
            "pages/admin/operations.html",
            title=t("operations.title"),
            jobs=listing,
            messages=[(m, _mail_state(m, settings)) for m in messages],
            shown=OUTBOX_SHOWN,
        )


def _mail_state(message: OutboxMessage, settings: Settings) -> str:
    if message.sent_at is not None:
        return "sent"
    if message.attempts >= settings.mail_max_attempts:
        return "given_up"
    return "waiting"
