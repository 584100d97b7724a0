"""The submission's fast path: `PUT /initiatives/{code}/reports/{period}` handled before the request enters Litestar.

Saving a draft is the most frequent write, and Litestar's machinery around it (routing, two exception layers,
the middleware stack, the request object, the body and header parameters, the guard, the response object)
cost the event loop about as much as the rest of the request. `save_from_memory` runs the same handler work
(`controllers.save_draft`) directly when everything the app would check is known to pass:

- a PUT to exactly `/initiatives/{code}/reports/{period}` (no trailing slash, no root path), no Origin (a
  browser's cross-origin request goes to the app's CORS), a valid Host, no NUL character (`nul_in`; in the
  body no NUL byte and no `\\u0000` escape at all, which `RejectNulMiddleware` judges), each header it reads
  sent once;
- `Content-Type: application/json` (the app's media-type hook accepts it), the body (in one message or several,
  as the server sends it) within the app's size limit;
- a token this process's memory vouches for (`remembered_principal`, the bearer middleware's rule) that the
  route's guards admit (`admitted`, the guards' own rule);
- a body that Litestar's JSON decoder reads and `ReportInput` accepts, as the handler's `data` parameter would
  be read, and If-Match and Idempotency-Key headers that match their parameters' patterns.

Anything else is given to the app unchanged, with the body replayed. The answer is the one the app sends
(`controllers.encoded_answer`, the route's serializer, the request id that `add_request_id` adds), with the
access log line of `RequestIdMiddleware`. When the work fails (403, 404, 409, 412, 428, a busy database ...)
the transaction has been rolled back in the worker thread, and the request goes to the app with the error
in its scope: the handler raises it, so Litestar answers it as it answers every error (the problem document,
the refusal's audit event, the log line), without running the work a second time. The route, its hooks and
its guards are looked up in the app once; an app in which the route is configured otherwise (other hooks,
response headers or cookies, a guard that is not ours, another route on a path of the same shape) gets no
fast path. tests/tracker/test_fast_submission.py compares the two paths byte for byte.
"""

import re
import time
from typing import Any

from litestar import Litestar
from litestar._asgi.utils import is_valid_host  # Litestar's own Host check (its router answers 400 when it fails)
from litestar.routes import HTTPRoute
from litestar.serialization import decode_json, get_serializer
from litestar.types import Receive, Scope, Send

from tracker.auth.guards import BearerTokenMiddleware, admitted, remembered_principal
from tracker.inputs import RejectNulMiddleware, before_request, json_body_has_nul, nul_in, read_body, replay
from tracker.progress import schemas as s
from tracker.progress.controllers import (
    FAILED,
    IDEMPOTENCY_KEY_PATTERN,
    IF_MATCH_PATTERN,
    encoded_answer,
    report_path,
    save_draft,
)
from tracker.requests import RequestIdMiddleware, add_request_id, current_request_id, log_access, request_id_for

_PATH = re.compile(r"/initiatives/([^/]+)/reports/([^/]+)")
_READ = {
    b"authorization": 0,
    b"content-type": 1,
    b"content-length": 2,
    b"if-match": 3,
    b"idempotency-key": 4,
    b"x-request-id": 5,
}
# A request with any of these goes to the app: a browser's Origin (CORS), a streamed body.
_TO_THE_APP = frozenset({b"origin", b"transfer-encoding"})
_IF_MATCH = re.compile(IF_MATCH_PATTERN)
_IDEMPOTENCY_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)


class SubmissionRoute:
    """What the app would apply to the route, looked up once: its guards, the serializer of its answers and the
    body size limit."""

    def __init__(self, guards: tuple[Any, ...], serializer: Any, type_decoders: Any, max_body: int | None) -> None:
        self.guards = guards
        self.serializer = serializer
        self.type_decoders = type_decoders
        self.max_body = max_body


