"""No input a client can send produces a 500: schema-driven fuzzing of every operation (SQLite)."""

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy import Engine

from tests.conftest import Clock
from tracker.app import create_app
from tracker.settings import Settings


@pytest.fixture
def fuzz_app(db_settings: Settings, engine: Engine, clock: Clock, plan_loaded: None) -> Litestar:
    if not db_settings.is_sqlite:
        pytest.skip("fuzzing once, on SQLite, is enough")
    return create_app(db_settings, engine=engine, clock=clock)


def _checker(operation: Any, headers: dict[str, str], failures: list[str], seen: list[int]) -> Any:
    @settings(max_examples=15, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        case = data.draw(operation.as_strategy())
        response = case.call(headers=headers)
        seen.append(response.status_code)
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:200]}")

    return check


def test_no_operation_answers_500_to_generated_input(fuzz_app: Any, make_headers: Any) -> None:
    headers = make_headers("CMM", "secretariat")
    with TestClient(app=fuzz_app) as client:
        raw = client.get("/schema/openapi.json").json()
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = fuzz_app  # calls go straight to the ASGI app
    failures: list[str] = []
    seen: list[int] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        _checker(operation, headers, failures, seen)()
    assert len(operations) >= 8
    assert 200 in seen  # the generated requests really reached the handlers
    assert failures == []


@pytest.mark.parametrize(
    "path",
    ["/reports/snapshots/191287231670317129662464", "/imports/99999999999999999999", "/imports/0"],
)
@pytest.mark.usefixtures("plan_loaded")
def test_an_absurd_row_id_is_422_not_a_database_overflow(client: Any, make_headers: Any, path: str) -> None:
    response = client.get(path, headers=make_headers("CMM", "secretariat"))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
