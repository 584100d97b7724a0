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

from reports.pack import PACK_FORMATS
from tracker.deps import CurrentSettings, DbSession, Now, RowId
from tracker.errors import Forbidden, NotFound, ValidationFailed
from tracker.fora import action_items, meetings, service
from tracker.fora import schemas as s
from tracker.fora.pack import meeting_pack, pack_response
from tracker.web import meeting_form
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


def _forum_page(
    request: HTMXRequest,
    session: DbSession,
    code: str,
    today: date,
    form: FormData,
    rows: dict[str, int],
    *,
    errors: FormErrors | None = None,
    status_code: int = 200,
    focus: tuple[str, int] | None = None,
    pack: dict[str, str] | None = None,
) -> Template:
    """A forum's page; for the secretariat with the meeting form (as submitted, with its rows and errors)."""
    forum = service.get_forum(session, code, today=today)
    name = forum.name_da if language(request) == "da" else forum.name_en
    return page(
        request,
        "pages/fora/forum.html",
        title=name,
        forum=forum,
        form=form,
        rows=rows,
        focus=focus,
        choices=service.meeting_form_choices(session, code),
        max_rows=meeting_form.MAX_ROWS,
        pack=pack or {},
        today=today,
        errors=errors,
        status_code=status_code,
    )


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
        return _forum_page(request, session, code[:32], _today(now, settings), {}, meeting_form.empty_rows())

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
        today = _today(now, settings)
        rows = meeting_form.row_counts(data)
        added = meeting_form.added_row(data, rows)
        if added is not None:
            # "Add a row": the same form again with one more empty row of that kind, nothing stored. With htmx
            # only the new row is swapped in after the others (what a person typed stays as it is).
            kind, number = added
            focus = (kind, number) if number is not None else None
            response = _forum_page(request, session, code[:32], today, data, rows, focus=focus)
            if request.htmx and number is not None:
                response.headers.update(
                    {"HX-Retarget": f"#{kind}-rows", "HX-Reswap": "beforeend", "HX-Reselect": f"#{kind}-row-{number}"}
                )
            return response
        errors = FormErrors()
        meeting = meeting_form.read(data, rows, errors, t)
        meeting_id = None
        if meeting is not None:
            try:
                meeting_id = meetings.create_meeting(session, principal, code[:32], meeting.input, now=now).id
            except ValidationFailed as exc:
                meeting_form.add_service_errors(exc, meeting, errors, t)
        if errors or meeting_id is None:
            session.rollback()
            return _forum_page(request, session, code[:32], today, data, rows, errors=errors, status_code=422)
        return see_other(request, f"/samarbejdsfora/moeder/{meeting_id}", flash="meeting_recorded")

    @html_get("/{code:str}/moedemappe")
    def pack(
        self,
        request: HTMXRequest,
        session: DbSession,
        principal: WebCaller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
    ) -> Response[Any]:
        """The meeting pack for a date as PDF or HTML, for the forum's members and the secretariat (the link in the
        pack mail); a date that cannot be read is shown on the forum's page."""
        t = translator(language(request))
        today = _today(now, settings)
        query = {name: request.query_params.get(name, "") for name in ("date", "format", "lang")}
        errors = FormErrors()
        held_on = meeting_form.parse_date(query["date"]) if query["date"] else None
        if held_on is None:
            errors.add("pack_date", t("fora.pack.error.date"))
        fmt = query["format"] if query["format"] in PACK_FORMATS else "pdf"
        lang = query["lang"] if query["lang"] in ("da", "en") else language(request)
        if held_on is not None:
            return pack_response(meeting_pack(session, principal, code[:32], held_on, lang=lang, today=today), fmt)
        rows = meeting_form.empty_rows()
        return _forum_page(request, session, code[:32], today, {}, rows, errors=errors, status_code=422, pack=query)

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
        meeting = meetings.get_meeting(session, principal, meeting_id, today=_today(now, settings))
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
        items = action_items.open_items_of(session, principal.organisation_id, _today(now, settings))
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
            action_items.close_action_item(session, principal, item_id, note, now=now)
        except ValidationError as exc:
            message = meeting_form.error_message(exc.errors()[0], t)
            errors.add(f"note-{item_id}", message[:1].upper() + message[1:])
        except (ValidationFailed, Forbidden) as exc:
            if isinstance(exc, Forbidden):
                raise NotFound(f"No action item with id {item_id}.") from exc
            errors.add(f"note-{item_id}", t("fora.error.field", message=exc.detail))
        if errors:
            session.rollback()
            items = action_items.open_items_of(session, principal.organisation_id, _today(now, settings))
            return page(
                request, "pages/fora/action_items.html", title=t("fora.items.title"), items=items, errors=errors,
                status_code=422,
            )  # fmt: skip
        return see_other(request, "/opfoelgningspunkter", flash="item_closed")
