"""Buttons end to end: every kind of ``block_actions`` the bot renders."""

from __future__ import annotations

import pytest

from bot.platforms.feedback import REASONS
from bot.platforms.slack.render import (
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    POST,
    QUOTES,
    REASON_PREFIX,
    AnswerRef,
    escape,
)
from bot.platforms.strings import label
from tests.fakes.slack_api import RESPONSE_URL, visible_text
from tests.platforms.slack.conftest import USER_ID, SlackHarness

QUESTION = "What is the difference between a PMO and a project manager?"
REF = AnswerRef(QUESTION, "en", "compare", ("pmo", "project_manager"))


def _reply(slack: SlackHarness, response_url: str | None, count: int = 1) -> list[dict]:
    assert response_url is not None
    path = response_url.removeprefix(slack.fake.url)
    calls = slack.fake.wait_for(RESPONSE_URL, count=count, where=lambda c: c.path == path)
    return [c.body for c in calls]


def test_show_quotes_replies_privately_with_the_sources(slack: SlackHarness) -> None:
    response, url = slack.action(QUOTES, REF.encode())
    assert response.status_code == 200
    [reply] = _reply(slack, url)
    assert reply["response_type"] == "ephemeral"
    assert reply["replace_original"] is False
    sent = visible_text(reply)
    expected = slack.engine.ask(QUESTION)
    for source in expected.sources:
        assert escape(" ".join(source.quote.split()))[:200] in sent
        assert escape(source.credit()) in sent
    assert reply["text"].strip()


def test_thumbs_up_is_recorded_and_thanked(slack: SlackHarness) -> None:
    response, url = slack.action(FEEDBACK_UP, REF.encode())
    assert response.status_code == 200
    [reply] = _reply(slack, url)
    assert reply["response_type"] == "ephemeral"
    slack.wait_idle()
    [item] = slack.storage.feedback
    assert item.helpful is True
    assert (item.platform, item.question, item.intent, item.roles, item.user) == (
        "slack",
        QUESTION,
        "compare",
        ("pmo", "project_manager"),
        USER_ID,
    )
    assert item.reason is None


def test_thumbs_down_is_recorded_and_offers_reasons(slack: SlackHarness) -> None:
    _, url = slack.action(FEEDBACK_DOWN, REF.encode())
    [reply] = _reply(slack, url)
    slack.wait_idle()
    [item] = slack.storage.feedback
    assert item.helpful is False and item.reason is None
    reasons = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [AnswerRef.decode(b["value"]).reason for b in reasons] == list(REASONS)
    assert all(AnswerRef.decode(b["value"]).question == QUESTION for b in reasons)

    # Clicking a reason records it and replaces the prompt with thanks.
    chosen = reasons[1]
    _, url2 = slack.action(chosen["action_id"], chosen["value"], ephemeral=True)
    [thanks] = _reply(slack, url2)
    assert thanks["replace_original"] is True
    slack.wait_idle()
    assert slack.storage.feedback[-1].reason == REASONS[1]
    assert slack.storage.feedback[-1].helpful is False


def test_an_unknown_reason_is_refused(slack: SlackHarness) -> None:
    forged = AnswerRef(QUESTION, reason="<!channel> free text").encode()
    response, _ = slack.action(f"{REASON_PREFIX}0", forged)
    assert response.status_code == 400
    slack.wait_idle()
    assert slack.storage.feedback == []


def test_did_you_mean_in_a_thread_answers_the_chosen_question_there(slack: SlackHarness) -> None:
    chosen = "What does a PMO manager do?"
    response, _ = slack.action(
        "rolebot_did_you_mean_1", AnswerRef(chosen).encode(), thread_ts="1700000000.000100"
    )
    assert response.status_code == 200
    [post] = slack.fake.wait_for("chat.postMessage")
    assert post.body["channel"] == "C0GENERAL"
    assert post.body["thread_ts"] == "1700000000.000100"
    sent = post.visible()
    assert escape(chosen) in sent
    assert escape(slack.engine.ask(chosen).title) in sent
    assert f"<@{USER_ID}>" in sent  # credited to the person who clicked


def test_a_suggestion_on_a_private_answer_answers_privately(slack: SlackHarness) -> None:
    chosen = "What is a PMO?"
    _, url = slack.action("rolebot_suggest_0", AnswerRef(chosen).encode(), ephemeral=True)
    [reply] = _reply(slack, url)
    assert reply["response_type"] == "ephemeral"
    assert escape(slack.engine.ask(chosen).title) in visible_text(reply)
    assert slack.fake.calls("chat.postMessage") == []


