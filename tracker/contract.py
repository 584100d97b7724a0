"""The API contract: the OpenAPI document as served, with what Litestar cannot derive from the handlers.

Litestar builds the document from the handlers' signatures and decorators. This module adds, in one place,
what every operation shares, so generated clients can use the document unchanged:

- every error an operation can answer with, as RFC 9457 `application/problem+json` (`Problem`): 400 (a NUL
  character, malformed JSON) and 503 (database busy) everywhere, 401 and 429 wherever a token is needed, 403
  where a role is refused, 404 where a path names something, 413/415/422 where a body or parameters are read,
  412/428 where `If-Match` is read, 409/422 where `Idempotency-Key` is read; each operation adds its own with
  `responses=problems(...)` in its decorator;
- Litestar's default `{status_code, detail, extra}` 400 model is replaced (no response has that shape);
- file downloads (`opt=files(...)`) declared with their real media types and `format: binary`;
- response headers: `ETag`, `Location` on 201, `Idempotent-Replayed`, `Retry-After`, rate-limit headers,
  `X-Request-ID`;
- operation ids a person would write (`listInitiatives`, `saveReport`), from the handler's function name.

And the answer an operation sends with its headers encoded already (`PrebuiltResponse`: a cached plan read's, a
report write's).


Longer than 400 lines on purpose: this is the one place for everything the document adds to Litestar's, and
the two render plugins that serve it (JSON, offline Swagger UI) belong with it.
"""

import copy
import html
import json
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from http import HTTPStatus
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Router, get
from litestar.datastructures import ResponseHeader
from litestar.enums import HttpMethod
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.plugins import JsonRenderPlugin, OpenAPIRenderPlugin
from litestar.response.base import ASGIResponse
from litestar.routes import HTTPRoute
from litestar.serialization import decode_json, encode_json, get_serializer
from litestar.static_files import create_static_files_router
from litestar.types import Method, Receive, Scope, Send
from pydantic import BaseModel

from tracker.errors import PROBLEM_MEDIA_TYPE, Problem

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
HTML = "text/html"
JSON = "application/json"
OPT_FILES = "files"
OPT_PUBLIC = "public"


# What each error status means on this API (the response's description in the document).
ERROR_DESCRIPTIONS: dict[int, str] = {
    400: "The request cannot be read (malformed JSON, a NUL character)",
    401: "No valid API token",
    403: "Your role or organisation may not do this",
    404: "Nothing with this code or id",
    409: "Conflicts with the current state",
    412: "The resource has changed since the ETag in If-Match",
    413: "The request body is too large",
    415: "The request body's media type is not accepted",
    422: "The request is not valid; `errors` names each field",
    428: "If-Match is required to change an existing resource",
    429: "Too many failed attempts from this client; wait Retry-After seconds",
    503: "The service is busy or its database unavailable; nothing was changed; retry after Retry-After seconds",
}


def problems(*codes: int) -> dict[int, ResponseSpec]:
    """The errors an operation answers with besides the shared ones (for a decorator's `responses=`)."""
    return {
        code: ResponseSpec(
            data_container=Problem,
            media_type=PROBLEM_MEDIA_TYPE,
            description=ERROR_DESCRIPTIONS.get(code, HTTPStatus(code).phrase),
            generate_examples=False,
        )
        for code in codes
    }


def created(model: type[BaseModel], description: str = "Created") -> dict[int, ResponseSpec]:
    """A 201 beside the handler's 200 (a PUT that creates); the document adds its Location header."""
    return {201: ResponseSpec(data_container=model, description=description, generate_examples=False)}


OPT_CONDITIONAL = "conditional"
# `opt` for a read that answers If-None-Match with 304 Not Modified (the document gets the header and the 304).
CONDITIONAL: dict[str, Any] = {OPT_CONDITIONAL: True}


