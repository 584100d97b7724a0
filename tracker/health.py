"""GET /health: is the database reachable and its schema current."""

from typing import Any

from litestar import Response, get
from litestar.datastructures import State
from sqlalchemy import text

from tracker import migrate


@get(
    "/health",
    sync_to_thread=True,
    summary="Database reachable, migrations current",
    tags=["service"],
    opt={"public": True},
)
def health(state: State) -> Response[dict[str, Any]]:
    checks: dict[str, Any] = {}
    ok = True
    try:
        with state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
        current = migrate.current_revision(state.engine)
        head = migrate.head_revision()
        checks["migrations"] = {"current": current, "head": head, "ok": current == head}
        ok = current == head
    except Exception as exc:
        checks["database"] = f"unreachable: {exc.__class__.__name__}"
        ok = False
    for name, probe in state.get("health_probes", {}).items():
        checks[name] = probe()
    checks["status"] = "ok" if ok else "failing"
    return Response(checks, status_code=200 if ok else 503)
