"""The OpenAPI document describes the API exactly, so generated clients use it unchanged.

schemathesis with all its checks (status codes, content types, headers, response schemas, negative data)
reports nothing against the app, on SQLite and PostgreSQL (bounded examples); the document is valid OpenAPI,
and a snapshot of it (tests/tracker/openapi.json) shows every change in review. After a deliberate change:

    .venv/bin/python -m tracker.contract tests/tracker/openapi.json
"""

import json
import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from openapi_spec_validator import validate
from schemathesis.config import SchemathesisConfig
from sqlalchemy import Engine

from tests.conftest import Clock
from tracker.app import create_app
from tracker.contract import document_text, openapi_document
from tracker.settings import Settings

SNAPSHOT = Path(__file__).with_name("openapi.json")

# What a schema cannot say, told to schemathesis: NUL characters are refused everywhere (400, before any
# handler; tracker/inputs.py); a report's body is checked against the initiative's own indicators and
# milestones and its cross-field rules (422); an upload is judged by its content (415 not a workbook,
# 422 row errors).
CONFIG = """
[generation]
allow-x00 = false

[[operations]]
include-operation-id = ["saveReport", "amendReport"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429", "5xx"]

[[operations]]
include-operation-id = "createImport"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "415", "422", "429", "5xx"]
"""


@pytest.fixture
def contract_app(db_settings: Settings, engine: Engine, clock: Clock, plan_loaded: None) -> Litestar:
    # schemathesis sends unknown tokens on purpose (its auth checks): without the limit, so the rest still runs.
    settings = db_settings.model_copy(update={"auth_failures_per_minute": 0})
    return create_app(settings, engine=engine, clock=clock)


def _checker(operation: Any, headers: dict[str, str], failures: list[str], examples: int = 8) -> Any:
    @settings(
        max_examples=examples, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        case = data.draw(operation.as_strategy())
        try:
            case.call_and_validate(headers=headers)
        except BaseException as exc:  # every failed check, collected and shown together
            failures.append(f"{case.method} {case.formatted_path}: {str(exc)[:800]}")

    return check


def test_schemathesis_with_all_checks_finds_nothing(contract_app: Any, make_headers: Any) -> None:
    # The secretariat reaches every operation; a reporter and the minister's office meet the refusals (403).
    callers = [
        (make_headers("CMM", "secretariat"), 8),
        (make_headers("REDEN", "reporter"), 3),
        (make_headers("CMM", "viewer"), 3),
    ]
    schema = schemathesis.openapi.from_dict(openapi_document(contract_app), config=SchemathesisConfig.from_str(CONFIG))
    schema.app = contract_app  # calls go straight to the ASGI app
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for headers, examples in callers:
        for operation in operations:
            _checker(operation, headers, failures, examples)()
    assert len(operations) >= 45
    assert failures == []


def test_the_served_document_is_valid_openapi_and_matches_the_snapshot(client: Any) -> None:
    response = client.get("/schema/openapi.json")
    assert response.status_code == 200
    served = response.json()
    validate(served)
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert served == expected, (
        "the API changed: review it and run `python -m tracker.contract tests/tracker/openapi.json`"
    )


def test_the_snapshot_command_writes_what_is_served(client: Any, tmp_path: Path) -> None:
    app = create_app(Settings(environment="test", database_url=f"sqlite:///{tmp_path}/unused.db"))
    assert json.loads(document_text(app)) == client.get("/schema/openapi.json").json()


def test_operations_have_names_a_person_would_write_and_errors_as_problem_details(client: Any) -> None:
    doc = client.get("/schema/openapi.json").json()
    ops = {
        op["operationId"]: (path, method, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    for name in ("listInitiatives", "saveReport", "submitReport", "approveReport", "returnReport", "getStatusReport"):
        assert name in ops
    assert all(name[:1].islower() and "_" not in name and len(name) < 30 for name in ops)
    _, _, save = ops["saveReport"]
    assert {"200", "201", "401", "403", "404", "409", "412", "422", "428", "429", "503"} <= set(save["responses"])
    assert "Location" in save["responses"]["201"]["headers"]
    assert "ETag" in save["responses"]["200"]["headers"]
    for code in ("submitReport", "approveReport", "returnReport", "amendReport", "carryReportForward"):
        assert "200" in ops[code][2]["responses"]
        assert "201" not in ops[code][2]["responses"]
    for _, _, op in ops.values():
        for status, response in op["responses"].items():
            if status.startswith(("4", "5")) and op["operationId"] != "getHealth":
                assert list(response["content"]) == ["application/problem+json"], (op["operationId"], status)
                schema = response["content"]["application/problem+json"]["schema"]
                # The import's 422 is problem details with the kept batch (ImportProblem); the rest: Problem.
                assert schema["$ref"].endswith("Problem"), (op["operationId"], status)
    report = ops["getStatusReport"][2]["responses"]["200"]["content"]
    assert set(report) == {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/html",
        "application/json",
    }
    assert report["application/pdf"]["schema"]["format"] == "binary"
    assert ops["getHealth"][2]["security"] == []
    assert "status_code" not in json.dumps(doc["components"]["schemas"])


def test_the_docs_viewer_is_served_from_the_trackers_own_files(client: Any) -> None:
    page = client.get("/schema")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    links = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert links, page.text
    for link in links:
        # Every file the page loads is on this server (a government network blocks CDNs and web fonts).
        assert link.startswith("/schema/"), link
        assert client.get(link).status_code == 200, link
    css = client.get("/schema/static/swagger-ui.css").text
    assert "@import" not in css
    assert not re.search(r"url\(['\"]?https?:", css)
    script = client.get("/schema/swagger-init.js").text
    assert "/schema/openapi.json" in script
    assert "validatorUrl: null" in script  # never sends the document to an outside validator
