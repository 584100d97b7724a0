"""Deny by default: every route declares who may call it."""

from tracker.app import create_app
from tracker.settings import Settings


def test_every_route_declares_its_roles_or_is_public(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"))
    undeclared = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            methods = set(getattr(handler, "http_methods", []))
            if route.path.startswith("/schema") or handler.opt.get("public") or methods == {"OPTIONS"}:
                continue
            if not any(hasattr(getattr(g, "func", g), "allowed_roles") for g in handler.resolve_guards()):
                undeclared.append(f"{route.path} {sorted(methods)}")
    assert undeclared == []


def test_requests_without_a_valid_token_are_401_problem(client):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        response = client.get("/initiatives", headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/problem+json")
