"""HTTP API of spreadsheets: upload an import, see its batch and annotated copy, download templates and
the plan workbook."""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Annotated, Any, TypeVar

import anyio.from_thread
import anyio.to_thread
from litestar import Controller, Request, Response, Router, get, post
from litestar.datastructures import State, UploadFile
from litestar.enums import RequestEncodingType
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Body, FromPath, QueryParameter
from sqlalchemy import Engine
from sqlmodel import Session

from actionplan.workbook import export_plan_workbook
from tracker.auth.guards import REPORTER_OR_SECRETARIAT, VIEWER_OR_SECRETARIAT
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.contract import XLSX, files, problems
from tracker.db import connection_gate, session_scope
from tracker.deps import Caller, CurrentSettings, DbSession, Now, RowId
from tracker.errors import (
    PROBLEM_MEDIA_TYPE,
    Forbidden,
    NotFound,
    ServiceBusy,
    ValidationFailed,
    problem,
)
from tracker.imports import service
from tracker.imports.result import ImportResult
from tracker.imports.schemas import BatchPublic, ImportProblem
from tracker.imports.templates import progress_template
from tracker.imports.transactions import Transaction
from tracker.imports.worker import reader_for
from tracker.settings import Settings

T = TypeVar("T")


@dataclass
class ImportUpload:
    """The multipart form: one field `file` holding the workbook."""

    file: UploadFile


