"""App Home end to end: opening the Home tab publishes the onboarding view."""

from __future__ import annotations

import json

from bot.platforms.slack.render import AnswerRef, escape
from tests.fakes.slack_api import visible_text
from tests.platforms.slack.conftest import USER_ID, SlackHarness, new_ts


def _home_opened(tab: str = "home") -> dict[str, str]:
    return {
        "type": "app_home_opened",
        "user": USER_ID,
        "channel": "D0DIRECT",
        "tab": tab,
        "event_ts": new_ts(),
    }


def test_opening_the_home_tab_publishes_the_onboarding_view(slack: SlackHarness) -> None:
    response, _ = slack.event(_home_opened())
    assert response.status_code == 200
    [call] = slack.fake.wait_for("views.publish")
    assert call.body["user_id"] == USER_ID
    view = call.body["view"]
    if isinstance(view, str):
        view = json.loads(view)
    assert view["type"] == "home"
    assert 0 < len(view["blocks"]) <= 100
    sent = visible_text(view)

    engine = slack.engine
    buttons = {
        AnswerRef.decode(e["value"]).question
        for block in view["blocks"]
        for e in [*block.get("elements", []), block.get("accessory") or {}]
        if e.get("type") == "button"
    }
    for card in engine.glossary("en"):  # a card per role, each with "ask about it"
        assert escape(card.label) in sent
        assert escape(card.summary) in sent
        if card.example_question:  # roles the sources do not describe get no button
            assert card.example_question in buttons
    for duty, role in engine.who_to_ask("en"):
        assert escape(duty) in sent and escape(role) in sent
    for question in engine.example_questions("en"):
        assert question in buttons


def test_opening_the_messages_tab_publishes_nothing(slack: SlackHarness) -> None:
    response, _ = slack.event(_home_opened("messages"))
    assert response.status_code == 200
    slack.wait_idle()
    assert slack.fake.calls("views.publish") == []
