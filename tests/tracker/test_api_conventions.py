"""Conventions integrators expect: request ids, OPTIONS, CORS, 415, 429 on repeated unknown tokens, stable
error titles, validation errors naming the field as sent."""

import logging
from typing import Any

import pytest
from litestar.testing import TestClient

from tests.tracker.progress_support import REPORT_URL, report_body
from tracker.app import create_app

pytestmark = pytest.mark.usefixtures("plan_loaded")


def test_every_answer_carries_a_request_id_echoed_when_sent_and_logged(
    client: Any, make_headers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    headers = make_headers("CMM", "secretariat")
    with caplog.at_level(logging.INFO, logger="tracker.access"):
        mine = client.get("/plans", headers=headers | {"X-Request-ID": "ministry-42.a"})
    assert mine.headers["x-request-id"] == "ministry-42.a"
    assert any("request_id=ministry-42.a" in r.getMessage() and "/plans 200" in r.getMessage() for r in caplog.records)
    made = client.get("/plans", headers=headers | {"X-Request-ID": "no spaces <allowed>"})
    assert made.headers["x-request-id"] != "no spaces <allowed>"
    assert len(made.headers["x-request-id"]) == 32
    # Also on answers given before any handler: 404 from routing, 401, 405.
    for response in (client.get("/nowhere", headers=headers), client.get("/plans"), client.delete("/plans")):
        assert response.headers["x-request-id"]


def test_options_lists_every_method_of_the_path_without_a_token(client: Any) -> None:
    answer = client.options(REPORT_URL)
    assert answer.status_code == 204
    assert answer.headers["allow"] == "GET, OPTIONS, PUT"
    assert client.options("/tokens").headers["allow"] == "GET, OPTIONS, POST"


def test_cors_is_off_by_default_and_answers_only_listed_origins(db_settings: Any, engine: Any, clock: Any) -> None:
    origin = {"Origin": "https://intra.ministeriet.dk", "Access-Control-Request-Method": "PUT"}
    with TestClient(app=create_app(db_settings, engine=engine, clock=clock)) as off:
        assert "access-control-allow-origin" not in off.options(REPORT_URL, headers=origin).headers
    listed = db_settings.model_copy(update={"cors_allow_origins": ["https://intra.ministeriet.dk"]})
    with TestClient(app=create_app(listed, engine=engine, clock=clock)) as on:
        preflight = on.options(REPORT_URL, headers=origin | {"Access-Control-Request-Headers": "if-match"})
        assert preflight.status_code in (200, 204)
        assert preflight.headers["access-control-allow-origin"] == "https://intra.ministeriet.dk"
        other = on.options(REPORT_URL, headers=origin | {"Origin": "https://elsewhere.example"})
        assert other.headers.get("access-control-allow-origin") != "https://elsewhere.example"


def test_a_body_in_another_media_type_is_415(client: Any, make_headers: Any) -> None:
    reden = make_headers("REDEN", "reporter")
    response = client.put(REPORT_URL, content=b"status=on_track", headers=reden | {"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["title"] == "Unsupported media type"
    assert client.get(REPORT_URL, headers=reden).status_code == 404  # nothing was saved


def test_error_titles_are_human_phrases_not_class_names(client: Any, make_headers: Any) -> None:
    headers = make_headers("CMM", "secretariat")
    assert client.delete("/plans", headers=headers).json()["title"] == "Method not allowed"
    malformed = client.put(REPORT_URL, content=b"{bad", headers=headers | {"Content-Type": "application/json"})
    assert malformed.status_code == 400
    assert malformed.json()["title"] == "Bad request"


def test_validation_errors_name_the_field_as_the_client_sent_it(client: Any, make_headers: Any) -> None:
    headers = make_headers("CMM", "secretariat")
    errors = client.get("/periods?state=closed", headers=headers).json()["errors"]
    assert [(e["field"], e["source"]) for e in errors] == [("state", "query")]
    reden = make_headers("REDEN", "reporter")
    body = report_body(status="delayed", explanation="")
    problem = client.put(REPORT_URL, json=body, headers=reden).json()
    assert problem["errors"][0]["field"] == "explanation"
    assert not problem["errors"][0]["message"].startswith("Value error")


def test_repeated_unknown_tokens_from_one_client_get_429_with_retry_after(
    db_settings: Any, engine: Any, clock: Any, make_headers: Any
) -> None:
    settings = db_settings.model_copy(update={"auth_failures_per_minute": 3})
    good = make_headers("CMM", "secretariat")
    with TestClient(app=create_app(settings, engine=engine, clock=clock)) as client:
        assert [
            client.get("/plans", headers={"Authorization": f"Bearer apt_guess{n}"}).status_code for n in range(3)
        ] == [
            401,
            401,
            401,
        ]
        limited = client.get("/plans", headers={"Authorization": "Bearer apt_guess4"})
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) > 0
        assert limited.headers["ratelimit-remaining"] == "0"
        assert limited.json()["title"] == "Too many requests"
        # While the client waits, even a right guess is not checked.
        assert client.get("/plans", headers=good).status_code == 429


def test_a_current_copy_is_answered_304_on_plan_reads_reports_and_status_reports(
    client: Any, make_headers: Any
) -> None:
    cmm = make_headers("CMM", "secretariat")
    for url in ("/plans", "/initiatives/MH22-2.1", "/reports/status?period=2025-H2&format=json"):
        first = client.get(url, headers=cmm)
        assert first.status_code == 200
        tag = first.headers["etag"]
        again = client.get(url, headers=cmm | {"If-None-Match": tag})
        assert again.status_code == 304, url
        assert again.content == b""
        assert again.headers["etag"] == tag
        assert client.get(url, headers=cmm | {"If-None-Match": '"other"'}).status_code == 200
    reden = make_headers("REDEN", "reporter")
    assert client.put(REPORT_URL, json=report_body(), headers=reden).status_code == 201
    assert client.get(REPORT_URL, headers=reden | {"If-None-Match": '"1"'}).status_code == 304


def test_lists_link_their_next_and_previous_pages_with_the_same_filters(client: Any, make_headers: Any) -> None:
    cmm = make_headers("CMM", "secretariat")
    first = client.get("/initiatives?q=MH22&page_size=2", headers=cmm).json()
    assert first["links"]["previous"] is None
    assert first["links"]["next"] == "/initiatives?page=2&page_size=2&q=MH22"
    second = client.get(first["links"]["next"], headers=cmm).json()
    assert second["links"]["previous"] == "/initiatives?page=1&page_size=2&q=MH22"
    assert {i["code"] for i in second["data"]}.isdisjoint({i["code"] for i in first["data"]})
    reden = make_headers("REDEN", "reporter")
    client.put(REPORT_URL, json=report_body(), headers=reden)
    client.post(f"{REPORT_URL}/submit", headers=reden)
    history = client.get("/initiatives/MH22-2.1/history?page_size=1", headers=cmm).json()
    assert history["count"] >= 2
    assert history["links"]["next"] == "/initiatives/MH22-2.1/history?page=2&page_size=1"
    snapshots = client.get("/reports/snapshots?page_size=1", headers=cmm).json()
    assert set(snapshots) >= {"data", "count", "page", "page_size", "links"}


def test_the_log_line_of_a_refused_token_says_401(client: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="tracker.access"):
        assert client.get("/plans", headers={"X-Request-ID": "no-token-1"}).status_code == 401
    assert any("/plans 401" in r.getMessage() and "request_id=no-token-1" in r.getMessage() for r in caplog.records)
