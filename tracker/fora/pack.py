"""Meeting packs in the service: who may get one, and mailing it to a forum's members through the outbox."""

from datetime import date, datetime

from litestar import Response
from sqlmodel import Session, col, select

from actionplan.fora import ForumMember
from actionplan.models import Organisation
from reports.pack import MEDIA_TYPES, MeetingPack, build_meeting_pack, pack_filename, render_pack
from reports.queries import UnknownPlanOrPeriod
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import Forbidden, NotFound
from tracker.fora import schemas as s
from tracker.fora.access import can_see_all, member_ids
from tracker.fora.lookups import get_forum_row
from tracker.mail.service import Attachment, enqueue
from tracker.mail.texts import render


def meeting_pack(
    session: Session, principal: Principal | None, forum_code: str, held_on: date, *, lang: str, today: date
) -> MeetingPack:
    """The pack for a forum and meeting date; for the secretariat and the forum's member organisations."""
    forum = get_forum_row(session, forum_code)
    if principal is not None and not can_see_all(principal, member_ids(session, forum.id or 0)):
        raise Forbidden("A forum's meeting pack is for its member organisations and the secretariat.")
    try:
        return build_meeting_pack(session, forum.code, held_on, lang=lang, today=today)
    except UnknownPlanOrPeriod as exc:
        raise NotFound(str(exc)) from exc


def pack_response(pack: MeetingPack, fmt: str) -> Response[bytes]:
    """The pack as a download: PDF as an attachment, HTML shown in the browser, named after forum, date and
    language (the API and the web page answer alike)."""
    disposition = "inline" if fmt == "html" else "attachment"
    return Response(
        render_pack(pack, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'{disposition}; filename="{pack_filename(pack, fmt)}"'},
    )


def pack_path(forum_code: str, held_on: date, *, fmt: str = "pdf", lang: str = "da") -> str:
    """Where a person downloads the pack on the web pages (the link in the pack mail)."""
    return f"/samarbejdsfora/{forum_code}/moedemappe?date={held_on.isoformat()}&format={fmt}&lang={lang}"


def mail_pack(
    session: Session,
    principal: Principal,
    forum_code: str,
    held_on: date,
    *,
    lang: str,
    now: datetime,
    today: date,
    link: str,
) -> s.PackMailResult:
    """Queue the pack to every member organisation with an address, once per member, date and language: a short
    body with the download link, the pack attached as PDF."""
    if principal.role is not Role.SECRETARIAT:
        raise Forbidden("Only the secretariat mails meeting packs.")
    pack = meeting_pack(session, principal, forum_code, held_on, lang=lang, today=today)
    pdf = Attachment(pack_filename(pack, "pdf"), MEDIA_TYPES["pdf"], render_pack(pack, "pdf"))
    members = session.exec(
        select(Organisation)
        .join(ForumMember, col(ForumMember.organisation_id) == Organisation.id)
        .where(ForumMember.forum_id == get_forum_row(session, forum_code).id)
        .order_by(col(Organisation.code))
    ).all()
    mail = render(
        "forum-pack",
        lang,
        forum=pack.forum_name,
        held_on=held_on.isoformat(),
        period=pack.report.meta.period,
        link=link,
        filename=pdf.filename,
    )
    result = s.PackMailResult(forum=pack.forum, held_on=held_on, queued=[], already_sent=[], skipped_no_address=[])
    for org in members:
        if not org.contact_email:
            result.skipped_no_address.append(org.code)
            continue
        message = enqueue(
            session,
            to=org.contact_email,
            mail=mail,
            kind="forum-pack",
            dedupe_key=f"forum-pack:{pack.forum}:{held_on.isoformat()}:{lang}:{org.code}",
            now=now,
            actor=principal.actor,
            organisation_id=org.id,
            attachments=[pdf],
        )
        (result.queued if message is not None else result.already_sent).append(org.code)
    return result
