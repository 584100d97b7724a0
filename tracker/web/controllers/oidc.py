"""Optional OpenID Connect sign-in (`tracker.users.oidc`), and the page where the secretariat keeps the mapping.

`/log-ind/oidc` sends the browser to the provider with state, nonce and a PKCE challenge, remembered in a short
signed cookie (HttpOnly, SameSite=Lax, 10 minutes); `/log-ind/oidc/retur` checks the state against it, lets the
service verify the token and map the claims, and starts a session exactly as the mail link does. Both answer
404 when OIDC is not configured.
"""

import base64
import hashlib
import hmac
import json
import secrets
from typing import Annotated, Any

from litestar import Controller, Request, Response
from litestar.enums import RequestEncodingType
from litestar.params import Body, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template
from sqlmodel import Session

from tracker.auth.models import Role
from tracker.deps import CurrentSettings, DbSession, Now, RowId
from tracker.errors import Conflict, NotFound, ValidationFailed
from tracker.settings import Settings
from tracker.users import oidc
from tracker.users.service import end_session, safe_next, start_session
from tracker.web.admin_forms import check_role, form_page, read_form, submit
from tracker.web.i18n import translator
from tracker.web.pages import (
    PUBLIC,
    FormData,
    FormErrors,
    WebCaller,
    cookie,
    html_get,
    html_post,
    language,
    page,
    see_other,
)
from tracker.web.session import SECRETARIAT_PAGE, START_PAGES, session_cookie_name

Form = Annotated[FormData, Body(media_type=RequestEncodingType.URL_ENCODED)]
Query = Annotated[str, QueryParameter(max_length=2000)]
FLOW_COOKIE = "oidc_flow"
FLOW_SECONDS = 600


def _secret(request: Request[Any, Any, Any], settings: Settings) -> bytes:
    if settings.web_secret is not None:
        return hashlib.sha256(b"oidc-flow:" + settings.web_secret.get_secret_value().encode()).digest()
    state = request.app.state
    if "oidc_flow_secret" not in state:
        state["oidc_flow_secret"] = secrets.token_bytes(32)
    value: bytes = state["oidc_flow_secret"]
    return value


def _seal(request: Request[Any, Any, Any], settings: Settings, data: dict[str, str]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(data).encode()).decode()
    mac = hmac.new(_secret(request, settings), body.encode(), hashlib.sha256).hexdigest()
    return f"{body}.{mac}"


def _unseal(request: Request[Any, Any, Any], settings: Settings, value: str) -> dict[str, str] | None:
    body, _, mac = value.partition(".")
    expected = hmac.new(_secret(request, settings), body.encode(), hashlib.sha256).hexdigest()
    if not body or not hmac.compare_digest(mac, expected):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(body.encode()))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _require(settings: Settings) -> None:
    if not settings.oidc_enabled:
        raise NotFound("OpenID Connect sign-in is not configured.")


