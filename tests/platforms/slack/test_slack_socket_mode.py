"""Socket Mode end to end: the app connects to the fake's WebSocket and answers from there."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest

from bot.app.bootstrap import load_engine
from bot.app.service import AnswerService
from bot.platforms.slack.app import create_slack_app
from bot.platforms.slack.http import run_socket_mode
from bot.platforms.slack.render import escape
from bot.platforms.slack.settings import SlackSettings
from tests.fakes.slack_api import BOT_USER_ID, RESPONSE_URL, SOCKET_ACK, FakeSlackApi
from tests.platforms.slack.conftest import BOT_TOKEN, USER_ID, event_callback, new_ts

QUESTION = "What is the difference between a PMO and a project manager?"


class SocketModeThread:
    """``run_socket_mode`` on its own event loop, stopped through its ``stop`` event."""

    def __init__(self, fake: FakeSlackApi) -> None:
        settings = SlackSettings(bot_token=BOT_TOKEN, app_token="xapp-test", api_url=fake.api_url)
        assert settings.socket_mode and not settings.http_enabled
        engine = load_engine()
        self.app = create_slack_app(AnswerService(lambda: engine), settings)
        self.engine = engine
        self._settings = settings
        self._loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.error: BaseException | None = None

    def _run(self) -> None:
        async def main() -> None:
            self._stop = asyncio.Event()
            await run_socket_mode(self.app, self._settings, self._stop)

        try:
            self._loop.run_until_complete(main())
        except BaseException as error:  # reported by the test
            self.error = error
        finally:
            self._loop.close()

    def start(self) -> None:
        self._thread.start()

    def wait_idle(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.app.replies.pending:
            assert time.monotonic() < deadline, "replies still in flight"
            time.sleep(0.01)

    def stop(self) -> None:
        if self._stop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=15)
        assert not self._thread.is_alive()


@pytest.fixture
def socket_app(fake_slack: FakeSlackApi) -> Iterator[SocketModeThread]:
    fake_slack.reset()
    runner = SocketModeThread(fake_slack)
    runner.start()
    try:
        fake_slack.wait_for("socket_mode.connect")
        yield runner
    finally:
        runner.stop()
        fake_slack.reset()
    assert runner.error is None


def test_a_mention_over_socket_mode_is_acknowledged_and_answered_in_thread(
    fake_slack: FakeSlackApi, socket_app: SocketModeThread
) -> None:
    [opened] = fake_slack.calls("apps.connections.open")
    assert opened.headers["Authorization"] == "Bearer xapp-test"
    event = {
        "type": "app_mention",
        "user": USER_ID,
        "text": f"<@{BOT_USER_ID}> {QUESTION}",
        "ts": new_ts(),
        "channel": "C0GENERAL",
    }
    envelope_id = fake_slack.send_envelope(event_callback(event, "EvSOCKET0001"))
    fake_slack.wait_for(SOCKET_ACK, where=lambda c: c.body.get("envelope_id") == envelope_id)
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == event["ts"]
    assert post.headers["Authorization"] == f"Bearer {BOT_TOKEN}"
    assert escape(socket_app.engine.ask(QUESTION).title) in post.visible()

    # Slack redelivers the same event: acknowledged, not answered again.
    again = fake_slack.send_envelope(event_callback(event, "EvSOCKET0001"), retry_attempt=1)
    fake_slack.wait_for(SOCKET_ACK, where=lambda c: c.body.get("envelope_id") == again)
    socket_app.wait_idle()
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_a_slash_command_over_socket_mode_answers_through_response_url(
    fake_slack: FakeSlackApi, socket_app: SocketModeThread
) -> None:
    response_url = fake_slack.response_url("socket-command")
    command = {
        "command": "/roles",
        "text": "list",
        "user_id": USER_ID,
        "channel_id": "C0GENERAL",
        "team_id": "T0FAKE",
        "response_url": response_url,
        "trigger_id": "1.2.socket",
    }
    envelope_id = fake_slack.send_envelope(command, type="slash_commands")
    fake_slack.wait_for(SOCKET_ACK, where=lambda c: c.body.get("envelope_id") == envelope_id)
    [reply] = fake_slack.wait_for(RESPONSE_URL)
    assert reply.body["response_type"] == "ephemeral"
    for card in socket_app.engine.glossary("en"):
        assert escape(card.label) in reply.visible()
