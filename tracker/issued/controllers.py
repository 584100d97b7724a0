"""Status reports over HTTP: read one (nothing stored), issue one for the record (a snapshot), list and fetch them."""

from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get, post
from litestar.params import QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tracker.auth.guards import SECRETARIAT, VIEWER_OR_SECRETARIAT
from tracker.contract import CONDITIONAL, ETAG, HTML, JSON, PDF, XLSX, created, files, problems, unchanged
from tracker.deps import Caller, CurrentSettings, DbSession, Now, RowId
from tracker.issued import schemas as s
from tracker.issued import service
from tracker.issued.models import ReportSnapshot
from tracker.paging import page_links

DEFAULT_PLAN = "mh-2022-2025"


def report_response(
    content: bytes,
    media_type: str,
    filename: str,
    sha256: str,
    snapshot_id: int | None,
    if_none_match: str | None = None,
) -> Response[bytes]:
    """A report as a file, its digest, and the snapshot it was issued as (when it was).

    The HTML edition is the minister's office's read-only view: it opens in the browser; the rest download.
    """
    disposition = "inline" if media_type.startswith("text/html") else "attachment"
    headers = {
        "Content-Disposition": f'{disposition}; filename="{filename}"',
        "X-Content-SHA256": sha256,
        "Cache-Control": "no-store",
    }
    if snapshot_id is not None:
        headers["X-Report-Snapshot"] = str(snapshot_id)
    # The same content is the same report: its digest is its ETag, and a current copy is answered 304.
    headers["ETag"] = f'"{sha256}"'
    if unchanged(if_none_match, headers["ETag"]):
        return Response(b"", status_code=304, headers={"ETag": headers["ETag"], "Cache-Control": "no-store"})
    # Litestar adds "; charset=utf-8" to text types itself.
    return Response(content, media_type=media_type.split(";")[0], headers=headers)


def snapshot_response(snapshot: ReportSnapshot, if_none_match: str | None = None) -> Response[bytes]:
    return report_response(
        snapshot.content, snapshot.media_type, snapshot.filename, snapshot.sha256, snapshot.id, if_none_match
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
        summary="A status report for the minister's office (read; nothing is stored)",
        description=(
            "Builds the status report of one reporting period and returns it as a download. Reading stores "
            "nothing; issuing a report for the record is `POST /reports/snapshots`. When the same content was "
            "issued before, `X-Report-Snapshot` names that snapshot."
        ),
        opt=files(PDF, XLSX, HTML, JSON) | CONDITIONAL,
        response_headers=[ETAG],
        responses=problems(404),
    )
    def get_status_report(
        self,
        request: Request[Any, Any, Any],
        session: DbSession,
        now: Now,
        principal: Caller,
        settings: CurrentSettings,
        plan: Annotated[str, QueryParameter(max_length=64, description="Plan slug")] = DEFAULT_PLAN,
        period: Annotated[
            str | None,
            QueryParameter(max_length=16, description="Period label, e.g. 2025-H1 (default: latest past due)"),
        ] = None,
        report_format: Annotated[Literal["pdf", "xlsx", "html", "json"], QueryParameter(name="format")] = "pdf",
        lang: Annotated[Literal["da", "en"], QueryParameter()] = "da",
        public: Annotated[bool, QueryParameter(description="Suppress counts 1-4 for publication")] = False,
        include_submitted: Annotated[
            bool, QueryParameter(description="Also include submitted reports not yet approved (marked)")
        ] = False,
    ) -> Response[bytes]:
        report = service.render_report(
            session,
            plan_slug=plan,
            period_label=period,
            fmt=report_format,
            lang=lang,
            public=public,
            include_submitted=include_submitted,
            now=now,
            tz=settings.tz,
            role=principal.role,
        )
        return report_response(
            report.content,
            report.media_type,
            report.filename,
            report.sha256,
            service.issued_as(session, report),
            request.headers.get("if-none-match"),
        )

    @post(
        "/snapshots",
        sync_to_thread=True,
        guards=[SECRETARIAT],
        summary="Issue a status report for the record (kept byte for byte as a snapshot)",
        description=(
            "Renders the report with these options and keeps it as a snapshot: 201 with `Location` when new, "
            "200 with the earlier snapshot when identical content was issued before."
        ),
        operation_id="issueReportSnapshot",
        status_code=200,
        responses=created(s.SnapshotPublic, "A new snapshot was issued") | problems(404),
    )
    def issue_snapshot(
        self, session: DbSession, now: Now, principal: Caller, settings: CurrentSettings, data: s.IssueInput
    ) -> Response[s.SnapshotPublic]:
        snapshot, new = service.issue_report(
            session,
            plan_slug=data.plan,
            period_label=data.period,
            fmt=data.format,
            lang=data.lang,
            public=data.public,
            include_submitted=data.include_submitted,
            actor=principal.actor,
            now=now,
            tz=settings.tz,
            role=principal.role,
        )
        public = to_public(snapshot)
        return Response(
            public,
            status_code=HTTP_201_CREATED if new else HTTP_200_OK,
            headers={"Location": public.url},
        )

    @get(
        "/snapshots",
        sync_to_thread=True,
        summary="Status reports issued so far (newest first)",
        operation_id="listReportSnapshots",
    )
    def list_snapshots(
        self,
        request: Request[Any, Any, Any],
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
        links = page_links(request.url.path, request.query_params, page=page, page_size=page_size, count=count)
        return s.SnapshotsPublic(
            data=[to_public(r) for r in rows], count=count, page=page, page_size=page_size, links=links
        )

    @get(
        "/snapshots/{snapshot_id:int}",
        sync_to_thread=True,
        summary="One issued report, byte for byte",
        operation_id="getReportSnapshot",
        opt=files(PDF, XLSX, HTML, JSON) | CONDITIONAL,
        response_headers=[ETAG],
    )
    def get_snapshot(
        self, request: Request[Any, Any, Any], session: DbSession, principal: Caller, snapshot_id: RowId
    ) -> Response[bytes]:
        snapshot = service.get_snapshot(session, snapshot_id, role=principal.role)
        return snapshot_response(snapshot, request.headers.get("if-none-match"))


CONTROLLERS = [ReportController]
