"""Imports through the web: template download, upload, a preview of exactly what changes, then confirm.

The pages call the import service the API calls, so the rules, the all-or-nothing write and the audit events
are the API's; between preview and confirmation the bytes wait as a pending upload, and confirming refuses when
the data changed since the preview.
"""

import io
import re
from datetime import date, timedelta

import httpx
import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from actionplan.models import Initiative
from actionplan.progress import ProgressReport
from actionplan.workbook import export_plan_workbook
from tests.conftest import NOW
from tests.fixture_types import Client
from tests.tracker.progress_support import INITIATIVE, PERIOD, audit_actions, fingerprint, report_body
from tests.tracker.test_imports_progress import fill
from tests.web.support import csrf_token, make_person, post_form, sign_in
from tracker.auth.service import Principal
from tracker.errors import NotFound
from tracker.imports.models import ImportBatch, PendingUpload
from tracker.imports.pending import get_pending, purge_pending
from tracker.jobs.missing import PeriodRef
from tracker.jobs.reminders import links
from tracker.progress import service as progress_service
from tracker.progress.schemas import ReportInput
from tracker.settings import Settings
from tracker.users.models import User
from tracker.users.service import WebPrincipal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW = re.compile(r"^/import/(\d+)$")


def upload(client: Client, data: bytes, *, submit: bool = False, filename: str = "fremdrift.xlsx") -> httpx.Response:
    form = {"_csrf_token": csrf_token(client)}
    if submit:
        form["submit"] = "yes"
    return client.post("/import", data=form, files={"file": (filename, data, XLSX)}, follow_redirects=False)


def template(client: Client) -> bytes:
    response = client.get(f"/import/skabelon?periode={PERIOD}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(XLSX)
    return response.content


def preview_id(response: httpx.Response) -> int:
    assert response.status_code == 303, response.text
    match = PREVIEW.match(response.headers["location"])
    assert match, response.headers["location"]
    return int(match.group(1))


def pending_rows(engine: Engine) -> list[PendingUpload]:
    with Session(engine) as session:
        return list(session.exec(select(PendingUpload)).all())


def report_row(engine: Engine) -> ProgressReport | None:
    with Session(engine) as session:
        from actionplan.models import ReportingPeriod

        return session.exec(
            select(ProgressReport)
            .join(Initiative, col(Initiative.id) == ProgressReport.initiative_id)
            .join(ReportingPeriod, col(ReportingPeriod.id) == ProgressReport.period_id)
            .where(Initiative.code == INITIATIVE, ReportingPeriod.label == PERIOD)
        ).first()


def test_a_reporter_downloads_the_template_previews_the_upload_and_confirms_it(signed_in, engine):
    reporter = signed_in("reporter")
    page = reporter.get("/import")
    assert page.status_code == 200
    assert page.text.count("<h1") == 1
    assert 'enctype="multipart/form-data"' in page.text
    assert 'href="/import"' in page.text  # in the menu
    # Another organisation asked for: a reporter still gets its own template.
    other = reporter.get(f"/import/skabelon?periode={PERIOD}&organisation=DRK")
    assert openpyxl.load_workbook(io.BytesIO(other.content))["Rapporter"]["B2"].value == "REDEN"
    filled = fill(template(reporter))

    before = fingerprint(engine)
    pending_id = preview_id(upload(reporter, filled, submit=True))
    after = fingerprint(engine)
    # The preview wrote its dry-run batch and the pending upload, nothing else.
    assert {name for name in before if before[name] != after[name]} == {"import_batch", "pending_upload"}
    [kept] = pending_rows(engine)
    assert kept.data == filled
    assert kept.submit is True
    assert report_row(engine) is None

    preview = reporter.get(f"/import/{pending_id}")
    assert preview.status_code == 200
    text = preview.text
    assert f"<strong>{INITIATIVE} {PERIOD}</strong>" in text
    assert ">Før<" in text
    assert ">Efter<" in text
    assert "Oprettes" in text  # the new report, in words
    assert "Indikator MH22-2.1-I1, i alt" in text
    assert "87,5" in text  # the value in Danish format
    assert "Rapporter, række 2" in text  # where in the workbook
    assert "indsendes til sekretariatet" in text

    confirmed = post_form(reporter, f"/import/{pending_id}/bekraeft", {"sha256": kept.sha256})
    assert confirmed.status_code == 303, confirmed.text
    receipt = reporter.get(confirmed.headers["location"])
    assert receipt.status_code == 200
    assert "Regnearket er importeret." in receipt.text
    report = report_row(engine)
    assert report is not None
    assert report.state == "submitted"
    assert report.spent_dkk == 1_250_000
    assert pending_rows(engine) == []  # the bytes are gone once imported
    actions = audit_actions(engine)
    assert actions.count("import.dry_run") == 1
    assert "import.applied" in actions
    assert "report.create" in actions
    assert "report.submit" in actions
    with Session(engine) as session:
        applied = session.exec(select(ImportBatch).where(ImportBatch.result == "applied")).one()
        assert applied.actor == "user:1"
        assert applied.sha256 == kept.sha256


def test_errors_are_a_full_page_with_sheet_row_and_column_and_the_annotated_copy(signed_in, engine):
    reporter = signed_in("reporter")
    broken = fill(template(reporter), status="Nogenlunde", value="mange")
    before = fingerprint(engine)
    answer = upload(reporter, broken)
    assert answer.status_code == 422
    assert answer.text.count("<h1") == 1
    assert "<title>Fejl: " in answer.text
    assert 'href="#errors"' in answer.text  # the error summary links the error table
    assert "<td>Rapporter</td>" in answer.text
    assert "<td>Indikatorer</td>" in answer.text
    assert "<td>E2</td>" in answer.text
    assert "<td>G2</td>" in answer.text
    # Each error in a plain Danish sentence, then the service's own detail (in English, marked so).
    assert "Ikke et tal" in answer.text
    assert '<span lang="en" class="app-detail">' in answer.text
    after = fingerprint(engine)
    assert {name for name in before if before[name] != after[name]} == {"import_batch"}
    assert pending_rows(engine) == []
    link = re.search(r'href="(/import/koersel/\d+/fejl\.xlsx)"', answer.text)
    assert link, answer.text
    annotated = reporter.get(link.group(1))
    assert annotated.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(annotated.content))["Rapporter"]["E2"].comment is not None
    # Another organisation's reporter cannot open it.
    assert signed_in("other").get(link.group(1)).status_code == 404


