"""Reporters' pages: what is due, the report form (save draft, submit, no change), the initiative's history.

Every write goes through `tracker.progress.service`, exactly as the JSON API does; another organisation's
report is "not found" on every page (the service's refusal is shown as 404 and audited by the service).
"""

from typing import Annotated, Any

from litestar import Controller, Response
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template
from sqlmodel import Session

from tracker.audit.history import initiative_history
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.deps import CurrentSettings, DbSession, Now
from tracker.errors import Conflict, PreconditionFailed, ValidationFailed
from tracker.plans.service import get_initiative, list_organisations
from tracker.progress import service, views
from tracker.progress.context import ReportContext, authorize_write, load_context
from tracker.progress.due_list import due_for_organisation
from tracker.progress.workflow import Action, allowed_actions
from tracker.settings import Settings, local_today
from tracker.web.i18n import translator
from tracker.web.pages import FormData, WebCaller, html_get, html_post, language, page, see_other
from tracker.web.report_form import STATUS_CHOICES, ReportForm, build_form, confidence_choices, read_form
from tracker.web.session import REPORTER_PAGE

Form = Annotated[FormData, Body(media_type=RequestEncodingType.URL_ENCODED)]
Organisation = Annotated[str | None, QueryParameter(max_length=16)]


def report_url(period: str, code: str) -> str:
    return f"/indberetning/{period}/{code}"


def _context(
    session: Session, principal: Principal, code: str, period: str, now: Any, settings: Settings
) -> ReportContext:
    """The report as this person may write it; anything else is 404 (the service's own rule decides)."""
    ctx = load_context(session, code, period, now=now, settings=settings)
    authorize_write(principal, ctx, Action.EDIT, now=now, on_behalf_of=None)
    return ctx


class ReportingController(Controller):
    path = "/indberetning"
    guards = [REPORTER_PAGE]

    @html_get("/")
    def list_due(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        organisation: Organisation = None,
    ) -> Template:
        t = translator(language(request))
        due = due_for_organisation(session, principal, now=now, settings=settings, organisation=organisation or None)
        periods: dict[str, list[Any]] = {}
        for item in due.data:
            periods.setdefault(item.period, []).append(item)
        # The secretariat may look at any lead organisation's list (the due service checks the role).
        organisations = (
            [
                (o.code, f"{o.code} {o.name_da if language(request) == 'da' else o.name_en}")
                for o in list_organisations(session).data
                if o.leads
            ]
            if principal.role is Role.SECRETARIAT
            else []
        )
        return page(
            request,
            "pages/reporting/due.html",
            title=t("due.title"),
            due=due,
            periods=periods,
            today=local_today(now, settings),
            organisations=organisations,
        )

    @html_get("/{period:str}/{code:str}")
    def report_form(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        period: FromPath[str],
        code: FromPath[str],
    ) -> Template:
        ctx = _context(session, principal, code, period, now, settings)
        return self._render(request, session, principal, ctx, now, settings)

    @html_post("/{period:str}/{code:str}")
    def save_report(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        period: FromPath[str],
        code: FromPath[str],
        data: Form,
    ) -> Response[Any]:
        lang = language(request)
        t = translator(lang)
        ctx = _context(session, principal, code, period, now, settings)
        action = str(data.get("action", "save"))
        url = report_url(period, code)
        if action == "no_change":
            try:
                service.carry_forward(session, principal, code, period, now=now, settings=settings)
            except Conflict:
                form = self._form(session, principal, ctx, now, settings, lang)
                form.errors.add("no-change", t("report.error.no_change"))
                return self._render(request, session, principal, ctx, now, settings, form=form, status_code=422)
            return see_other(request, "/indberetning", flash="carried_forward")
        form = self._form(session, principal, ctx, now, settings, lang)
        payload = read_form(form, data, t, lang)
        if payload is None:
            return self._render(request, session, principal, ctx, now, settings, form=form, status_code=422)
        version = int(form.version) if form.version.isdigit() else None
        try:
            report = service.save_draft(
                session, principal, code, period, payload, now=now, expected_version=version, settings=settings
            )
        except ValidationFailed as exc:
            for error in exc.errors or [{"message": exc.detail}]:
                form.errors.add("status", str(error.get("message", exc.detail)))
            return self._render(request, session, principal, ctx, now, settings, form=form, status_code=422)
        except PreconditionFailed:
            form.errors.add("status", t("report.error.changed"))
            return self._render(request, session, principal, ctx, now, settings, form=form, status_code=409)
        if action == "submit":
            service.submit_report(
                session, principal, code, period, now=now, expected_version=report.version, settings=settings
            )
            return see_other(request, "/indberetning", flash="submitted")
        return see_other(request, url, flash="draft_saved")

    @html_get("/initiativ/{code:str}/historik")
    def history(self, request: HTMXRequest, session: DbSession, principal: WebCaller, code: FromPath[str]) -> Template:
        t = translator(language(request))
        history = initiative_history(session, principal, code, page=1, page_size=200)
        return page(
            request, "pages/reporting/history.html", title=t("history.title", code=code), history=history, code=code
        )

    def _form(
        self, session: Session, principal: Principal, ctx: ReportContext, now: Any, settings: Settings, lang: str
    ) -> ReportForm:
        initiative = get_initiative(session, ctx.initiative.code, today=local_today(now, settings))
        public = views.to_public(session, principal, ctx) if ctx.report is not None else None
        return build_form(initiative, public, translator(lang), lang)

    def _render(
        self,
        request: HTMXRequest,
        session: Session,
        principal: Principal,
        ctx: ReportContext,
        now: Any,
        settings: Settings,
        *,
        form: ReportForm | None = None,
        status_code: int = 200,
    ) -> Template:
        lang = language(request)
        t = translator(lang)
        initiative = get_initiative(session, ctx.initiative.code, today=local_today(now, settings))
        public = views.to_public(session, principal, ctx) if ctx.report is not None else None
        form = form or build_form(initiative, public, t, lang)
        state = ctx.report.state if ctx.report is not None else None
        actions = {a.value for a in allowed_actions(state, principal.role, period_locked=ctx.period_locked)}
        return page(
            request,
            "pages/reporting/report.html",
            title=t("report.title", code=ctx.initiative.code, period=ctx.period.label),
            status_code=status_code,
            errors=form.errors,
            ctx=ctx,
            initiative=initiative,
            report=public,
            form=form,
            actions=actions,
            statuses=STATUS_CHOICES,
            confidences=confidence_choices(t.lang),
            action_url=report_url(ctx.period.label, ctx.initiative.code),
        )
