"""Helpers for server tests: real servers in subprocesses, a fake Slack Web API, signing."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"
RUNNING_ON = re.compile(r"running on https?://[^\s:]+:(\d+)", re.IGNORECASE)


def _load_pgcluster():
    name = "rolebot_test_pgcluster"
    if name not in sys.modules:
        path = ROOT / "tests" / "storage" / "pgcluster.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


pgcluster = _load_pgcluster()


class ServerProcess:
    """A server (``python -m bot.server.serve`` unless told) on 127.0.0.1 with a free port.

    Its output lines are collected in ``lines``.
    """

    def __init__(
        self,
        env: Mapping[str, str],
        cwd: Path,
        args: tuple[str, ...] = (),
        command: tuple[str, ...] = (sys.executable, "-m", "bot.server.serve"),
        base_env: Mapping[str, str] | None = None,
    ) -> None:
        self.lines: list[str] = []
        self._port: int | None = None
        self._ready = threading.Event()
        full_env = {**(os.environ if base_env is None else base_env), **env}
        full_env.setdefault("ROLEBOT_LOG_LEVEL", "INFO")
        self.proc = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", "0", *args],
            cwd=cwd,
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            match = RUNNING_ON.search(line)
            if match and self._port is None:
                self._port = int(match.group(1))
                self._ready.set()
        self._ready.set()

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    def wait_ready(self, timeout: float = 60) -> ServerProcess:
        self._ready.wait(timeout)
        if self._port is None:
            self.stop()
            raise AssertionError(f"server did not start:\n{self.log}")
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def wait_for_log(self, pattern: str, timeout: float = 30, start: int = 0) -> str:
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while time.monotonic() < deadline:
            for line in self.lines[start:]:
                if regex.search(line):
                    return line
            time.sleep(0.05)
        raise AssertionError(f"no log line matching {pattern!r}:\n{self.log}")

    def signal(self, sig: int) -> None:
        self.proc.send_signal(sig)

    def stop(self, timeout: float = 60) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)
        return self.proc.returncode


def http(
    method: str,
    url: str,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get_json(url: str) -> tuple[int, Any]:
    status, _, body = http("GET", url)
    return status, json.loads(body)


# -- a fake Slack Web API -----------------------------------------------------------------


@dataclass
class FakeSlack:
    """Answers the Web API methods the bot calls and records every call."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    delays: dict[str, float] = field(default_factory=dict)
    responses: dict[str, dict[str, Any]] = field(default_factory=dict)  # canned, by method
    server: ThreadingHTTPServer | None = None

    @property
    def api_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def called(self, method: str) -> list[dict[str, Any]]:
        return [body for name, body in self.calls if name == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.called(method)) >= count:
                return self.called(method)
            time.sleep(0.05)
        raise AssertionError(f"{method} called {len(self.called(method))} times: {self.calls}")

    def respond(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method in self.responses:
            return self.responses[method]
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://rolebot-test.slack.com/",
                "team": "Test",
                "user": "rolebot",
                "team_id": "T0TEST",
                "user_id": "U0BOT",
                "bot_id": "B0BOT",
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            return {"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}"}
        return {"ok": True}


def slack_env(fake: FakeSlack, **extra: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        **extra,
    }


def signed(
    body: dict[str, Any], secret: str = SIGNING_SECRET, timestamp_offset: int = 0
) -> tuple[bytes, dict[str, str]]:
    """A JSON body with Slack's v0 signature headers (signed ``timestamp_offset`` s from now:
    Slack signs each retry afresh)."""
    raw = json.dumps(body).encode()
    timestamp = str(int(time.time()) + timestamp_offset)
    base = b"v0:" + timestamp.encode() + b":" + raw
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return raw, {
        "content-type": "application/json",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signature,
    }


def app_mention(event_id: str, text: str, *, ts: str = "1700000000.000100") -> dict[str, Any]:
    return {
        "token": "unused",
        "team_id": "T0TEST",
        "api_app_id": "A0TEST",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": {
            "type": "app_mention",
            "user": "U0ASKER",
            "text": f"<@U0BOT> {text}",
            "ts": ts,
            "channel": "C0CHAN",
            "event_ts": ts,
        },
        "authorizations": [{"team_id": "T0TEST", "user_id": "U0BOT", "is_bot": True}],
    }