def test_no_file_and_a_file_that_is_not_a_workbook_are_422_with_the_summary(signed_in, engine):
    reporter = signed_in("reporter")
    before = fingerprint(engine)
    empty = reporter.post(
        "/import",
        data={"_csrf_token": csrf_token(reporter)},
        files={"file": ("", b"", "application/octet-stream")},
        follow_redirects=False,
    )
    assert empty.status_code == 422
    assert 'href="#file"' in empty.text
    assert "Vælg et regneark" in empty.text
    junk = upload(reporter, b"not a workbook at all", filename="notes.txt")
    assert junk.status_code == 422
    assert "Filen kan ikke importeres" in junk.text
    plan = upload(reporter, _plan_workbook(engine), filename="plan.xlsx")
    assert plan.status_code == 422
    assert "Only the secretariat" in plan.text
    assert fingerprint(engine) == before


def test_confirming_refuses_when_the_report_changed_since_the_preview(signed_in, engine, db_settings):
    reporter = signed_in("reporter")
    pending_id = preview_id(upload(reporter, fill(template(reporter))))
    [kept] = pending_rows(engine)
    # Meanwhile someone at REDEN saves the report through the API (the same service).
    with Session(engine) as session:
        progress_service.save_draft(
            session,
            _principal(engine),
            INITIATIVE,
            PERIOD,
            ReportInput(**report_body()),
            now=NOW,
            expected_version=None,
            settings=db_settings,
        )
        session.commit()
    saved = report_row(engine)
    before = fingerprint(engine)
    refused = post_form(reporter, f"/import/{pending_id}/bekraeft", {"sha256": kept.sha256})
    assert refused.status_code == 409
    assert "Data er ændret siden forhåndsvisningen" in refused.text
    assert 'href="#confirm"' in refused.text
    # Nothing imported: the report is the colleague's, unchanged.
    now_row = report_row(engine)
    assert (now_row.version, now_row.narrative) == (saved.version, saved.narrative)
    changed = {name for name in before if before[name] != fingerprint(engine)[name]}
    assert changed <= {"import_batch", "pending_upload"}
    assert "import.stale" in audit_actions(engine)
    # The page shows the fresh preview (against the colleague's draft); confirming it now imports.
    assert "Both shelters open all period" in refused.text
    [fresh] = pending_rows(engine)
    again = post_form(reporter, f"/import/{pending_id}/bekraeft", {"sha256": fresh.sha256})
    assert again.status_code == 303, again.text
    assert report_row(engine).narrative.endswith("har boet der.")


def test_the_bytes_are_checked_and_others_cannot_see_or_confirm(signed_in, engine):
    reporter = signed_in("reporter")
    other, viewer, secretariat = signed_in("other"), signed_in("viewer"), signed_in("secretariat")
    pending_id = preview_id(upload(reporter, fill(template(reporter))))
    [kept] = pending_rows(engine)
    before = fingerprint(engine)
    assert other.get(f"/import/{pending_id}").status_code == 404
    assert post_form(other, f"/import/{pending_id}/bekraeft", {"sha256": kept.sha256}).status_code == 404
    assert "/import/" + str(pending_id) not in other.get("/import").text
    assert viewer.get("/import").status_code == 403
    # A wrong hash, or no CSRF token: refused, nothing changes.
    assert post_form(reporter, f"/import/{pending_id}/bekraeft", {"sha256": "0" * 64}).status_code == 409
    no_csrf = reporter.post(f"/import/{pending_id}/bekraeft", data={"sha256": kept.sha256}, follow_redirects=False)
    assert no_csrf.status_code == 403
    assert fingerprint(engine) == before
    # The secretariat sees it (BATCH_ACCESS), but only the uploader may confirm.
    assert "kun den, der uploadede den, kan bekræfte den" in secretariat.get(f"/import/{pending_id}").text
    assert post_form(secretariat, f"/import/{pending_id}/bekraeft", {"sha256": kept.sha256}).status_code == 404
    # Cancelling forgets the bytes.
    cancelled = post_form(reporter, f"/import/{pending_id}/annuller", {"sha256": kept.sha256})
    assert cancelled.status_code == 303
    assert pending_rows(engine) == []
    assert reporter.get(f"/import/{pending_id}").status_code == 404


