"""The baseline: a bare Litestar JSON endpoint with no database, no auth, no middleware."""

from litestar import Litestar, get


@get("/json", sync_to_thread=False)
def bare_json() -> dict[str, object]:
    return {"code": "MH22-2.1", "title": "Sikker indkvartering", "status": "on_track", "ok": True}


app = Litestar(route_handlers=[bare_json])
