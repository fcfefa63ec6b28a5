"""The message shortcut "Ask rolebot about this": a private answer about the selected message.

Slack sends a ``message_action`` with the message and a ``response_url``; the answer goes
back through it as an ephemeral message only the person who used the shortcut sees, quoting
the message it is about.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.app.service import AnswerService
from bot.platforms.slack.delivery import post_to_response_url
from bot.platforms.slack.incoming import BadSlackPayload, dict_field, question_text, text_field
from bot.platforms.slack.listeners.common import UserLanguages, conversation_of
from bot.platforms.slack.render import render_answer
from bot.platforms.slack.replies import spawn_reply

MESSAGE_SHORTCUT = "rolebot_ask_message"


def register(app: AsyncApp, service: AnswerService) -> None:
    talk = conversation_of(service)
    languages: UserLanguages = app.languages  # type: ignore[attr-defined]

    async def on_message_shortcut(
        ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        response_url = text_field(body, "response_url")
        if not response_url.startswith(("https://", "http://")):
            raise BadSlackPayload("field 'response_url' must be an http(s) URL")
        user = text_field(dict_field(body, "user"), "id")
        message = dict_field(body, "message")
        question = question_text(text_field(message, "text", required=False), context.bot_user_id)
        channel = (
            body.get("channel", {}).get("id") if isinstance(body.get("channel"), dict) else None
        )
        await ack()

        async def work() -> None:
            if question:
                answer = await talk.ask(
                    question, user=user, conversation=channel, request_id=body.get("trigger_id")
                )
            else:
                answer = talk.help(await languages.of(client, user))
            reply = render_answer(answer, question=question, echo_question=True, post_button=True)
            await post_to_response_url(
                response_url, {"response_type": "ephemeral", "replace_original": False, **reply}
            )

        spawn_reply(context, body, client, work())

    app.shortcut(MESSAGE_SHORTCUT)(on_message_shortcut)