@pytest.mark.parametrize("action_id", ["rolebot_home_ask_3", "rolebot_example_0"])
def test_home_buttons_answer_in_the_apps_direct_messages(
    slack: SlackHarness, action_id: str
) -> None:
    chosen = "Who sets project standards?"
    response, _ = slack.action(action_id, AnswerRef(chosen).encode(), container="view")
    assert response.status_code == 200
    [post] = slack.fake.wait_for("chat.postMessage")
    assert post.body["channel"] == USER_ID
    assert escape(chosen) in post.visible()
    assert escape(slack.engine.ask(chosen).title) in post.visible()


def test_post_to_channel_shares_the_answer_and_removes_the_private_one(
    slack: SlackHarness,
) -> None:
    _, url = slack.action(POST, REF.encode(), ephemeral=True)
    shared, removed = _reply(slack, url, count=2)
    assert shared["response_type"] == "in_channel"
    assert shared["replace_original"] is False
    sent = visible_text(shared)
    assert escape(QUESTION) in sent
    assert f"<@{USER_ID}>" in sent
    assert escape(slack.engine.ask(QUESTION).title) in sent
    assert removed == {"delete_original": True}


def test_a_button_value_that_is_not_ours_gets_400(slack: SlackHarness) -> None:
    response, _ = slack.action(QUOTES, "not json")
    assert response.status_code == 400
    slack.wait_idle()
    assert slack.fake.calls() == []


def _controls_text(message: dict) -> str:
    return visible_text({"blocks": message["blocks"][-3:]})


def test_a_vote_on_a_private_answer_updates_it_in_place_and_counts_once(
    slack: SlackHarness,
) -> None:
    ref = AnswerRef(QUESTION, "en", "compare", ("pmo", "project_manager"), echo=True, post=True)
    urls = [slack.action(FEEDBACK_UP, ref.encode(), ephemeral=True)[1] for _ in range(4)]
    replies = [_reply(slack, url)[0] for url in urls]
    for reply in replies:
        assert reply["response_type"] == "ephemeral"
        assert reply["replace_original"] is True  # the answer itself, not a new message
        assert label("voted_helpful", "en") in _controls_text(reply)
        assert escape(slack.engine.ask(QUESTION).title) in visible_text(reply)
        assert POST in {e.get("action_id") for b in reply["blocks"] for e in b.get("elements", [])}
    slack.wait_idle()
    [vote] = slack.storage.feedback
    assert vote.helpful is True and vote.vote

    # 👎 on the same answer: the reasons appear in place; the chosen reason joins that vote.
    _, url = slack.action(FEEDBACK_DOWN, ref.encode(), ephemeral=True)
    [prompt] = _reply(slack, url)
    assert prompt["replace_original"] is True
    reasons = [
        e
        for b in prompt["blocks"]
        for e in b.get("elements", [])
        if REASON_PREFIX in e.get("action_id", "")
    ]
    assert [AnswerRef.decode(e["value"]).reason for e in reasons] == list(REASONS)
    _, url = slack.action(reasons[2]["action_id"], reasons[2]["value"], ephemeral=True)
    [done] = _reply(slack, url)
    assert done["replace_original"] is True
    assert label("thanks_negative", "en") in _controls_text(done)
    slack.wait_idle()
    [vote] = slack.storage.feedback
    assert (vote.helpful, vote.reason) == (False, REASONS[2])
    assert slack.fake.calls("chat.postMessage") == []


def test_votes_on_an_answer_in_a_channel_are_private_and_count_once_per_user(
    slack: SlackHarness,
) -> None:
    for _ in range(3):
        _, url = slack.action(FEEDBACK_UP, REF.encode(), message_ts="1700000000.000777")
        [reply] = _reply(slack, url)
        assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    _, url = slack.action(FEEDBACK_UP, REF.encode(), message_ts="1700000000.000777", user="UOTHER1")
    _reply(slack, url)
    _, url = slack.action(FEEDBACK_DOWN, REF.encode(), message_ts="1700000000.000777")
    [prompt] = _reply(slack, url)
    assert prompt["response_type"] == "ephemeral" and prompt["replace_original"] is False
    reasons = [e for b in prompt["blocks"] if b["type"] == "actions" for e in b["elements"]]
    _, url = slack.action(reasons[0]["action_id"], reasons[0]["value"], ephemeral=True)
    [thanks] = _reply(slack, url)
    assert thanks["replace_original"] is True  # the prompt becomes the thanks
    slack.wait_idle()
    votes = {f.user: (f.helpful, f.reason) for f in slack.storage.feedback}
    assert votes == {USER_ID: (False, REASONS[0]), "UOTHER1": (True, None)}
    assert len(slack.storage.feedback) == 2
    assert slack.fake.calls("chat.postMessage") == []  # nothing public in the channel
