"""The fora in the plan workbook: the secretariat edits a forum's cadence and members in a spreadsheet, the
import says exactly what changes (dry run), stores it audited, and refuses unknown codes with sheet, row and column."""

import io
from collections.abc import Callable

import httpx
import openpyxl
import pytest
from sqlmodel import Session, col, select

from actionplan.fora import Forum, ForumMember
from actionplan.models import Organisation
from tests.fixture_types import Client
from tests.tracker.progress_support import fingerprint
from tracker.audit.models import AuditEvent

pytestmark = pytest.mark.usefixtures("plan_loaded")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = ["code", "name_da", "name_en", "scope", "secretariat", "meetings_per_year", "cadence_note", "members",
           "initiatives"]  # fmt: skip


def upload(client: Client, headers: dict[str, str], data: bytes, query: str = "") -> httpx.Response:
    return client.post(f"/imports{query}", files={"file": ("plan.xlsx", data, XLSX)}, headers=headers)


def exported(client: Client, headers: dict[str, str]) -> bytes:
    response = client.get("/plans/mh-2022-2025/workbook", headers=headers)
    assert response.status_code == 200
    return response.content


def edited(data: bytes, edit: Callable[[openpyxl.Workbook], object]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def forum_row(workbook: openpyxl.Workbook, code: str) -> int:
    sheet = workbook["Fora"] if "Fora" in workbook.sheetnames else workbook["Samarbejdsfora"]
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)


def set_cell(workbook: openpyxl.Workbook, code: str, column: str, value: object) -> None:
    workbook["Fora"].cell(forum_row(workbook, code), COLUMNS.index(column) + 1, value)


def test_the_workbook_has_one_row_per_forum_with_members_and_initiatives_as_code_lists(client, make_headers):
    workbook = openpyxl.load_workbook(io.BytesIO(exported(client, make_headers("CMM", "secretariat"))))
    sheet = workbook["Fora"]
    assert [c.value for c in sheet[1]] == COLUMNS
    rows = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == ["TVAERMIN", "NGONET", "NGOADHOC", "VIDEN", "MYNDGRP", "TEKNET", "CBSS-TF", "EU-NET"]
    authorities = rows["MYNDGRP"]
    assert authorities["members"] == "AT, FVST, NSK, RA, SIRI, SKST, SSJP, UST"
    assert authorities["initiatives"] == "MH22-1.4"
    assert authorities["scope"] == "national"
    assert authorities["meetings_per_year"] is None  # the sources do not say; the note says so
    assert authorities["cadence_note"]
    assert (rows["NGONET"]["meetings_per_year"], rows["NGONET"]["secretariat"]) == (2, "CMM")
    assert rows["CBSS-TF"]["scope"] == "international"
    assert "META" in rows["TEKNET"]["members"]  # members outside the plan are organisations too
    kinds = {r[0]: r[3] for r in workbook["Organisations"].iter_rows(min_row=2, values_only=True)}
    assert kinds["META"] == kinds["CBSS-SE"] == "external"


