"""HTTP API of the coordination fora: fora, meetings, decisions, action items, histories and meeting packs."""

from datetime import date, datetime
from typing import Annotated, Literal

from litestar import Controller, Response, get, patch, post
from litestar.params import FromPath, JSONBody, QueryParameter

from actionplan.fora import ActionItemState
from tracker.auth.guards import ANY_ROLE, REPORTER_OR_SECRETARIAT, SECRETARIAT
from tracker.contract import HTML, PDF, files, problems
from tracker.deps import Caller, CurrentSettings, DbSession, Now, RowId
from tracker.fora import action_items, meetings, service, trail
from tracker.fora import schemas as s
from tracker.fora.pack import mail_pack, meeting_pack, pack_path, pack_response
from tracker.fora.public import ActionItemPublic
from tracker.settings import Settings


def _today(now: datetime, settings: Settings) -> date:
    return now.astimezone(settings.tz).date()


def _meeting_created(
    session: DbSession, principal: Caller, meeting_id: int, now: datetime, settings: Settings
) -> Response[s.MeetingPublic]:
    """201 with the meeting as the caller may now see it, and where it lives."""
    body = meetings.get_meeting(session, principal, meeting_id, today=_today(now, settings))
    return Response(body, status_code=201, headers={"Location": f"/meetings/{meeting_id}"})


class ForumController(Controller):
    path = "/fora"
    tags = ["fora"]
    guards = [ANY_ROLE]

    @get("/", sync_to_thread=True, summary="Every coordination forum, its cadence and whether it met as it says")
    def list_fora(self, session: DbSession, now: Now, settings: CurrentSettings) -> s.ForaPublic:
        return service.list_fora(session, today=_today(now, settings))

    @get("/{code:str}", sync_to_thread=True, summary="A forum with its members, followed initiatives and meetings")
    def get_forum(self, session: DbSession, now: Now, settings: CurrentSettings, code: FromPath[str]) -> s.ForumPublic:
        return service.get_forum(session, code[:32], today=_today(now, settings))

    @post(
        "/{code:str}/meetings",
        sync_to_thread=True,
        guards=[SECRETARIAT],
        summary="Record a meeting: agenda, attendance, minutes, decisions and action items (secretariat)",
    )
    def create_meeting(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        data: JSONBody[s.MeetingInput],
    ) -> Response[s.MeetingPublic]:
        meeting = meetings.create_meeting(session, principal, code[:32], data, now=now)
        return _meeting_created(session, principal, meeting.id or 0, now, settings)

    @get(
        "/{code:str}/pack",
        sync_to_thread=True,
        guards=[REPORTER_OR_SECRETARIAT],
        summary="The meeting pack for a forum and a meeting date (HTML or PDF, Danish or English)",
        operation_id="getMeetingPack",
        opt=files(PDF, HTML),
    )
    def get_pack(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        held_on: Annotated[date, QueryParameter(name="date", description="The meeting date, e.g. 2026-12-01")],
        fmt: Annotated[Literal["html", "pdf"], QueryParameter(name="format")] = "pdf",
        lang: Annotated[Literal["da", "en"], QueryParameter()] = "da",
    ) -> Response[bytes]:
        pack = meeting_pack(session, principal, code[:32], held_on, lang=lang, today=_today(now, settings))
        return pack_response(pack, fmt)

    @post(
        "/{code:str}/pack/mail",
        sync_to_thread=True,
        status_code=200,
        guards=[SECRETARIAT],
        summary="Mail the meeting pack to the forum's member organisations through the outbox (secretariat)",
        operation_id="mailMeetingPack",
    )
    def mail_pack(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        code: FromPath[str],
        held_on: Annotated[date, QueryParameter(name="date", description="The meeting date, e.g. 2026-12-01")],
        lang: Annotated[Literal["da", "en"], QueryParameter()] = "da",
    ) -> s.PackMailResult:
        link = settings.base_url.rstrip("/") + pack_path(code[:32], held_on, lang=lang)
        return mail_pack(
            session, principal, code[:32], held_on, lang=lang, now=now, today=_today(now, settings), link=link
        )


