"""`tracker user add|list|disable|link`: the people who sign in to the web pages."""

import argparse
from datetime import UTC, datetime

from rich.table import Table

from tracker.auth.models import Role
from tracker.console import console
from tracker.db import create_db_engine, session_scope
from tracker.errors import NotFound
from tracker.settings import Settings
from tracker.users.service import add_user, create_sign_in_link, disable_user, find_user, list_users


def cmd_user_add(args: argparse.Namespace, settings: Settings) -> int:
    engine = create_db_engine(settings)
    with session_scope(engine) as session:
        user = add_user(
            session,
            email=args.email,
            name=args.name,
            organisation_code=args.organisation,
            role=args.role,
            now=datetime.now(UTC),
            actor="cli",
        )
        console.print(
            f"added {user.email} ({user.role}, {args.organisation}); they sign in at {settings.base_url}/log-ind"
        )
    return 0


def cmd_user_list(args: argparse.Namespace, settings: Settings) -> int:
    engine = create_db_engine(settings)
    table = Table("email", "name", "organisation", "role", "active", "last sign-in")
    with session_scope(engine) as session:
        for user, code in list_users(session):
            table.add_row(
                user.email, user.name, code, user.role, "yes" if user.active else "no", str(user.last_sign_in_at or "")
            )
    console.print(table)
    return 0


def cmd_user_disable(args: argparse.Namespace, settings: Settings) -> int:
    engine = create_db_engine(settings)
    with session_scope(engine) as session:
        user = disable_user(session, args.email, now=datetime.now(UTC), actor="cli")
        console.print(f"{user.email} disabled; their sessions have ended")
    return 0


def cmd_user_link(args: argparse.Namespace, settings: Settings) -> int:
    """Print a one-time sign-in link (for an administrator when mail is not set up yet)."""
    engine = create_db_engine(settings)
    with session_scope(engine) as session:
        user = find_user(session, args.email)
        if user is None or not user.active:
            raise NotFound(f"No active user with the address {args.email}.")
        url = create_sign_in_link(session, user, now=datetime.now(UTC), settings=settings)
    console.print(f"one-time sign-in link for {user.email} (valid {settings.sign_in_link_minutes} minutes):")
    print(url, flush=True)
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    user = sub.add_parser("user", help="people who sign in to the web pages").add_subparsers(
        dest="user_command", required=True
    )
    add = user.add_parser("add", help="add a person")
    add.add_argument("email")
    add.add_argument("--name", required=True)
    add.add_argument("--organisation", "--org", required=True, help="organisation code, e.g. REDEN")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.set_defaults(handler=cmd_user_add)
    user.add_parser("list", help="list people").set_defaults(handler=cmd_user_list)
    disable = user.add_parser("disable", help="disable a person and end their sessions")
    disable.add_argument("email")
    disable.set_defaults(handler=cmd_user_disable)
    link = user.add_parser("link", help="print a one-time sign-in link for a person")
    link.add_argument("email")
    link.set_defaults(handler=cmd_user_link)
