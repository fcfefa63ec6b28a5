"""A real ``rolebot serve`` process (the server kit's harness, with no platform configured
from this environment), and signed Slack requests."""

from __future__ import annotations

import hashlib
import hmac
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from tests.server.serverkit import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
SIGNING_SECRET = "robustness-signing-secret"
BOT_TOKEN = "xoxb-robustness-token"
PLATFORM_ENV = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "CLIENT_ID",
    "CLIENT_SECRET",
    "TENANT_ID",
    "MANAGED_IDENTITY_CLIENT_ID",
    "ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED",
    "DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS",
    "CLOUD",
    "SERVICE_URL",
    "DATABASE_URL",
    "ROLEBOT_DATA_DIR",
)


class ServeProcess(ServerProcess):
    """``python -m bot serve`` (or ``command``, which takes its options) with ``env`` on top
    of a copy of this environment in which no chat platform or database is configured; its
    output is collected in ``lines``."""

    def __init__(
        self,
        env: Mapping[str, str],
        cwd: Path,
        command: tuple[str, ...] = (sys.executable, "-m", "bot", "serve"),
    ) -> None:
        base = {k: v for k, v in os.environ.items() if k not in PLATFORM_ENV}
        super().__init__({"ROLEBOT_RELOAD": "0", **env}, cwd, command=command, base_env=base)

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def problems_since(self, start: int) -> list[str]:
        """Log lines since ``start`` that report an error or a traceback."""
        return [
            line
            for line in self.lines[start:]
            if " ERROR " in line or " CRITICAL " in line or "Traceback" in line
        ]


def slack_headers(body: bytes, content_type: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers of a request signed the way Slack signs (v0 HMAC-SHA256)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + ts.encode() + b":" + body
    digest = hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()
    return {
        "content-type": content_type,
        "x-slack-request-timestamp": ts,
        "x-slack-signature": f"v0={digest}",
    }


def platform_env(slack_api_url: str, database_url: str, *, teams: bool = True) -> dict[str, str]:
    """Slack over HTTP against ``slack_api_url``, Teams in development mode (no token)."""
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api_url,
        "DATABASE_URL": database_url,
    }
    if teams:
        env["ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED"] = "1"
    return env
