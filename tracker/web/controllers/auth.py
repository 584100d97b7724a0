"""Signing in by a one-time link sent by mail, and signing out.

The answer to "send me a link" is the same whether or not the address is known. Opening the link shows a
button; only pressing it (a POST) spends the link, so a mail scanner that fetches links cannot use it up.
"""

from typing import Annotated, Any

from litestar import Controller, Response
from litestar.enums import RequestEncodingType
from litestar.params import Body, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template

from tracker.deps import CurrentSettings, DbSession, Now
from tracker.users.service import (
    consume_sign_in_link,
    end_session,
    request_sign_in,
    safe_next,
    start_session,
    valid_email,
)
from tracker.web.i18n import translator
from tracker.web.pages import (
    PUBLIC,
    FormData,
    FormErrors,
    cookie,
    form_value,
    html_get,
    html_post,
    language,
    page,
    see_other,
)
from tracker.web.session import START_PAGES, session_cookie_name

Form = Annotated[FormData, Body(media_type=RequestEncodingType.URL_ENCODED)]
NextPath = Annotated[str, QueryParameter(max_length=500)]


class SignInController(Controller):
    path = "/"

    @html_get("/log-ind", opt=PUBLIC)
    def sign_in_form(self, request: HTMXRequest, next: NextPath = "") -> Template:
        t = translator(language(request))
        return page(request, "pages/sign_in.html", title=t("signin.title"), email="", next=safe_next(next))

    @html_post("/log-ind", opt=PUBLIC)
    def ask_for_link(
        self, request: HTMXRequest, session: DbSession, now: Now, settings: CurrentSettings, data: Form
    ) -> Response[Any]:
        t = translator(language(request))
        email = form_value(data, "email")
        next_path = safe_next(form_value(data, "next"))
        errors = FormErrors()
        if not email:
            errors.add("email", t("signin.error.empty"))
        elif not valid_email(email):
            errors.add("email", t("signin.error.invalid"))
        if errors:
            return page(
                request,
                "pages/sign_in.html",
                title=t("signin.title"),
                status_code=422,
                errors=errors,
                email=email,
                next=next_path,
            )
        request_sign_in(session, email, now=now, settings=settings, language=language(request), next_path=next_path)
        return see_other(request, "/log-ind/sendt")

    @html_get("/log-ind/sendt", opt=PUBLIC)
    def link_sent(self, request: HTMXRequest, settings: CurrentSettings) -> Template:
        t = translator(language(request))
        return page(
            request, "pages/sign_in_sent.html", title=t("signin.sent.title"), minutes=settings.sign_in_link_minutes
        )

    @html_get("/log-ind/link", opt=PUBLIC)
    def open_link(self, request: HTMXRequest, token: Annotated[str, QueryParameter(max_length=200)] = "") -> Template:
        t = translator(language(request))
        return page(request, "pages/sign_in_link.html", title=t("signin.link.title"), token=token[:200])

    @html_post("/log-ind/link", opt=PUBLIC)
    def use_link(
        self, request: HTMXRequest, session: DbSession, now: Now, settings: CurrentSettings, data: Form
    ) -> Response[Any]:
        t = translator(language(request))
        found = consume_sign_in_link(session, form_value(data, "token")[:200], now=now)
        if found is None:
            return page(request, "pages/sign_in_failed.html", title=t("signin.failed.title"), status_code=400)
        user, next_path = found
        name = session_cookie_name(settings)
        old = request.cookies.get(name)
        if old:
            end_session(session, old)
        secret = start_session(session, user, now=now, settings=settings)
        response = see_other(request, next_path or START_PAGES[user.role], flash="signed_in")
        response.set_cookie(cookie(request, name, secret, max_age=settings.web_session_absolute_hours * 3600))
        return response

    @html_post("/log-ud", opt=PUBLIC)
    def sign_out(self, request: HTMXRequest, session: DbSession, now: Now, settings: CurrentSettings) -> Response[Any]:
        name = session_cookie_name(settings)
        secret = request.cookies.get(name)
        if secret:
            end_session(session, secret, now=now)
        response = see_other(request, "/log-ind", flash="signed_out")
        response.set_cookie(cookie(request, name, "", max_age=0))
        return response
