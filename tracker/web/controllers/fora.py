"""Coordination fora as pages: the secretariat records meetings and minutes, members follow up their action
items, viewers read decisions. The same services (and refusals, and audit) as the API in tracker/fora/."""

from datetime import date
from typing import Annotated, Any

from litestar import Controller, Response
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template
from pydantic import ValidationError

from tracker.deps import CurrentSettings, DbSession, Now, RowId
from tracker.errors import Forbidden, NotFound, ValidationFailed
from tracker.fora import schemas as s
from tracker.fora import service
from tracker.web.i18n import translator
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
from tracker.web.session import ANY_PAGE, REPORTER_PAGE, SECRETARIAT_PAGE

Form = Annotated[FormData, Body(media_type=RequestEncodingType.URL_ENCODED)]


def _today(now: Any, settings: Any) -> date:
    today: date = now.astimezone(settings.tz).date()
    return today


class ForaPagesController(Controller):
    path = "/samarbejdsfora"
    guards = [ANY_PAGE]

    @html_get("/")
    def fora(self, request: HTMXRequest, session: DbSession, now: Now, settings: CurrentSettings) -> Template:
        t = translator(language(request))
        return page(
            request,
            "pages/fora/list.html",
            title=t("fora.title"),
            fora=service.list_fora(session, today=_today(now, settings)).data,
        )

    @html_get("/{code:str}")
    def forum(
        self, request: HTMXRequest, session: DbSession, now: Now, settings: CurrentSettings, code: FromPath[str]
    ) -> Template:
        forum = service.get_forum(session, code[:32], today=_today(now, settings))
        name = forum.name_da if language(request) == "da" else forum.name_en
        return page(request, "pages/fora/forum.html", title=name, forum=forum, form={}, today=_today(now, settings))

    @html_post("/{code:str}", guards=[SECRETARIAT_PAGE])
    def record_meeting(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        data: Form,
    ) -> Response[Any]:
        t = translator(language(request))
        errors = FormErrors()
        decisions = [line.strip() for line in form_value(data, "decisions").splitlines() if line.strip()]
        attendance = [
            c.strip().upper() for c in form_value(data, "attendance").replace(";", ",").split(",") if c.strip()
        ]
        items = []
        if form_value(data, "item_text"):
            items.append(
                {"text": form_value(data, "item_text"), "owner": form_value(data, "item_owner").upper(),
                 "deadline": form_value(data, "item_deadline")}
            )  # fmt: skip
        meeting_id = None
        try:
            meeting = s.MeetingInput.model_validate(
                {
                    "held_on": form_value(data, "held_on"),
                    "title": form_value(data, "title"),
                    "agenda": form_value(data, "agenda"),
                    "minutes": form_value(data, "minutes"),
                    "attendance": attendance,
                    "decisions": [{"text": d} for d in decisions],
                    "action_items": items,
                }
            )
            meeting_id = service.create_meeting(session, principal, code[:32], meeting, now=now).id
        except ValidationError as exc:
            for error in exc.errors():
                where = [str(p) for p in error["loc"]]
                field = {"held_on": "held_on", "decisions": "decisions", "action_items": "item_text"}.get(
                    where[0], where[0]
                )
                if where[0] == "action_items" and len(where) > 2:
                    field = f"item_{where[2]}" if where[2] in ("owner", "deadline") else "item_text"
                errors.add(field, t("fora.error.field", message=error["msg"]))
        except ValidationFailed as exc:
            for problem in exc.errors or []:
                field = "attendance" if problem.get("field") == "attendance" else "item_owner"
                errors.add(field, t("fora.error.field", message=problem.get("message", exc.detail)))
        if errors or meeting_id is None:
            session.rollback()
            forum = service.get_forum(session, code[:32], today=_today(now, settings))
            name = forum.name_da if language(request) == "da" else forum.name_en
            return page(
                request, "pages/fora/forum.html", title=name, forum=forum, form=data, errors=errors, status_code=422,
                today=_today(now, settings),
            )  # fmt: skip
        return see_other(request, f"/samarbejdsfora/moeder/{meeting_id}", flash="meeting_recorded")

    @html_get("/moeder/{meeting_id:int}")
    def meeting(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        meeting_id: RowId,
    ) -> Template:
        t = translator(language(request))
        meeting = service.get_meeting(session, principal, meeting_id, today=_today(now, settings))
        return page(
            request, "pages/fora/meeting.html", title=t("fora.meeting.title", forum=meeting.forum,
            date=meeting.held_on.isoformat()), meeting=meeting,
        )  # fmt: skip


class ActionItemPagesController(Controller):
    path = "/opfoelgningspunkter"
    guards = [REPORTER_PAGE]

    @html_get("/")
    def mine(
        self, request: HTMXRequest, session: DbSession, principal: WebCaller, now: Now, settings: CurrentSettings
    ) -> Template:
        t = translator(language(request))
        items = service.open_items_of(session, principal.organisation_id, _today(now, settings))
        return page(request, "pages/fora/action_items.html", title=t("fora.items.title"), items=items)

    @html_post("/{item_id:int}/luk")
    def close(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        item_id: RowId,
        data: Form,
    ) -> Response[Any]:
        t = translator(language(request))
        errors = FormErrors()
        try:
            note = s.CloseInput.model_validate({"note": form_value(data, "note")}).note
            service.close_action_item(session, principal, item_id, note, now=now)
        except ValidationError as exc:
            errors.add(f"note-{item_id}", t("fora.error.field", message=exc.errors()[0]["msg"]))
        except (ValidationFailed, Forbidden) as exc:
            if isinstance(exc, Forbidden):
                raise NotFound(f"No action item with id {item_id}.") from exc
            errors.add(f"note-{item_id}", t("fora.error.field", message=exc.detail))
        if errors:
            session.rollback()
            items = service.open_items_of(session, principal.organisation_id, _today(now, settings))
            return page(
                request, "pages/fora/action_items.html", title=t("fora.items.title"), items=items, errors=errors,
                status_code=422,
            )  # fmt: skip
        return see_other(request, "/opfoelgningspunkter", flash="item_closed")
