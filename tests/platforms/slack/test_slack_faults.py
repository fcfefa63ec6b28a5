"""Slack API faults: rate limits and server errors are retried; failures end in an apology."""

from __future__ import annotations

from bot.platforms.slack.render import render_apology
from tests.fakes.slack_api import BOT_USER_ID, RESPONSE_URL, Reply
from tests.platforms.slack.conftest import USER_ID, SlackHarness, new_ts


def _mention(text: str) -> dict[str, str]:
    return {
        "type": "app_mention",
        "user": USER_ID,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": new_ts(),
        "channel": "C0GENERAL",
    }


def test_a_rate_limited_reply_is_delivered_exactly_once_after_retry_after(
    slack: SlackHarness,
) -> None:
    slack.fake.script("chat.postMessage", Reply.rate_limited(retry_after=0))
    event = _mention("What is a PMO?")
    response, _ = slack.event(event)
    assert response.status_code == 200

    [delivered] = slack.fake.wait_for("chat.postMessage")
    slack.wait_idle()
    attempts = slack.fake.calls("chat.postMessage", include_failed=True)
    assert [a.status for a in attempts] == [429, 200]
    assert attempts[0].body == attempts[1].body  # the same message, sent again
    assert delivered.body["thread_ts"] == event["ts"]
    assert len(slack.fake.calls("chat.postMessage")) == 1


def test_a_server_error_is_retried_and_the_reply_delivered_once(slack: SlackHarness) -> None:
    slack.fake.script("chat.postMessage", Reply.server_error(503))
    slack.event(_mention("What is a PMO?"))
    slack.fake.wait_for("chat.postMessage")
    slack.wait_idle()
    statuses = [a.status for a in slack.fake.calls("chat.postMessage", include_failed=True)]
    assert statuses == [503, 200]


def test_a_rate_limited_response_url_is_retried(slack: SlackHarness) -> None:
    slack.fake.script(RESPONSE_URL, Reply.rate_limited(retry_after=0))
    slack.command("What is a PMO?")
    slack.fake.wait_for(RESPONSE_URL)
    slack.wait_idle()
    statuses = [c.status for c in slack.fake.calls(RESPONSE_URL, include_failed=True)]
    assert statuses == [429, 200]


def test_when_posting_keeps_failing_the_user_gets_an_apology_in_the_thread(
    slack: SlackHarness,
) -> None:
    # The answer fails three times (first try and both retries); the apology then goes through.
    slack.fake.script("chat.postMessage", *[Reply.server_error()] * 3)
    event = _mention("What is a PMO?")
    slack.event(event)
    [apology] = slack.fake.wait_for("chat.postMessage")
    slack.wait_idle()
    assert apology.body["thread_ts"] == event["ts"]
    assert apology.body["text"] == render_apology()["text"]


def test_when_the_response_url_keeps_failing_the_apology_follows_there(
    slack: SlackHarness,
) -> None:
    slack.fake.script(RESPONSE_URL, *[Reply.server_error()] * 3)
    slack.command("What is a PMO?")
    [apology] = slack.fake.wait_for(RESPONSE_URL)
    slack.wait_idle()
    assert apology.body["response_type"] == "ephemeral"
    assert apology.body["text"] == render_apology()["text"]
