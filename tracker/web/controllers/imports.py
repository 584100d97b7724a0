"""Imports through the web: download the pre-filled template, upload a workbook, see the preview, confirm.

Every step calls the import service the JSON API calls (`tracker.imports.service` through
`tracker.imports.pending`): the same safety checks, rules, dry run, all-or-nothing write and audit events. The
uploaded bytes wait as a pending upload between the preview and the confirmation; confirming imports exactly
those bytes, and only if the import would still do what the preview showed.
"""

from typing import Annotated, Any

from litestar import Controller, Response
from litestar.datastructures import State, UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template
from sqlmodel import Session

from tracker.auth.models import Role
from tracker.deps import CurrentSettings, DbSession, Now, RowId
from tracker.errors import NotFound, TrackerError
from tracker.imports import pending as uploads
from tracker.imports.controllers import file_slug, import_slots, xlsx_download
from tracker.imports.models import ImportBatch
from tracker.imports.result import ImportResult
from tracker.imports.service import get_batch
from tracker.imports.templates import progress_template
from tracker.imports.worker import reader_for
from tracker.plans.service import list_organisations, list_periods
from tracker.web.i18n import Translator, translator
from tracker.web.pages import (
    FormData,
    FormErrors,
    WebCaller,
    form_value,
    html_get,
    html_post,
    language,
    page,
    see_other,
)
from tracker.web.session import REPORTER_PAGE
from tracker.web.viewer import PLAN

Upload = Annotated[FormData, Body(media_type=RequestEncodingType.MULTI_PART)]
Form = Annotated[FormData, Body(media_type=RequestEncodingType.URL_ENCODED)]
Period = Annotated[str | None, QueryParameter(max_length=16)]
Organisation = Annotated[str | None, QueryParameter(max_length=16)]
HOME = "/import"


