"""End to end: Teams activities posted to the real endpoint, replies read from a fake connector.

The endpoint runs under uvicorn on 127.0.0.1 in local-development mode (no credentials,
``ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED``); every activity's ``serviceUrl`` is the fake
Bot Framework connector, which records what the bot sends.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from typing import Any

import pytest

from bot.core.answer import Answer
from bot.core.credits import credit_lines
from bot.platforms.teams.render import (
    COMMENT_INPUT,
    REASON_INPUT,
    Vote,
    answer_card,
    ask_data,
    feedback_data,
    label,
    quotes_card,
    quotes_data,
)
from bot.platforms.teams.settings import TeamsSettings
from tests.fakes.teams_connector import FakeConnector
from tests.platforms.teams.cards import card_of, shown_texts, submits
from tests.platforms.teams.teams_activities import (
    BOT,
    CHANNEL,
    GROUP,
    PERSONAL,
    USER,
    activity,
    card_invoke,
    card_submit,
    channel_message,
    personal_message,
)
from tests.platforms.teams.teams_server import RunningTeams, ServeTeams

QUESTION = "What is the difference between a PMO and a project manager?"


def asked(teams: RunningTeams, question: str) -> Answer:
    """The engine's answer to ``question``, as the card that offered feedback was built from."""
    return replace(teams.engine.ask(question), question=question)


def assert_nothing_sent(teams: RunningTeams, connector: FakeConnector) -> None:
    """Nothing was sent and nothing will be: no reply task was started."""
    assert teams.bot.replies.pending == 0
    assert connector.activities() == []


