"""The message shortcut end to end: a private answer about the message it was used on."""

from __future__ import annotations

import json
import uuid

from bot.platforms.slack.listeners.shortcuts import MESSAGE_SHORTCUT
from bot.platforms.slack.render import escape
from tests.fakes.slack_api import APP_ID, RESPONSE_URL, TEAM_ID, visible_text
from tests.platforms.slack.conftest import USER_ID, SlackHarness


def shortcut(slack: SlackHarness, text: str) -> tuple[int, str]:
    response_url = slack.fake.response_url("shortcuts/" + uuid.uuid4().hex)
    payload = {
        "type": "message_action",
        "callback_id": MESSAGE_SHORTCUT,
        "trigger_id": f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}",
        "team": {"id": TEAM_ID, "domain": "fake"},
        "user": {"id": USER_ID, "name": "asker", "team_id": TEAM_ID},
        "channel": {"id": "C0GENERAL", "name": "general"},
        "message": {"type": "message", "user": "UWRITER1", "ts": "1700000000.000300", "text": text},
        "message_ts": "1700000000.000300",
        "response_url": response_url,
        "api_app_id": APP_ID,
        "token": "legacy-token",
    }
    response = slack.post_form({"payload": json.dumps(payload)})
    return response.status_code, response_url


def test_the_message_shortcut_answers_about_the_message_privately(slack: SlackHarness) -> None:
    message = "Does anyone know who the PMO analyst reports to?"
    status, url = shortcut(slack, message)
    assert status == 200
    path = url.removeprefix(slack.fake.url)
    [reply] = slack.fake.wait_for(RESPONSE_URL, where=lambda c: c.path == path)
    assert reply.body["response_type"] == "ephemeral"
    sent = visible_text(reply.body)
    assert escape(message) in sent  # quoted, so the reader knows what it is about
    assert escape(slack.engine.ask(message).title) in sent
    assert slack.fake.calls("chat.postMessage") == []  # nothing public
    slack.wait_idle()
    [asked] = slack.storage.interactions
    assert (asked.platform, asked.question, asked.user) == ("slack", message, USER_ID)


def test_the_shortcut_on_a_message_without_text_gets_the_help(slack: SlackHarness) -> None:
    status, _ = shortcut(slack, "")
    assert status == 200
    [reply] = slack.fake.wait_for(RESPONSE_URL)
    assert escape(slack.engine.help_answer("en").title) in visible_text(reply.body)
