"""Status reports over HTTP: issue one (and keep it as a snapshot), list snapshots, fetch one as issued."""

from typing import Annotated

from litestar import Controller, Response, get
from litestar.params import QueryParameter

from tracker.auth.guards import VIEWER_OR_SECRETARIAT
from tracker.deps import Caller, CurrentSettings, DbSession, Now, RowId
from tracker.reports import schemas as s
from tracker.reports import service
from tracker.reports.models import ReportSnapshot

DEFAULT_PLAN = "mh-2022-2025"


def _download(snapshot: ReportSnapshot) -> Response[bytes]:
    # The HTML edition is the minister's office's read-only view: it opens in the browser; the rest download.
    disposition = "inline" if snapshot.media_type.startswith("text/html") else "attachment"
    return Response(
        snapshot.content,
        # Litestar adds "; charset=utf-8" to text types itself.
        media_type=snapshot.media_type.split(";")[0],
        headers={
            "Content-Disposition": f'{disposition}; filename="{snapshot.filename}"',
            "X-Report-Snapshot": str(snapshot.id),
            "X-Content-SHA256": snapshot.sha256,
            "Cache-Control": "no-store",
        },
    )


def to_public(snapshot: ReportSnapshot) -> s.SnapshotPublic:
    assert snapshot.id is not None
    return s.SnapshotPublic(
        id=snapshot.id,
        plan=snapshot.plan_slug,
        period=snapshot.period_label,
        format=snapshot.format,
        language=snapshot.language,
        public=snapshot.public,
        include_submitted=snapshot.include_submitted,
        size_bytes=snapshot.size_bytes,
        sha256=snapshot.sha256,
        # Litestar adds "; charset=utf-8" to text types itself.
        media_type=snapshot.media_type.split(";")[0],
        filename=snapshot.filename,
        generated_at=snapshot.generated_at,
        generated_by=snapshot.generated_by,
        reason=snapshot.reason,
        url=f"/reports/snapshots/{snapshot.id}",
    )


class ReportController(Controller):
    path = "/reports"
    tags = ["reports"]
    guards = [VIEWER_OR_SECRETARIAT]

    @get(
        "/status",
        sync_to_thread=True,
        summary="A status report for the minister's office (stored as a snapshot)",
        description=(
            "Builds the status report of one reporting period and returns it as a download. Every report "
            "issued is kept byte for byte; `X-Report-Snapshot` names the snapshot."
        ),
    )
    def get_status_report(
        self,
        session: DbSession,
        now: Now,
        principal: Caller,
        settings: CurrentSettings,
        plan: Annotated[str, QueryParameter(max_length=64, description="Plan slug")] = DEFAULT_PLAN,
        period: Annotated[
            str | None,
            QueryParameter(max_length=16, description="Period label, e.g. 2025-H1 (default: latest past due)"),
        ] = None,
        report_format: Annotated[str, QueryParameter(name="format", pattern="^(xlsx|html|pdf|json)$")] = "pdf",
        lang: Annotated[str, QueryParameter(pattern="^(da|en)$")] = "da",
        public: Annotated[bool, QueryParameter(description="Suppress counts 1-4 for publication")] = False,
        include_submitted: Annotated[
            bool, QueryParameter(description="Also include submitted reports not yet approved (marked)")
        ] = False,
    ) -> Response[bytes]:
        snapshot = service.issue_report(
            session,
            plan_slug=plan,
            period_label=period,
            fmt=report_format,
            lang=lang,
            public=public,
            include_submitted=include_submitted,
            actor=principal.actor,
            now=now,
            tz=settings.tz,
            role=principal.role,
        )
        return _download(snapshot)

    @get("/snapshots", sync_to_thread=True, summary="Status reports issued so far (newest first)")
    def list_snapshots(
        self,
        session: DbSession,
        principal: Caller,
        plan: Annotated[str | None, QueryParameter(max_length=64)] = None,
        period: Annotated[str | None, QueryParameter(max_length=16)] = None,
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, QueryParameter(ge=1, le=500)] = 50,
    ) -> s.SnapshotsPublic:
        rows, count = service.list_snapshots(
            session,
            plan_slug=plan,
            period_label=period,
            limit=page_size,
            offset=(page - 1) * page_size,
            role=principal.role,
        )
        return s.SnapshotsPublic(data=[to_public(r) for r in rows], count=count)

    @get("/snapshots/{snapshot_id:int}", sync_to_thread=True, summary="One issued report, byte for byte")
    def get_snapshot(self, session: DbSession, principal: Caller, snapshot_id: RowId) -> Response[bytes]:
        return _download(service.get_snapshot(session, snapshot_id, role=principal.role))


CONTROLLERS = [ReportController]
