"""Helpers every page controller uses: render a page, redirect after a POST, form errors, the route decorators.

A page handler is sync, HTML, out of the OpenAPI schema, and declares its roles with a guard from
`tracker.web.session` (or `opt={"public": True}`). Use the decorators below so none of that is forgotten.
"""

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from litestar import MediaType, Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.params import SkipValidation
from litestar.plugins.htmx import ClientRedirect, HTMXRequest
from litestar.response import Redirect, Template

from tracker.settings import Settings
from tracker.users.service import WebPrincipal
from tracker.web.i18n import LANGUAGES, translator
from tracker.web.navigation import navigation
from tracker.web.session import signed_in

html_get = functools.partial(get, media_type=MediaType.HTML, sync_to_thread=True, include_in_schema=False)
html_post = functools.partial(
    post, media_type=MediaType.HTML, sync_to_thread=True, include_in_schema=False, status_code=200
)
# A page anyone may open (sign-in, the language switch, error pages).
PUBLIC = {"public": True}
LANG_COOKIE = "lang"
FLASH_COOKIE = "flash"


def language(request: Request[Any, Any, Any]) -> str:
    lang = request.cookies.get(LANG_COOKIE, "da")
    return lang if lang in LANGUAGES else "da"


def settings_of(request: Request[Any, Any, Any]) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def cookie(request: Request[Any, Any, Any], key: str, value: str, *, max_age: int | None = None) -> Cookie:
    """A cookie with the tracker's attributes: HttpOnly, SameSite=Lax, Secure outside local development."""
    return Cookie(
        key=key,
        value=value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings_of(request).cookies_secure,
    )


@dataclass
class FormErrors:
    """Errors of a submitted form, by field id; rendered as the error summary and beside each field."""

    fields: dict[str, str] = field(default_factory=dict)

    def add(self, field_id: str, message: str) -> None:
        self.fields.setdefault(field_id, message)

    def __bool__(self) -> bool:
        return bool(self.fields)

    def get(self, field_id: str) -> str:
        return self.fields.get(field_id, "")


def page(
    request: Request[Any, Any, Any],
    template: str,
    *,
    title: str,
    status_code: int = 200,
    errors: FormErrors | None = None,
    **context: Any,
) -> Template:
    """The full page (htmx requests too: the client picks the part it swaps with hx-select)."""
    lang = language(request)
    t = translator(lang)
    principal = signed_in(request)
    flash_key = request.cookies.get(FLASH_COOKIE, "")
    flash = t(f"flash.{flash_key}") if t.has(f"flash.{flash_key}") else ""
    errors = errors or FormErrors()
    full_title = f"{t('error.title_prefix')}{title}" if errors else title
    cookies = [cookie(request, FLASH_COOKIE, "", max_age=0)] if flash_key else []
    return Template(
        template_name=template,
        context={
            "lang": lang,
            "t": t,
            "user": principal,
            "nav": navigation(principal, request.url.path, t),
            "title": title,
            "page_title": full_title,
            "flash": flash,
            "errors": errors,
            "settings": settings_of(request),
            "current_path": request.url.path,
            "current_url": str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
            **context,
        },
        status_code=status_code,
        media_type=MediaType.HTML,
        cookies=cookies,
    )


def see_other(request: Request[Any, Any, Any], url: str, *, flash: str = "") -> Response[Any]:
    """Post/Redirect/Get: 303 for a plain form, HX-Redirect for htmx; `flash` is a key under "flash." in i18n."""
    cookies = [cookie(request, FLASH_COOKIE, flash, max_age=120)] if flash else []
    if isinstance(request, HTMXRequest) and request.htmx:
        response: Response[Any] = ClientRedirect(redirect_to=url)
    else:
        response = Redirect(path=url, status_code=303)
    for item in cookies:
        response.set_cookie(item)
    return response


def form_value(data: Mapping[str, Any], name: str) -> str:
    """One text field of a submitted form ("" when absent; the last value when sent twice)."""
    value = data.get(name, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value).strip()


FormData = dict[str, Any]
# The signed-in person as a page handler's `principal` (the same object the services take as the caller).
WebCaller = NamedDependency[SkipValidation[WebPrincipal]]
Handler = Callable[..., Any]
