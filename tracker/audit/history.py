"""An initiative's history: the audit events that concern it, oldest first."""

from sqlmodel import Session, col, func, select

from actionplan.enums import ReportState
from actionplan.models import Initiative, Organisation
from tracker.audit.models import AuditEvent
from tracker.auth.access import may_read_report
from tracker.auth.service import Principal
from tracker.errors import Forbidden, NotFound
from tracker.progress import schemas as s
from tracker.shapes import from_row


def initiative_history(
    session: Session, principal: Principal, code: str, *, page: int = 1, page_size: int = 100
) -> s.HistoryPublic:
    """Every event on the initiative (reports, reviews, refused attempts) with before/after values.

    Drafts appear in it, so only the secretariat and the lead organisation may read it.
    """
    initiative = session.exec(select(Initiative).where(Initiative.code == code)).first()
    if initiative is None or initiative.id is None:
        raise NotFound(f"No initiative with code {code!r}.")
    # The history shows drafts: open to whoever may read the initiative's unapproved reports.
    if not may_read_report(principal.role, principal.organisation_id, initiative.lead_id, ReportState.DRAFT):
        raise Forbidden("An initiative's history is open to its lead organisation and the secretariat only.")
    where = AuditEvent.initiative_id == initiative.id
    total = session.exec(select(func.count()).select_from(AuditEvent).where(where)).one()
    rows = session.exec(
        select(AuditEvent, Organisation.code)
        .outerjoin(Organisation, col(Organisation.id) == AuditEvent.organisation_id)
        .where(where)
        .order_by(col(AuditEvent.id))
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    data = [from_row(s.HistoryEvent, event, organisation=org_code) for event, org_code in rows]
    return s.HistoryPublic(initiative=code, data=data, count=total)
