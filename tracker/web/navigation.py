"""The header menu: one entry per area, shown to the roles that may open it. Add an area's entry here."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.auth.models import Role


@dataclass(frozen=True)
class NavItem:
    href: str
    text_key: str
    roles: frozenset[Role]


NAV_ITEMS: list[NavItem] = [
    NavItem("/indberetning", "nav.reporting", frozenset({Role.REPORTER, Role.SECRETARIAT})),
    NavItem("/sekretariat/review", "nav.review", frozenset({Role.SECRETARIAT})),
    NavItem("/import", "nav.import", frozenset({Role.REPORTER, Role.SECRETARIAT})),
    NavItem("/samarbejdsfora", "nav.fora", frozenset({Role.REPORTER, Role.SECRETARIAT, Role.VIEWER})),
    NavItem("/opfoelgningspunkter", "nav.items", frozenset({Role.REPORTER})),
    NavItem("/overblik", "nav.overview", frozenset({Role.VIEWER, Role.SECRETARIAT})),
    NavItem("/overblik/statusrapporter", "nav.snapshots", frozenset({Role.VIEWER, Role.SECRETARIAT})),
    NavItem("/sekretariat/fuldstaendighed", "nav.admin_completeness", frozenset({Role.SECRETARIAT})),
    NavItem("/sekretariat/perioder", "nav.admin_periods", frozenset({Role.SECRETARIAT})),
    NavItem("/sekretariat/personer", "nav.admin_people", frozenset({Role.SECRETARIAT})),
    NavItem("/sekretariat/tokens", "nav.admin_tokens", frozenset({Role.SECRETARIAT})),
    NavItem("/sekretariat/log-ind-tilknytning", "nav.admin_mapping", frozenset({Role.SECRETARIAT})),
    NavItem("/sekretariat/drift", "nav.admin_operations", frozenset({Role.SECRETARIAT})),
]


def navigation(principal: Any, path: str, t: Callable[..., str]) -> list[dict[str, Any]]:
    """The entries this person may open, the current one marked (aria-current="page")."""
    if principal is None:
        return []
    return [
        {"href": item.href, "text": t(item.text_key), "current": path == item.href or path.startswith(item.href + "/")}
        for item in NAV_ITEMS
        if principal.role in item.roles
    ]
