"""What the HTTP benchmarks share: a free port, a uvicorn child process, a wrk run parsed into figures."""

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


def start(target: str, port: int, env: dict[str, str], factory: bool) -> subprocess.Popen[bytes]:
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


def wrk(
    url: str, seconds: int, connections: int, headers: dict[str, str], scripts: tuple[Path, Path] | None = None
) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) of a measured wrk run after a 2 s warm-up; fails on any non-2xx."""
    base = ["wrk", "-t1", f"-c{connections}", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        base += ["-H", f"{name}: {value}"]
    if shutil.which("taskset"):
        base = ["taskset", "-c", "0", *base]
    warm = [*base, "-d2s", *(["-s", str(scripts[0])] if scripts else []), url]
    subprocess.run(warm, capture_output=True, check=True, timeout=60)
    measured = [*base, f"-d{seconds}s", *(["-s", str(scripts[1])] if scripts else []), url]
    out = subprocess.run(measured, capture_output=True, check=True, text=True, timeout=seconds + 60).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        raise RuntimeError(f"{url}: {bad.group(1)} non-2xx responses\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        assert m, out
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return rps, pct("50"), pct("99")
