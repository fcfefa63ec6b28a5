"""Two server processes sharing one database never answer the same Slack event twice."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from serverkit import app_mention, http, pgcluster, signed, slack_env

from bot.storage.sql import SqlStorage


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    url = request.getfixturevalue("postgres_url")
    if url is None:
        pytest.skip(pgcluster.reason())
    pgcluster.wipe(url)
    return url


def test_retried_event_is_answered_once_across_replicas(
    start_server, fake_slack, shared_database: str
) -> None:
    env = slack_env(fake_slack, DATABASE_URL=shared_database)
    replicas = [start_server(env), start_server(env)]
    # Slack delivers an event, then retries it; a load balancer sends each copy to a
    # different replica, at the same moment.
    statuses: list[int] = []
    rounds = [("Ev1001", "1700000001.000100"), ("Ev1002", "1700000002.000100")]
    for event_id, ts in rounds:
        body, headers = signed(app_mention(event_id, "what does a PMO analyst do?", ts=ts))
        retry_headers = {**headers, "x-slack-retry-num": "1", "x-slack-retry-reason": "timeout"}
        threads = [
            threading.Thread(
                target=lambda r=r, h=h, b=body: statuses.append(
                    http("POST", r.url + "/slack/events", b, h)[0]
                )
            )
            for r, h in zip(replicas, (headers, retry_headers), strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [200, 200, 200, 200]  # every copy is acknowledged
    for replica in replicas:  # graceful stop: every reply under way is finished
        assert replica.stop() == 0
    posts = fake_slack.called("chat.postMessage")
    logs = "\n-----\n".join(r.log for r in replicas)
    assert sorted(p["thread_ts"] for p in posts) == [ts for _, ts in rounds], logs
    # Both replicas recorded into the one database: one interaction per event.
    storage = SqlStorage(shared_database)
    recorded = sorted(r["request_id"] for r in storage.interactions())
    storage.close()
    assert recorded == ["Ev1001", "Ev1002"]


def test_a_claim_made_by_one_replica_is_seen_by_the_other(
    start_server, fake_slack, shared_database: str
) -> None:
    env = slack_env(fake_slack, DATABASE_URL=shared_database)
    first, second = start_server(env), start_server(env)
    mention = app_mention("Ev2001", "PMO vs project manager?")
    body, headers = signed(mention)
    assert http("POST", first.url + "/slack/events", body, headers)[0] == 200
    fake_slack.wait_for("chat.postMessage")
    _, resigned = signed(mention, timestamp_offset=1)  # the same body, signed again
    retry = {**resigned, "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout"}
    assert http("POST", second.url + "/slack/events", body, retry)[0] == 200
    first.stop()
    second.stop()
    assert len(fake_slack.called("chat.postMessage")) == 1
    second.wait_for_log("dropped a repeated delivery")