class MeetingController(Controller):
    path = "/meetings"
    tags = ["fora"]
    guards = [ANY_ROLE]

    @get("/{meeting_id:int}", sync_to_thread=True, summary="A meeting as you may see it (viewers: decisions only)")
    def get_meeting(
        self, session: DbSession, principal: Caller, now: Now, settings: CurrentSettings, meeting_id: RowId
    ) -> s.MeetingPublic:
        return meetings.get_meeting(session, principal, meeting_id, today=_today(now, settings))

    @patch(
        "/{meeting_id:int}",
        sync_to_thread=True,
        guards=[SECRETARIAT],
        summary="Change a meeting's date, title, agenda, minutes or attendance (secretariat)",
    )
    def update_meeting(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        meeting_id: RowId,
        data: JSONBody[s.MeetingUpdate],
    ) -> s.MeetingPublic:
        meetings.update_meeting(session, principal, meeting_id, data, now=now)
        return meetings.get_meeting(session, principal, meeting_id, today=_today(now, settings))

    @post(
        "/{meeting_id:int}/decisions",
        sync_to_thread=True,
        guards=[SECRETARIAT],
        summary="Record decisions taken at a meeting (secretariat)",
    )
    def add_decisions(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        meeting_id: RowId,
        data: JSONBody[s.DecisionsInput],
    ) -> Response[s.MeetingPublic]:
        meetings.add_decisions(session, principal, meeting_id, data.decisions, now=now)
        return _meeting_created(session, principal, meeting_id, now, settings)

    @post(
        "/{meeting_id:int}/action-items",
        sync_to_thread=True,
        guards=[SECRETARIAT],
        summary="Record action items from a meeting, each with an owner organisation and a deadline (secretariat)",
    )
    def add_action_items(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        meeting_id: RowId,
        data: JSONBody[s.ActionItemsInput],
    ) -> Response[s.MeetingPublic]:
        action_items.add_action_items(session, principal, meeting_id, data.action_items, now=now)
        return _meeting_created(session, principal, meeting_id, now, settings)

    @get(
        "/{meeting_id:int}/history",
        sync_to_thread=True,
        summary="Every write on a meeting, its decisions and items",
        operation_id="getMeetingHistory",
        responses=problems(403),
    )
    def meeting_history(self, session: DbSession, principal: Caller, meeting_id: RowId) -> s.HistoryPublic:
        return trail.history(session, principal, trail.meeting_key(meeting_id))


class ActionItemController(Controller):
    path = "/action-items"
    tags = ["fora"]
    guards = [ANY_ROLE]

    @get(
        "/",
        sync_to_thread=True,
        summary="Action items you may see; overdue first, then by deadline",
        responses=problems(404),
    )
    def list_action_items(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        owner: Annotated[str | None, QueryParameter(max_length=16, description="Owner organisation code")] = None,
        forum: Annotated[str | None, QueryParameter(max_length=32, description="Forum code")] = None,
        item_state: Annotated[
            ActionItemState | None, QueryParameter(name="state", description="open, in_progress or done")
        ] = None,
    ) -> s.ActionItemsPublic:
        return action_items.list_action_items(
            session, principal, today=_today(now, settings), owner=owner, forum=forum, state=item_state
        )

    @get("/{item_id:int}", sync_to_thread=True, summary="One action item", responses=problems(403))
    def get_action_item(
        self, session: DbSession, principal: Caller, now: Now, settings: CurrentSettings, item_id: RowId
    ) -> ActionItemPublic:
        return action_items.get_action_item(session, principal, item_id, today=_today(now, settings))

    @patch(
        "/{item_id:int}",
        sync_to_thread=True,
        guards=[REPORTER_OR_SECRETARIAT],
        summary="Update an action item: state, progress note (owner); deadline, owner (secretariat)",
    )
    def update_action_item(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        item_id: RowId,
        data: JSONBody[s.ActionItemUpdate],
    ) -> ActionItemPublic:
        action_items.update_action_item(session, principal, item_id, data, now=now)
        return action_items.get_action_item(session, principal, item_id, today=_today(now, settings))

    @post(
        "/{item_id:int}/close",
        sync_to_thread=True,
        status_code=200,
        guards=[REPORTER_OR_SECRETARIAT],
        summary="Close an action item with a short note (its owner or the secretariat)",
    )
    def close_action_item(
        self,
        session: DbSession,
        principal: Caller,
        now: Now,
        settings: CurrentSettings,
        item_id: RowId,
        data: JSONBody[s.CloseInput],
    ) -> ActionItemPublic:
        action_items.close_action_item(session, principal, item_id, data.note, now=now)
        return action_items.get_action_item(session, principal, item_id, today=_today(now, settings))

    @get(
        "/{item_id:int}/history",
        sync_to_thread=True,
        summary="Every write on one action item",
        operation_id="getActionItemHistory",
        responses=problems(403),
    )
    def action_item_history(self, session: DbSession, principal: Caller, item_id: RowId) -> s.HistoryPublic:
        return trail.history(session, principal, f"action:{item_id}")


CONTROLLERS = [ForumController, MeetingController, ActionItemController]
