"""The tracker with the overview page's main part rendered on every request (its per-process cache bypassed).

`bench_overview.py`'s third case: what the page costs beyond rendering the whole template (session check, period
list, routing, middleware, the trip to a worker thread), against the bare endpoint's full render. Benchmarks only.
Served with `uvicorn --factory` (or granian).
"""

from datetime import date
from typing import Any

from litestar import Litestar
from markupsafe import Markup

from tracker.app import create_app as create_tracker_app
from tracker.web import viewer


def create_app() -> Litestar:
    def overview_main(
        session: Any, principal: Any, *, lang: str, today: date, period: str | None, render: Any, variant: Any
    ) -> Markup:
        result: Markup = render(viewer.overview(session, principal, lang=lang, today=today, period=period))
        return result

    viewer.overview_main = overview_main
    return create_tracker_app()