def _shown(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return value


def grouped_changes(changes: list[dict[str, Any]], kind: str, t: Translator) -> list[dict[str, Any]]:
    """The diff as the preview shows it: per report (or plan row), one line per field with "Før" and "Efter"."""
    groups: dict[str, dict[str, Any]] = {}
    for change in changes:
        key = str(change.get("key", ""))
        field = str(change.get("field", ""))
        if kind == "plan":
            entity = str(change.get("entity", ""))
            name = t(f"import.entity.{entity}") if t.has(f"import.entity.{entity}") else entity
            title, label = f"{name} {key}", field
        else:
            parts = key.split(" ")
            title = " ".join(parts[:2])
            if len(parts) > 2:
                label = t("diff.indicator", code=parts[2]) + ", " + t.category(" ".join(parts[3:])).lower()
            else:
                label = t(f"field.{field}") if t.has(f"field.{field}") else field
        old, new = change.get("old"), change.get("new")
        if field == "*":
            label = t("import.whole") if kind != "plan" else t("import.whole_row")
            old, new = (None, t("import.created")) if new is not None else (t("import.exists"), t("import.removed"))
        elif field in ("status", "forecast_status"):
            old, new = (t.status(old) if old is not None else None), (t.status(new) if new is not None else None)
        elif field == "state":
            label = t("report.state")
            old, new = (t(f"state.{old}") if old else None), (t(f"state.{new}") if new else None)
        where = ""
        if change.get("sheet") and change.get("row"):
            where = t("import.where", sheet=change["sheet"], row=change["row"])
        groups.setdefault(title, {"title": title, "rows": []})["rows"].append(
            {"field": label, "old": _shown(old), "new": _shown(new), "where": where}
        )
    return list(groups.values())


def _batch_view(batch: ImportBatch | ImportResult, t: Translator) -> dict[str, Any]:
    errors = list(batch.errors)
    return {
        "id": batch.batch_id if isinstance(batch, ImportResult) else batch.id,
        "kind": batch.kind,
        "filename": batch.filename,
        "result": batch.result.value if hasattr(batch.result, "value") else str(batch.result),
        "created": batch.created,
        "updated": batch.updated,
        "unchanged": batch.unchanged,
        "rejected": batch.rejected,
        "rows": batch.rows,
        "errors": errors,
        "errors_total": batch.errors_total if isinstance(batch, ImportResult) else len(errors),
        "warnings": list(batch.warnings),
        "groups": grouped_changes(list(batch.changes), batch.kind, t),
        "changes_total": batch.changes_total if isinstance(batch, ImportResult) else len(batch.changes),
        "submit": batch.submit,
    }


class ImportPagesController(Controller):
    path = HOME
    guards = [REPORTER_PAGE]

    @html_get("/")
    def index(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        periode: Period = None,
        organisation: Organisation = None,
    ) -> Template:
        return self._index(request, session, principal, now, period=periode or "", organisation=organisation or "")

    @html_get("/skabelon")
    def template(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        periode: Period = None,
        organisation: Organisation = None,
    ) -> Response[Any]:
        """The pre-filled progress template of an organisation (a reporter's own) for an open period."""
        t = translator(language(request))
        period = periode or ""
        code = organisation or principal.organisation_code
        if principal.role is not Role.SECRETARIAT:
            code = principal.organisation_code
        errors = FormErrors()
        if period not in [p.label for p in list_periods(session, PLAN, state="open").data]:
            errors.add("periode", t("import.error.period"))
        if code not in [o.code for o in list_organisations(session).data]:
            errors.add("organisation", t("people.error.organisation"))
        if errors:
            return self._index(
                request, session, principal, now, period=period, organisation=code, errors=errors, status_code=422
            )
        data = progress_template(session, period, code, plan=PLAN)
        return xlsx_download(data, f"fremdrift-{file_slug(code)}-{file_slug(period)}.xlsx")

    @html_post("/")  # the body limit is the upload limit: set where the router is built (tracker/web/setup.py)
    def upload(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        state: State,
        data: Upload,
    ) -> Response[Any]:
        """Dry run of the uploaded workbook: its preview (303), or the full page with its errors (422)."""
        t = translator(language(request))
        file = data.get("file")
        submit = form_value(data, "submit") == "yes"
        errors = FormErrors()
        content = b""
        if isinstance(file, UploadFile):
            content = file.file.read(settings.import_max_bytes + 1)
        if not content:
            errors.add("file", t("import.error.no_file"))
            return self._index(request, session, principal, now, errors=errors, status_code=422)
        slots = import_slots(state, settings)
        if not slots.acquire(blocking=False):
            errors.add("file", t("import.error.busy"))
            return self._index(request, session, principal, now, errors=errors, status_code=503)
        try:
            assert isinstance(file, UploadFile)
            filename = file.filename or ""
            # The file is read and parsed first, without the database (in a worker process of its own unless
            # TRACKER_IMPORT_WORKER is off); only the dry run's comparison uses the request's session.
            with reader_for(settings) as reader:
                prepared = uploads.read_upload(principal, content, filename, settings=settings, reader=reader)
                preview = uploads.preview(
                    session,
                    principal,
                    content,
                    filename,
                    prepared,
                    reader=reader,
                    submit=submit,
                    now=now,
                    settings=settings,
                )
        except TrackerError as exc:
            # An unreadable, hostile or wrong file (or a plan workbook from a reporter): nothing was recorded.
            errors.add("file", t("import.error.file", detail=exc.detail))
            return self._index(request, session, principal, now, errors=errors, status_code=422)
        finally:
            slots.release()
        result = preview.result
        if not result.ok:
            errors.add("errors", t("import.error.rows", count=result.errors_total))
            return self._result(request, result, t, errors=errors, status_code=422)
        if preview.pending is None:
            return see_other(request, f"{HOME}/koersel/{result.batch_id}", flash="import_no_changes")
        return see_other(request, f"{HOME}/{preview.pending.id}")

    @html_get("/{pending_id:int}")
    def preview_page(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, pending_id: RowId
    ) -> Template:
        pending = uploads.get_pending(session, principal, pending_id, now=now)
        return self._preview(request, session, principal, pending)

    @html_post("/{pending_id:int}/bekraeft")
    def confirm(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        pending_id: RowId,
        data: Form,
    ) -> Response[Any]:
        t = translator(language(request))
        outcome = uploads.confirm(
            session, principal, pending_id, form_value(data, "sha256"), now=now, settings=settings
        )
        if outcome.stale:
            errors = FormErrors()
            errors.add("confirm", t("import.error.stale"))
            if outcome.pending is not None:
                return self._preview(request, session, principal, outcome.pending, errors=errors, status_code=409)
            stale = FormErrors()
            stale.add("summary", t("import.error.stale"))
            return self._result(request, outcome.result, t, errors=stale, status_code=409)
        if not outcome.result.ok:
            errors = FormErrors()
            errors.add("errors", t("import.error.rows", count=outcome.result.errors_total))
            return self._result(request, outcome.result, t, errors=errors, status_code=422)
        return see_other(request, f"{HOME}/koersel/{outcome.result.batch_id}", flash="import_applied")

    @html_post("/{pending_id:int}/annuller")
    def cancel(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, pending_id: RowId, data: Form
    ) -> Response[Any]:
        uploads.cancel(session, principal, pending_id, form_value(data, "sha256"), now=now)
        return see_other(request, HOME, flash="import_cancelled")

    @html_get("/koersel/{batch_id:int}")
    def batch(self, request: HTMXRequest, session: DbSession, principal: WebCaller, batch_id: RowId) -> Template:
        """One import batch (a dry run, a rejected or an applied import): what it did, its errors."""
        t = translator(language(request))
        found = get_batch(session, principal, batch_id)
        return page(
            request,
            "pages/imports/result.html",
            title=t("import.batch.title", id=batch_id),
            batch=_batch_view(found, t),
            annotated=found.annotated is not None,
        )

    @html_get("/koersel/{batch_id:int}/fejl.xlsx")
    def annotated(self, session: DbSession, principal: WebCaller, batch_id: RowId) -> Response[bytes]:
        """The uploaded workbook with its errors marked in place."""
        found = get_batch(session, principal, batch_id)
        if found.annotated is None:
            raise NotFound(f"Import batch {batch_id} had no errors.")
        return xlsx_download(found.annotated, f"import-{batch_id}-fejl.xlsx")

    # ------------------------------------------------------------------------------------------------------
    def _index(
        self,
        request: HTMXRequest,
        session: Session,
        principal: Any,
        now: Any,
        *,
        period: str = "",
        organisation: str = "",
        errors: FormErrors | None = None,
        status_code: int = 200,
    ) -> Template:
        lang = language(request)
        t = translator(lang)
        periods = [p.label for p in list_periods(session, PLAN, state="open").data]
        organisations = (
            [
                (o.code, f"{o.code} – {o.name_da if lang == 'da' else o.name_en}")
                for o in list_organisations(session).data
                if o.leads
            ]
            if principal.role is Role.SECRETARIAT
            else []
        )
        return page(
            request,
            "pages/imports/index.html",
            title=t("import.title"),
            periods=[(label, label) for label in periods],
            period=period if period in periods else (periods[-1] if periods else ""),
            organisations=organisations,
            organisation=organisation or principal.organisation_code,
            pending=uploads.list_pending(session, principal, now=now),
            secretariat=principal.role is Role.SECRETARIAT,
            errors=errors,
            status_code=status_code,
        )

    def _preview(
        self,
        request: HTMXRequest,
        session: Session,
        principal: Any,
        pending: Any,
        *,
        errors: FormErrors | None = None,
        status_code: int = 200,
    ) -> Template:
        t = translator(language(request))
        preview_batch = (
            get_batch(session, principal, pending.preview_batch_id) if pending.preview_batch_id is not None else None
        )
        return page(
            request,
            "pages/imports/preview.html",
            title=t("import.preview.title", filename=pending.filename or t("import.unnamed")),
            pending=pending,
            batch=_batch_view(preview_batch, t) if preview_batch is not None else None,
            may_confirm=pending.actor == principal.actor,
            errors=errors,
            status_code=status_code,
        )

    def _result(
        self, request: HTMXRequest, result: ImportResult, t: Translator, *, errors: FormErrors, status_code: int
    ) -> Template:
        return page(
            request,
            "pages/imports/result.html",
            title=t("import.batch.title", id=result.batch_id),
            batch=_batch_view(result, t),
            annotated=bool(result.errors),
            errors=errors,
            status_code=status_code,
        )
