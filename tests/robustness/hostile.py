"""Helpers for the hostile-traffic suite: figures it reports, process memory, forged tokens.

Every request goes to 127.0.0.1; every loop is bounded in count and in time.
"""

from __future__ import annotations

import base64
import contextlib
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any

FIGURES: dict[str, Any] = {}
REPORT = Path(sys.prefix) / "hostile-report.json"  # inside the virtual environment


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


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def forged_teams_token(kind: int, app_id: str) -> str:
    """A token with no valid signature whose claims the gate refuses without any network:
    random Entra tenants, alg none, HS256, expired, another audience."""
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
    ]
    header, claims = variants[kind % len(variants)]
    return f"{_b64(header)}.{_b64(claims)}.{_b64({'sig': uuid.uuid4().hex})}"
