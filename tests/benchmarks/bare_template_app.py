"""The floor for the minister's overview page: a bare Litestar endpoint rendering the same template
(`pages/overview/index.html`, the tracker's own Jinja2 environment and filters) with fixed data.

The data is what the tracker's page shows for the signed-in viewer in TRACKER_BENCH_VIEWER_EMAIL, built once at
start from the same database; each request only renders it. No session, no database, no middleware.
Served with `uvicorn --factory` (or granian).
"""

import os
from datetime import UTC, datetime
from typing import Any

from litestar import Litestar, get
from litestar.enums import MediaType
from litestar.response import Template
from sqlmodel import Session

from reports.model import STATUS_COLUMNS
from tracker.db import create_db_engine
from tracker.settings import Settings, local_today
from tracker.users.service import find_user
from tracker.web import viewer
from tracker.web.i18n import translator
from tracker.web.navigation import navigation
from tracker.web.pages import FormErrors
from tracker.web.setup import template_config

PATH = "/overblik"


def fixed_context(settings: Settings, email: str) -> dict[str, Any]:
    """The context the tracker's overview page renders, computed once."""
    from actionplan.models import Organisation
    from tracker.users.service import web_principal

    engine = create_db_engine(settings)
    with Session(engine) as session:
        user = find_user(session, email)
        assert user is not None
        organisation = session.get(Organisation, user.organisation_id)
        assert organisation is not None
        principal = web_principal(user, organisation)
        today = local_today(datetime.now(UTC), settings)
        data = viewer.overview(session, principal, lang="da", today=today, period=None)
    engine.dispose()
    t = translator("da")
    return {
        "lang": "da",
        "t": t,
        "user": principal,
        "nav": navigation(principal, PATH, t),
        "title": t("overview.title"),
        "page_title": t("overview.title"),
        "flash": "",
        "errors": FormErrors(),
        "settings": settings,
        "current_path": PATH,
        "current_url": PATH,
        "data": data,
        "r": data.report,
        "statuses": STATUS_COLUMNS,
    }


def create_app() -> Litestar:
    settings = Settings()
    context = fixed_context(settings, os.environ["TRACKER_BENCH_VIEWER_EMAIL"])

    @get(PATH, sync_to_thread=False)
    def overview() -> Template:
        return Template(template_name="pages/overview/index.html", context=context, media_type=MediaType.HTML)

    return Litestar(route_handlers=[overview], template_config=template_config(settings))
