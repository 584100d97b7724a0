"""Delivery confidence (high, medium, low) beside the status: through the API and the progress template."""

import io

import openpyxl
import pytest
from sqlmodel import Session, select

from actionplan.progress import ProgressReport
from tests.tracker.progress_support import REPORT_URL, report_body
from tests.tracker.test_imports_progress import fill, template, upload

pytestmark = pytest.mark.usefixtures("plan_loaded")
PROBLEM = "application/problem+json"


@pytest.fixture
def reden(make_headers):
    return make_headers("REDEN", "reporter")


def stored(engine) -> ProgressReport:
    with Session(engine) as session:
        return session.exec(select(ProgressReport)).one()


def test_a_reporter_gives_delivery_confidence_beside_the_status_and_reads_it_back(client, reden, engine):
    response = client.put(REPORT_URL, json=report_body(confidence="medium"), headers=reden)
    assert response.status_code == 201, response.text
    assert response.json()["confidence"] == "medium"
    assert client.get(REPORT_URL, headers=reden).json()["confidence"] == "medium"
    assert stored(engine).confidence == "medium"


def test_confidence_is_optional_and_anything_but_high_medium_or_low_is_a_422(client, reden, engine):
    response = client.put(REPORT_URL, json=report_body(), headers=reden)
    assert response.status_code == 201
    assert response.json()["confidence"] is None
    etag = response.headers["etag"]
    for bad in ("sure", "HIGH", 3, ""):
        refused = client.put(REPORT_URL, json=report_body(confidence=bad), headers=reden | {"If-Match": etag})
        assert refused.status_code == 422, bad
        assert refused.headers["content-type"].startswith(PROBLEM)
    assert stored(engine).confidence is None


def test_the_template_takes_confidence_in_danish_and_refuses_other_words_at_the_cell(client, reden, engine):
    filled = fill(template(client, reden))
    workbook = openpyxl.load_workbook(io.BytesIO(filled))
    workbook["Rapporter"]["K2"] = "Lav"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, reden, buffer.getvalue())
    assert response.status_code in (200, 201), response.text
    assert stored(engine).confidence == "low"

    workbook["Rapporter"]["K2"] = "Måske"
    buffer = io.BytesIO()
    workbook.save(buffer)
    refused = upload(client, reden, buffer.getvalue())
    assert refused.status_code == 422
    [error] = [e for e in refused.json()["errors"] if e.get("column") == "confidence"]
    assert (error["sheet"], error["row"]) == ("Rapporter", 2)
    assert stored(engine).confidence == "low"  # nothing changed
