"""Who may see and change what in the fora, in one place.

- the secretariat records meetings, their minutes, decisions and action items, and may change anything;
- an action item's owner organisation (reporter role) updates it and closes it with a note;
- a reporter of a member organisation sees the forum's meetings whole (agenda, minutes, every action item);
- everyone else (viewers, reporters of other organisations) sees decisions and closed action items, and a
  reporter also the items its own organisation owns; minutes stay with the members and the secretariat.
"""

from sqlmodel import Session, select

from actionplan.fora import ActionItem, ActionItemState, ForumMember
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.errors import Forbidden


def member_ids(session: Session, forum_id: int) -> set[int]:
    return set(session.exec(select(ForumMember.organisation_id).where(ForumMember.forum_id == forum_id)).all())


def can_see_all(principal: Principal, members: set[int]) -> bool:
    """The secretariat and reporters of member organisations see meetings whole (minutes, open items)."""
    if principal.role is Role.SECRETARIAT:
        return True
    return principal.role is Role.REPORTER and principal.organisation_id in members


def owns(principal: Principal, item: ActionItem) -> bool:
    """A reporter of the organisation that owns the action item."""
    return principal.role is Role.REPORTER and principal.organisation_id == item.owner_id


def visible_item(principal: Principal, item: ActionItem, members: set[int]) -> bool:
    """Open items are for the forum's members, the owner and the secretariat; closed items for everyone."""
    if item.state == ActionItemState.DONE or can_see_all(principal, members):
        return True
    return owns(principal, item)


def require_secretariat(principal: Principal, what: str) -> None:
    if principal.role is not Role.SECRETARIAT:
        raise Forbidden(f"Only the secretariat {what}.")


def require_owner_or_secretariat(principal: Principal, item: ActionItem) -> None:
    if principal.role is Role.SECRETARIAT or owns(principal, item):
        return
    raise Forbidden("Only the action item's owner organisation and the secretariat may change it.")