def unchanged(if_none_match: str | None, etag: str) -> bool:
    """Whether If-None-Match names this ETag (or `*`): the client's copy is current, answer 304."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


def files(*media_types: str) -> dict[str, Any]:
    """`opt` for a handler that answers with a file: its media types, declared as binary bodies."""
    return {OPT_FILES: tuple(media_types)}


ETAG = ResponseHeader(
    name="ETag",
    documentation_only=True,
    description='The version of what was returned (e.g. "3"); send it as If-Match to change it, or as '
    "If-None-Match to read it again only when it changed",
)


def _header(description: str, schema: dict[str, Any] | None = None, example: Any = None) -> dict[str, Any]:
    header: dict[str, Any] = {"description": description, "schema": schema or {"type": "string"}}
    if example is not None:
        header["example"] = example
    return header


HEADERS: dict[str, dict[str, Any]] = {
    "ETag": _header(ETAG.description or "", {"type": "string", "pattern": '^(W/)?"[^"]*"$'}, '"3"'),
    "X-Request-ID": _header(
        "The request's id: yours when you sent a valid X-Request-ID, else one made for you; it is in the log line",
        example="5f0c6b1e4a9d4c7e8f7d2b1a3c4e5f60",
    ),
    "Location": _header("Where the created resource is read", example="/initiatives/MH22-2.1/reports/2025-H2"),
    "Idempotent-Replayed": _header(
        "`true` when this answer is the stored answer to an earlier request with the same Idempotency-Key",
        {"type": "string", "enum": ["true"]},
    ),
    "Retry-After": _header("Seconds to wait before trying again", {"type": "integer", "minimum": 0}, 30),
    "RateLimit-Limit": _header("Failed token checks allowed per window", {"type": "integer"}, 20),
    "RateLimit-Remaining": _header("Failed token checks left in this window", {"type": "integer"}, 0),
    "RateLimit-Reset": _header("Seconds until the window starts again", {"type": "integer"}, 42),
    "RateLimit-Policy": _header("The limit and its window in seconds", example="20; w=60"),
    "WWW-Authenticate": _header("How to authenticate", example="Bearer"),
}

_WORD = re.compile(r"_+([a-z0-9])")


def operation_id(route_handler: HTTPRouteHandler, http_method: Method, _components: list[Any]) -> str:
    """`save_report` -> `saveReport`: the handler's function name in camelCase (unless the decorator names one)."""
    name = _WORD.sub(lambda match: match.group(1).upper(), route_handler.handler_name.strip("_"))
    if len(route_handler.http_methods) > 1:
        return http_method.lower() + name[:1].upper() + name[1:]
    return name


def _handlers(app: Litestar) -> dict[tuple[str, str], HTTPRouteHandler]:
    found: dict[tuple[str, str], HTTPRouteHandler] = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            for method in handler.http_methods:
                found[(route.path_format or "/", method.lower())] = handler
    return found


def _problem_response(doc: dict[str, Any], code: int) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": ERROR_DESCRIPTIONS.get(code, HTTPStatus(code).phrase),
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        "headers": {"X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"}},
    }
    if code in (429, 503):
        response["headers"]["Retry-After"] = {"$ref": "#/components/headers/Retry-After"}
    if code == 429:
        for name in ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"):
            response["headers"][name] = {"$ref": f"#/components/headers/{name}"}
    if code == 401:
        response["headers"]["WWW-Authenticate"] = {"$ref": "#/components/headers/WWW-Authenticate"}
    return response


def _role_restricted(handler: HTTPRouteHandler) -> bool:
    """Whether a guard refuses some role (403), from the guards' declared roles."""
    from tracker.auth.models import Role

    for guard in handler.resolve_guards():
        allowed = getattr(guard, "allowed_roles", None)
        if allowed is not None and set(allowed) != set(Role):
            return True
    return False


def _shared_errors(op: dict[str, Any], handler: HTTPRouteHandler, path: str) -> set[int]:
    codes = {400, 503}
    public = bool(handler.opt.get(OPT_PUBLIC))
    if not public:
        codes |= {401, 429}
        if _role_restricted(handler):
            codes.add(403)
    params = op.get("parameters", [])
    names = {p["name"].lower() for p in params}
    if params or "requestBody" in op:
        codes.add(422)
    if "{" in path:
        codes.add(404)
    if "requestBody" in op:
        codes |= {413, 415}
    if "if-match" in names:
        codes.add(412)
    if "idempotency-key" in names:
        codes |= {409, 422}
    return codes


def _binary(media_type: str) -> dict[str, Any]:
    return {"schema": {"type": "string", "format": "binary", "contentMediaType": media_type}}


def _plain_parameters(op: dict[str, Any]) -> None:
    """An optional header or query parameter is absent or a value, never null: drop the `null` alternative."""
    for param in op.get("parameters", []):
        schema = param.get("schema", {})
        variants = schema.get("oneOf")
        if param.get("required") or not variants:
            continue
        kept = [variant for variant in variants if variant.get("type") != "null"]
        if len(kept) == 1 and len(kept) < len(variants):
            del schema["oneOf"]
            param["schema"] = kept[0] | schema


