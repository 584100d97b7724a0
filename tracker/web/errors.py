"""Error pages in the visitor's language (the API keeps problem+json); nobody signed in goes to sign-in."""

from typing import Any
from urllib.parse import quote

from litestar import Request, Response
from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException, ValidationException
from litestar.plugins.htmx import ClientRedirect, HTMXRequest
from litestar.response import Redirect
from litestar.types import ExceptionHandlersMap

from tracker.errors import Forbidden, NotFound, TrackerError, log
from tracker.web.pages import page
from tracker.web.session import SignInRequired


def _sign_in(request: Request[Any, Any, Any], _exc: Exception) -> Response[Any]:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = f"/log-ind?next={quote(here, safe='')}"
    if isinstance(request, HTMXRequest) and request.htmx:
        return ClientRedirect(redirect_to=target)
    return Redirect(path=target, status_code=303)


def _error_page(request: Request[Any, Any, Any], status: int, key: str, detail: str = "") -> Response[Any]:
    from tracker.web.i18n import translator
    from tracker.web.pages import language

    t = translator(language(request))
    return page(
        request, "errors/error.html", title=t(f"errorpage.{key}.title"), status_code=status, key=key, detail=detail
    )


def _not_found(request: Request[Any, Any, Any], _exc: Exception) -> Response[Any]:
    # Another organisation's report is "not found" too: a page never tells it exists (decision in DESIGN.md).
    return _error_page(request, 404, "not_found")


def _forbidden(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    if "CSRF" in str(getattr(exc, "detail", "")):
        return _error_page(request, 403, "csrf")
    return _error_page(request, 403, "forbidden")


def _tracker_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, TrackerError)
    return _error_page(
        request, exc.status_code, "conflict" if exc.status_code in (409, 412) else "bad_request", exc.detail
    )


def _http_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return _not_found(request, exc)
    if exc.status_code >= 500:
        return _unexpected(request, exc)
    return _error_page(request, exc.status_code, "bad_request")


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.exception("unexpected error on page %s", request.url.path, exc_info=exc)
    return _error_page(request, 500, "unexpected")


WEB_EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    SignInRequired: _sign_in,
    NotFound: _not_found,
    Forbidden: _not_found,
    NotFoundException: _not_found,
    PermissionDeniedException: _forbidden,
    ValidationException: _http_error,
    TrackerError: _tracker_error,
    HTTPException: _http_error,
    Exception: _unexpected,
}
