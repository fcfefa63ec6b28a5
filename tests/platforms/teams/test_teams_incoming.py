"""Reading incoming Teams messages: addressing, question text, reply target."""

from __future__ import annotations

from typing import Any

import pytest
from microsoft_teams.api import MessageActivity

from bot.platforms.teams.incoming import question_text, reply_target, should_answer
from tests.platforms.teams.teams_activities import (
    BOT,
    CHANNEL,
    GROUP,
    PERSONAL,
    channel_message,
    mention_entity,
    personal_message,
)

URL = "https://smba.example/teams/"
GRACE = {
    "type": "mention",
    "mentioned": {"id": "29:grace", "name": "Grace"},
    "text": "<at>Grace</at>",
}


def parse(body: dict[str, Any]) -> MessageActivity:
    return MessageActivity.model_validate(body)


def test_personal_messages_are_always_answered() -> None:
    assert should_answer(parse(personal_message(URL, "pmo vs pm?")))


@pytest.mark.parametrize("conversation", [CHANNEL, GROUP])
def test_channels_and_group_chats_need_a_mention(conversation: dict[str, Any]) -> None:
    with_mention = channel_message(URL, "pmo?", conversation=conversation)
    without = channel_message(URL, "pmo?", conversation=conversation, mention=False)
    assert should_answer(parse(with_mention))
    assert not should_answer(parse(without))


def test_a_mention_of_someone_else_is_not_a_mention_of_the_bot() -> None:
    body = channel_message(URL, "pmo?", mention=False)
    body["text"] = "<at>Grace</at> pmo?"
    body["entities"] = [GRACE]
    assert not should_answer(parse(body))


def test_messages_from_the_bot_itself_are_not_answered() -> None:
    body = personal_message(URL, "pmo?")
    body["from"] = BOT
    assert not should_answer(parse(body))


def test_the_bot_mention_is_removed_and_other_mentions_keep_their_name() -> None:
    body = channel_message(URL, "is <at>Grace</at> a PMO analyst?")
    body["entities"].append(GRACE)
    assert question_text(parse(body)) == "is Grace a PMO analyst?"


def test_mention_in_the_middle_and_markup_are_cleaned() -> None:
    body = channel_message(URL, "", mention=False)
    body["text"] = "<p>What&nbsp;does a <at>Rolebot</at> PMO&amp;co   analyst do?</p>"
    body["entities"] = [mention_entity()]
    assert question_text(parse(body)) == "What does a PMO&co analyst do?"


def test_a_bare_mention_is_an_empty_question() -> None:
    assert question_text(parse(channel_message(URL, ""))) == ""


def test_personal_replies_go_to_the_conversation() -> None:
    target = reply_target(parse(personal_message(URL, "pmo?")))
    assert (target.conversation_id, target.reply_to_id) == (PERSONAL["id"], None)


def test_group_chat_replies_go_to_the_chat() -> None:
    target = reply_target(parse(channel_message(URL, "pmo?", conversation=GROUP)))
    assert (target.conversation_id, target.reply_to_id) == (GROUP["id"], None)


def test_a_new_channel_post_is_answered_in_its_own_thread() -> None:
    target = reply_target(parse(channel_message(URL, "pmo?", activity_id="1700000000042")))
    assert target.conversation_id == f"{CHANNEL['id']};messageid=1700000000042"
    assert target.reply_to_id == "1700000000042"


def test_a_thread_reply_is_answered_in_the_same_thread() -> None:
    thread = {**CHANNEL, "id": f"{CHANNEL['id']};messageid=1700000000001"}
    body = channel_message(URL, "pmo?", conversation=thread, activity_id="1700000000077")
    target = reply_target(parse(body))
    assert target.conversation_id == thread["id"]
    assert target.reply_to_id == "1700000000077"