def test_export_then_import_changes_nothing(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")
    data = exported(client, headers)
    before = fingerprint(engine)
    dry = upload(client, headers, data, "?dry_run=true").json()
    assert (dry["result"], dry["created"], dry["updated"], dry["changes"]) == ("no-changes", 0, 0, [])
    applied = upload(client, headers, data).json()
    assert (applied["result"], applied["changes"]) == ("no-changes", [])
    after = fingerprint(engine)
    assert {name for name in before if before[name] != after[name]} == {"import_batch"}


def test_a_changed_cadence_and_member_are_exactly_the_changes_and_are_audited(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")

    def edit(workbook: openpyxl.Workbook) -> None:
        set_cell(workbook, "MYNDGRP", "meetings_per_year", 4)
        # Syd- og Sønderjyllands Politi hands its seat to Rigspolitiet.
        set_cell(workbook, "MYNDGRP", "members", "AT, FVST, NSK, RA, SIRI, SKST, RPOL, UST")

    workbook = edited(exported(client, headers), edit)
    before = fingerprint(engine)
    dry = upload(client, headers, workbook, "?dry_run=true")
    assert dry.status_code == 200, dry.text
    expected = [
        ("forum", "MYNDGRP", "meetings_per_year", None, 4),
        ("forum_member", "MYNDGRP: RPOL", "*", None, "added"),
        ("forum_member", "MYNDGRP: SSJP", "*", "linked", None),
    ]
    assert [(c["entity"], c["key"], c["field"], c["old"], c["new"]) for c in dry.json()["changes"]] == expected
    after_dry = fingerprint(engine)
    assert {name for name in before if before[name] != after_dry[name]} == {"import_batch"}

    applied = upload(client, headers, workbook)
    assert applied.json()["result"] == "applied", applied.text
    assert [(c["entity"], c["key"], c["field"], c["old"], c["new"]) for c in applied.json()["changes"]] == expected
    with Session(engine) as session:
        forum = session.exec(select(Forum).where(Forum.code == "MYNDGRP")).one()
        assert forum.meetings_per_year == 4
        members = session.exec(
            select(Organisation.code)
            .join(ForumMember, col(ForumMember.organisation_id) == Organisation.id)
            .where(ForumMember.forum_id == forum.id)
        ).all()
        assert sorted(members) == ["AT", "FVST", "NSK", "RA", "RPOL", "SIRI", "SKST", "UST"]
        events = session.exec(
            select(AuditEvent).where(AuditEvent.action == "plan.import").order_by(col(AuditEvent.id))
        ).all()
    assert [(e.entity, e.entity_key) for e in events] == [
        ("forum", "MYNDGRP"),
        ("forum_member", "MYNDGRP: RPOL"),
        ("forum_member", "MYNDGRP: SSJP"),
    ]
    assert (events[0].before, events[0].after) == ({"meetings_per_year": None}, {"meetings_per_year": 4})
    assert events[0].actor.startswith("token:")
    # The same workbook again: nothing left to change.
    assert upload(client, headers, workbook).json()["result"] == "no-changes"


def test_a_new_member_outside_the_plan_is_added_as_an_external_organisation(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")

    def edit(workbook: openpyxl.Workbook) -> None:
        workbook["Organisations"].append(["TELENOR", "Telenor Danmark", "Telenor Denmark", "external", None])
        row = forum_row(workbook, "TEKNET")
        cell = workbook["Fora"].cell(row, COLUMNS.index("members") + 1)
        cell.value = f"{cell.value}, TELENOR"

    response = upload(client, headers, edited(exported(client, headers), edit))
    assert response.json()["result"] == "applied", response.text
    assert [(c["entity"], c["key"]) for c in response.json()["changes"]] == [
        ("organisation", "TELENOR"),
        ("forum_member", "TEKNET: TELENOR"),
    ]
    forum = client.get("/fora/TEKNET", headers=headers).json()
    assert {"code": "TELENOR", "kind": "external"}.items() <= next(
        m for m in forum["members_list"] if m["code"] == "TELENOR"
    ).items()


def test_unknown_codes_are_refused_with_sheet_row_and_column_and_nothing_changes(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")

    def edit(workbook: openpyxl.Workbook) -> None:
        set_cell(workbook, "MYNDGRP", "meetings_per_year", 4)  # a good edit in the same file is not stored either
        set_cell(workbook, "NGONET", "members", "CMM, AMIAMI, NOBODY")
        set_cell(workbook, "VIDEN", "initiatives", "MH22-1.1, MH22-99.9")
        set_cell(workbook, "EU-NET", "secretariat", "eu-com")
        set_cell(workbook, "TEKNET", "scope", "galactic")
        set_cell(workbook, "NGOADHOC", "meetings_per_year", "0")
        workbook["Fora"].append(["NYT", None, None, None, None, None, None, None, None])

    before = fingerprint(engine)
    for query in ("?dry_run=true", ""):
        response = upload(client, headers, edited(exported(client, headers), edit), query)
        assert response.status_code == 422, response.text
        body = response.json()
        located = {(e["sheet"], e["row"], e["column"], e["code"]) for e in body["errors"]}
        # Rows: 3 NGONET, 4 NGOADHOC, 5 VIDEN, 7 TEKNET, 9 EU-NET, 10 the new forum.
        assert located == {
            ("Fora", 3, "members", "unknown-organisation"),
            ("Fora", 5, "initiatives", "unknown-initiative"),
            ("Fora", 4, "meetings_per_year", "out-of-range"),
            ("Fora", 9, "secretariat", "unknown-organisation"),
            ("Fora", 7, "scope", "not-allowed"),
            ("Fora", 10, "name_da", "required"),
            ("Fora", 10, "scope", "required"),
        }, body["errors"]
        messages = {e["column"]: e["message"] for e in body["errors"]}
        assert "NOBODY" in messages["members"]
        assert "kind external" in messages["members"]
        assert "MH22-99.9" in messages["initiatives"]
        assert "Did you mean 'EU-COM'?" in messages["secretariat"]
        after = fingerprint(engine)
        assert {name for name in before if before[name] != after[name]} == {"import_batch"}


def test_a_workbook_without_the_fora_sheet_keeps_the_fora(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")

    def drop(workbook: openpyxl.Workbook) -> None:
        del workbook["Fora"]

    before = fingerprint(engine)
    response = upload(client, headers, edited(exported(client, headers), drop))
    assert response.json()["result"] == "no-changes", response.text
    after = fingerprint(engine)
    assert {name for name in before if before[name] != after[name]} == {"import_batch"}


def test_danish_sheet_and_column_names_are_read(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")

    def danish(workbook: openpyxl.Workbook) -> None:
        sheet = workbook["Fora"]
        sheet.title = "Samarbejdsfora"
        for column, name in (("meetings_per_year", "Møder pr. år"), ("members", "Medlemmer")):
            sheet.cell(1, COLUMNS.index(column) + 1, name)
        sheet.cell(forum_row(workbook, "VIDEN"), COLUMNS.index("meetings_per_year") + 1, 2)

    response = upload(client, headers, edited(exported(client, headers), danish), "?dry_run=true")
    assert response.status_code == 200, response.text
    assert [(c["key"], c["field"], c["new"]) for c in response.json()["changes"]] == [("VIDEN", "meetings_per_year", 2)]
