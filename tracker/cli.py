"""The `tracker` command line: serve, db, plan, token (other modules add their own commands)."""

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.tree import Tree
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from actionplan.loader import builtin_plan_data, load_plan, read_plan_file
from actionplan.models import Organisation
from actionplan.plan_file import PlanFileError
from reports.words import plural
from tracker import migrate
from tracker.auth.models import Role
from tracker.auth.service import create_token, list_tokens, revoke_token
from tracker.console import console, err
from tracker.db import create_db_engine, masked_url, session_scope
from tracker.errors import TrackerError
from tracker.first_run import prepare_database
from tracker.plans import service as plan_service
from tracker.settings import Settings

Handler = Callable[[argparse.Namespace, Settings], int]


def _engine(settings: Settings) -> Engine:
    return create_db_engine(settings)


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    before = migrate.current_revision(engine)
    migrate.upgrade(engine)
    after = migrate.current_revision(engine)
    console.print(f"database {masked_url(settings.database_url)}: schema {before or 'empty'} -> {after}")
    return 0


def cmd_db_check(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    if not migrate.is_current(engine):
        err.print(f"schema is at {migrate.current_revision(engine)}, newest is {migrate.head_revision()}")
        return 1
    diff = migrate.schema_differences(engine)
    if diff:
        err.print("models and migrations differ:", *diff, sep="\n  ")
        return 1
    console.print("schema current; models and migrations agree")
    return 0


def cmd_plan_load(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    migrate.upgrade(engine)
    if args.file:
        with session_scope(engine) as session:
            known = set(session.exec(select(Organisation.code)).all())
        try:
            data = read_plan_file(Path(args.file), known_organisations=known)
        except PlanFileError as exc:
            err.print(
                f"{args.file}: {len(exc.problems)} {plural(len(exc.problems), 'problem', 'problems')}; nothing was loaded"
            )
            for path, message in exc.problems:
                err.print(f"  {path}: {message}", markup=False)
            return 2
    else:
        data = builtin_plan_data()
    with session_scope(engine) as session:
        result = load_plan(session, data)
        if args.dry_run:
            session.rollback()
    verb = "would change" if args.dry_run else "changed"
    console.print(
        f"plan {data['plan']['slug']}: {result.created} created, {result.updated} updated, "
        f"{result.unchanged} unchanged ({verb} {len(result.changes)} fields)"
    )
    for change in result.changes[: args.show]:
        console.print(f"  {change.entity} {change.key}: {change.field} {change.old!r} -> {change.new!r}")
    return 0


def cmd_plan_show(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    today = datetime.now(UTC).astimezone(settings.tz).date()
    with Session(engine) as session:
        plans = plan_service.list_plans(session).data
        if not plans:
            err.print("no plan loaded; run `tracker plan load`")
            return 1
        for summary in plans:
            if args.plan and summary.slug != args.plan:
                continue
            plan = plan_service.get_plan(session, summary.slug)
            title = plan.title_en if args.lang == "en" else plan.title_da
            budget = f"DKK {plan.budget_dkk / 1e6:.1f} m" if plan.budget_dkk else "budget unknown"
            tree = Tree(f"[bold]{title}[/] ({plan.slug}, {plan.starts}..{plan.ends}, {budget})")
            initiatives = plan_service.list_initiatives(session, today=today, plan=plan.slug, page_size=10_000).data
            for area in plan.focus_areas:
                area_title = area.title_en if args.lang == "en" else area.title_da
                branch = tree.add(f"[bold cyan]{area.code}[/] {area_title}")
                for i in initiatives:
                    if i.focus_area != area.code:
                        continue
                    name = i.title_en if args.lang == "en" else i.title_da
                    status = i.status or "no approved report"
                    flag = " [red]overdue[/]" if i.overdue else ""
                    branch.add(f"{i.code} {name} [dim]- lead {i.lead.code}; {status}; certainty {i.certainty}[/]{flag}")
            periods = ", ".join(f"{p.label} ({p.state})" for p in plan.periods)
            tree.add(f"[dim]reporting periods: {periods}[/]")
            console.print(tree)
            if plan.reconstruction_note:
                console.print(f"[yellow]Note:[/] {plan.reconstruction_note}")
    return 0


def cmd_token_create(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    with session_scope(engine) as session:
        token, secret = create_token(
            session,
            args.organisation,
            args.role,
            now=datetime.now(UTC),
            label=args.label,
            expires_in_days=args.days,
            actor="cli",
        )
    # The secret alone on stdout (REDEN=$(tracker token create ...) captures just it); the words on stderr.
    if not args.quiet:
        err.print(f"token {token.id} for {args.organisation} as {token.role} (expires {token.expires_at or 'never'})")
        err.print("Store this secret now; it is shown only once:")
    print(secret, flush=True)
    return 0


def cmd_token_list(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    table = Table("id", "prefix", "organisation", "role", "label", "expires", "revoked", "last used")
    with Session(engine) as session:
        for token, org_code in list_tokens(session):
            table.add_row(
                str(token.id),
                token.prefix + "…",
                org_code,
                token.role,
                token.label,
                str(token.expires_at or "never"),
                str(token.revoked_at or ""),
                str(token.last_used_at or ""),
            )
    console.print(table)
    return 0


def cmd_token_revoke(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    with session_scope(engine) as session:
        revoke_token(session, args.id, now=datetime.now(UTC), actor="cli")
    console.print(f"token {args.id} revoked")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.logs import configure_logging

    log_config = configure_logging(settings)
    settings = _links_to_this_server(settings, args.host, args.port)
    if settings.is_sqlite or args.migrate:
        prepare_database(settings)
    if args.demo:
        from tracker.issued.cli import load_demo_data

        load_demo_data(settings)
    workers = args.workers or settings.workers
    server = args.server or settings.server
    console.print(
        f"serving on http://{args.host}:{args.port} with {workers} {server} worker "
        f"{plural(workers, 'process', 'processes')} "
        "(API docs at /schema, health at /health)"
    )
    # Several workers are separate processes (each builds its own app); one of them leads the scheduler.
    if server == "granian":
        _serve_granian(args.host, args.port, workers, settings, log_config)
    else:
        _serve_uvicorn(args.host, args.port, workers, log_config)
    return 0


def _links_to_this_server(settings: Settings, host: str, port: int) -> Settings:
    """Without TRACKER_BASE_URL, links (the first-run sign-in, mails) point at the address this server listens on.

    The setting's default names port 8000; `tracker serve --port 8765` printed a sign-in link to port 8000. The
    worker processes read the setting from the environment, so it is set there too.
    """
    if "base_url" in settings.model_fields_set:
        return settings
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else (f"[{host}]" if ":" in host else host)
    url = f"http://{shown}:{port}"
    os.environ["TRACKER_BASE_URL"] = url
    return settings.model_copy(update={"base_url": url})


def _serve_granian(host: str, port: int, workers: int, settings: Settings, log_config: dict[str, Any]) -> None:
    from granian import Granian
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    Granian(
        # The app behind the proxy-headers check (tracker.app.create_served_app).
        "tracker.app:create_served_app",
        factory=True,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=workers,
        websockets=False,
        log_dictconfig=log_config,
        log_level=LogLevels(settings.log_level.lower()),
        # One line per request comes from tracker.access, with its X-Request-ID (tracker/requests.py).
        log_access=False,
        # A client has 5 s to send a request's headers (an idle keep-alive connection is closed after that).
        http1_settings=HTTP1Settings(header_read_timeout=5_000),
        # Running requests get 30 s on shutdown.
        workers_kill_timeout=30,
        respawn_failed_workers=True,
    ).serve()


def _serve_uvicorn(host: str, port: int, workers: int, log_config: dict[str, Any]) -> None:
    import uvicorn

    uvicorn.run(
        "tracker.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=30,
        # A worker builds the app (imports polars, the report renderers) before it answers the supervisor.
        timeout_worker_healthcheck=60,
        proxy_headers=True,
        # One line per request comes from tracker.access, with its X-Request-ID (tracker/requests.py).
        access_log=False,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tracker", description="actionplan-tracker: follow a national action plan.")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="start the HTTP API (migrates and loads the built-in plan on SQLite)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--migrate", action="store_true", help="also migrate a PostgreSQL database before serving")
    serve.add_argument("--demo", action="store_true", help="add clearly labelled sample progress reports")
    serve.add_argument("--workers", type=int, help="worker processes (default TRACKER_WORKERS, 1)")
    serve.add_argument(
        "--server", choices=("granian", "uvicorn"), help="the HTTP server (default TRACKER_SERVER, granian)"
    )
    serve.set_defaults(handler=cmd_serve, creates_database=True)

    db = sub.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply migrations").set_defaults(handler=cmd_db_upgrade, creates_database=True)
    db.add_parser("check", help="fail if the schema is behind or differs from the models").set_defaults(
        handler=cmd_db_check
    )
    from tracker.backup import register as register_backup

    register_backup(db)

    plan = sub.add_parser("plan", help="the action plan").add_subparsers(dest="plan_command", required=True)
    load = plan.add_parser("load", help="load the built-in plan, or FILE (same JSON format)")
    load.add_argument("file", nargs="?")
    load.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    load.add_argument("--show", type=int, default=50, help="how many changes to list")
    load.set_defaults(handler=cmd_plan_load, creates_database=True)
    show = plan.add_parser("show", help="print the plan as a tree")
    show.add_argument("--plan", help="plan slug (default: all)")
    show.add_argument("--lang", choices=["da", "en"], default="da")
    show.set_defaults(handler=cmd_plan_show)

    token = sub.add_parser("token", help="API tokens").add_subparsers(dest="token_command", required=True)
    create = token.add_parser("create", help="create a token and print its secret once")
    create.add_argument("--organisation", "--org", required=True, help="organisation code, e.g. REDEN")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--label", default="")
    create.add_argument("--days", type=int, default=365, help="days until it expires (0: never)")
    create.add_argument("--quiet", "-q", action="store_true", help="print only the secret")
    create.set_defaults(handler=cmd_token_create)
    token.add_parser("list", help="list tokens (never their secrets)").set_defaults(handler=cmd_token_list)
    revoke = token.add_parser("revoke", help="revoke a token by id")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(handler=cmd_token_revoke)

    from tracker.jobs.cli import register as register_jobs

    register_jobs(sub)
    from tracker.issued.cli import register as register_reports

    register_reports(sub)
    from tracker.imports.cli import register as register_imports

    register_imports(sub)
    from tracker.users.cli import register as register_users

    register_users(sub)
    from tracker.fora.cli import register as register_fora

    register_fora(sub)
    return parser


def missing_database(settings: Settings) -> str | None:
    """Why a command that works on an existing database cannot run here (None when it can); creates nothing.

    Asked before every command but those that set a database up (`set_defaults(creates_database=True)`:
    serve, db upgrade, db restore, plan load, and the commands that prepare one by design: report, demo load,
    forum).
    """
    where = masked_url(settings.database_url)
    setup = (
        "Set it up with `tracker db upgrade && tracker plan load` (or `tracker serve`, which does both on SQLite), "
        "or point TRACKER_DATABASE_URL at the tracker's database."
    )
    path = settings.sqlite_path()
    if path is not None and not path.exists():
        return f"There is no database at {path.resolve()} (TRACKER_DATABASE_URL={where}). {setup}"
    engine = create_db_engine(settings)
    try:
        revision = migrate.current_revision(engine)
    except SQLAlchemyError as exc:
        return f"The database {where} cannot be reached ({exc.__class__.__name__}). {setup}"
    finally:
        engine.dispose()
    if revision is None:
        return f"The database {where} has no tracker schema. {setup}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    if not getattr(args, "creates_database", False):
        problem = missing_database(settings)
        if problem is not None:
            err.print(f"[red]error:[/] {problem}", markup=True, highlight=False)
            return 2
    try:
        code: int = args.handler(args, settings)
    except TrackerError as exc:
        err.print(f"[red]error:[/] {exc.detail}")
        return 2
    except SQLAlchemyError as exc:
        err.print(f"[red]error:[/] the database {masked_url(settings.database_url)} failed: {exc.__class__.__name__}")
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