class OidcSignInController(Controller):
    path = "/log-ind/oidc"

    @html_get("/", opt=PUBLIC)
    def start(self, request: HTMXRequest, settings: CurrentSettings, next: Query = "") -> Response[Any]:
        _require(settings)
        started = oidc.begin(settings, oidc.discover(settings))
        flow = {
            "state": started.state,
            "nonce": started.nonce,
            "verifier": started.code_verifier,
            "next": safe_next(next),
        }
        response: Response[Any] = Redirect(path=started.url, status_code=303)
        response.set_cookie(cookie(request, FLOW_COOKIE, _seal(request, settings, flow), max_age=FLOW_SECONDS))
        return response

    @html_get("/retur", opt=PUBLIC)
    def callback(
        self,
        request: HTMXRequest,
        session: DbSession,
        now: Now,
        settings: CurrentSettings,
        code: Query = "",
        oauth_state: Annotated[str, QueryParameter(query="state", max_length=2000)] = "",
        error: Query = "",
    ) -> Response[Any]:
        _require(settings)
        flow = _unseal(request, settings, request.cookies.get(FLOW_COOKIE, ""))
        claims: dict[str, Any] | None = None
        try:
            if flow is None or not oauth_state or not hmac.compare_digest(oauth_state, flow.get("state", "")):
                raise oidc.SignInRefused("The sign-in's state does not match this browser's.", reason="state")
            if error or not code:
                raise oidc.SignInRefused(f"The provider answered {error or 'without a code'}.", reason="provider")
            claims = oidc.finish(
                settings,
                oidc.discover(settings),
                code=code,
                code_verifier=flow["verifier"],
                nonce=flow["nonce"],
                now=now,
            )
            organisation_id, role = oidc.map_identity(session, settings, claims)
            user = oidc.person(session, claims, organisation_id, role, now=now)
        except oidc.SignInRefused as exc:
            oidc.refused(session, exc, claims, now=now)
            return self._refused(request, exc)
        name = session_cookie_name(settings)
        old = request.cookies.get(name)
        if old:
            end_session(session, old)
        oidc.record_sign_in(session, user, claims, now=now)
        secret = start_session(session, user, now=now, settings=settings)
        assert flow is not None
        response = see_other(request, flow.get("next") or START_PAGES[Role(user.role)], flash="signed_in")
        response.set_cookie(cookie(request, name, secret, max_age=settings.web_session_absolute_hours * 3600))
        response.set_cookie(cookie(request, FLOW_COOKIE, "", max_age=0))
        return response

    def _refused(self, request: HTMXRequest, exc: oidc.SignInRefused) -> Template:
        t = translator(language(request))
        key = f"oidc.refused.{exc.reason}"
        response = page(
            request,
            "pages/sign_in_refused.html",
            title=t("oidc.refused.title"),
            status_code=403,
            reason=t(key) if t.has(key) else t("oidc.refused.provider"),
        )
        response.set_cookie(cookie(request, FLOW_COOKIE, "", max_age=0))
        return response


class IdentityMappingController(Controller):
    """The secretariat's mapping from the provider's claims to an organisation and a role."""

    path = "/sekretariat/log-ind-tilknytning"
    guards = [SECRETARIAT_PAGE]

    @html_get("/")
    def mappings(self, request: HTMXRequest, session: DbSession, settings: CurrentSettings) -> Template:
        return self._page(request, session, settings)

    @html_post("/")
    def add(
        self,
        request: HTMXRequest,
        session: DbSession,
        settings: CurrentSettings,
        principal: WebCaller,
        now: Now,
        data: Form,
    ) -> Response[Any]:
        t = translator(language(request))
        form = read_form(data, "organisation_value", "role_value", "organisation", "role")
        errors = FormErrors()
        if not form["organisation_value"]:
            errors.add("organisation_value", t("mapping.error.value"))
        check_role(errors, form["role"], "role", t)
        submit(
            errors,
            lambda: oidc.add_mapping(
                session,
                organisation_value=form["organisation_value"],
                role_value=form["role_value"],
                organisation_code=form["organisation"],
                role=form["role"],
                now=now,
                actor=principal.actor,
            ),
            {
                ValidationFailed: ("organisation_value", t("mapping.error.value")),
                NotFound: ("organisation", t("people.error.organisation")),
                Conflict: ("organisation_value", t("mapping.error.exists")),
            },
        )
        if errors:
            return self._page(request, session, settings, errors=errors, form=form, status_code=422)
        return see_other(request, "/sekretariat/log-ind-tilknytning", flash="mapping_added")

    @html_post("/{mapping_id:int}/slet")
    def delete(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, mapping_id: RowId
    ) -> Response[Any]:
        oidc.delete_mapping(session, mapping_id, now=now, actor=principal.actor)
        return see_other(request, "/sekretariat/log-ind-tilknytning", flash="mapping_deleted")

    def _page(
        self,
        request: HTMXRequest,
        session: Session,
        settings: Settings,
        *,
        errors: FormErrors | None = None,
        form: dict[str, str] | None = None,
        status_code: int = 200,
    ) -> Template:
        return form_page(
            request,
            session,
            "pages/admin/identity_mapping.html",
            title="mapping.title",
            form=form or {"organisation_value": "", "role_value": "", "organisation": "", "role": ""},
            errors=errors,
            status_code=status_code,
            mappings=oidc.list_mappings(session),
            enabled=settings.oidc_enabled,
        )
