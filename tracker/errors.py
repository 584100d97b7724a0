"""A small error hierarchy carrying HTTP statuses, mapped once to RFC 9457 problem+json."""

import logging
import re
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, ValidationException
from litestar.exceptions import NotFoundException as LitestarNotFound
from litestar.exceptions import PermissionDeniedException as LitestarForbidden
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import SQLAlchemyError

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://actionplan-tracker.example/problems/"
log = logging.getLogger("tracker")


class ProblemError(BaseModel):
    """One thing wrong with the request: the field as the client sent it (`status`, `indicator_values[0].value`),
    or a spreadsheet cell (`sheet`, `row`, `column`)."""

    model_config = ConfigDict(extra="allow")

    field: str | None = Field(default=None, examples=["status"])
    source: str | None = Field(default=None, description="body, query, path or header", examples=["body"])
    message: str = Field(examples=["explanation is required when the status is delayed"])


class Problem(BaseModel):
    """An error, as RFC 9457 problem details (`application/problem+json`)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(
        description="A stable URI naming the kind of problem", examples=[TYPE_BASE + "precondition-failed"]
    )
    title: str = Field(description="A short, stable human phrase for the kind", examples=["The resource has changed"])
    status: int = Field(description="The HTTP status code", examples=[412])
    detail: str = Field(
        description="What went wrong with this request, for a person",
        examples=["The report has changed since you read it (version 2 is current); read it again."],
    )
    instance: str = Field(description="The path of the request", examples=["/initiatives/MH22-2.1/reports/2025-H2"])
    errors: list[ProblemError] | None = Field(default=None, description="Per field or per cell, when there are several")


class TrackerError(Exception):
    """Base of the errors a client can cause; each carries its status and a stable problem type."""

    status_code = 400
    problem_type = "bad-request"
    title = "Bad request"

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.extra = extra
        self.headers: dict[str, str] = {}


class NotFound(TrackerError):
    status_code = 404
    problem_type = "not-found"
    title = "Not found"


class Unauthorized(TrackerError):
    status_code = 401
    problem_type = "unauthorized"
    title = "Authentication required"


class Forbidden(TrackerError):
    status_code = 403
    problem_type = "forbidden"
    title = "Forbidden"


class Conflict(TrackerError):
    status_code = 409
    problem_type = "conflict"
    title = "Conflict"


class InvalidTransition(Conflict):
    problem_type = "invalid-transition"
    title = "This workflow step is not allowed now"


class PreconditionFailed(TrackerError):
    status_code = 412
    problem_type = "precondition-failed"
    title = "The resource has changed"


class PreconditionRequired(TrackerError):
    status_code = 428
    problem_type = "precondition-required"
    title = "If-Match header required"


class PayloadTooLarge(TrackerError):
    status_code = 413
    problem_type = "payload-too-large"
    title = "Payload too large"


class UnsupportedMediaType(TrackerError):
    status_code = 415
    problem_type = "unsupported-media-type"
    title = "Unsupported media type"


class ServiceBusy(TrackerError):
    """The service cannot take this now (a lock held too long, too many imports at once): retry later."""

    status_code = 503
    problem_type = "service-busy"
    title = "Busy; try again shortly"

    def __init__(self, detail: str, *, retry_after: int = 5, **extra: Any) -> None:
        super().__init__(detail, **extra)
        self.headers["Retry-After"] = str(retry_after)


class TooManyRequests(TrackerError):
    """Too many failed token checks from one client: wait `Retry-After` seconds."""

    status_code = 429
    problem_type = "too-many-requests"
    title = "Too many requests"

    def __init__(self, detail: str, *, headers: dict[str, str], **extra: Any) -> None:
        super().__init__(detail, **extra)
        self.headers.update(headers)


class ValidationFailed(TrackerError):
    status_code = 422
    problem_type = "validation-failed"
    title = "Validation failed"


def problem(
    request: Request[Any, Any, Any],
    status: int,
    problem_type: str,
    title: str,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response[dict[str, Any]]:
    body: dict[str, Any] = {
        "type": TYPE_BASE + problem_type,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def handle_tracker_error(request: Request[Any, Any, Any], exc: TrackerError) -> Response[dict[str, Any]]:
    return problem(
        request,
        exc.status_code,
        exc.problem_type,
        exc.title,
        exc.detail,
        errors=exc.errors,
        headers=exc.headers or None,
        **exc.extra,
    )


# Pydantic puts the kind of error before a validator's own message ("Value error, explanation is required").
_MESSAGE_PREFIX = re.compile(r"^(?:Value|Assertion) error, ")
# Stable human titles for the framework's own errors (never an exception class name).
HTTP_TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Payload too large",
    415: "Unsupported media type",
    429: "Too many requests",
}


def _wire_name(request: Request[Any, Any, Any], key: str, source: str | None) -> str:
    """The field as the client sent it: a parameter's public name (`state`, not `period_state`); a body path
    as `milestones[0].done_on`."""
    if source == "body" or source is None:
        return re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", key)
    try:
        parameter = request.route_handler.parsed_fn_signature.parameters.get(key)
    except Exception:
        parameter = None
    alias = getattr(getattr(parameter, "kwarg_definition", None), "name", None) if parameter else None
    return str(alias or key)


def _validation_errors(request: Request[Any, Any, Any], exc: ValidationException) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            source = item.get("source")
            key = item.get("key")
            message = _MESSAGE_PREFIX.sub("", str(item.get("message", "")))
            field = _wire_name(request, str(key), source) if key else None
            if field is None:
                # A rule across fields (a model validator) names its field first: "explanation is required ...".
                first = message.split(" ", 1)[0]
                field = first if first in _BODY_FIELDS else None
            errors.append({"field": field, "source": source or "body", "message": message})
    return errors


# Body fields a cross-field rule's message starts with (tracker/progress/schemas.py says "<field> ..." first).
_BODY_FIELDS = frozenset({"explanation", "reason", "comment", "status", "done_on", "new_due"})


def handle_http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    if isinstance(exc, ValidationException):
        return problem(
            request,
            422,
            "validation-failed",
            "Validation failed",
            exc.detail or "The request is not valid.",
            errors=_validation_errors(request, exc),
        )
    if isinstance(exc, LitestarNotFound):
        return problem(request, 404, "not-found", "Not found", exc.detail or "Nothing here.")
    if isinstance(exc, NotAuthorizedException):
        return problem(
            request,
            401,
            "unauthorized",
            "Authentication required",
            exc.detail,
            headers={"WWW-Authenticate": "Bearer"},
        )
    if isinstance(exc, LitestarForbidden):
        return problem(request, 403, "forbidden", "Forbidden", exc.detail)
    status = exc.status_code
    slug = {
        400: "bad-request",
        405: "method-not-allowed",
        406: "not-acceptable",
        413: "payload-too-large",
        415: "unsupported-media-type",
        429: "too-many-requests",
    }.get(status, "http-error")
    title = HTTP_TITLES.get(status) or HTTPStatus(status).phrase
    return problem(request, status, slug, title, exc.detail, headers=exc.headers)


# What a database error means to the client: (status, problem type, title, detail, Retry-After seconds).
_DATABASE_PROBLEMS = {
    "locked": (503, "service-busy", "Busy; try again shortly", "The database is busy; nothing was changed.", 5),
    "not-writable": (
        503,
        "database-not-writable",
        "The database cannot store changes now",
        "The database cannot store changes now (for example, its disk is full); nothing was changed. "
        "Reading still works.",
        60,
    ),
    "unavailable": (
        503,
        "database-unavailable",
        "The database is unavailable",
        "The database cannot be reached; nothing was changed.",
        10,
    ),
}


def handle_database_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    """A lock waited past its bound, a full disk, a lost database: 503 with Retry-After; anything else is a bug."""
    from tracker.db import classify_db_error

    kind = classify_db_error(exc)
    if kind is None:
        return handle_unexpected(request, exc)
    status, slug, title, detail, retry_after = _DATABASE_PROBLEMS[kind]
    log.warning("%s %s answered %d: database %s", request.method, request.url.path, status, kind)
    return problem(request, status, slug, title, detail, headers={"Retry-After": str(retry_after)})


def handle_too_deep(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    """JSON nested deeper than the decoder can follow (RecursionError): the client's input, not our bug."""
    return problem(
        request, 400, "too-deeply-nested", "Too deeply nested", "The request body is nested too deeply to read."
    )


def handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(
        request,
        HTTP_500_INTERNAL_SERVER_ERROR,
        "internal-error",
        "Internal error",
        "Something went wrong on our side; nothing was changed. The error has been logged.",
    )


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    TrackerError: handle_tracker_error,
    HTTPException: handle_http_exception,
    SQLAlchemyError: handle_database_error,
    RecursionError: handle_too_deep,
    Exception: handle_unexpected,
}
