"""What a forged, replayed or unexpected Slack request gets: 401 before any parsing, one
handling per signed request, and 200 for event types the app has no listener for."""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import urlencode, urlsplit

import pytest

from tests.platforms.slack.conftest import SlackHarness, sign

FORGED_BODIES = [
    (b"\xff\xfe\x00not utf-8", "application/json"),
    (b'{"type": "event_callback", "event": "nope"}', "application/json"),
    (b"payload=%7B%22type%22%3A%22block_actions%22%7D", "application/x-www-form-urlencoded"),
    (b"[" * 5000, "application/json"),
    (b"command=%2Froles&text=hi", "application/x-www-form-urlencoded"),
]


@pytest.mark.parametrize(("body", "content_type"), FORGED_BODIES)
def test_a_wrongly_signed_request_is_refused_before_its_body_is_read(
    slack: SlackHarness, body: bytes, content_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = slack.post(body, content_type, signature="v0=" + "0" * 64)

    assert response.status_code == 401
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert slack.fake.calls() == []


def test_a_request_signed_with_another_secret_is_refused(slack: SlackHarness) -> None:
    body = b"command=%2Froles&text=what+is+a+pmo"
    ts = int(time.time())

    response = slack.post(body, "application/x-www-form-urlencoded", signature=sign(body, ts, "x"))

    assert response.status_code == 401


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "app_rate_limited", "team_id": "T1", "minute_rate_limited": 1, "api_app_id": "A"},
        {"type": "event_callback", "event_id": "EvT1", "event": {"type": "tokens_revoked"}},
        {"type": "event_callback", "event_id": "EvU1", "event": {"type": "app_uninstalled"}},
    ],
    ids=["app_rate_limited", "tokens_revoked", "app_uninstalled"],
)
def test_an_event_type_nobody_listens_to_is_acknowledged(
    slack: SlackHarness, payload: dict[str, object]
) -> None:
    response = slack.post_json(payload)

    assert response.status_code == 200
    assert slack.fake.calls("chat.postMessage") == []


def test_a_replayed_slash_command_is_answered_once(slack: SlackHarness) -> None:
    response_url = slack.fake.response_url("commands/replayed")
    fields = {
        "team_id": "T0FAKE",
        "channel_id": "C0GENERAL",
        "user_id": "U0ASKER",
        "command": "/roles",
        "text": "what does a PMO do?",
        "response_url": response_url,
        "trigger_id": "1.2",
    }
    body = urlencode(fields).encode()
    ts = int(time.time())
    signature = sign(body, ts)

    statuses = [
        slack.post(body, "application/x-www-form-urlencoded", timestamp=ts, signature=signature)
        for _ in range(3)
    ]
    slack.wait_idle()
    time.sleep(0.2)

    assert [r.status_code for r in statuses] == [200, 200, 200]
    answers = slack.fake.calls(where=lambda c: urlsplit(response_url).path in c.path)
    assert len(answers) == 1, [c.path for c in slack.fake.calls()]
    assert len(slack.storage.interactions) == 1


def test_a_replayed_button_click_is_handled_once(slack: SlackHarness) -> None:
    question = json.dumps({"q": "What does a PMO do?", "l": "en"})
    payload = {
        "type": "block_actions",
        "user": {"id": "U0ASKER", "team_id": "T0FAKE"},
        "team": {"id": "T0FAKE"},
        "api_app_id": "A0FAKE",
        "container": {"type": "view", "view_id": "V0HOME"},
        "view": {"id": "V0HOME", "type": "home", "blocks": []},
        "actions": [{"action_id": "rolebot_feedback_up", "value": question, "type": "button"}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    ts = int(time.time())
    signature = sign(body, ts)

    for _ in range(3):
        slack.post(body, "application/x-www-form-urlencoded", timestamp=ts, signature=signature)
    slack.wait_idle()

    assert len(slack.storage.feedback) == 1
