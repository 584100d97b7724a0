"""Large uploads one after another: the server process gives back the memory each one took (issue 11, item 7).

Each upload is a 50,000-row progress template (1.6 MB) whose 49,999 value rows are invalid, so every upload
reads the whole file, lists its first 1,000 errors with sheet, row and column, and makes an annotated copy.
The file is read, parsed and annotated in a worker process that exits with the import
(`tracker.imports.worker`), so the server's resident memory stays near where the first upload left it; read
in the server process it grew by some 55 MB more over the next uploads (166 MB at start, 210 MB after the
first upload, 263-270 MB after twelve: issue 11) and never came back. The RSS of every upload is printed
(run with -s).
"""

import time
from pathlib import Path

import httpx
import pytest

from tests.faults.support import rss_mb, running_server
from tracker.auth.models import Role

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

UPLOADS = 12
# How much the server may grow over the eleven uploads after its first. Measured on a loaded 2-core machine:
# read in the server process (TRACKER_IMPORT_WORKER=false) it grew by 67 MB on SQLite (195 -> 262 MB; issue 11
# saw 210 -> 263-270 MB); with the worker by 16-24 MB (SQLite 190 -> 206 and 185 -> 209 MB, PostgreSQL
# 192 -> 216 MB). The bound sits between the two.
GROWTH_BOUND_MB = 40


def upload_repeatedly(url: str, pid: int, headers: dict[str, str], workbook: Path) -> tuple[float, list[float]]:
    """RSS at start and after each upload (each checked: rejected, its errors located to the cell)."""
    start = rss_mb(pid)
    after: list[float] = []
    data = workbook.read_bytes()
    for n in range(UPLOADS):
        started = time.perf_counter()
        response = httpx.post(
            f"{url}/imports",
            headers=headers,
            files={"file": ("reden.xlsx", data, "application/octet-stream")},
            timeout=300,
        )
        assert response.status_code == 422, response.text[:500]
        body = response.json()
        assert (body["errors_total"], len(body["errors"])) == (49_999, 1000)
        first = body["errors"][0]
        assert (first["sheet"], first["row"], first["column"]) == ("Indikatorer", 2, "value")
        after.append(rss_mb(pid))
        print(f"upload {n + 1}: {time.perf_counter() - started:.1f} s, server RSS {after[-1]:.0f} MB")
    return start, after


def test_the_server_gives_back_the_memory_of_each_large_upload(db_settings, plan_loaded, make_headers, big_workbook):
    reporter = make_headers("REDEN", Role.REPORTER)
    with running_server(db_settings) as server:
        start, after = upload_repeatedly(server.url, server.process.pid, reporter, big_workbook)
    print(
        f"\n[{db_settings.database_url.split(':')[0]}] server RSS {start:.0f} MB at start, {after[0]:.0f} MB after "
        f"the first upload, {min(after[1:]):.0f}-{max(after[1:]):.0f} MB after the next {UPLOADS - 1}"
    )
    assert max(after[1:]) - after[0] < GROWTH_BOUND_MB
