"""Events API end to end: mentions, direct messages, ignored messages, retries, escaping."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from bot.core.credits import credit_lines
from bot.platforms.slack.render import escape
from tests.fakes.slack_api import BOT_ID, BOT_USER_ID
from tests.platforms.slack.conftest import USER_ID, SlackHarness, new_ts

QUESTION = "What is the difference between a PMO and a project manager?"


def mention(text: str, **extra: str) -> dict[str, str]:
    return {
        "type": "app_mention",
        "user": USER_ID,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": new_ts(),
        "channel": "C0GENERAL",
        "event_ts": new_ts(),
        **extra,
    }


def direct_message(text: str, **extra: str) -> dict[str, str]:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DIRECT",
        "user": USER_ID,
        "text": text,
        "ts": new_ts(),
        **extra,
    }


def test_url_verification_echoes_the_challenge(slack: SlackHarness) -> None:
    response = slack.post_json(
        {
            "token": "legacy",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    )
    assert response.status_code == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in response.text


def test_mention_is_answered_in_a_thread_under_the_message(slack: SlackHarness) -> None:
    event = mention(QUESTION)
    response, _ = slack.event(event)
    assert response.status_code == 200

    [post] = slack.fake.wait_for("chat.postMessage")
    assert post.body["channel"] == "C0GENERAL"
    assert post.body["thread_ts"] == event["ts"]
    assert post.body["text"].strip()
    assert post.body["blocks"]
    assert post.headers["Authorization"] == "Bearer xoxb-test-token-not-real"
    expected = slack.engine.ask(QUESTION)
    for line in credit_lines(expected.sources, "en"):
        assert escape(line) in post.visible()  # one line per document
    assert escape(expected.title) in post.visible()


def test_mention_inside_a_thread_replies_in_that_thread(slack: SlackHarness) -> None:
    parent = "1700000000.000100"
    event = mention(QUESTION, thread_ts=parent)
    slack.event(event)
    [post] = slack.fake.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == parent


def test_direct_message_is_answered_in_the_dm(slack: SlackHarness) -> None:
    response, _ = slack.event(direct_message(QUESTION))
    assert response.status_code == 200
    [post] = slack.fake.wait_for("chat.postMessage")
    assert post.body["channel"] == "D0DIRECT"
    assert "thread_ts" not in post.body or post.body["thread_ts"] is None
    assert post.body["blocks"]
    assert escape(slack.engine.ask(QUESTION).title) in post.visible()


def test_the_bots_own_message_gets_no_reply(slack: SlackHarness) -> None:
    own = direct_message("an answer I posted", user=BOT_USER_ID, bot_id=BOT_ID)
    other_bot = direct_message("hello from another bot", bot_id="B0OTHER", subtype="bot_message")
    for event in (own, other_bot):
        response, _ = slack.event(event)
        assert response.status_code == 200
    slack.wait_idle()
    assert slack.fake.calls("chat.postMessage") == []


def test_edits_and_other_subtypes_get_no_reply(slack: SlackHarness) -> None:
    edited = {
        "type": "message",
        "subtype": "message_changed",
        "channel_type": "im",
        "channel": "D0DIRECT",
        "hidden": True,
        "ts": new_ts(),
        "message": {"type": "message", "user": USER_ID, "text": QUESTION, "ts": new_ts()},
    }
    joined = direct_message("joined", subtype="channel_join")
    channel_message = {**direct_message(QUESTION), "channel_type": "channel"}
    for event in (edited, joined, channel_message):
        response, _ = slack.event(event)
        assert response.status_code == 200
    slack.wait_idle()
    assert slack.fake.calls("chat.postMessage") == []


def test_a_retried_event_gets_no_second_reply(slack: SlackHarness) -> None:
    event = mention(QUESTION)
    first, event_id = slack.event(event)
    assert first.status_code == 200
    slack.fake.wait_for("chat.postMessage")

    for retry in (1, 2):
        again, _ = slack.event(event, event_id=event_id, retry_num=retry)
        assert again.status_code == 200
    slack.wait_idle()
    assert len(slack.fake.calls("chat.postMessage")) == 1


def test_a_retry_whose_first_delivery_was_lost_is_answered_once(slack: SlackHarness) -> None:
    response, _ = slack.event(mention(QUESTION), retry_num=1)
    assert response.status_code == 200
    slack.fake.wait_for("chat.postMessage")
    slack.wait_idle()
    assert len(slack.fake.calls("chat.postMessage")) == 1


def test_during_a_storage_outage_a_retry_is_deferred_and_a_first_delivery_answered(
    slack: SlackHarness,
) -> None:
    # Another replica may have answered the first delivery of a retried event, and only
    # the database could tell: Slack is asked to deliver the retry again later.
    slack.storage.shared = False
    event = mention(QUESTION)
    retried, event_id = slack.event(event, retry_num=1)
    first, _ = slack.event(mention("what does a PMO analyst do?"))
    slack.fake.wait_for("chat.postMessage")
    slack.wait_idle()
    assert retried.status_code == 503
    assert "later" in retried.text
    assert first.status_code == 200
    assert len(slack.fake.calls("chat.postMessage")) == 1

    slack.storage.shared = True  # the database is back: the same retry is answered once
    # (a retry is signed anew, a minute or more later)
    later = int(time.time()) + 60
    again, _ = slack.event(event, event_id=event_id, retry_num=2, timestamp=later)
    assert again.status_code == 200
    slack.fake.wait_for("chat.postMessage", count=2)
    slack.wait_idle()
    assert len(slack.fake.calls("chat.postMessage")) == 2


def test_a_mention_with_only_the_bot_name_gets_the_help(slack: SlackHarness) -> None:
    slack.event(mention(""))
    [post] = slack.fake.wait_for("chat.postMessage")
    assert escape(slack.engine.help_answer("en").title) in post.visible()


def test_broadcast_and_mention_tokens_in_a_question_are_never_echoed(slack: SlackHarness) -> None:
    nasty = "<!channel> <!here> <!everyone> <@U123> <!subteam^S1> what is a PMO? @here"
    slack.event(mention(nasty))
    slack.event(direct_message(nasty))
    posts = slack.fake.wait_for("chat.postMessage", count=2)
    for post in posts:
        sent = post.texts()
        for token in ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<!subteam"):
            assert token not in sent
        assert "@here" not in post.visible().replace("@\u2060here", "")


def test_simultaneous_redeliveries_get_exactly_one_reply(slack: SlackHarness) -> None:
    event = mention(QUESTION)
    event_id = "EvSIMULTANEOUS01"
    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(
            pool.map(
                lambda n: slack.event(event, event_id=event_id, retry_num=n or None)[0], range(6)
            )
        )
    assert [r.status_code for r in responses] == [200] * 6
    slack.fake.wait_for("chat.postMessage")
    slack.wait_idle()
    assert len(slack.fake.calls("chat.postMessage")) == 1


def test_one_message_delivered_as_mention_and_as_dm_is_answered_once(slack: SlackHarness) -> None:
    ts = new_ts()
    text = f"<@{BOT_USER_ID}> {QUESTION}"
    slack.event(direct_message(text, ts=ts))
    slack.event(mention(QUESTION, ts=ts, channel="D0DIRECT"))
    slack.fake.wait_for("chat.postMessage")
    slack.wait_idle()
    assert len(slack.fake.calls("chat.postMessage")) == 1