def submission_route(app: Litestar) -> SubmissionRoute | None:
    """The route's settings in this app, or None when the app handles it in a way the fast path does not copy."""
    handler: Any = None
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        parts = route.path_format.split("/")
        if len(parts) == 5 and parts[1] in ("initiatives", "{code}") and parts[3] in ("reports", "{period}"):
            if route.path_format != "/initiatives/{code}/reports/{period}":
                return None  # another route could take some of these paths
            handler = route.route_handler_map.get("PUT", (None,))[0]
    if handler is None or getattr(handler.fn, "__name__", None) != "save_report":
        return None
    middleware = [getattr(layer, "middleware", layer) for layer in handler.resolve_middleware()]
    guards = tuple(handler.resolve_guards())
    if (
        middleware != [BearerTokenMiddleware, RejectNulMiddleware, RequestIdMiddleware]
        or handler.resolve_before_request() is not before_request
        or any(layer.after_request for layer in handler.ownership_layers)
        or handler.resolve_after_response() is not None
        or list(app.before_send) != [add_request_id]
        or _has_plugin(app, "OpenTelemetryPlugin")
        or not all(header.documentation_only for header in handler.resolve_response_headers())
        or handler.resolve_response_cookies()
        or handler.background is not None
        or handler.resolve_return_dto() is not None
        or handler.resolve_data_dto() is not None
        or not all(getattr(guard, "admits", None) for guard in guards)
        or str(handler.media_type or "application/json") != "application/json"
    ):
        return None
    encoders = handler.resolve_type_encoders()
    return SubmissionRoute(
        guards,
        get_serializer(dict(encoders) if encoders else {}),
        handler.resolve_type_decoders(),
        handler.resolve_request_max_body_size(),
    )


def _has_plugin(app: Litestar, name: str) -> bool:
    try:
        app.plugins.get(name)
    except KeyError:
        return False
    return True


async def save_from_memory(
    app: Litestar, route: SubmissionRoute, scope: Scope, receive: Receive, send: Send
) -> Receive | None:
    """Save the draft and send the answer, returning None; or return the `receive` to give the app (the body
    replayed if it was read) having sent nothing."""
    started = time.perf_counter()
    match = _PATH.fullmatch(scope["path"])
    if match is None or scope.get("root_path") or nul_in(scope) is not None:
        return receive
    found: list[str | None] = [None] * 6
    for name, value in scope["headers"]:
        key = name.lower()
        index = _READ.get(key)
        if index is not None:
            if found[index] is not None:
                return receive  # sent twice: the app decides
            found[index] = value.decode("latin-1")
        elif key in _TO_THE_APP or (key == b"host" and not is_valid_host(value)):
            return receive
    authorization, content_type, length, if_match, idempotency_key, supplied_id = found
    if content_type is None or content_type.split(";", 1)[0].strip().lower() != "application/json":
        return receive
    limit = route.max_body
    if length is not None and not (length.isdigit() and (limit is None or int(length) <= limit)):
        return receive
    if (if_match is not None and not _IF_MATCH.search(if_match)) or (
        idempotency_key is not None and not _IDEMPOTENCY_KEY.search(idempotency_key)
    ):
        return receive
    state = app.state
    principal = remembered_principal(state, authorization, scope.get("client"), state.clock())
    if principal is None or not admitted(route.guards, principal):
        return receive
    messages, body = await read_body(receive, limit)
    if body is None or json_body_has_nul(body):
        return replay(messages, receive)
    try:
        # As Litestar reads the handler's `data`: its JSON decoder, then the pydantic plugin's model_validate.
        data = s.ReportInput.model_validate(decode_json(body, type_decoders=route.type_decoders), strict=False)
    except Exception:  # the app answers what it cannot read (400, 422)
        return replay(messages, receive)
    request_id = request_id_for(supplied_id)
    token = current_request_id.set(request_id)
    code, period = match.groups()
    try:
        try:
            stored = await save_draft(
                state, principal, state.clock(), code, period, data, if_match=if_match, idempotency_key=idempotency_key
            )
            status, headers, answer = encoded_answer(stored, report_path(code, period), route.serializer)
        except Exception as exc:
            # Rolled back in the worker thread: the app answers the error (see the module's docstring).
            scope.setdefault("state", {})[FAILED] = exc
            return replay(messages, receive)
        headers.append((b"x-request-id", request_id.encode("latin-1")))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": answer, "more_body": False})
        log_access(scope, status, started, request_id)
        return None
    finally:
        current_request_id.reset(token)