def xlsx_download(data: bytes, filename: str) -> Response[bytes]:
    return Response(
        data,
        media_type=XLSX,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _public(result: ImportResult, actor: str, at: str) -> BatchPublic:
    assert result.batch_id is not None
    return BatchPublic(
        id=result.batch_id,
        kind=result.kind,
        filename=result.filename,
        sha256=result.sha256,
        actor=actor,
        dry_run=result.dry_run,
        submit=result.submit,
        result=result.result.value,
        message=result.message,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        rejected=result.rejected,
        changes=result.changes,
        changes_total=result.changes_total,
        errors=result.errors,
        errors_total=result.errors_total,
        warnings=result.warnings,
        annotated_url=f"/imports/{result.batch_id}/annotated" if result.errors else None,
        at=at,
    )


_slots_lock = threading.Lock()


def import_slots(state: State, settings: Settings) -> threading.BoundedSemaphore:
    """How many imports may run at once in this process (TRACKER_IMPORT_CONCURRENCY)."""
    with _slots_lock:
        slots: threading.BoundedSemaphore | None = state.get("import_slots")
        if slots is None:
            slots = threading.BoundedSemaphore(settings.import_concurrency)
            state["import_slots"] = slots
        return slots


def gated_transactions(engine: Engine) -> "Transaction[Any]":
    """Short transactions from a request's worker thread, each admitted through the connection gate."""

    def run(work: Callable[[Session], T]) -> T:
        gate = anyio.from_thread.run_sync(connection_gate, engine)
        anyio.from_thread.run(gate.acquire)
        try:
            with session_scope(engine) as session:
                return work(session)
        finally:
            anyio.from_thread.run_sync(gate.release)

    return run


def _run_import(
    transaction: "Transaction[Any]",
    principal: Principal,
    content: bytes,
    filename: str,
    *,
    dry_run: bool,
    submit: bool,
    now: datetime,
    settings: Settings,
) -> tuple[ImportResult, bytes | None]:
    """An upload's import, its file read in a worker process of its own (TRACKER_IMPORT_WORKER)."""
    with reader_for(settings) as reader:
        return service.run_import(
            transaction,
            principal,
            content,
            filename,
            dry_run=dry_run,
            submit=submit,
            now=now,
            settings=settings,
            reader=reader,
        )


class ImportController(Controller):
    path = "/imports"
    tags = ["spreadsheets"]
    guards = [REPORTER_OR_SECRETARIAT]

    @post(
        "/",
        summary="Import a plan workbook (secretariat) or a progress template (multipart field `file`)",
        status_code=200,
        responses={
            200: ResponseSpec(
                BatchPublic, description="Imported (or, with dry_run, what would change)", generate_examples=False
            ),
            422: ResponseSpec(
                ImportProblem,
                media_type=PROBLEM_MEDIA_TYPE,
                description="The workbook has errors; nothing was imported (the batch keeps an annotated copy)",
                generate_examples=False,
            ),
        },
    )
    async def create_import(
        self,
        request: Request[Any, Any, Any],
        state: State,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        data: Annotated[ImportUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
        dry_run: Annotated[bool, QueryParameter(description="Validate and show the diff; change nothing")] = False,
        submit: Annotated[bool, QueryParameter(description="Submit imported progress reports for review")] = False,
    ) -> Response[Any]:
        # No request session here: the file is read and checked outside the database, which is used in short
        # transactions only, so a large upload never holds up other requests.
        slots = import_slots(state, settings)
        if not slots.acquire(blocking=False):
            raise ServiceBusy(
                f"{settings.import_concurrency} import(s) are running; try again in a minute.", retry_after=30
            )
        try:
            upload = data.file
            content = await upload.read(settings.import_max_bytes + 1)
            work = partial(
                _run_import,
                gated_transactions(state.engine),
                principal,
                content,
                upload.filename or "",
                dry_run=dry_run,
                submit=submit,
                now=now,
                settings=settings,
            )
            # A refusal (403) is audited by the app-wide hook (tracker.audit.denials), like on every route.
            result, _annotated = await anyio.to_thread.run_sync(work)
        finally:
            slots.release()
        public = _public(result, principal.actor, now.isoformat())
        if result.ok:
            return Response(public, status_code=200)
        # Row errors: 422 problem+json, but the batch (with its annotated copy) is kept, so no exception.
        fields = public.model_dump()
        return problem(
            request,
            422,
            "import-invalid",
            "The workbook has errors; nothing was imported",
            result.message,
            errors=fields.pop("errors"),
            **fields,
        )

    @get("/{batch_id:int}", sync_to_thread=True, summary="One import batch: counts, changes and errors")
    def get_import(self, session: DbSession, principal: Caller, batch_id: RowId) -> BatchPublic:
        batch = service.get_batch(session, principal, batch_id)
        assert batch.id is not None
        return BatchPublic(
            id=batch.id,
            kind=batch.kind,
            filename=batch.filename,
            sha256=batch.sha256,
            actor=batch.actor,
            dry_run=batch.dry_run,
            submit=batch.submit,
            result=batch.result,
            message="",
            rows=batch.rows,
            created=batch.created,
            updated=batch.updated,
            unchanged=batch.unchanged,
            rejected=batch.rejected,
            changes=batch.changes,
            changes_total=len(batch.changes),
            errors=batch.errors,
            errors_total=len(batch.errors),
            warnings=batch.warnings,
            annotated_url=f"/imports/{batch.id}/annotated" if batch.annotated else None,
            at=batch.at.isoformat(),
        )

    @get(
        "/{batch_id:int}/annotated",
        sync_to_thread=True,
        summary="The uploaded workbook with its errors marked",
        operation_id="getAnnotatedWorkbook",
        opt=files(XLSX),
    )
    def get_annotated(self, session: DbSession, principal: Caller, batch_id: RowId) -> Response[bytes]:
        batch = service.get_batch(session, principal, batch_id)
        if batch.annotated is None:
            raise NotFound(f"Import batch {batch_id} had no errors, so there is no annotated workbook.")
        return xlsx_download(batch.annotated, f"import-{batch_id}-fejl.xlsx")


class TemplateController(Controller):
    path = "/templates"
    tags = ["spreadsheets"]
    guards = [REPORTER_OR_SECRETARIAT]

    @get(
        "/progress",
        sync_to_thread=True,
        summary="A pre-filled progress template for one organisation and period",
        opt=files(XLSX),
        responses=problems(404),
    )
    def get_progress_template(
        self,
        session: DbSession,
        principal: Caller,
        period: Annotated[str, QueryParameter(max_length=16, description="Period label, e.g. 2025-H2")],
        organisation: Annotated[
            str | None, QueryParameter(max_length=16, description="Organisation code (default: your own)")
        ] = None,
        plan: Annotated[str | None, QueryParameter(max_length=64)] = None,
    ) -> Response[bytes]:
        code = organisation or principal.organisation_code
        if principal.role is not Role.SECRETARIAT and code != principal.organisation_code:
            raise Forbidden(f"You may download templates for {principal.organisation_code} only.")
        data = progress_template(session, period, code, plan=plan)
        return xlsx_download(data, f"fremdrift-{file_slug(code)}-{file_slug(period)}.xlsx")


class PlanWorkbookController(Controller):
    path = "/plans"
    tags = ["spreadsheets"]
    guards = [VIEWER_OR_SECRETARIAT]

    @get(
        "/{slug:str}/workbook",
        sync_to_thread=True,
        summary="The plan as a workbook (the import layout)",
        opt=files(XLSX),
    )
    def get_plan_workbook(self, session: DbSession, slug: FromPath[str]) -> Response[bytes]:
        data = export_plan_workbook(session, slug)
        if data is None:
            raise NotFound(f"No plan {slug!r}.")
        return xlsx_download(data, f"plan-{file_slug(slug)}.xlsx")


def file_slug(value: str) -> str:
    """A filename-safe version of a code (never user-controlled path parts)."""
    cleaned = "".join(c if c.isalnum() or c in "-_" else "-" for c in value)
    if not cleaned:
        raise ValidationFailed("Empty name.")
    return cleaned[:64]


CONTROLLERS = [ImportController, TemplateController, PlanWorkbookController]


def import_router(settings: Settings) -> Router:
    """The spreadsheet routes, accepting bodies up to the configured upload limit (TRACKER_IMPORT_MAX_BYTES)."""
    return Router(path="/", route_handlers=CONTROLLERS, request_max_body_size=settings.upload_body_bytes)
