"""Faults around `rolebot serve`: a Slack Web API that rate-limits, fails and times out in a
row, and a database that cannot be opened. (Single faults — one 429, one 5xx, repeated 5xx —
are covered by tests/platforms/slack/test_slack_faults.py; a PostgreSQL that refuses connections, in
process, by tests/server/test_health_and_metrics.py.)"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.core.engine import Engine
from bot.platforms.slack.delivery import TIMEOUT_SECONDS
from bot.platforms.slack.render import render_apology
from bot.platforms.strings import label
from tests.fakes.slack_api import APP_ID, BOT_USER_ID, TEAM_ID, FakeSlackApi, Reply, SlackCall
from tests.fakes.teams_connector import FakeConnector
from tests.robustness.serving import ServeProcess, platform_env, slack_headers

SLACK_APOLOGY = render_apology()["text"]
QUESTION = "What does a PMO analyst do?"


def _ts() -> str:
    return f"{int(time.time())}.{uuid.uuid4().int % 10**6:06d}"


def _mention(ts: str, event_id: str, text: str = QUESTION) -> bytes:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": {
                "type": "app_mention",
                "user": "UASKER01",
                "text": f"<@{BOT_USER_ID}> {text}",
                "ts": ts,
                "channel": "C0GENERAL",
            },
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
    ).encode()


def _send_mention(
    client: httpx.Client, ts: str, event_id: str, retry: int | None = None
) -> httpx.Response:
    body = _mention(ts, event_id)
    headers = slack_headers(body, "application/json")
    if retry is not None:
        headers |= {"x-slack-retry-num": str(retry), "x-slack-retry-reason": "http_timeout"}
    return client.post("/slack/events", content=body, headers=headers)


def _attempts(fake: FakeSlackApi, ts: str) -> list[SlackCall]:
    """Every chat.postMessage the fake received for the thread ``ts``, failed ones too."""
    return fake.calls(
        "chat.postMessage", include_failed=True, where=lambda c: c.body.get("thread_ts") == ts
    )


def _wait_attempts(fake: FakeSlackApi, ts: str, count: int, timeout: float) -> list[SlackCall]:
    deadline = time.monotonic() + timeout
    while len(_attempts(fake, ts)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return _attempts(fake, ts)


def _settle(server: ServeProcess) -> None:
    """Give a reply that should not exist the time to show up (one round trip on loopback)."""
    time.sleep(1.0)
    assert server.alive


# -- Slack Web API: 429, then 500, then a timeout ---------------------------------------------


@pytest.fixture(scope="module")
def slack_server(
    fake_slack: FakeSlackApi, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServeProcess]:
    folder = tmp_path_factory.mktemp("faults")
    env = platform_env(fake_slack.api_url, f"sqlite:///{folder / 'db.sqlite3'}", teams=False)
    server = ServeProcess(env, folder).wait_ready()
    yield server
    server.stop()


@pytest.fixture
def slack_client(slack_server: ServeProcess, fake_slack: FakeSlackApi) -> Iterator[httpx.Client]:
    fake_slack.reset()
    with httpx.Client(base_url=slack_server.url, timeout=30) as client:
        yield client


def test_rate_limit_then_server_error_then_recovery_delivers_the_reply_exactly_once(
    slack_server: ServeProcess, slack_client: httpx.Client, fake_slack: FakeSlackApi
) -> None:
    fake_slack.script(
        "chat.postMessage", Reply.rate_limited(retry_after=0), Reply.server_error(500)
    )
    ts = _ts()
    assert _send_mention(slack_client, ts, f"Ev{uuid.uuid4().hex[:10]}").status_code == 200
    [delivered] = fake_slack.wait_for(
        "chat.postMessage", where=lambda c: c.body.get("thread_ts") == ts, timeout=30
    )
    _settle(slack_server)
    attempts = _attempts(fake_slack, ts)
    assert [a.status for a in attempts] == [429, 500, 200]
    assert all(a.body == delivered.body for a in attempts)  # the same message each time
    assert delivered.body["text"] != SLACK_APOLOGY
    assert slack_server.problems_since(0) == []


@pytest.mark.slow
def test_rate_limit_then_server_error_then_timeout_is_logged_and_apologised_once(
    slack_server: ServeProcess, slack_client: httpx.Client, fake_slack: FakeSlackApi
) -> None:
    """A post that times out is not retried (Slack may have accepted it, and a retry could
    post the answer twice): the failure is logged with the event id and the user gets one
    apology, and the failure is counted in /metrics."""
    slow = Reply(503, {"ok": False, "error": "timeout"}, delay=TIMEOUT_SECONDS + 2)
    fake_slack.script(
        "chat.postMessage", Reply.rate_limited(retry_after=0), Reply.server_error(500), slow
    )
    ts, event_id, start = _ts(), f"Ev{uuid.uuid4().hex[:10]}", len(slack_server.lines)
    assert _send_mention(slack_client, ts, event_id).status_code == 200
    [apology] = fake_slack.wait_for(
        "chat.postMessage",
        where=lambda c: c.body.get("thread_ts") == ts,
        timeout=TIMEOUT_SECONDS + 30,
    )
    attempts = _wait_attempts(fake_slack, ts, 4, timeout=TIMEOUT_SECONDS + 30)
    _settle(slack_server)
    assert apology.body["text"] == SLACK_APOLOGY
    assert sorted(a.status for a in _attempts(fake_slack, ts)) == [200, 429, 500, 503]
    answer_attempts = [a for a in attempts if a.body.get("text") != SLACK_APOLOGY]
    assert len(answer_attempts) == 3 and not any(a.ok for a in answer_attempts)
    errors = slack_server.problems_since(start)
    assert any("slack reply failed" in line and event_id in line for line in errors), errors
    metrics = slack_client.get("/metrics").text
    failures = [
        line
        for line in metrics.splitlines()
        if line.startswith('rolebot_reply_failures_total{platform="slack"}')
    ]
    assert failures and float(failures[0].rsplit(" ", 1)[1]) >= 1, metrics


# -- storage that cannot be opened ----------------------------------------------------------


@pytest.fixture(scope="module")
def no_storage_server(
    fake_slack: FakeSlackApi, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServeProcess]:
    """A server whose SQLite file cannot be created (nothing can be created under /proc)."""
    database = f"sqlite:////proc/rolebot-robustness-{uuid.uuid4().hex}.sqlite3"
    folder = tmp_path_factory.mktemp("nostorage")
    server = ServeProcess(platform_env(fake_slack.api_url, database), folder).wait_ready()
    yield server
    server.stop()


def _teams_message(connector: FakeConnector, conversation: str, text: str) -> dict[str, Any]:
    return {
        "type": "message",
        "id": f"17{uuid.uuid4().hex[:8]}",
        "channelId": "msteams",
        "serviceUrl": connector.url,
        "from": {"id": "29:user-ada", "name": "Ada"},
        "recipient": {"id": "28:rolebot", "name": "Rolebot"},
        "conversation": {"id": conversation, "conversationType": "personal"},
        "text": text,
    }


def test_answers_are_served_and_errors_counted_when_the_database_cannot_be_opened(
    no_storage_server: ServeProcess,
    fake_slack: FakeSlackApi,
    connector: FakeConnector,
    engine: Engine,
) -> None:
    fake_slack.reset()
    ts, event_id = _ts(), f"Ev{uuid.uuid4().hex[:10]}"
    conversation = f"a:personal-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=no_storage_server.url, timeout=30) as client:
        assert _send_mention(client, ts, event_id).status_code == 200
        [reply] = fake_slack.wait_for(
            "chat.postMessage", where=lambda c: c.body.get("thread_ts") == ts, timeout=30
        )
        # Slack retries the same event: still answered once (deduplicated in memory).
        assert _send_mention(client, ts, event_id, retry=1).status_code == 200
        teams = client.post("/api/messages", json=_teams_message(connector, conversation, QUESTION))
        assert teams.status_code < 300
        [card] = connector.wait_for_activities(
            where=lambda c: c.conversation_id == conversation, timeout=30
        )
        _settle(no_storage_server)
        metrics = client.get("/metrics").text
        health = client.get("/healthz")
    assert engine.ask(QUESTION).title in reply.body["text"]
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert (card.body.get("summary") or card.body.get("text")) != label("apology", "en")
    counted = [
        line
        for line in metrics.splitlines()
        if line.startswith("rolebot_storage_errors_total") and 'operation="claim_event"' in line
    ]
    assert counted and float(counted[0].rsplit(" ", 1)[1]) >= 3, metrics
    assert health.status_code == 200  # storage alone never fails readiness
    assert health.json()["storage_reachable"] is False
    assert any("storage" in line for line in no_storage_server.problems_since(0))


def test_a_sqlite_folder_that_cannot_be_created_does_not_stop_the_server(
    fake_slack: FakeSlackApi, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = platform_env(fake_slack.api_url, f"sqlite:///{blocker / 'db.sqlite3'}", teams=False)
    server = ServeProcess(env, tmp_path)
    try:
        server.wait_ready(timeout=30)
        with httpx.Client(base_url=server.url, timeout=30) as client:
            ts = _ts()
            assert _send_mention(client, ts, f"Ev{uuid.uuid4().hex[:10]}").status_code == 200
            fake_slack.wait_for(
                "chat.postMessage", where=lambda c: c.body.get("thread_ts") == ts, timeout=30
            )
    finally:
        server.stop()
