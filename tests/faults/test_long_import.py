"""A 50,000-row import, through the API and from the command line, never freezes other requests.

The file is read, validated and annotated outside any database transaction; the database is used in short
transactions only. Other requests are checked as "served" (200, not a timeout or a 503); the delays are
printed (run with -s to see them) rather than asserted, as timings depend on the machine.
"""

import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from sqlmodel import Session, select

from tests.faults.support import ROOT, Latencies, read_while, rss_mb, running_server, server_env
from tracker.auth.models import Role
from tracker.imports.models import ImportBatch

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def busy(thread: threading.Thread, process: "subprocess.Popen[bytes]") -> Iterator[bool]:
    while True:
        yield thread.is_alive() or process.poll() is None


def baseline(url: str, headers: dict[str, str]) -> Latencies:
    count = iter([True] * 10 + [False])
    return read_while(url, headers, count)


def test_reads_are_served_while_50000_row_imports_run_through_the_api_and_the_command_line(
    db_settings, engine, plan_loaded, make_headers, big_workbook, tmp_path
):
    reporter = make_headers("REDEN", Role.REPORTER)
    with running_server(db_settings) as server:
        before = baseline(server.url, reporter)
        memory_before = rss_mb(server.process.pid)
        answer: dict[str, object] = {}

        def upload() -> None:
            started = time.perf_counter()
            with big_workbook.open("rb") as handle:
                response = httpx.post(
                    f"{server.url}/imports",
                    headers=reporter,
                    files={"file": ("reden.xlsx", handle, "application/octet-stream")},
                    timeout=300,
                )
            answer["status"] = response.status_code
            answer["seconds"] = round(time.perf_counter() - started, 1)
            answer["errors_total"] = response.json().get("errors_total")
            answer["errors_listed"] = len(response.json().get("errors", []))

        uploader = threading.Thread(target=upload)
        uploader.start()
        started = time.perf_counter()
        command = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tracker.cli",
                "import",
                str(big_workbook),
                "--as",
                "REDEN",
                "--show",
                "1",
                "--annotated",
                str(tmp_path / "fejl.xlsx"),
            ],
            cwd=ROOT,
            env=server_env(db_settings),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        during = read_while(server.url, reporter, busy(uploader, command))
        uploader.join()
        code = command.wait(timeout=300)
        cli_seconds = time.perf_counter() - started
        memory_after = rss_mb(server.process.pid)

    print(
        f"\n[{db_settings.database_url.split(':')[0]}] API upload: {answer}; CLI import: exit {code} in "
        f"{cli_seconds:.1f} s | /me/due before: {before.summary()} | during: {during.summary()} "
        f"| server RSS {memory_before:.0f} MB before, {memory_after:.0f} MB after"
    )
    assert answer["status"] == 422
    assert (answer["errors_total"], answer["errors_listed"]) == (49_999, 1000)
    assert code == 1  # rejected: the annotated copy was written
    assert (tmp_path / "fejl.xlsx").exists()
    with Session(engine) as session:
        assert [b.result for b in session.exec(select(ImportBatch)).all()] == ["rejected", "rejected"]
    assert during.seconds, "no request ran during the imports"
    assert set(during.statuses) == {200}