def test_personal_message_is_answered_with_an_adaptive_card(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    response = dev_teams.post(personal_message(connector.url, QUESTION))
    assert response.status_code == 200

    [reply] = connector.wait_for_activities(1)
    assert reply.conversation_id == PERSONAL["id"]
    expected = dev_teams.engine.ask(QUESTION)
    card = card_of(reply)
    assert card == answer_card(expected)
    assert card["version"] == "1.5"
    assert reply.body["summary"] == expected.text
    assert card["fallbackText"] == expected.text
    shown = "\n".join(shown_texts(card))
    for line in credit_lines(expected.sources, "en"):
        assert line in shown  # one line per document
    if any(s.quote for s in expected.sources):
        assert label("quotes", "en") in [a["title"] for a in submits(card)]

    [interaction] = dev_teams.storage.interactions
    assert interaction.platform == "teams"
    assert interaction.question == QUESTION
    assert interaction.user == USER["aadObjectId"]
    assert interaction.conversation == PERSONAL["id"]


def test_the_request_is_acknowledged_before_the_reply_is_delivered(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    connector.hold()  # the connector accepts the reply but does not answer yet
    try:
        response = dev_teams.post(personal_message(connector.url, QUESTION))
        assert response.status_code == 200
        connector.wait_for_activities(1)
        assert dev_teams.bot.replies.pending == 1  # the reply is still on its way
    finally:
        connector.release()


def test_the_routes_work_without_the_start_up_hook(
    serve_teams: ServeTeams, connector: FakeConnector
) -> None:
    teams = serve_teams(TeamsSettings(allow_unauthenticated=True), hooks=False)

    assert teams.post(personal_message(connector.url, QUESTION)).status_code == 200

    [reply] = connector.wait_for_activities(1)
    assert card_of(reply) == answer_card(teams.engine.ask(QUESTION))


def test_channel_mention_is_answered_in_its_thread_without_the_mention(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    message = channel_message(connector.url, "pmo vs pm?", activity_id="1700000000123")
    assert "<at>Rolebot</at>" in message["text"]

    assert dev_teams.post(message).status_code == 200

    [reply] = connector.wait_for_activities(1)
    assert reply.conversation_id == CHANNEL["id"] + ";messageid=1700000000123"
    assert reply.reply_to_id == "1700000000123"
    assert "<at>" not in json.dumps(reply.body)
    assert card_of(reply) == answer_card(dev_teams.engine.ask("pmo vs pm?"))
    assert [i.question for i in dev_teams.storage.interactions] == ["pmo vs pm?"]


def test_reply_in_an_existing_thread_stays_in_that_thread(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    thread = {**CHANNEL, "id": CHANNEL["id"] + ";messageid=1700000000100"}
    message = channel_message(
        connector.url, QUESTION, conversation=thread, activity_id="1700000000200"
    )

    assert dev_teams.post(message).status_code == 200

    [reply] = connector.wait_for_activities(1)
    assert reply.conversation_id == thread["id"]
    assert reply.reply_to_id == "1700000000200"


def test_group_chat_mention_is_answered_in_the_chat(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    assert dev_teams.post(channel_message(connector.url, QUESTION, conversation=GROUP)).is_success

    [reply] = connector.wait_for_activities(1)
    assert reply.conversation_id == GROUP["id"]
    assert card_of(reply) == answer_card(dev_teams.engine.ask(QUESTION))


@pytest.mark.parametrize("conversation", [CHANNEL, GROUP], ids=["channel", "group chat"])
def test_messages_that_do_not_mention_the_bot_are_ignored(
    dev_teams: RunningTeams, connector: FakeConnector, conversation: dict[str, object]
) -> None:
    message = channel_message(connector.url, QUESTION, mention=False, conversation=conversation)

    assert dev_teams.post(message).status_code == 200

    assert_nothing_sent(dev_teams, connector)
    assert dev_teams.storage.interactions == []


def test_a_bare_mention_gets_help_and_its_suggestion_buttons_work(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    assert dev_teams.post(channel_message(connector.url, "")).status_code == 200
    [help_reply] = connector.wait_for_activities(1)
    help_card = card_of(help_reply)
    assert help_card == answer_card(dev_teams.engine.help_answer("en"))
    choices = [a for a in submits(help_card) if a["data"].get("rolebot") == "ask"]
    assert choices, "the help card offers example questions"
    chosen = choices[0]["data"]
    assert dev_teams.storage.interactions == []

    submit = card_submit(connector.url, chosen, conversation=help_reply_conversation(help_reply))
    assert dev_teams.post(submit).status_code == 200

    replies = connector.wait_for_activities(2)
    assert card_of(replies[1]) == answer_card(dev_teams.engine.ask(chosen["question"]))
    assert replies[1].conversation_id == help_reply.conversation_id
    assert [i.question for i in dev_teams.storage.interactions] == [chosen["question"]]


def help_reply_conversation(reply: object) -> dict[str, object]:
    """The conversation a submit from a card in the channel thread comes from."""
    return {**CHANNEL, "id": reply.conversation_id}  # type: ignore[attr-defined]


def test_did_you_mean_choice_is_answered(dev_teams: RunningTeams, connector: FakeConnector) -> None:
    chosen = "What does a PMO analyst do?"

    assert dev_teams.post(card_submit(connector.url, ask_data(chosen))).status_code == 200

    [reply] = connector.wait_for_activities(1)
    assert reply.conversation_id == PERSONAL["id"]
    assert card_of(reply) == answer_card(dev_teams.engine.ask(chosen))
    assert [i.question for i in dev_teams.storage.interactions] == [chosen]


def test_show_quotes_answers_with_the_quotes_card(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    answer = dev_teams.engine.ask(QUESTION)

    assert dev_teams.post(card_submit(connector.url, quotes_data(QUESTION))).status_code == 200

    [reply] = connector.wait_for_activities(1)
    card = card_of(reply)
    assert card == quotes_card(answer)
    shown = "\n".join(shown_texts(card))
    for source in answer.sources:
        assert source.credit() in shown
    assert dev_teams.storage.interactions == []  # showing quotes is not a new question


def test_a_typing_indicator_is_shown_while_the_answer_is_composed(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    assert dev_teams.post(personal_message(connector.url, QUESTION)).status_code == 200
    connector.wait_for_activities(1)
    [typing] = connector.typing()
    assert typing.conversation_id == PERSONAL["id"]
    calls = connector.calls
    assert calls.index(typing) < calls.index(connector.activities()[0])


def installed(service_url: str, conversation: dict[str, Any], locale: str = "en-US") -> dict:
    """What Teams posts when the app is added: the bot joins the conversation."""
    return activity(
        service_url,
        conversation=conversation,
        type_="conversationUpdate",
        activity_id=f"f:install-{conversation['id']}",
        locale=locale,
        membersAdded=[{"id": BOT["id"], "name": BOT["name"]}],
    )


@pytest.mark.parametrize(("locale", "language"), [("en-US", "en"), ("fr-FR", "fr")])
def test_installing_in_a_personal_chat_sends_a_welcome_card_once(
    dev_teams: RunningTeams, connector: FakeConnector, locale: str, language: str
) -> None:
    install = installed(connector.url, PERSONAL, locale)
    assert dev_teams.post(install).status_code == 200
    [welcome] = connector.wait_for_activities(1)
    assert welcome.conversation_id == PERSONAL["id"]
    card = card_of(welcome)
    shown = shown_texts(card)
    assert label("welcome_title", language) in shown
    examples = dev_teams.engine.example_questions(language)
    assert examples and examples[0] in shown
    assert dev_teams.post(install).status_code == 200  # delivered again: no second welcome
    time.sleep(0.2)
    assert dev_teams.bot.replies.pending == 0
    assert len(connector.activities()) == 1


def test_installing_in_a_team_sends_no_welcome(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    assert dev_teams.post(installed(connector.url, CHANNEL)).status_code == 200
    assert_nothing_sent(dev_teams, connector)


def updated_cards(teams: RunningTeams, connector: FakeConnector, count: int = 1) -> list[Any]:
    """The cards the bot replaced in place (``PUT .../activities/{id}``), once it is idle."""
    deadline = time.monotonic() + 10
    while teams.bot.replies.pending or len(connector.updates()) < count:
        assert time.monotonic() < deadline, connector.calls
        time.sleep(0.01)
    return connector.updates()


def test_thumbs_down_with_a_reason_updates_the_card_in_place(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    answer = asked(dev_teams, QUESTION)
    data = {
        **feedback_data(answer, helpful=False),
        REASON_INPUT: "incomplete",
        COMMENT_INPUT: "  nothing about   the sponsor ",
    }

    assert dev_teams.post(card_submit(connector.url, data)).status_code == 200

    [update] = updated_cards(dev_teams, connector)
    assert update.path == f"/v3/conversations/{PERSONAL['id']}/activities/fake-activity-1"
    card = card_of(update)
    assert card == answer_card(
        dev_teams.engine.ask(QUESTION), Vote(False, "incomplete: nothing about the sponsor")
    )
    assert label("voted_not_helpful", "en") in shown_texts(card)
    assert connector.activities() == []  # no separate "thanks" message
    [feedback] = dev_teams.storage.feedback
    assert feedback.platform == "teams"
    assert feedback.helpful is False
    assert feedback.reason == "incomplete: nothing about the sponsor"
    assert feedback.question == QUESTION
    assert feedback.intent == answer.intent
    assert feedback.roles == answer.roles
    assert feedback.user == USER["aadObjectId"]


def test_votes_count_once_per_user_and_card_and_a_later_vote_replaces(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    answer = asked(dev_teams, QUESTION)
    for i in range(4):
        up = card_submit(connector.url, feedback_data(answer, helpful=True), activity_id=f"17{i}")
        assert dev_teams.post(up).status_code == 200
    updates = updated_cards(dev_teams, connector, count=4)
    assert label("voted_helpful", "en") in shown_texts(card_of(updates[-1]))
    [feedback] = dev_teams.storage.feedback
    assert (feedback.helpful, feedback.reason) == (True, None)

    down = {**feedback_data(answer, helpful=False), REASON_INPUT: "unclear"}
    assert dev_teams.post(card_submit(connector.url, down, activity_id="1799")).status_code == 200
    updated_cards(dev_teams, connector, count=5)
    [feedback] = dev_teams.storage.feedback
    assert (feedback.helpful, feedback.reason) == (False, "unclear")

    # Another card of the same answer is another vote.
    other = card_submit(
        connector.url, feedback_data(answer, helpful=True), activity_id="1800", replyToId="card-2"
    )
    assert dev_teams.post(other).status_code == 200
    updated_cards(dev_teams, connector, count=6)
    assert sorted(f.helpful for f in dev_teams.storage.feedback) == [False, True]
    assert connector.activities() == []


def test_a_vote_in_a_channel_posts_nothing_in_the_channel(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    answer = asked(dev_teams, QUESTION)
    vote = card_submit(connector.url, feedback_data(answer, helpful=True), conversation=CHANNEL)

    assert dev_teams.post(vote).status_code == 200

    deadline = time.monotonic() + 10
    while not dev_teams.storage.feedback or dev_teams.bot.replies.pending:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert [f.helpful for f in dev_teams.storage.feedback] == [True]
    assert connector.activities() == [] and connector.updates() == []


def test_universal_action_feedback_in_a_personal_chat_returns_the_updated_card(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    answer = asked(dev_teams, QUESTION)

    response = dev_teams.post(card_invoke(connector.url, feedback_data(answer, helpful=True)))

    assert response.status_code == 200
    body = response.json()
    assert (body["statusCode"], body["type"]) == (200, "application/vnd.microsoft.card.adaptive")
    assert body["value"] == answer_card(dev_teams.engine.ask(QUESTION), Vote(True))
    assert label("voted_helpful", "en") in shown_texts(body["value"])
    assert [f.helpful for f in dev_teams.storage.feedback] == [True]
    assert_nothing_sent(dev_teams, connector)


def test_universal_action_feedback_in_a_channel_is_acknowledged_to_the_clicker_only(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    answer = asked(dev_teams, QUESTION)
    invoke = card_invoke(connector.url, feedback_data(answer, helpful=True), conversation=CHANNEL)

    response = dev_teams.post(invoke)

    assert response.status_code == 200
    assert response.json() == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": label("thanks", "en"),
    }
    assert [f.helpful for f in dev_teams.storage.feedback] == [True]
    assert_nothing_sent(dev_teams, connector)
    assert connector.updates() == []


def test_universal_action_choice_posts_the_answer(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    response = dev_teams.post(card_invoke(connector.url, ask_data(QUESTION)))

    assert response.status_code == 200
    assert response.json()["type"] == "application/vnd.microsoft.activity.message"
    [reply] = connector.wait_for_activities(1)
    assert card_of(reply) == answer_card(dev_teams.engine.ask(QUESTION))


def test_a_redelivered_message_is_answered_once(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    message = personal_message(connector.url, QUESTION, activity_id="1700000000555")

    assert dev_teams.post(message).status_code == 200
    connector.wait_for_activities(1)
    deadline = time.monotonic() + 10
    while dev_teams.bot.replies.pending:  # the first reply task ends after its last call
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert dev_teams.post(message).status_code == 200

    assert dev_teams.bot.replies.pending == 0  # the redelivery started no reply
    assert len(connector.activities()) == 1


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'"message"',
        b'{"text": "no type"}',
        b'{"type": "message", "text": "no conversation, sender or recipient"}',
        b'{"type": 7}',
    ],
    ids=["not-json", "not-utf8", "array", "string", "no-type", "incomplete", "type-not-string"],
)
def test_malformed_bodies_get_400_and_nothing_is_sent(
    dev_teams: RunningTeams, connector: FakeConnector, body: bytes
) -> None:
    response = dev_teams.post(content=body, headers={"content-type": "application/json"})

    assert response.status_code == 400
    assert_nothing_sent(dev_teams, connector)


def test_an_oversized_body_is_refused_and_nothing_is_sent(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    message = personal_message(connector.url, "x" * 2_000_000)

    assert dev_teams.post(message).status_code == 413
    assert_nothing_sent(dev_teams, connector)


def test_an_activity_without_service_url_gets_400(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    message = personal_message(connector.url, QUESTION)
    del message["serviceUrl"]

    assert dev_teams.post(message).status_code == 400
    assert_nothing_sent(dev_teams, connector)


def test_activity_types_the_bot_does_not_handle_are_acknowledged(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    update = activity(
        connector.url,
        conversation=PERSONAL,
        type_="conversationUpdate",
        membersAdded=[USER],
    )
    unknown = activity(connector.url, conversation=PERSONAL, type_="somethingNew")

    assert dev_teams.post(update).status_code == 200
    assert dev_teams.post(unknown).status_code == 200
    assert_nothing_sent(dev_teams, connector)
