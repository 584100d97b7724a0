"""The types of the shared fixtures, for annotating tests and their helpers."""

from collections.abc import Callable
from typing import Protocol

from litestar import Litestar
from litestar.testing import TestClient

from tracker.auth.models import Role

Client = TestClient[Litestar]
# signed_in("reporter") -> a client signed in as that person (tests/web/conftest.py)
SignedIn = Callable[[str], Client]


class MakeHeaders(Protocol):
    """`make_headers("REDEN", "reporter")`: the request headers of a new token for that organisation and role."""

    def __call__(self, organisation: str = ..., role: Role | str = ...) -> dict[str, str]: ...
