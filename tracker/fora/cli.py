"""`tracker forum list|show|pack`: the coordination fora from the command line."""

import argparse
from datetime import UTC, date, datetime
from pathlib import Path

from rich.table import Table
from sqlmodel import Session

from reports.words import plural
from tracker.console import console, err
from tracker.fora import service
from tracker.settings import Settings


def _today(settings: Settings) -> date:
    return datetime.now(UTC).astimezone(settings.tz).date()


def _name(item: object, lang: str) -> str:
    return str(getattr(item, f"name_{lang}"))


def cmd_forum_list(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.first_run import prepare_database

    engine = prepare_database(settings, announce_token=False, load_builtin=False)
    table = Table("code", "forum", "scope", "chair/secretariat", "cadence", "members", "last meeting", "met as planned")
    with Session(engine) as session:
        fora = service.list_fora(session, today=_today(settings)).data
        if not fora:
            console.print("no fora in this database: load a plan first (`tracker plan load` for the built-in one)")
            return 0
        for f in fora:
            cadence = f"{f.meetings_per_year}/year" if f.meetings_per_year else (f.cadence_note or "not stated")
            table.add_row(
                f.code,
                _name(f, args.lang),
                f.scope.value,
                f.secretariat.code if f.secretariat else "not stated",
                cadence,
                str(f.members) if f.members else "not named",
                str(f.last_meeting or "none recorded"),
                "[red]no: not met as its cadence says[/]"
                if f.behind_cadence
                else ("yes" if f.meetings_per_year else "-"),
            )
    console.print(table)
    return 0


def cmd_forum_show(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.first_run import prepare_database

    engine = prepare_database(settings, announce_token=False, load_builtin=False)
    with Session(engine) as session:
        f = service.get_forum(session, args.forum, today=_today(settings))
    console.print(f"[bold]{_name(f, args.lang)}[/] ({f.code}, {f.scope.value})")
    if f.description:
        console.print(f.description)
    secretariat = f"{f.secretariat.code} {_name(f.secretariat, args.lang)}" if f.secretariat else "not stated"
    console.print(
        f"Chair/secretariat: {secretariat}" + (f" [dim]({f.secretariat_note})[/]" if f.secretariat_note else "")
    )
    cadence = (
        f"{f.meetings_per_year} {plural(f.meetings_per_year, 'meeting', 'meetings')} a year"
        if f.meetings_per_year
        else "not fixed"
    )
    console.print(f"Cadence: {cadence}" + (f" [dim]({f.cadence_note})[/]" if f.cadence_note else ""))
    if f.behind_cadence:
        console.print(
            "[red]Has not met as its cadence says[/] (last meeting: " + str(f.last_meeting or "none recorded") + ")"
        )
    console.print(f"Members ({len(f.members_list)}):" if f.members_list else "Members: none named")
    for m in f.members_list:
        console.print(f"  {m.code:<10} {_name(m, args.lang)} [dim]({m.kind})[/]")
    if f.members_note:
        console.print(f"  [dim]{f.members_note}[/]")
    codes = ", ".join(i.code for i in f.initiatives)
    console.print(f"Follows: {codes or 'no initiative named'}")
    if f.initiatives_note:
        console.print(f"  [dim]{f.initiatives_note}[/]")
    console.print(f"Meetings ({len(f.meeting_list)}):" if f.meeting_list else "Meetings: none recorded")
    for mt in f.meeting_list:
        console.print(
            f"  {mt.held_on} {mt.title} [dim](#{mt.id}: {mt.decisions} decisions, {mt.open_action_items} open action items)[/]"
        )
    if f.source_url:
        console.print(f"[dim]Source: {f.source_url}[/]")
    return 0


def cmd_forum_pack(args: argparse.Namespace, settings: Settings) -> int:
    from reports.pack import pack_filename, render_pack
    from tracker.first_run import prepare_database
    from tracker.fora.pack import meeting_pack

    engine = prepare_database(settings, announce_token=False, load_builtin=False)
    fmt = args.format or (Path(args.output).suffix.lstrip(".").lower() if args.output else "pdf")
    if fmt not in ("pdf", "html"):
        err.print(f"[red]error:[/] unsupported format {fmt!r}; use pdf or html")
        return 2
    with Session(engine) as session:
        pack = meeting_pack(session, None, args.forum, args.date, lang=args.lang, today=_today(settings))
    content = render_pack(pack, fmt)
    output = Path(args.output) if args.output else Path(pack_filename(pack, fmt))
    output.write_bytes(content)
    err.print(
        f"wrote {output} ({len(content):,} bytes): {pack.forum_name}, meeting {pack.held_on}, period "
        f"{pack.report.meta.period}, {len(pack.initiatives)} initiatives, {len(pack.action_items)} open action items"
    )
    return 0


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    forum = sub.add_parser("forum", help="coordination fora, their meetings and meeting packs").add_subparsers(
        dest="forum_command", required=True
    )
    listing = forum.add_parser("list", help="every forum with its cadence and last meeting")
    listing.add_argument("--lang", choices=["da", "en"], default="da")
    listing.set_defaults(handler=cmd_forum_list, creates_database=True)
    show = forum.add_parser("show", help="one forum: chair, cadence, members, followed initiatives, meetings")
    show.add_argument("forum", help="forum code, e.g. MYNDGRP")
    show.add_argument("--lang", choices=["da", "en"], default="da")
    show.set_defaults(handler=cmd_forum_show, creates_database=True)
    pack = forum.add_parser("pack", help="write the meeting pack for a forum and a meeting date (PDF or HTML)")
    pack.add_argument("forum", help="forum code, e.g. TVAERMIN")
    pack.add_argument("--date", required=True, type=date.fromisoformat, help="meeting date, e.g. 2026-12-01")
    pack.add_argument("-o", "--output", help="file to write (.pdf or .html; default: the pack's own file name)")
    pack.add_argument("--format", choices=["pdf", "html"], help="default: from the output file's suffix, else pdf")
    pack.add_argument("--lang", choices=["da", "en"], default="da")
    pack.set_defaults(handler=cmd_forum_pack, creates_database=True)
