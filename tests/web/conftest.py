"""Fixtures for the page tests: the app on each database, people, and test clients signed in as them."""

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy import Engine

from tests.conftest import Clock, reused_app
from tests.fixture_types import Client, SignedIn
from tests.web.browser import chromium, live  # noqa: F401 (the browser tests' fixtures)
from tests.web.support import make_person, sign_in
from tracker.settings import Settings


@pytest.fixture
def web_app(db_settings: Settings, engine: Engine, clock: Clock, plan_loaded: None) -> Litestar:
    return reused_app(db_settings, engine, clock)


@pytest.fixture
def browser(web_app: Litestar) -> Iterator[Client]:
    """A test client with nobody signed in (its own cookie jar, like a browser)."""
    with TestClient(app=web_app) as client:
        yield client


@pytest.fixture
def signed_in(web_app: Litestar, engine: Engine) -> Iterator[SignedIn]:
    """signed_in("reporter") -> a client signed in as that person (see tests/web/support.PEOPLE), by mail link."""
    with ExitStack() as stack:
        made: set[str] = set()

        def make(who: str) -> Client:
            if who not in made:
                make_person(engine, who)
                made.add(who)
            client = stack.enter_context(TestClient(app=web_app))
            from tests.web.support import PEOPLE

            sign_in(client, engine, PEOPLE[who][0])
            return client

        yield make
