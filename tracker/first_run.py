"""First run: what makes `tracker serve` work on a fresh machine with nothing else done.

Migrate, load the built-in plan into an empty database, give a first-run API token and a one-time sign-in
link for the secretariat. The command line's commands call `prepare_database` (the CLI modules of each area
too, without importing the CLI itself).
"""

from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from actionplan.loader import builtin_plan_data, load_plan
from actionplan.models import Plan
from tracker import migrate
from tracker.auth.models import ApiToken, Role
from tracker.auth.service import create_token
from tracker.console import console
from tracker.db import create_db_engine, session_scope
from tracker.settings import Settings


def prepare_database(settings: Settings, *, announce_token: bool = True, load_builtin: bool = True) -> Engine:
    """Migrate, load the built-in plan into an empty database, and give a first-run token.

    This is what makes `tracker serve` work on a fresh machine with nothing else done. Other commands pass
    `load_builtin=False`: the built-in plan is loaded by `serve` or `tracker plan load`, never as a side effect.
    """
    engine = create_db_engine(settings)
    migrate.upgrade(engine)
    with session_scope(engine) as session:
        if load_builtin and session.exec(select(Plan)).first() is None:
            result = load_plan(session, builtin_plan_data())
            console.print(f"loaded the built-in 2022-2025 plan ({result.created} rows)")
        has_tokens = session.exec(select(ApiToken)).first() is not None
        if announce_token and not has_tokens and settings.environment != "production":
            _token, secret = create_token(
                session,
                "CMM",
                Role.SECRETARIAT,
                now=datetime.now(UTC),
                label="first-run secretariat token",
                expires_in_days=30,
                actor="cli",
            )
            console.print(
                "[bold]First run:[/] a secretariat token for CMM (valid 30 days; create others with "
                "`tracker token create`):"
            )
            print(secret, flush=True)
        if announce_token and settings.environment != "production":
            announce_first_sign_in(session, settings)
    return engine


def announce_first_sign_in(session: Session, settings: Settings) -> None:
    """On a database without people, add the secretariat's first person and print a one-time sign-in link."""
    from tracker.users.models import User
    from tracker.users.service import add_user, create_sign_in_link

    if session.exec(select(User)).first() is not None:
        return
    now = datetime.now(UTC)
    email = settings.secretariat_email or "sekretariat@localhost"
    user = add_user(
        session, email=email, name="Sekretariatet", organisation_code="CMM", role=Role.SECRETARIAT, now=now, actor="cli"
    )
    url = create_sign_in_link(session, user, now=now, settings=settings)
    console.print(
        f"[bold]First run:[/] sign in to the web pages as the secretariat ({user.email}) with this one-time link "
        f"(valid {settings.sign_in_link_minutes} minutes; `tracker user link {user.email}` prints a new one):"
    )
    print(url, flush=True)
