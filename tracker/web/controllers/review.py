"""The secretariat's review queue: submitted reports oldest first, what changed, approve or return with a comment."""

from typing import Annotated, Any

from litestar import Controller, Response
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template

from tracker.deps import CurrentSettings, DbSession, Now
from tracker.errors import InvalidTransition, PreconditionFailed, ValidationFailed
from tracker.plans.service import get_initiative
from tracker.progress import service, views
from tracker.progress.review_queue import changes_since_approved, review_queue
from tracker.progress.workflow import Action
from tracker.settings import local_today
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

Form = Annotated[FormData, Body(media_type=RequestEncodingType.URL_ENCODED)]


class ReviewController(Controller):
    path = "/sekretariat/review"
    guards = [SECRETARIAT_PAGE]

    @html_get("/")
    def queue(self, request: HTMXRequest, session: DbSession, principal: WebCaller) -> Template:
        t = translator(language(request))
        return page(request, "pages/review/queue.html", title=t("queue.title"), items=review_queue(session, principal))

    @html_get("/{period:str}/{code:str}")
    def review_page(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        period: FromPath[str],
        code: FromPath[str],
    ) -> Template:
        return self._render(request, session, principal, now, settings, period, code)

    @html_post("/{period:str}/{code:str}")
    def decide(
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
        t = translator(language(request))
        action = Action.RETURN if form_value(data, "action") == "return" else Action.APPROVE
        comment = form_value(data, "comment")
        version_text = form_value(data, "version")
        version = int(version_text) if version_text.isdigit() else None
        errors = FormErrors()
        try:
            service.review_report(
                session,
                principal,
                code,
                period,
                action,
                now=now,
                comment=comment,
                expected_version=version,
                settings=settings,
            )
        except ValidationFailed:
            errors.add("comment", t("review.error.comment"))
        except (PreconditionFailed, InvalidTransition):
            errors.add("comment", t("review.error.changed"))
        if errors:
            return self._render(
                request,
                session,
                principal,
                now,
                settings,
                period,
                code,
                errors=errors,
                comment=comment,
                status_code=422,
            )
        return see_other(request, "/sekretariat/review", flash="approved" if action is Action.APPROVE else "returned")

    def _render(
        self,
        request: HTMXRequest,
        session: Any,
        principal: Any,
        now: Any,
        settings: Any,
        period: str,
        code: str,
        *,
        errors: FormErrors | None = None,
        comment: str = "",
        status_code: int = 200,
    ) -> Template:
        t = translator(language(request))
        ctx = views.get_report_context(session, principal, code, period, now=now, settings=settings)
        public = views.to_public(session, principal, ctx)
        since, changes = changes_since_approved(session, ctx)
        initiative = get_initiative(session, code, today=local_today(now, settings))
        return page(
            request,
            "pages/review/report.html",
            title=t("review.title", code=code, period=period),
            status_code=status_code,
            errors=errors,
            report=public,
            initiative=initiative,
            since=since,
            changes=changes,
            comment=comment,
            action_url=f"/sekretariat/review/{period}/{code}",
        )
