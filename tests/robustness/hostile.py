"""Helpers for the hostile-traffic suite: figures it reports, process memory, forged tokens,
floods sent and ``/livez`` timed from processes of their own (``flood.py``).

Every request goes to 127.0.0.1; every loop is bounded in count and in time.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIGURES: dict[str, Any] = {}
REPORT = Path(sys.prefix) / "hostile-report.json"  # inside the virtual environment
FLOOD_SCRIPT = Path(__file__).with_name("flood.py")


def record(**figures: Any) -> None:
    """Add figures to the report printed at the end of the run (and kept in REPORT)."""
    FIGURES.update(figures)
    with contextlib.suppress(OSError):
        REPORT.write_text(json.dumps(dict(FIGURES), indent=2, sort_keys=True))


def rss_bytes(pid: int) -> int:
    """Resident memory of process ``pid`` (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) process ``pid`` has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def forged_teams_token(kind: int, app_id: str) -> str:
    """A token with no valid signature whose claims the gate refuses without any network:
    random Entra tenants, alg none, HS256, expired, another audience, a list for an issuer."""
    now = int(time.time())
    tenant = uuid.uuid4().hex
    variants: list[tuple[dict[str, Any], dict[str, Any]]] = [
        (
            {"alg": "RS256", "kid": uuid.uuid4().hex},
            {
                "iss": f"https://login.microsoftonline.com/{tenant}/v2.0",
                "tid": tenant,
                "aud": app_id,
                "exp": now + 3600,
            },
        ),
        (
            {"alg": "RS256", "kid": uuid.uuid4().hex},
            {
                "iss": f"https://sts.windows.net/{tenant}/",
                "tid": tenant,
                "aud": app_id,
                "exp": now + 3600,
            },
        ),
        ({"alg": "none"}, {"iss": "https://api.botframework.com", "aud": app_id, "exp": now + 60}),
        (
            {"alg": "HS256", "kid": "k"},
            {"iss": "https://api.botframework.com", "aud": app_id, "exp": now + 60},
        ),
        (
            {"alg": "RS256", "kid": "k"},
            {"iss": "https://api.botframework.com", "aud": app_id, "exp": now - 7200},
        ),
        (
            {"alg": "RS256", "kid": "k"},
            {"iss": "https://api.botframework.com", "aud": "other", "exp": now + 60},
        ),
        (
            {"alg": "RS256", "kid": "k"},
            {"iss": ["https://api.botframework.com"], "aud": app_id, "exp": now + 60},
        ),
    ]
    header, claims = variants[kind % len(variants)]
    return f"{_b64(header)}.{_b64(claims)}.{_b64({'sig': uuid.uuid4().hex})}"


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile of ``values`` (nearest rank), rounded to 0.1."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return round(ordered[rank - 1], 1)


def flood_request(path: str, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    """One request of a flood, as ``flood.py send`` reads it."""
    return {
        "method": "POST",
        "path": path,
        "headers": headers,
        "body_b64": base64.b64encode(body).decode(),
    }


@dataclass(frozen=True)
class FloodResult:
    statuses: dict[str, int]
    sent: int
    elapsed_s: float
    latencies: list[float]  # ms of each ``/livez`` poll during the flood


def _flood_script(*args: str) -> list[str]:
    return [sys.executable, str(FLOOD_SCRIPT), *args]


def watch_livez(url: str, polls: int, interval_s: float = 0.01) -> list[float]:
    """``polls`` timed ``GET /livez`` (ms) from a process of their own."""
    done = subprocess.run(
        _flood_script("watch", url, "--max-polls", str(polls), "--interval", str(interval_s)),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)["latencies_ms"]


def flood_while_watching(
    url: str,
    requests: list[dict[str, Any]],
    spool: Path,
    *,
    count: int,
    seconds: float,
    connections: int = 8,
) -> FloodResult:
    """Send ``count`` of ``requests`` (cycled) within ``seconds`` from one process while
    another times ``/livez`` every 10 ms."""
    spool.write_text(json.dumps(requests))
    watcher = subprocess.Popen(
        _flood_script("watch", url, "--seconds", str(seconds + 30), "--until-stdin"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(0.2)  # the watcher is polling before the flood starts
        sent = subprocess.run(
            _flood_script(
                "send",
                url,
                str(spool),
                "--count",
                str(count),
                "--connections",
                str(connections),
                "--seconds",
                str(seconds),
            ),
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
        out, _ = watcher.communicate("stop\n", timeout=60)
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()
    flood = json.loads(sent.stdout)
    return FloodResult(
        flood["statuses"], flood["sent"], flood["elapsed_s"], json.loads(out)["latencies_ms"]
    )
