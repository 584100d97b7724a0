"""The minister's office: the plan's overview, one initiative's page, and the issued status reports.

Approved data only (see `tracker.web.viewer`); the secretariat may open these pages too.
"""

from typing import Annotated, Any

from litestar import Controller, Response
from litestar.params import FromPath, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template

from reports.model import STATUS_COLUMNS
from tracker.deps import CurrentSettings, DbSession, Now, RowId
from tracker.errors import NotFound
from tracker.reports import service as snapshots
from tracker.reports.controllers import DEFAULT_PLAN
from tracker.reports.controllers import snapshot_response as download
from tracker.settings import local_today
from tracker.web import viewer
from tracker.web.i18n import translator
from tracker.web.pages import WebCaller, html_get, language, page
from tracker.web.session import VIEWER_PAGE

Period = Annotated[str | None, QueryParameter(max_length=16)]


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
        data = viewer.overview(session, principal, lang=lang, today=local_today(now, settings), period=periode)
        return page(
            request,
            "pages/overview/index.html",
            title=t("overview.title"),
            data=data,
            r=data.report,
            statuses=STATUS_COLUMNS,
        )

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
    def issued(self, request: HTMXRequest, session: DbSession, principal: WebCaller) -> Template:
        t = translator(language(request))
        rows, _count = snapshots.list_snapshots(session, plan_slug=DEFAULT_PLAN, limit=200)
        return page(
            request,
            "pages/overview/snapshots.html",
            title=t("snapshots.title"),
            items=viewer.snapshots_for(principal, rows),
        )

    @html_get("/statusrapporter/{snapshot_id:int}")
    def issued_one(self, session: DbSession, principal: WebCaller, snapshot_id: RowId) -> Response[Any]:
        snapshot = snapshots.get_snapshot(session, snapshot_id)
        if not viewer.snapshots_for(principal, [snapshot]):
            raise NotFound(f"No report snapshot with id {snapshot_id}.")
        return download(snapshot)
