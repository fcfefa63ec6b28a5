"""The HTTP endpoint's guard rails: signatures, replayed requests, malformed bodies."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from tests.platforms.slack.conftest import SIGNING_SECRET, SlackHarness, sign

CHALLENGE = {"type": "url_verification", "challenge": "abc123", "token": "legacy"}


def test_a_bad_signature_gets_401(slack: SlackHarness) -> None:
    body = json.dumps(CHALLENGE).encode()
    ts = int(time.time())
    wrong = sign(body, ts, secret=SIGNING_SECRET + "x")
    response = slack.post(body, "application/json", timestamp=ts, signature=wrong)
    assert response.status_code == 401
    assert "abc123" not in response.text


def test_a_signature_over_another_body_gets_401(slack: SlackHarness) -> None:
    ts = int(time.time())
    other = sign(b'{"type":"url_verification","challenge":"zzz"}', ts)
    response = slack.post(
        json.dumps(CHALLENGE).encode(), "application/json", timestamp=ts, signature=other
    )
    assert response.status_code == 401


@pytest.mark.parametrize("age", [301, 600, 86400])
def test_a_timestamp_older_than_five_minutes_gets_401(slack: SlackHarness, age: int) -> None:
    old = int(time.time()) - age
    response = slack.post_json(CHALLENGE, timestamp=old)  # correctly signed, but stale
    assert response.status_code == 401


def test_a_timestamp_within_five_minutes_is_accepted(slack: SlackHarness) -> None:
    response = slack.post_json(CHALLENGE, timestamp=int(time.time()) - 200)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"x-slack-request-timestamp": "not-a-number"},
        {"x-slack-request-timestamp": ""},
        {"x-slack-signature": ""},
        {"x-slack-signature": "v1=abc"},
    ],
)
def test_missing_or_garbled_signature_headers_get_401(
    slack: SlackHarness, headers: dict[str, str]
) -> None:
    body = json.dumps(CHALLENGE).encode()
    response = slack.post(body, "application/json", headers=headers)
    assert response.status_code == 401


MALFORMED = [
    (b'{"type": "event_callback", "event": {', "application/json"),
    (b"[1, 2, 3]", "application/json"),
    (b'"just a string"', "application/json"),
    (b"\xff\xfe\x00garbage", "application/json"),
    (b"payload=%7Bnot-json", "application/x-www-form-urlencoded"),
    (b"payload=%5B1%5D", "application/x-www-form-urlencoded"),
    (b"payload=%FF%FE", "application/x-www-form-urlencoded"),
    (b'{"type": "event_callback", "event": "a string"}', "application/json"),
    (
        b'{"type": "event_callback", "event": {"type": "app_mention", "user": "U1", "text": "hi"}}',
        "application/json",
    ),
    (b'{"type": "block_actions", "actions": "nope"}', "application/json"),
    (
        b'payload={"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":'
        b'"rolebot_quotes","value":"{}"}]}',
        "application/x-www-form-urlencoded",
    ),
    (b"command=%2Froles&text=hi", "application/x-www-form-urlencoded"),
    (b"\x00" * 64, "application/octet-stream"),
]


@pytest.mark.parametrize(("body", "content_type"), MALFORMED)
def test_a_malformed_but_signed_body_gets_4xx_never_5xx(
    slack: SlackHarness, body: bytes, content_type: str
) -> None:
    response = slack.post(body, content_type)
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    slack.wait_idle()
    assert slack.fake.calls("chat.postMessage") == []


STRANGE = [
    b'{"type": "event_callback", "event": {"type": "app_mention", "text": 5}}',
    b'{"type": "event_callback", "event": {"type": "message", "channel_type": "im"}}',
    b'{"type": "event_callback", "event": {"type": "no_such_event"}}',
    b'{"type": "event_callback"}',
    b'{"type": "something_new"}',
    b"{}",
]


@pytest.mark.parametrize("body", STRANGE)
def test_well_formed_but_unexpected_events_are_never_5xx_nor_answered(
    slack: SlackHarness, body: bytes
) -> None:
    response = slack.post(body, "application/json")
    assert response.status_code < 500, (response.status_code, response.text)
    slack.wait_idle()
    assert slack.fake.calls("chat.postMessage") == []


def test_a_body_over_one_megabyte_gets_413(slack: SlackHarness) -> None:
    body = json.dumps({**CHALLENGE, "padding": "x" * (1024 * 1024)}).encode()
    assert slack.post(body, "application/json").status_code == 413


def test_a_chunked_body_over_one_megabyte_gets_413(slack: SlackHarness) -> None:
    ts = int(time.time())

    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 100_000

    headers = {
        "content-type": "application/json",
        "x-slack-request-timestamp": str(ts),
        "x-slack-signature": sign(b"", ts),
    }
    response = slack.http.post("/slack/events", content=chunks(), headers=headers)
    assert response.status_code == 413


def test_get_is_not_allowed(slack: SlackHarness) -> None:
    assert slack.http.get("/slack/events").status_code == 405


def test_the_server_still_answers_after_bad_input(slack: SlackHarness) -> None:
    for body, content_type in MALFORMED:
        slack.post(body, content_type)
    for body in STRANGE:
        slack.post(body, "application/json")
    assert slack.post_json(CHALLENGE).status_code == 200
