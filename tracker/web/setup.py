"""Wiring the pages into the app: one Router (own middleware, CSRF, error pages), the template engine, static files."""

import secrets
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from litestar import Router
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import CacheControlHeader
from litestar.middleware import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from tracker.settings import Settings
from tracker.web import formatting
from tracker.web.controllers import CONTROLLERS, UPLOAD_CONTROLLERS
from tracker.web.errors import WEB_EXCEPTION_HANDLERS
from tracker.web.session import EXCLUDE_KEY, WebSessionMiddleware

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
# Vendored files carry their version in the path, so they can be cached for a year.
LONG_CACHE = CacheControlHeader(max_age=365 * 24 * 3600, public=True, immutable=True)
SHORT_CACHE = CacheControlHeader(max_age=300, public=True)


def template_config(settings: Settings) -> TemplateConfig[JinjaTemplateEngine]:
    """Jinja2 with autoescape on and undefined names as errors; the formatting filters know the page's language."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
    )
    tz = settings.tz

    def _lang(context: Any) -> str:
        return str(context.get("lang", "da"))

    from jinja2 import pass_context

    environment.filters["number"] = pass_context(lambda ctx, v, d=1: formatting.number(v, _lang(ctx), d))
    environment.filters["money"] = pass_context(lambda ctx, v: formatting.money(v, _lang(ctx)))
    environment.filters["long_date"] = pass_context(lambda ctx, v: formatting.long_date(v, _lang(ctx), tz))
    environment.filters["date_time"] = pass_context(lambda ctx, v: formatting.date_time(v, _lang(ctx), tz))
    environment.filters["status_option"] = lambda value, t: (value, t.status(value))
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment))


def csrf_config(settings: Settings) -> CSRFConfig:
    secret = settings.web_secret.get_secret_value() if settings.web_secret else secrets.token_urlsafe(32)
    secure = settings.cookies_secure
    return CSRFConfig(
        secret=secret,
        cookie_name="__Host-csrftoken" if secure else "csrftoken",
        cookie_secure=secure,
        cookie_httponly=True,
        cookie_samesite="lax",
        cookie_path="/",
    )


def web_router(settings: Settings) -> Router:
    """Every page under one Router: the bearer-token middleware skips it, its own session and CSRF apply."""
    static = [
        create_static_files_router(
            path=f"/static/{folder}",
            directories=[STATIC / folder],
            cache_control=cache,
            include_in_schema=False,
            opt={"public": True, EXCLUDE_KEY: True},
            name=f"static-{folder}",
        )
        for folder, cache in (("vendor", LONG_CACHE), ("app", SHORT_CACHE))
    ]
    return Router(
        path="/",
        route_handlers=[
            *CONTROLLERS,
            *static,
            # The import pages take workbooks: bodies up to the upload limit (TRACKER_IMPORT_MAX_BYTES).
            Router(path="/", route_handlers=UPLOAD_CONTROLLERS, request_max_body_size=settings.upload_body_bytes),
        ],
        middleware=[
            DefineMiddleware(WebSessionMiddleware, exclude_from_auth_key=EXCLUDE_KEY),
            DefineMiddleware(CSRFMiddleware, config=csrf_config(settings)),
        ],
        exception_handlers=WEB_EXCEPTION_HANDLERS,
        include_in_schema=False,
        opt={"exclude_from_auth": True},
    )
