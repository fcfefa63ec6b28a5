"""App Home: an onboarding view, in the user's language, published whenever someone opens
the app's Home tab."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.app.service import AnswerService
from bot.platforms.slack.incoming import dict_field, text_field
from bot.platforms.slack.listeners.common import UserLanguages
from bot.platforms.slack.render import render_home
from bot.platforms.slack.replies import spawn_reply


def register(app: AsyncApp, service: AnswerService) -> None:
    languages: UserLanguages = app.languages  # type: ignore[attr-defined]

    async def on_app_home_opened(
        body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        event = dict_field(body, "event")
        if event.get("tab", "home") != "home":
            return
        user = text_field(event, "user")

        async def work() -> None:
            engine = service.engine
            language = await languages.of(client, user)
            view = render_home(
                engine.glossary(language),
                engine.who_to_ask(language),
                engine.example_questions(language),
                language,
            )
            await client.views_publish(user_id=user, view=view)

        spawn_reply(context, body, client, work())

    app.event("app_home_opened")(on_app_home_opened)
