"""Pages every visitor meets: the front door, each role's start, the language switch, the accessibility statement."""

from typing import Annotated, Any

from litestar import Controller, Response
from litestar.params import FromPath, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.users.service import safe_next
from tracker.web.i18n import LANGUAGES, translator
from tracker.web.pages import LANG_COOKIE, PUBLIC, cookie, html_get, page, settings_of
from tracker.web.session import ANY_PAGE, START_PAGES, signed_in


class CommonController(Controller):
    path = "/"

    @html_get("/", opt=PUBLIC)
    def front_door(self, request: HTMXRequest) -> Response[Any]:
        principal = signed_in(request)
        return Redirect(path=START_PAGES[principal.role] if principal else "/log-ind", status_code=303)

    @html_get("/start", guards=[ANY_PAGE])
    def start(self, request: HTMXRequest) -> Template:
        t = translator(request.cookies.get(LANG_COOKIE, "da"))
        return page(request, "pages/start.html", title=t("start.title"))

    @html_get("/sprog/{lang:str}", opt=PUBLIC)
    def switch_language(
        self, request: HTMXRequest, lang: FromPath[str], next: Annotated[str, QueryParameter(max_length=500)] = ""
    ) -> Response[Any]:
        chosen = lang if lang in LANGUAGES else "da"
        response: Response[Any] = Redirect(path=safe_next(next) or "/", status_code=303)
        response.set_cookie(cookie(request, LANG_COOKIE, chosen, max_age=365 * 24 * 3600))
        return response

    @html_get("/was", opt=PUBLIC)
    def accessibility_statement(self, request: HTMXRequest) -> Response[Any]:
        return Redirect(path=settings_of(request).accessibility_statement_url, status_code=302)
