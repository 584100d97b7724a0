"""What the HTTP benchmarks share: a free port, a server child process (uvicorn or granian), a wrk run parsed
into figures, and the server's CPU time per request (from /proc), which a busy shared machine disturbs much
less than requests per second."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


SERVERS = ("uvicorn", "granian")


def start(
    target: str, port: int, env: dict[str, str], factory: bool, server: str = "uvicorn"
) -> subprocess.Popen[bytes]:
    """One worker process serving `target` (module:attribute) on 127.0.0.1:port, pinned to CPU 1."""
    if server == "granian":
        cmd = [sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1", "--port", str(port)]
        cmd += ["--workers", "1", "--log-level", "warning", "--no-ws"]
        if factory:
            cmd.append("--factory")
        cmd.append(target)
    else:
        cmd = [sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", str(port)]
        cmd += ["--log-level", "warning", "--no-access-log"]
        if factory:
            cmd.append("--factory")
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "1", *cmd]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=0.5)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server {target} did not start")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started by `start`: SIGTERM, then SIGKILL if it has not exited within 10 s (granian can
    take longer than that to drain its connections after a wrk run)."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children so far (Linux /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for task in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{task}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _children(pid: int) -> list[int]:
    try:
        found = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return found + [g for c in found for g in _children(c)]


def wrk(
    url: str,
    seconds: int,
    connections: int,
    headers: dict[str, str],
    scripts: tuple[Path, Path] | None = None,
    server: subprocess.Popen[bytes] | None = None,
) -> tuple[float, float, float, float]:
    """(requests/s, p50 ms, p99 ms, server CPU us per request) of a measured wrk run after a 2 s warm-up; fails
    on any non-2xx. The CPU figure is 0 without `server`."""
    base = ["wrk", "-t1", f"-c{connections}", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        base += ["-H", f"{name}: {value}"]
    if shutil.which("taskset"):
        base = ["taskset", "-c", "0", *base]
    warm = [*base, "-d2s", *(["-s", str(scripts[0])] if scripts else []), url]
    subprocess.run(warm, capture_output=True, check=True, timeout=60)
    measured = [*base, f"-d{seconds}s", *(["-s", str(scripts[1])] if scripts else []), url]
    cpu_before = cpu_seconds(server.pid) if server else 0.0
    out = subprocess.run(measured, capture_output=True, check=True, text=True, timeout=seconds + 60).stdout
    cpu = cpu_seconds(server.pid) - cpu_before if server else 0.0
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        raise RuntimeError(f"{url}: {bad.group(1)} non-2xx responses\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        assert m, out
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    done = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return rps, pct("50"), pct("99"), cpu / max(done, 1) * 1e6
