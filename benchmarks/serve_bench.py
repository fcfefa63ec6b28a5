"""``rolebot serve`` under load: peak memory, signed Slack events per second, ack latency.

Three processes on loopback: this one runs the fake Slack Web API (``SLACK_API_URL``), a
child runs ``rolebot serve`` (Slack over HTTP, the default SQLite storage in a temporary
folder), and another child is the load generator (:mod:`benchmarks.loadgen`). A warm-up
of a few hundred events comes first; then the measured run. Every event is answered:
the replies the fake receives (``chat.postMessage``) are counted, so an acknowledgement
rate the server cannot actually keep up with shows as a backlog (``drain_s``). The CPU
time of each process per event is reported too: on a small machine the fake Web API and
the load generator take CPU the server would have to itself in production.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.devset import ROOT

TEAMS_ENV = (
    "CLIENT_ID",
    "CLIENT_SECRET",
    "TENANT_ID",
    "MANAGED_IDENTITY_CLIENT_ID",
    "ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED",
)

SIGNING_SECRET = "benchmark-signing-secret"
BOT_TOKEN = "xoxb-benchmark-token"
RUNNING_ON = re.compile(r"running on https?://[^\s:]+:(\d+)", re.IGNORECASE)
ROLEBOT = Path(sys.executable).with_name("rolebot")


def proc_memory(pid: int) -> dict[str, float]:
    """Resident memory now (VmRSS) and at its peak (VmHWM), in MB, from /proc."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = round(int(rest.split()[0]) / 1024, 1)
    return {"rss_mb": values.get("VmRSS", 0.0), "peak_rss_mb": values.get("VmHWM", 0.0)}


def proc_cpu_s(pid: int) -> float:
    """User plus system CPU seconds the process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    """``rolebot serve`` on 127.0.0.1 with a free port; output goes to a log file."""

    def __init__(self, env: dict[str, str], workdir: Path) -> None:
        self.log_path = workdir / "serve.log"
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            [str(ROLEBOT), "serve", "--host", "127.0.0.1", "--port", "0"],
            cwd=workdir,
            env={**os.environ, **env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.port = self._wait_port()

    def _wait_port(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = RUNNING_ON.search(self.log_path.read_text(errors="replace"))
            if match:
                return int(match.group(1))
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"rolebot serve did not start:\n{self.log}")

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode


def _loadgen(
    url: str,
    questions: list[str],
    *,
    count: int,
    concurrency: int,
    max_seconds: float,
    run: int,
    rate: float = 0.0,
) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.loadgen",
        f"--url={url}/slack/events",
        f"--secret={SIGNING_SECRET}",
        f"--count={count}",
        f"--concurrency={concurrency}",
        f"--max-seconds={max_seconds}",
        f"--run={run}",
        f"--rate={rate}",
    ]
    done = subprocess.run(
        command,
        input="\n".join(questions),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=max_seconds + 120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed:\n{done.stderr}")
    return json.loads(done.stdout)


def _wait_replies(fake: Any, expected: int, timeout: float) -> list[Any]:
    deadline = time.monotonic() + timeout
    while True:
        calls = fake.calls("chat.postMessage")
        if len(calls) >= expected or time.monotonic() > deadline:
            return calls
        time.sleep(0.1)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _phase(
    server: Server, fake: Any, questions: list[str], run: int, **load_args: Any
) -> dict[str, Any]:
    """One load run; then wait for every acknowledged event's reply to reach the fake."""
    fake.reset()
    cpu = proc_cpu_s(server.proc.pid)
    own_cpu = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = _loadgen(server.url, questions, run=run, **load_args)
    load_done = time.monotonic()
    replies = _wait_replies(fake, load["statuses"].get("200", 0), 120)
    cpu = proc_cpu_s(server.proc.pid) - cpu
    own_cpu = time.process_time() - own_cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    loadgen_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    per_event = 1000 / max(1, len(replies))
    times = sorted(c.at for c in replies)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    return {
        **load,
        "replies_delivered": len(replies),
        "reply_rate_per_s": round(len(replies) / span, 1) if span else 0.0,
        "drain_s": round(max(0.0, times[-1] - load_done), 3) if times else 0.0,
        "server_cpu_ms_per_event": round(cpu * per_event, 2),
        "fake_api_cpu_ms_per_event": round(own_cpu * per_event, 2),
        "loadgen_cpu_ms_per_event": round(loadgen_cpu * per_event, 2),
        **proc_memory(server.proc.pid),
    }


def bench_serve(
    questions: list[str],
    *,
    warmup: int = 300,
    rate: float = 300.0,
    rate_seconds: float = 10.0,
    count: int = 3000,
    concurrency: int = 16,
) -> dict[str, Any]:
    """Start the fake Web API and ``rolebot serve``; then three runs, in this order:

    - ``warmup``: a few hundred events (8 in flight); peak memory read afterwards;
    - ``at_rate``: open loop at ``rate`` events per second for ``rate_seconds``;
    - ``capacity``: closed loop, ``concurrency`` in flight, ``count`` events.
    """
    from tests.fakes.slack_api import FakeSlackApi

    with FakeSlackApi() as fake, tempfile.TemporaryDirectory(prefix="rolebot-bench-") as tmp:
        workdir = Path(tmp)
        env = {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.api_url,
            "DATABASE_URL": f"sqlite:///{workdir / 'rolebot.sqlite3'}",
        }
        for name in ("SLACK_APP_TOKEN", *TEAMS_ENV):
            env[name] = ""
        server = Server(env, workdir)
        try:
            at_start = proc_memory(server.proc.pid)
            healthy = _healthy(server.url)
            warm = _phase(server, fake, questions, 1, count=warmup, concurrency=8, max_seconds=60)
            at_rate = _phase(
                server,
                fake,
                questions,
                2,
                count=int(rate * rate_seconds),
                concurrency=256,
                max_seconds=rate_seconds + 5,
                rate=rate,
            )
            capacity = _phase(
                server, fake, questions, 3, count=count, concurrency=concurrency, max_seconds=30
            )
            log = server.log
        finally:
            server.stop()
    return {
        "healthz_ok": healthy,
        "rss_at_start_mb": at_start["rss_mb"],
        "warmup": warm,
        "at_rate": at_rate,
        "capacity": capacity,
        "server_log_errors": sum(
            1 for line in log.splitlines() if " ERROR " in line or "Traceback" in line
        ),
    }
