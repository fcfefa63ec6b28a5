"""End-to-end harness: the real Slack app under uvicorn on 127.0.0.1, a fake Web API, and a
client that sends requests signed the way Slack signs them (v0 HMAC-SHA256)."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from bot.app.bootstrap import load_engine
from bot.app.service import AnswerService, Feedback, Interaction
from bot.core.engine import Engine
from bot.platforms.slack.app import RolebotSlackApp, create_slack_app
from bot.platforms.slack.http import slack_routes
from bot.platforms.slack.settings import SlackSettings
from tests.fakes.slack_api import APP_ID, BOT_USER_ID, TEAM_ID, FakeSlackApi

SIGNING_SECRET = "test-signing-secret-not-real"
BOT_TOKEN = "xoxb-test-token-not-real"
USER_ID = "UASKER01"


def sign(body: bytes, timestamp: int | str, secret: str = SIGNING_SECRET) -> str:
    """Slack's request signature: ``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class RecordingStorage:
    """An in-memory implementation of the service's ``Storage`` port that keeps everything."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._claimed: set[str] = set()
        self.interactions: list[Interaction] = []
        self.feedback: list[Feedback] = []
        self.shared = True  # False plays a database outage: claims decided in memory only

    def claim_event(self, key: str, ttl_seconds: int = 3600) -> bool:
        with self._lock:
            if key in self._claimed:
                return False
            self._claimed.add(key)
            return True

    def record_interaction(self, interaction: Interaction) -> None:
        with self._lock:
            self.interactions.append(interaction)

    def record_feedback(self, feedback: Feedback) -> None:
        """Like the real storage: a feedback with the vote of an earlier one replaces it."""
        with self._lock:
            if feedback.vote is not None:
                self.feedback[:] = [f for f in self.feedback if f.vote != feedback.vote]
            self.feedback.append(feedback)

    def ping(self) -> bool:
        return True

    def shares_claims(self) -> bool:
        return self.shared

    def clear(self) -> None:
        with self._lock:
            self.interactions.clear()
            self.feedback.clear()
            self.shared = True


class UvicornThread:
    """An ASGI app served by a real uvicorn server on an ephemeral loopback port."""

    def __init__(self, asgi_app: Any) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        config = uvicorn.Config(asgi_app, log_level="warning", lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()


@dataclass
class SlackHarness:
    """The running app plus helpers to send it what Slack would send."""

    url: str
    app: RolebotSlackApp
    engine: Engine
    fake: FakeSlackApi
    http: httpx.Client
    storage: RecordingStorage

    # -------------------------------------------------------------- raw requests

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        ts = int(time.time()) if timestamp is None else timestamp
        all_headers = {
            "content-type": content_type,
            "x-slack-request-timestamp": str(ts),
            "x-slack-signature": signature or sign(body, ts),
            **(headers or {}),
        }
        return self.http.post("/slack/events", content=body, headers=all_headers)

    def post_json(self, payload: dict[str, Any], **kwargs: Any) -> httpx.Response:
        return self.post(json.dumps(payload).encode(), "application/json", **kwargs)

    def post_form(self, fields: dict[str, str], **kwargs: Any) -> httpx.Response:
        return self.post(urlencode(fields).encode(), "application/x-www-form-urlencoded", **kwargs)

    # -------------------------------------------------------------- Slack payloads

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        timestamp: int | None = None,
    ) -> tuple[httpx.Response, str]:
        event_id = event_id or f"Ev{uuid.uuid4().hex[:12].upper()}"
        headers = {}
        if retry_num is not None:
            headers = {"x-slack-retry-num": str(retry_num), "x-slack-retry-reason": "http_timeout"}
        body = event_callback(event, event_id)
        return self.post_json(body, headers=headers, timestamp=timestamp), event_id

    def command(
        self, text: str, *, channel: str = "C0GENERAL", user: str = USER_ID
    ) -> tuple[httpx.Response, str]:
        response_url = self.fake.response_url("commands/" + uuid.uuid4().hex)
        fields = {
            "token": "legacy-token",
            "team_id": TEAM_ID,
            "team_domain": "fake",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": "asker",
            "command": "/roles",
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}",
        }
        return self.post_form(fields), response_url

    def action(
        self,
        action_id: str,
        value: str,
        *,
        container: str = "message",
        channel: str = "C0GENERAL",
        ephemeral: bool = False,
        thread_ts: str | None = None,
        user: str = USER_ID,
        message_ts: str = "1700000000.000200",
    ) -> tuple[httpx.Response, str | None]:
        """A ``block_actions`` click; ``container`` is "message" or "view" (App Home)."""
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user, "username": "asker", "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "legacy-token",
            "trigger_id": f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}",
            "team": {"id": TEAM_ID, "domain": "fake"},
            "is_enterprise_install": False,
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": "b1",
                    "type": "button",
                    "value": value,
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        response_url: str | None = None
        if container == "view":
            payload["container"] = {"type": "view", "view_id": "V0HOME"}
            payload["view"] = {"id": "V0HOME", "type": "home", "blocks": []}
        else:
            ts = message_ts
            response_url = self.fake.response_url("actions/" + uuid.uuid4().hex)
            payload["container"] = {
                "type": "message",
                "message_ts": ts,
                "channel_id": channel,
                "is_ephemeral": ephemeral,
            }
            payload["channel"] = {"id": channel, "name": "general"}
            payload["response_url"] = response_url
            if not ephemeral:
                message: dict[str, Any] = {"type": "message", "ts": ts, "text": "an answer"}
                if thread_ts:
                    message["thread_ts"] = thread_ts
                payload["message"] = message
        return self.post_form({"payload": json.dumps(payload)}), response_url

    # -------------------------------------------------------------- waiting

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until no reply is in flight (the app has finished what it acknowledged)."""
        deadline = time.monotonic() + timeout
        while self.app.replies.pending:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.app.replies.pending} replies still in flight")
            time.sleep(0.01)


def event_callback(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "token": "legacy-token",
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
    }


def new_ts() -> str:
    return f"{int(time.time())}.{uuid.uuid4().int % 10**6:06d}"


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as fake:
        yield fake


@pytest.fixture(scope="session")
def slack_server(fake_slack: FakeSlackApi) -> Iterator[SlackHarness]:
    engine = load_engine()
    storage = RecordingStorage()
    service = AnswerService(lambda: engine, storage=storage)
    settings = SlackSettings(
        bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=fake_slack.api_url
    )
    app = create_slack_app(service, settings)
    server = UvicornThread(Starlette(routes=slack_routes(app)))
    server.start()
    try:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            yield SlackHarness(server.url, app, engine, fake_slack, http, storage)
    finally:
        server.stop()


@pytest.fixture
def slack(slack_server: SlackHarness) -> Iterator[SlackHarness]:
    """The harness with a clean fake (no calls, no scripts); waits for replies afterwards."""
    slack_server.wait_idle()
    slack_server.fake.reset()
    slack_server.storage.clear()
    yield slack_server
    slack_server.wait_idle()
