"""End to end: Teams activities posted to the real endpoint, replies read from a fake connector.

The endpoint runs under uvicorn on 127.0.0.1 in local-development mode (no credentials,
``ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED``); every activity's ``serviceUrl`` is the fake
Bot Framework connector, which records what the bot sends.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.core.answer import Answer
from bot.core.credits import credit_lines
from bot.platforms.teams.render import (
    COMMENT_INPUT,
    REASON_INPUT,
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
        assert label("en", "quotes") in [a["title"] for a in submits(card)]

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


def test_thumbs_down_with_a_reason_is_recorded_and_acknowledged(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    answer = asked(dev_teams, QUESTION)
    data = {
        **feedback_data(answer, helpful=False),
        REASON_INPUT: "incomplete",
        COMMENT_INPUT: "  nothing about   the sponsor ",
    }

    assert dev_teams.post(card_submit(connector.url, data)).status_code == 200

    [reply] = connector.wait_for_activities(1)
    assert reply.conversation_id == PERSONAL["id"]
    assert reply.body["text"] == label("en", "thanks_negative")
    assert reply.attachments == []
    [feedback] = dev_teams.storage.feedback
    assert feedback.platform == "teams"
    assert feedback.helpful is False
    assert feedback.reason == "incomplete: nothing about the sponsor"
    assert feedback.question == QUESTION
    assert feedback.intent == answer.intent
    assert feedback.roles == answer.roles
    assert feedback.user == USER["aadObjectId"]


def test_thumbs_up_is_recorded(dev_teams: RunningTeams, connector: FakeConnector) -> None:
    answer = asked(dev_teams, QUESTION)

    post = dev_teams.post(card_submit(connector.url, feedback_data(answer, helpful=True)))
    assert post.status_code == 200

    [reply] = connector.wait_for_activities(1)
    assert reply.body["text"] == label("en", "thanks")
    [feedback] = dev_teams.storage.feedback
    assert (feedback.helpful, feedback.reason) == (True, None)


def test_universal_action_feedback_is_acknowledged_in_the_invoke_response(
    dev_teams: RunningTeams, connector: FakeConnector
) -> None:
    answer = asked(dev_teams, QUESTION)

    response = dev_teams.post(card_invoke(connector.url, feedback_data(answer, helpful=True)))

    assert response.status_code == 200
    assert response.json() == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": label("en", "thanks"),
    }
    assert [f.helpful for f in dev_teams.storage.feedback] == [True]
    assert_nothing_sent(dev_teams, connector)


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
    assert dev_teams.post(message).status_code == 200

    assert dev_teams.bot.replies.pending == 0
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
