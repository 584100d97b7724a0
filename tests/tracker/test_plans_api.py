"""The read API of the plan, as a ministry, the secretariat or the minister's office use it."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.usefixtures("plan_loaded")

PROBLEM = "application/problem+json"


def test_plans_lists_the_2022_2025_plan(client, make_headers):
    response = client.get("/plans", headers=make_headers())
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    plan = body["data"][0]
    assert plan["slug"] == "mh-2022-2025"
    assert plan["title_da"] == "Handlingsplan til bekæmpelse af menneskehandel 2022-2025"
    assert plan["budget_dkk"] == 118_200_000
    assert plan["initiative_count"] == 16
    assert plan["coordinator"]["code"] == "CMM"


def test_plan_detail_has_four_groups_and_half_yearly_periods(client, make_headers):
    body = client.get("/plans/mh-2022-2025", headers=make_headers()).json()
    assert [f["code"] for f in body["focus_areas"]] == ["IO1", "IO2", "IO3", "X"]
    assert [f["initiative_count"] for f in body["focus_areas"]] == [7, 5, 3, 1]
    assert body["focus_areas"][3]["is_official"] is False
    labels = [p["label"] for p in body["periods"]]
    assert labels == [f"{y}-H{h}" for y in range(2022, 2026) for h in (1, 2)]
    h1 = body["periods"][0]
    assert (h1["ends"], h1["due"]) == ("2022-06-30", "2022-07-31")
    assert body["periods"][-1]["due"] == "2026-01-31"
    assert "Reconstructed from public secondary sources" in body["reconstruction_note"]


def test_initiatives_returns_sixteen_each_with_a_lead(client, make_headers):
    body = client.get("/initiatives", headers=make_headers()).json()
    assert body["count"] == 16
    assert {i["focus_area"] for i in body["data"]} == {"IO1", "IO2", "IO3", "X"}
    assert all(i["lead"]["code"] for i in body["data"])
    assert all(i["source_url"].startswith("https://") for i in body["data"])
    assert {i["certainty"] for i in body["data"]} == {"high", "medium", "uncertain"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("focus_area=IO3", ["MH22-3.1", "MH22-3.2", "MH22-3.3"]),
        ("lead=REDEN", ["MH22-2.1"]),
        ("partner=REDEN", ["MH22-1.2", "MH22-1.3", "MH22-2.5"]),
        ("owner=REDEN", ["MH22-1.2", "MH22-1.3", "MH22-2.1", "MH22-2.5"]),
        ("q=hjemsendelse", ["MH22-2.4"]),
        ("q=RETURN", ["MH22-2.4"]),
    ],
)
def test_initiatives_filter(client, make_headers, query, expected):
    body = client.get(f"/initiatives?{query}", headers=make_headers()).json()
    assert [i["code"] for i in body["data"]] == expected


def test_overdue_initiatives_are_those_past_deadline_without_completion(client, make_headers):
    # Late 2026: every initiative with a 2025-12-31 deadline and no approved "completed" report is overdue.
    body = client.get("/initiatives?overdue=true", headers=make_headers()).json()
    assert [i["code"] for i in body["data"]] == ["MH22-1.1", "MH22-1.2", "MH22-1.3", "MH22-2.1", "MH22-X.1"]
    assert all(i["overdue"] for i in body["data"])


def test_pagination(client, make_headers):
    first = client.get("/initiatives?page_size=5", headers=make_headers()).json()
    last = client.get("/initiatives?page_size=5&page=4", headers=make_headers()).json()
    assert first["count"] == last["count"] == 16
    assert len(first["data"]) == 5
    assert [i["code"] for i in last["data"]] == ["MH22-X.1"]


def test_initiative_detail_shows_owners_indicators_and_who_reported_each_value(client, make_headers):
    response = client.get("/initiatives/MH22-X.1", headers=make_headers())
    assert response.status_code == 200
    body = response.json()
    assert body["lead"]["code"] == "LIGE"
    assert {o["code"] for o in body["partner_organisations"]} == {"CMM", "REF"}
    indicator = body["indicators"][0]
    assert indicator["disaggregation"]["sex"] == ["women", "men", "trans"]
    totals_2021 = {
        a["source_org"]: a["value"] for a in indicator["actuals"] if a["period"] == "2021" and not a["category"]
    }
    # The sources disagree, and both values are kept with who reported them.
    assert totals_2021 == {"Center mod Menneskehandel": 80, "US State Dept (TIP 2022)": 68}
    assert {a["period"] for a in indicator["actuals"]} >= {"2019", "2020", "2021", "2022", "2023"}
    assert body["certainty"] == "medium"
    assert body["source_url"].startswith("https://")


def test_unknown_initiative_is_404_problem(client, make_headers):
    response = client.get("/initiatives/NOPE", headers=make_headers())
    assert response.status_code == 404
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == 404
    assert "NOPE" in body["detail"]
    assert body["type"].endswith("/not-found")


@pytest.mark.parametrize(
    "query",
    ["page_size=abc", "page=0", "page_size=100000", "overdue=maybe", "q=" + "x" * 300],
)
def test_bad_query_parameter_is_422_problem(client, make_headers, query):
    response = client.get(f"/initiatives?{query}", headers=make_headers())
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["errors"]


def test_unknown_filter_values_are_404_not_500(client, make_headers):
    for query in ("plan=nope", "lead=NOPE", "partner=NOPE", "owner=NOPE"):
        response = client.get(f"/initiatives?{query}", headers=make_headers())
        assert response.status_code == 404, query


def test_unknown_route_is_problem_json(client, make_headers):
    response = client.get("/no-such-thing", headers=make_headers())
    assert response.status_code == 404
    assert response.headers["content-type"].startswith(PROBLEM)


def test_organisations_list_what_each_leads(client, make_headers):
    body = client.get("/organisations/REDEN", headers=make_headers()).json()
    assert body["kind"] == "ngo"
    assert body["leads"] == ["MH22-2.1"]


def test_periods_can_be_filtered_by_state(client, make_headers):
    body = client.get("/periods?state=open", headers=make_headers()).json()
    assert [p["label"] for p in body["data"]] == ["2025-H2"]


def test_openapi_schema_is_served_without_a_token(client):
    response = client.get("/schema/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)  # raises on an invalid OpenAPI document
    assert "/initiatives/{code}" in schema["paths"]
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"


def test_health_reports_database_and_migrations(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["migrations"]["ok"] is True