def _finish_operation(doc: dict[str, Any], path: str, op: dict[str, Any], handler: HTTPRouteHandler) -> None:
    _plain_parameters(op)
    responses: dict[str, Any] = op["responses"]
    # Litestar's own 400 model ({status_code, detail, extra}) describes no response of ours.
    responses.pop("400", None)
    for status in _shared_errors(op, handler, path):
        responses.setdefault(str(status), _problem_response(doc, status))
    success = [code for code in responses if code.startswith("2")]
    media_types: Sequence[str] = handler.opt.get(OPT_FILES, ())
    first = responses[min(success)] if success else None
    for code, response in responses.items():
        headers = response.setdefault("headers", {})
        headers.setdefault("X-Request-ID", {"$ref": "#/components/headers/X-Request-ID"})
        if not code.startswith("2"):
            for name in ("Retry-After",) if code in ("429", "503") else ():
                headers.setdefault(name, {"$ref": f"#/components/headers/{name}"})
            continue
        if first is not None and response is not first:
            for name, header in first.get("headers", {}).items():
                headers.setdefault(name, copy.deepcopy(header))
        if media_types and code == "200":
            response["content"] = {media_type: _binary(media_type) for media_type in media_types}
            headers.setdefault(
                "Content-Disposition",
                _header("`attachment` (or `inline` for HTML) with the file's name", example='attachment; filename="x"'),
            )
        if code == "201":
            headers["Location"] = {"$ref": "#/components/headers/Location"}
        names = {p["name"].lower() for p in op.get("parameters", [])}
        if "idempotency-key" in names:
            headers["Idempotent-Replayed"] = {"$ref": "#/components/headers/Idempotent-Replayed"}
        # Litestar writes header names as given; HTTP names are case-insensitive, generators prefer one spelling.
        for name in list(headers):
            if name.lower() == "etag":
                headers.pop(name)
                headers["ETag"] = {"$ref": "#/components/headers/ETag"}
    if handler.opt.get(OPT_CONDITIONAL):
        op.setdefault("parameters", []).append(
            {
                "name": "If-None-Match",
                "in": "header",
                "required": False,
                "description": "The ETag you hold: 304 Not Modified (no body) when it is still current",
                "schema": {"type": "string"},
            }
        )
        responses["304"] = {
            "description": "Not modified: your copy (the ETag in If-None-Match) is current",
            "headers": {
                "ETag": {"$ref": "#/components/headers/ETag"},
                "X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"},
            },
        }
    if handler.opt.get(OPT_PUBLIC):
        op["security"] = []
    op["responses"] = dict(sorted(responses.items()))


def finish(raw: Mapping[str, Any], app: Litestar) -> dict[str, Any]:
    """The document as served: Litestar's, completed with the shared errors, files and headers."""
    # Litestar's dict may hold model instances (examples): through the app's encoders into plain JSON first.
    doc: dict[str, Any] = decode_json(encode_json(dict(raw), serializer=get_serializer(app.type_encoders)))
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schemas["Problem"].pop("$defs", {})
    schemas.update(defs)
    components["headers"] = dict(sorted(HEADERS.items()))
    handlers = _handlers(app)
    _close_input_schemas(schemas, handlers.values())
    doc = _rename_qualified_schemas(doc)
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            if method.upper() not in HttpMethod.__members__ or not isinstance(op, dict):
                continue
            handler = handlers.get((path, method))
            if handler is not None:
                _finish_operation(doc, path, op, handler)
    return doc


_QUALIFIED = re.compile(r"^([a-z]+)_[a-z_]+_([A-Z]\w*)$")


def _rename_qualified_schemas(doc: dict[str, Any]) -> dict[str, Any]:
    """Litestar names two models of one name by module (`plans_schemas_OrganisationRef`); generators turn both
    into `OrganisationRef` and drop one. Name them by area instead: `PlansOrganisationRef`, `ForaOrganisationRef`."""
    schemas = doc["components"]["schemas"]
    renames: dict[str, str] = {}
    for name in schemas:
        match = _QUALIFIED.match(name)
        if match:
            renames[name] = match.group(1).capitalize() + match.group(2)
    if not renames:
        return doc
    text = json.dumps(doc)
    for old, new in renames.items():
        text = text.replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
    renamed: dict[str, Any] = json.loads(text)
    schemas = renamed["components"]["schemas"]
    for old, new in renames.items():
        schemas[new] = schemas.pop(old)
        schemas[new]["title"] = new  # generators name the class by its title
    renamed["components"]["schemas"] = dict(sorted(schemas.items()))
    return renamed


def _input_models(annotation: Any, found: dict[str, type[BaseModel]]) -> None:
    """Every pydantic model a request body may hold (the body's model and the models in its fields)."""
    for arg in typing.get_args(annotation) or ():
        _input_models(arg, found)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation.__name__ not in found:
        found[annotation.__name__] = annotation
        for field in annotation.model_fields.values():
            _input_models(field.annotation, found)


