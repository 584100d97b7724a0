"""The plan reads' fast path: a cached answer sent before the request enters Litestar.

The plan reads are the most frequent requests, and once answered they are kept, prebuilt, in the read cache
(tracker/plans/controllers.py). Sending such an answer again through Litestar (routing, two exception layers,
the middleware stack, the request object, parameter parsing, the guard) cost more than the rest of the request
together. `answer_from_memory` sends it directly when everything the app would check is already known:

- a GET, with no body and no Origin (a browser's cross-origin request goes to the app's CORS), a valid Host,
  no root path, no NUL character (`tracker.inputs.nul_in`, the app's own check);
- a token this process's memory vouches for (`tracker.auth.guards.remembered_principal`, the rule the bearer
  middleware applies: bearer scheme, the failed-token limit, the token cache, the expiry time);
- an answer in the read cache under this exact key (`answer_key`: the routed path, the raw query string, the
  day). A key exists only after a request with that path and query string went through the app, was routed to
  a plan read, passed every check and had its parameters validated; a path the router would normalise
  (a trailing slash) never matches one;
- the guards of the route that built the answer let this caller through (`tracker.auth.guards.admitted`, the
  guards' own rule).

It answers exactly what the app would: the prebuilt 200 or 304 (`Prebuilt.reply`, If-None-Match), the
`X-Request-ID` (`request_id_for`) and the access log line (`log_access`). Anything else returns False and the
request goes to the app unchanged. tests/tracker/test_fast_reads.py compares both byte for byte.
"""

import time

from litestar._asgi.utils import is_valid_host  # Litestar's own Host check (its router answers 400 when it fails)
from litestar.datastructures import State
from litestar.types import Scope, Send

from tracker.auth.guards import admitted, remembered_principal
from tracker.cache import ReadCache
from tracker.inputs import nul_in
from tracker.plans.controllers import Prebuilt, answer_key, day_of
from tracker.requests import current_request_id, log_access, request_id_for

_REQUEST_ID = b"x-request-id"
# A request with any of these goes to the app: a body (the app reads and checks it), or a browser's Origin (CORS).
_TO_THE_APP = frozenset({b"origin", b"content-type", b"content-length", b"transfer-encoding"})


async def answer_from_memory(state: State, scope: Scope, send: Send) -> bool:
    """Send the cached answer to this plan read and return True, or return False having sent nothing."""
    started = time.perf_counter()
    if scope.get("method") != "GET" or scope.get("root_path") or nul_in(scope) is not None:
        return False
    authorization = if_none_match = supplied_id = None
    # Each header's first value, as tracker.requests.scope_header reads it on the app's path.
    for name, value in scope["headers"]:
        key = name.lower()
        if key == b"authorization":
            if authorization is None:
                authorization = value.decode("latin-1")
        elif key == b"if-none-match":
            if if_none_match is None:
                if_none_match = value.decode("latin-1")
        elif key == _REQUEST_ID:
            if supplied_id is None:
                supplied_id = value.decode("latin-1")
        elif key in _TO_THE_APP or (key == b"host" and not is_valid_host(value)):
            return False
    now = state.clock()
    principal = remembered_principal(state, authorization, scope.get("client"), now)
    if principal is None:
        return False
    cache: ReadCache[Prebuilt] = state.read_cache
    answer = cache.get(answer_key(scope, day_of(state, now)))
    if answer is None or not admitted(answer.guards, principal):
        return False
    status, headers, body = answer.reply(if_none_match)
    request_id = request_id_for(supplied_id)
    token = current_request_id.set(request_id)
    try:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [*headers, (_REQUEST_ID, request_id.encode("latin-1"))],
            }
        )
        await send({"type": "http.response.body", "body": body, "more_body": False})
    finally:
        log_access(scope, status, started, request_id)
        current_request_id.reset(token)
    return True
