"""Helpers for the fault tests: a real server process, a large workbook, latency records."""

import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from openpyxl import Workbook

from tests.tracker.mailserver import free_port
from tracker.imports.parse import REPORT_COLUMNS, REPORTS_SHEET, VALUE_COLUMNS, VALUES_SHEET
from tracker.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def server_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(
        {
            "TRACKER_DATABASE_URL": settings.database_url,
            "TRACKER_ENVIRONMENT": "test",
            "TRACKER_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **extra,
        }
    )
    return env


@dataclass
class Server:
    url: str
    process: "subprocess.Popen[bytes]"

    def kill(self) -> None:
        """kill -9: no shutdown, no flush, no goodbye."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


@contextmanager
def running_server(settings: Settings, **extra: str) -> Iterator[Server]:
    """`uvicorn tracker.app:create_app` in its own process, ready when /health answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "tracker.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_env(settings, **extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90  # a loaded CI machine needs a while to import everything
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {process.stderr.read().decode() if process.stderr else ''}")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code in (200, 503):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 90 s")
            time.sleep(0.1)
        yield Server(url, process)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def invalid_progress_workbook(path: Path, rows: int = 50_000) -> Path:
    """A progress template for REDEN with one report row and `rows - 1` value rows whose value is not a number."""
    workbook = Workbook(write_only=True)
    reports = workbook.create_sheet(REPORTS_SHEET)
    reports.append(REPORT_COLUMNS)
    reports.append(["2025-H2", "REDEN", "MH22-2.1", "Rådgivning", "Planmæssigt", "Fremdrift", "", "", "", 1000.0])
    values = workbook.create_sheet(VALUES_SHEET)
    values.append(VALUE_COLUMNS)
    for n in range(rows - 1):
        values.append(["2025-H2", "MH22-2.1", "MH22-2.1-I1", "Indikator", "personer", "total", f"ikke et tal {n}", ""])
    workbook.save(path)
    return path


@dataclass
class Latencies:
    """Seconds per request and the statuses seen (timeouts recorded as status 0)."""

    seconds: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    def add(self, seconds: float, status: int) -> None:
        self.seconds.append(seconds)
        self.statuses.append(status)

    def summary(self) -> str:
        if not self.seconds:
            return "no requests"
        ordered = sorted(self.seconds)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        return (
            f"{len(ordered)} requests, p50 {statistics.median(ordered) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms, statuses {sorted(set(self.statuses))}"
        )


def rss_mb(pid: int) -> float:
    """A process's resident memory in MB (Linux), 0 when the process is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def read_while(url: str, headers: dict[str, str], busy: "Iterator[bool]", *, path: str = "/me/due") -> Latencies:
    """GET `path` over and over while `busy` yields True; each request may take 30 s at most."""
    latencies = Latencies()
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        for still_busy in busy:
            if not still_busy:
                break
            started = time.perf_counter()
            try:
                status = client.get(path).status_code
            except httpx.TimeoutException:
                status = 0
            latencies.add(time.perf_counter() - started, status)
            time.sleep(0.05)
    return latencies
