"""`tracker report ...` (issue a status report to a file, stored as a snapshot) and `tracker demo load`."""

import argparse
from datetime import UTC, datetime
from pathlib import Path

from reports import FORMATS
from tracker.console import err as console
from tracker.db import session_scope
from tracker.settings import Settings


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.first_run import prepare_database
    from tracker.issued.service import issue_report

    engine = prepare_database(settings, announce_token=False, load_builtin=False)
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        snapshot, new = issue_report(
            session,
            plan_slug=args.plan,
            period_label=args.period,
            fmt=args.format,
            lang=args.lang,
            public=args.public,
            include_submitted=args.include_submitted,
            actor="cli",
            now=now,
            tz=settings.tz,
        )
        content, name, snapshot_id, digest = snapshot.content, snapshot.filename, snapshot.id, snapshot.sha256
    output = Path(args.output) if args.output else Path(name)
    output.write_bytes(content)
    kept = f"issued as snapshot {snapshot_id}" if new else f"identical to snapshot {snapshot_id}, issued before"
    console.print(f"wrote {output} ({len(content):,} bytes, sha256 {digest[:12]}…); {kept}")
    return 0


def load_demo_data(settings: Settings) -> int:
    from tracker.demo import load_demo
    from tracker.first_run import prepare_database
    from tracker.fora.demo import load_fora_demo

    engine = prepare_database(settings, announce_token=False)
    with session_scope(engine) as session:
        result = load_demo(session, now=datetime.now(UTC), actor="cli")
        meetings = load_fora_demo(session, now=datetime.now(UTC), actor="cli")
    if result.created:
        console.print(
            f"sample data ([EKSEMPEL]) added: {result.reports} progress reports, {result.values} indicator values, "
            f"{result.slips} milestone slips, {result.targets} sample targets"
        )
    else:
        console.print("sample data ([EKSEMPEL]) already present; nothing changed")
    if meetings:
        console.print(f"sample forum meetings ([EKSEMPEL]) added: {meetings} meetings with decisions and action items")
    return 0


def cmd_demo_load(args: argparse.Namespace, settings: Settings) -> int:
    return load_demo_data(settings)


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    report = sub.add_parser(
        "report", help="write a status report for the minister's office to a file (kept as a snapshot)"
    )
    report.add_argument("--plan", default="mh-2022-2025", help="plan slug")
    report.add_argument("--period", help="period label, e.g. 2025-H1 (default: the latest whose due date has passed)")
    report.add_argument("--format", choices=FORMATS, default="pdf")
    report.add_argument("--lang", choices=["da", "en"], default="da")
    report.add_argument("--public", action="store_true", help="public edition: counts 1-4 shown as <5")
    report.add_argument(
        "--include-submitted", action="store_true", help="include submitted reports not yet approved (marked)"
    )
    report.add_argument("-o", "--output", help="file to write (default: the report's own file name)")
    report.set_defaults(handler=cmd_report, creates_database=True)

    demo = sub.add_parser("demo", help="sample data").add_subparsers(dest="demo_command", required=True)
    demo.add_parser(
        "load", help="add clearly labelled sample progress ([EKSEMPEL]) for several past periods"
    ).set_defaults(handler=cmd_demo_load, creates_database=True)
