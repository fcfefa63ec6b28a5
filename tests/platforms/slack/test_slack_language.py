"""A Slack user whose client is in French gets the Home tab, the help and apologies in French,
as Teams users do (the language comes from the user's Slack locale, ``users.info``)."""

from __future__ import annotations

import json
import uuid

from bot.platforms.slack.render import escape, render_apology
from bot.platforms.strings import label
from tests.fakes.slack_api import BOT_USER_ID, RESPONSE_URL, Reply, visible_text
from tests.platforms.slack.conftest import SlackHarness, new_ts


def french_user(slack: SlackHarness) -> str:
    user = f"UFR{uuid.uuid4().hex[:8].upper()}"
    slack.fake.locales[user] = "fr-FR"
    return user


def mention(user: str, text: str) -> dict[str, str]:
    return {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}".strip(),
        "ts": new_ts(),
        "channel": "C0GENERAL",
    }


def test_a_french_user_gets_a_french_home_tab(slack: SlackHarness) -> None:
    user = french_user(slack)
    event = {"type": "app_home_opened", "user": user, "channel": "D0DM", "tab": "home"}
    slack.event({**event, "event_ts": new_ts()})
    [call] = slack.fake.wait_for("views.publish")
    view = call.body["view"]
    sent = visible_text(json.loads(view) if isinstance(view, str) else view)
    assert label("home_title", "fr") in sent
    assert label("home_title", "en") not in sent
    [info] = slack.fake.calls("users.info")
    assert info.body["user"] == user


def test_a_french_user_mentioning_the_bot_alone_gets_the_french_help(slack: SlackHarness) -> None:
    slack.event(mention(french_user(slack), ""))
    [post] = slack.fake.wait_for("chat.postMessage")
    assert escape(slack.engine.help_answer("fr").title) in post.visible()


def test_an_english_user_still_gets_english(slack: SlackHarness) -> None:
    slack.event(mention("UENGLISH9", ""))
    [post] = slack.fake.wait_for("chat.postMessage")
    assert escape(slack.engine.help_answer("en").title) in post.visible()


def test_a_french_user_gets_the_roles_help_in_french(slack: SlackHarness) -> None:
    slack.command("", user=french_user(slack))
    [reply] = slack.fake.wait_for(RESPONSE_URL)
    assert escape(slack.engine.help_answer("fr").title) in visible_text(reply.body)


def test_a_french_user_gets_the_apology_in_french(slack: SlackHarness) -> None:
    slack.fake.script("chat.postMessage", *[Reply.server_error()] * 3)
    slack.event(mention(french_user(slack), "What is a PMO?"))
    [apology] = slack.fake.wait_for("chat.postMessage")
    slack.wait_idle()
    assert apology.body["text"] == render_apology("fr")["text"]
    assert apology.body["text"] != render_apology("en")["text"]


def test_an_unreadable_locale_falls_back_to_english(slack: SlackHarness) -> None:
    slack.fake.script("users.info", Reply(200, {"ok": False, "error": "missing_scope"}))
    slack.event(mention(french_user(slack), ""))
    [post] = slack.fake.wait_for("chat.postMessage")
    assert escape(slack.engine.help_answer("en").title) in post.visible()
