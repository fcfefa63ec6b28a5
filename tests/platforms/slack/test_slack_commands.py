"""``/roles`` end to end: acknowledged at once, answered privately through ``response_url``."""

from __future__ import annotations

import json

import pytest

from bot.core.credits import credit_lines
from bot.platforms.slack.listeners.commands import RolesCommand, parse
from bot.platforms.slack.render import POST, AnswerRef, escape
from tests.fakes.slack_api import RESPONSE_URL, visible_text
from tests.platforms.slack.conftest import SlackHarness

QUESTION = "What does a PMO analyst do?"


def _reply_to(slack: SlackHarness, response_url: str) -> dict:
    path = response_url.removeprefix(slack.fake.url)
    [call] = slack.fake.wait_for(RESPONSE_URL, where=lambda c: c.path == path)
    return call.body


def _buttons(message: dict) -> list[dict]:
    return [
        element
        for block in message.get("blocks", [])
        for element in [*block.get("elements", []), block.get("accessory") or {}]
        if element.get("type") == "button"
    ]


def test_a_question_is_answered_privately_with_a_post_to_channel_button(
    slack: SlackHarness,
) -> None:
    response, response_url = slack.command(QUESTION)
    assert response.status_code == 200
    assert response.text == ""  # acknowledged empty; the answer follows via response_url

    reply = _reply_to(slack, response_url)
    assert reply["response_type"] == "ephemeral"
    assert reply["text"].strip()
    sent = visible_text(reply)
    assert escape(QUESTION) in sent  # the private answer recalls the question
    expected = slack.engine.ask(QUESTION)
    assert escape(expected.title) in sent
    for line in credit_lines(expected.sources, "en"):
        assert escape(line) in sent  # one line per document
    post = [b for b in _buttons(reply) if b["action_id"] == POST]
    if expected.kind != "help":
        [button] = post
        assert AnswerRef.decode(button["value"]).question == QUESTION
    assert slack.fake.calls("chat.postMessage") == []  # nothing public


@pytest.mark.parametrize("text", ["help", "", "   "])
def test_help_and_empty_command_show_the_help(slack: SlackHarness, text: str) -> None:
    _, response_url = slack.command(text)
    reply = _reply_to(slack, response_url)
    assert reply["response_type"] == "ephemeral"
    help_answer = slack.engine.help_answer("en")
    assert escape(help_answer.title) in visible_text(reply)


def test_list_shows_every_role_of_the_glossary(slack: SlackHarness) -> None:
    _, response_url = slack.command("list")
    reply = _reply_to(slack, response_url)
    assert reply["response_type"] == "ephemeral"
    sent = visible_text(reply)
    cards = slack.engine.glossary("en")
    assert cards
    for card in cards:
        assert escape(card.label) in sent
    asks = [AnswerRef.decode(b["value"]).question for b in _buttons(reply)]
    assert [c.example_question for c in cards if c.example_question] == asks


def test_compare_asks_the_engine_about_both_roles(slack: SlackHarness) -> None:
    _, response_url = slack.command("compare PMO PM")
    reply = _reply_to(slack, response_url)
    expected = slack.engine.ask("PMO vs PM")
    assert escape(expected.title) in visible_text(reply)


def test_mention_tokens_in_a_command_are_not_echoed(slack: SlackHarness) -> None:
    _, response_url = slack.command("<!channel> <!here|here> <@U123> what is a PMO &amp; a PM?")
    reply = json.dumps(_reply_to(slack, response_url), ensure_ascii=False)
    for token in ("<!channel>", "<!here", "<@U123>"):
        assert token not in reply
    assert "&lt;@U123&gt;" in reply  # shown as typed, harmless


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", RolesCommand("help")),
        ("help", RolesCommand("help")),
        ("aide", RolesCommand("help", "fr")),
        ("list", RolesCommand("list")),
        ("liste", RolesCommand("list", "fr")),
        ("compare pmo pm", RolesCommand("ask", None, "pmo vs pm")),
        ("compare PMO vs project manager", RolesCommand("ask", None, "PMO vs project manager")),
        (
            "compare PMO analyst, business analyst",
            RolesCommand("ask", None, "PMO analyst vs business analyst"),
        ),
        ("comparer PMO et chef de projet", RolesCommand("ask", "fr", "PMO vs chef de projet")),
        ("help me understand the PMO", RolesCommand("ask", question="help me understand the PMO")),
        ("what is a PMO?", RolesCommand("ask", question="what is a PMO?")),
    ],
)
def test_parse(text: str, expected: RolesCommand) -> None:
    assert parse(text) == expected
