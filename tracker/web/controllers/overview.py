"""The minister's office: the plan's overview, one initiative's page, and the issued status reports.

Approved data only (see `tracker.web.viewer`); the secretariat may open these pages too.
"""

from datetime import date
from typing import Annotated, Any

from litestar import Controller, Response
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template
from markupsafe import Markup
from sqlmodel import Session

from actionplan.rules import is_past_due
from reports.i18n import check_lang, format_period
from reports.model import STATUS_COLUMNS
from tracker.auth.models import Role
from tracker.deps import CurrentSettings, DbSession, Now, RowId
from tracker.errors import NotFound, ValidationFailed
from tracker.issued import service as snapshots
from tracker.issued.controllers import DEFAULT_PLAN
from tracker.issued.controllers import snapshot_response as download
from tracker.plans.schemas import PeriodPublic
from tracker.plans.service import list_periods
from tracker.settings import local_today
from tracker.users.service import WebPrincipal
from tracker.web import viewer
from tracker.web.i18n import translator
from tracker.web.pages import FormErrors, WebCaller, form_value, html_get, html_post, language, page, see_other
from tracker.web.session import SECRETARIAT_PAGE, VIEWER_PAGE

Period = Annotated[str | None, QueryParameter(max_length=16)]
Form = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
ISSUE_FORMATS = ("pdf", "xlsx", "html")
# The overview page's main part, rendered once and kept with the report (pages/overview/index.html is around it).
OVERVIEW_MAIN = "pages/overview/main.html"


class OverviewController(Controller):
    path = "/overblik"
    guards = [VIEWER_PAGE]

    @html_get("/")
    def overview(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        periode: Period = None,
    ) -> Template:
        lang = language(request)
        t = translator(lang)
        title = t("overview.title")
        templates = request.app.template_engine
        assert templates is not None

        def render(data: viewer.Overview) -> Markup:
            context = {"lang": lang, "t": t, "title": title, "data": data, "r": data.report, "statuses": STATUS_COLUMNS}
            return Markup(templates.get_template(OVERVIEW_MAIN).render(**context))

        main = viewer.overview_main(
            session,
            principal,
            lang=lang,
            today=local_today(now, settings),
            period=periode,
            render=render,
            variant=settings.tz.key,
        )
        # The layout (the signed-in person's name, the sign-out form's CSRF token, the flash) around the cached part.
        return page(request, "pages/overview/index.html", title=title, main_html=main)

    @html_get("/initiativer/{code:str}")
    def initiative(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
    ) -> Template:
        lang = language(request)
        data = viewer.initiative_page(session, principal, code, lang=lang, today=local_today(now, settings))
        title = data.detail.title_da if lang == "da" else data.detail.title_en
        return page(request, "pages/overview/initiative.html", title=f"{code} {title}", data=data, i=data.detail)

    @html_get("/statusrapporter")
    def issued(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, settings: CurrentSettings
    ) -> Template:
        return self._issued(request, session, principal, local_today(now, settings))

    @html_post("/statusrapporter", guards=[SECRETARIAT_PAGE])
    def issue(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        data: Form,
    ) -> Response[Any]:
        """The secretariat issues a status report for the record (the same act as POST /reports/snapshots)."""
        t = translator(language(request))
        chosen = {name: form_value(data, name) for name in ("period", "format", "lang", "edition")}
        errors = FormErrors()
        today = local_today(now, settings)
        periods = _issuable_periods(session, today)
        if chosen["period"] not in {p.label for p in periods}:
            errors.add("issue-period", t("issue.error.period"))
        if chosen["format"] not in ISSUE_FORMATS:
            errors.add("issue-format", t("issue.error.format"))
        if chosen["lang"] not in ("da", "en"):
            errors.add("issue-lang", t("issue.error.lang"))
        if chosen["edition"] not in ("internal", "public"):
            errors.add("issue-edition", t("issue.error.edition"))
        if not errors:
            try:
                _snapshot, new = snapshots.issue_report(
                    session,
                    plan_slug=DEFAULT_PLAN,
                    period_label=chosen["period"],
                    fmt=chosen["format"],
                    lang=chosen["lang"],
                    public=chosen["edition"] == "public",
                    include_submitted=False,
                    actor=principal.actor,
                    now=now,
                    tz=settings.tz,
                    role=principal.role,
                )
            except (NotFound, ValidationFailed):
                errors.add("issue-period", t("issue.error.period"))
            else:
                return see_other(request, "/overblik/statusrapporter", flash="report_issued" if new else "report_same")
        return self._issued(
            request, session, principal, today, errors=errors, chosen=chosen, periods=periods, status_code=422
        )

    def _issued(
        self,
        request: HTMXRequest,
        session: Session,
        principal: WebPrincipal,
        today: date,
        *,
        errors: FormErrors | None = None,
        chosen: dict[str, str] | None = None,
        periods: list[PeriodPublic] | None = None,
        status_code: int = 200,
    ) -> Template:
        t = translator(language(request))
        rows, _count = snapshots.list_snapshots(session, plan_slug=DEFAULT_PLAN, limit=200)
        if principal.role is not Role.SECRETARIAT:
            periods = []
        elif periods is None:
            periods = _issuable_periods(session, today)
        defaults = {
            "period": periods[-1].label if periods else "",
            "format": "pdf",
            "lang": "da",
            "edition": "internal",
        }
        return page(
            request,
            "pages/overview/snapshots.html",
            title=t("snapshots.title"),
            items=viewer.snapshots_for(principal, rows),
            issue_periods=[(p.label, format_period(p.label, check_lang(language(request)))) for p in periods],
            issue_formats=[(f, f.upper()) for f in ISSUE_FORMATS],
            chosen=defaults | (chosen or {}),
            errors=errors,
            status_code=status_code,
        )

    @html_get("/statusrapporter/{snapshot_id:int}")
    def issued_one(self, session: DbSession, principal: WebCaller, snapshot_id: RowId) -> Response[Any]:
        snapshot = snapshots.get_snapshot(session, snapshot_id)
        if not viewer.snapshots_for(principal, [snapshot]):
            raise NotFound(f"No report snapshot with id {snapshot_id}.")
        return download(snapshot)


def _issuable_periods(session: Session, today: date) -> list[PeriodPublic]:
    """The periods a report can be issued for: those whose due date has passed, oldest first."""
    return [p for p in list_periods(session, DEFAULT_PLAN).data if is_past_due(p.due, today)]
