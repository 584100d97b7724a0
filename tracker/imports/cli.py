"""`tracker import FILE`, `tracker template ...` and `tracker plan export ...`."""

import argparse
from datetime import UTC, datetime
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlmodel import Session, col, select

from actionplan.models import Organisation, Plan
from actionplan.workbook import export_plan_workbook
from tracker.auth.models import Role
from tracker.auth.service import Principal
from tracker.console import console, err
from tracker.errors import NotFound
from tracker.settings import Settings

STAGES = {"read": "checking and reading", "write": "writing reports", "annotate": "marking errors", "done": "done"}


def _principal(session: Session, as_org: str | None) -> Principal:
    """The CLI acts as the secretariat (of the plan's coordinator), or with --as as that organisation's reporter."""
    if as_org:
        org = session.exec(select(Organisation).where(Organisation.code == as_org)).first()
        if org is None or org.id is None:
            raise NotFound(f"No organisation with code {as_org!r}.")
        return Principal(0, org.id, org.code, Role.REPORTER)
    plan = session.exec(select(Plan).order_by(col(Plan.id))).first()
    coordinator = session.get(Organisation, plan.coordinator_id) if plan and plan.coordinator_id else None
    coordinator = coordinator or session.exec(select(Organisation).order_by(col(Organisation.id))).first()
    if coordinator is None or coordinator.id is None:
        raise NotFound("No organisation in the database; load a plan first (`tracker plan load`).")
    return Principal(0, coordinator.id, coordinator.code, Role.SECRETARIAT)


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.first_run import prepare_database
    from tracker.imports.service import run_import
    from tracker.imports.transactions import engine_transactions

    path = Path(args.file)
    data = path.read_bytes()
    engine = prepare_database(settings, announce_token=False, load_builtin=False)
    now = datetime.now(UTC)
    with Session(engine) as session:
        principal = _principal(session, args.as_org)
    actor = f"cli:{args.as_org}" if args.as_org else "cli"
    # Reading and checking the file happen outside any transaction; the service opens short ones itself,
    # so the API stays responsive while a large file is imported from the command line.
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as bar:
        task = bar.add_task("checking", total=1)

        def tick(stage: str, done: int, total: int) -> None:
            bar.update(task, description=STAGES.get(stage, stage), completed=done, total=max(total, 1))

        result, annotated = run_import(
            engine_transactions(engine),
            principal,
            data,
            path.name,
            dry_run=args.dry_run,
            submit=args.submit,
            now=now,
            settings=settings,
            actor=actor,
            progress=tick,
        )
    engine.dispose()
    console.print(
        f"[bold]{path.name}[/] ({result.kind} workbook, batch {result.batch_id}): {result.result.value}. {result.message}"
    )
    console.print(
        f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}, rejected {result.rejected}"
    )
    if result.changes:
        table = Table("what", "field", "old", "new", title=f"changes ({result.changes_total})")
        for change in result.changes[: args.show]:
            table.add_row(
                str(change.get("key", "")), str(change["field"]), _short(change["old"]), _short(change["new"])
            )
        console.print(table)
    if result.errors:
        table = Table("sheet", "row", "column", "code", "message", title=f"errors ({result.errors_total})")
        for error in result.errors[: args.show]:
            table.add_row(error["sheet"], str(error["row"]), error["column"], error["code"], error["message"])
        console.print(table)
        if annotated:
            target = Path(args.annotated) if args.annotated else path.with_name(path.stem + "-fejl.xlsx")
            target.write_bytes(annotated)
            console.print(f"annotated copy with the bad cells marked: {target}")
        return 1
    return 0


def _short(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def cmd_template(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.first_run import prepare_database
    from tracker.imports.templates import progress_template

    engine = prepare_database(settings, announce_token=False, load_builtin=False)
    with Session(engine) as session:
        data = progress_template(session, args.period, args.organisation, plan=args.plan)
    output = Path(args.output or f"fremdrift-{args.organisation}-{args.period}.xlsx")
    output.write_bytes(data)
    console.print(f"wrote {output} ({len(data):,} bytes)")
    return 0


def cmd_plan_export(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.first_run import prepare_database

    engine = prepare_database(settings, announce_token=False, load_builtin=False)
    with Session(engine) as session:
        slug = args.plan or session.exec(select(Plan.slug).order_by(col(Plan.id))).first()
        data = export_plan_workbook(session, slug) if slug else None
    if data is None:
        err.print(f"no plan {args.plan or ''!r}")
        return 1
    output = Path(args.output or f"plan-{slug}.xlsx")
    output.write_bytes(data)
    console.print(f"wrote {output} ({len(data):,} bytes)")
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    imp = sub.add_parser("import", help="import a plan workbook or a filled-in progress template")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="validate and show the diff, change nothing")
    imp.add_argument("--submit", action="store_true", help="submit imported progress reports for review")
    imp.add_argument("--as", dest="as_org", metavar="ORG", help="act as ORG's reporter (default: the secretariat)")
    imp.add_argument("--annotated", help="where to write the annotated copy when there are errors")
    imp.add_argument("--show", type=int, default=50, help="how many changes and errors to list")
    imp.set_defaults(handler=cmd_import)

    template = sub.add_parser("template", help="write a pre-filled progress template for one organisation")
    template.add_argument("--period", required=True, help="reporting period label, e.g. 2025-H2")
    template.add_argument("--organisation", "--org", required=True, help="organisation code, e.g. REDEN")
    template.add_argument("--plan", help="plan slug (when several plans share the period label)")
    template.add_argument("-o", "--output", help="file to write (default fremdrift-ORG-PERIOD.xlsx)")
    template.set_defaults(handler=cmd_template)

    plan_parser = sub.choices.get("plan")
    if plan_parser is not None:
        plan_sub = next(a for a in plan_parser._actions if isinstance(a, argparse._SubParsersAction))
        export = plan_sub.add_parser("export", help="write the plan as a workbook (the import layout)")
        export.add_argument("--plan", help="plan slug (default: the first plan)")
        export.add_argument("-o", "--output", help="file to write (default plan-SLUG.xlsx)")
        export.set_defaults(handler=cmd_plan_export)