def _close_input_schemas(schemas: dict[str, Any], handlers: Iterable[HTTPRouteHandler]) -> None:
    """Input models refuse unknown fields (422): say so with `additionalProperties: false`."""
    found: dict[str, type[BaseModel]] = {}
    for handler in handlers:
        data = handler.parsed_fn_signature.parameters.get("data")
        if data is not None:
            _input_models(data.annotation, found)
    for name, schema in schemas.items():
        model = found.get(name) or found.get(name.rsplit("_", 1)[-1])
        if model is None or schema.get("type") != "object":
            continue
        if model.model_config.get("extra") == "forbid":
            schema["additionalProperties"] = False
        if model.model_config.get("str_strip_whitespace"):
            # Whitespace is stripped before the length is checked: a required text needs a visible character.
            for prop in schema.get("properties", {}).values():
                for variant in [prop, *prop.get("oneOf", [])]:
                    if variant.get("type") == "string" and variant.get("minLength") and "pattern" not in variant:
                        variant["pattern"] = r"[^\s\x1c-\x1f\x85]"


def openapi_document(app: Litestar) -> dict[str, Any]:
    """The finished document (for tests and scripts; the same bytes /schema/openapi.json serves)."""
    from litestar._openapi.plugin import OpenAPIPlugin

    plugin = app.plugins.get(OpenAPIPlugin)
    return finish(plugin.provide_openapi_schema(), app)


class ContractJsonPlugin(JsonRenderPlugin):
    """Serves /schema/openapi.json: the finished document, computed once per app."""

    def __init__(self) -> None:
        super().__init__(path="/openapi.json")
        self._cache: dict[int, bytes] = {}

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        key = id(openapi_schema)
        body = self._cache.get(key)
        if body is None:
            body = json.dumps(finish(openapi_schema, request.app), ensure_ascii=False).encode()
            self._cache = {key: body}
        return body


def document_text(app: Litestar) -> str:
    """The document as stable text (sorted keys): the snapshot in tests/tracker/openapi.json."""
    return json.dumps(openapi_document(app), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    """`python -m tracker.contract [FILE]`: write the document (default: stdout) without a database."""
    import sys
    import tempfile

    from tracker.app import create_app
    from tracker.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        # The document needs no database: the engine is made but never connected.
        app = create_app(Settings(environment="test", database_url=f"sqlite:///{folder}/unused.db"))
        text = document_text(app)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()


def _swagger_ui_static() -> Path:
    """Swagger UI's own files, shipped in the swagger-ui-py package (no CDN, no web fonts)."""
    import swagger_ui

    return Path(swagger_ui.__file__).parent / "static"


class OfflineSwaggerPlugin(OpenAPIRenderPlugin):
    """/schema: Swagger UI served from the tracker's own files, so the docs work on a closed network."""

    def __init__(self) -> None:
        super().__init__(path=["/", "/swagger"], favicon="", style="<style>body { margin: 0 }</style>")

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        static = "/schema/static"
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(str(openapi_schema.get("info", {}).get("title", "API")))} — API</title>
<link rel="icon" type="image/png" href="{static}/favicon-32x32.png">
<link rel="stylesheet" href="{static}/swagger-ui.css">
{self.style}
</head>
<body>
<div id="swagger-ui"></div>
<script src="{static}/swagger-ui-bundle.js"></script>
<script src="/schema/swagger-init.js"></script>
</body>
</html>""".encode()

    def receive_router(self, router: Router) -> None:
        router.register(
            create_static_files_router(path="/static", directories=[_swagger_ui_static()], include_in_schema=False)
        )
        router.register(_swagger_init)


@get("/swagger-init.js", media_type="text/javascript", sync_to_thread=False, include_in_schema=False)
def _swagger_init() -> str:
    # In a file of its own (not inline) so a strict Content-Security-Policy can allow 'self' scripts only.
    # validatorUrl null: Swagger UI would otherwise send the document to an outside validator.
    return (
        'window.ui = SwaggerUIBundle({url: "/schema/openapi.json", dom_id: "#swagger-ui", '
        "validatorUrl: null, deepLinking: true, persistAuthorization: false});\n"
    )


class PrebuiltResponse(ASGIResponse):
    """Sends an answer whose headers are encoded already (a cached plan read's, a report write's): no header
    encoding or serialising per request."""

    def __init__(self, status_code: int, headers: Sequence[tuple[bytes, bytes]], body: bytes) -> None:
        # Deliberately not ASGIResponse.__init__: the headers are encoded already.
        self.status_code = status_code
        self.body = body
        self.background = None
        self.is_head_response = False
        self._encoded_cookies = ()
        self._prebuilt_headers = headers

    def encode_headers(self) -> list[tuple[bytes, bytes]]:
        # A new list per answer: before_send hooks (the request id) add to it.
        return list(self._prebuilt_headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.encode_headers()})
        await send({"type": "http.response.body", "body": self.body, "more_body": False})