def test_pending_uploads_expire_and_are_purged(signed_in, engine, db_settings: Settings):
    reporter = signed_in("reporter")
    pending_id = preview_id(upload(reporter, fill(template(reporter))))
    later = NOW + timedelta(minutes=db_settings.import_pending_minutes + 1)
    with Session(engine) as session:
        reden = _principal(engine)
        pending = session.get(PendingUpload, pending_id)
        assert pending is not None
        web_reporter = WebPrincipal(
            token_id=0,
            organisation_id=reden.organisation_id,
            organisation_code="REDEN",
            role=reden.role,
            user_id=int(pending.actor.split(":")[1]),
        )
        assert get_pending(session, web_reporter, pending_id, now=NOW).id == pending_id
        with pytest.raises(NotFound):
            get_pending(session, web_reporter, pending_id, now=later)
    with Session(engine) as session:
        assert purge_pending(session, now=NOW) == 0
        assert purge_pending(session, now=later) == 1
        session.commit()
    assert pending_rows(engine) == []


def test_the_secretariat_previews_and_confirms_a_plan_workbook(signed_in, engine):
    secretariat = signed_in("secretariat")
    workbook = openpyxl.load_workbook(io.BytesIO(_plan_workbook(engine)))
    workbook["Initiatives"]["C2"] = "Styrket opsøgende indsats"
    buffer = io.BytesIO()
    workbook.save(buffer)
    pending_id = preview_id(upload(secretariat, buffer.getvalue(), filename="plan.xlsx"))
    preview = secretariat.get(f"/import/{pending_id}").text
    assert "<strong>Initiativ MH22-1.1</strong>" in preview
    assert "title_da" in preview
    assert "Styrket opsøgende indsats" in preview
    [kept] = pending_rows(engine)
    assert post_form(secretariat, f"/import/{pending_id}/bekraeft", {"sha256": kept.sha256}).status_code == 303
    with Session(engine) as session:
        assert session.exec(select(Initiative.title_da).where(Initiative.code == "MH22-1.1")).one() == (
            "Styrket opsøgende indsats"
        )
    assert "plan.import" in audit_actions(engine)
    # The same file again changes nothing: no pending upload, a receipt saying so.
    again = upload(secretariat, buffer.getvalue(), filename="plan.xlsx")
    assert again.status_code == 303
    assert "/import/koersel/" in again.headers["location"]
    assert "ændrer intet" in secretariat.get(again.headers["location"]).text


def test_the_import_pages_speak_english(signed_in):
    reporter = signed_in("reporter")
    reporter.get("/sprog/en?next=/import")
    page = reporter.get("/import").text
    assert "Import a spreadsheet" in page
    assert "Download the template (xlsx)" in page


def _plan_workbook(engine: Engine) -> bytes:
    with Session(engine) as session:
        data = export_plan_workbook(session, "mh-2022-2025")
    assert data is not None
    return data


def _principal(engine: Engine) -> Principal:
    from tracker.auth.models import Role

    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == "anna@reden.dk")).one()
        from actionplan.models import Organisation

        org = session.get(Organisation, user.organisation_id)
        assert org is not None
        return Principal(token_id=0, organisation_id=org.id or 0, organisation_code=org.code, role=Role.REPORTER)


def test_the_reminder_mails_template_link_opens_the_import_page_through_sign_in(browser, engine, db_settings):
    url = links(db_settings, PeriodRef(1, "mh-2022-2025", PERIOD, date(2026, 1, 31)), "REDEN")["template_url"]
    path = url.removeprefix(db_settings.base_url.rstrip("/"))
    assert path == f"/import?periode={PERIOD}&organisation=REDEN"
    first = browser.get(path, follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"].startswith("/log-ind?next=")
    landed = sign_in(browser, engine, make_person(engine, "reporter"), next_path=path)
    assert landed.headers["location"] == path
    page = browser.get(path)
    assert page.status_code == 200
    assert f'<option value="{PERIOD}" selected>' in page.text


def test_a_sheet_the_import_does_not_read_is_named_in_danish_on_the_preview(signed_in):
    reporter = signed_in("reporter")
    pending_id = preview_id(upload(reporter, fill(template(reporter))))
    text = reporter.get(f"/import/{pending_id}").text
    # The template's instructions sheet: a plain Danish sentence, then the service's own detail (in English).
    assert "Vejledning: Arket læses ikke og gemmes ikke; intet i det er importeret." in text
    assert '<span lang="en" class="app-detail">The instructions sheet is not read' in text
