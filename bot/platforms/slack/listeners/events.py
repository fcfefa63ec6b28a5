"""Events API: @mentions are answered in their thread, direct messages in the DM.

Messages from bots (including this one), edits and every other subtype are ignored. A retried
delivery (same ``event_id``, or the same message delivered as two events) gets no second reply.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.app.service import AnswerService
from bot.platforms.conversation import Conversation
from bot.platforms.slack.incoming import dict_field, question_text, text_field
from bot.platforms.slack.listeners.common import UserLanguages, conversation_of
from bot.platforms.slack.render import render_answer
from bot.platforms.slack.replies import spawn_reply

log = logging.getLogger(__name__)

Listener = Callable[..., Awaitable[None]]


def register(app: AsyncApp, service: AnswerService) -> None:
    talk = conversation_of(service)
    languages: UserLanguages = app.languages  # type: ignore[attr-defined]

    def listener(in_thread: bool, wanted: Callable[[dict[str, Any]], bool]) -> Listener:
        async def on_event(
            body: dict[str, Any],
            context: AsyncBoltContext,
            client: AsyncWebClient,
            request: AsyncBoltRequest,
        ) -> None:
            event = dict_field(body, "event")
            if wanted(event) and not _ignored(event):
                _reply(talk, languages, body, event, context, client, request, in_thread=in_thread)

        return on_event

    # Mentions are answered in their thread; of plain messages only direct messages count.
    on_app_mention = listener(True, lambda event: True)
    on_message = listener(False, lambda event: event.get("channel_type") == "im")
    app.event("app_mention")(on_app_mention)
    app.event("message")(on_message)


def _ignored(event: dict[str, Any]) -> bool:
    """Bots, edits, deletions, joins and every other subtype are not questions."""
    return bool(event.get("subtype") or event.get("bot_id") or event.get("edited")) or not (
        isinstance(event.get("user"), str) and isinstance(event.get("text"), str)
    )


def _reply(
    talk: Conversation,
    languages: UserLanguages,
    body: dict[str, Any],
    event: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    request: AsyncBoltRequest,
    *,
    in_thread: bool,
) -> None:
    channel = text_field(event, "channel")
    ts = text_field(event, "ts")
    thread_ts = event.get("thread_ts") if isinstance(event.get("thread_ts"), str) else None
    if in_thread:
        thread_ts = thread_ts or ts
    user = event["user"]
    question = question_text(event["text"], context.bot_user_id)
    event_id = body.get("event_id") if isinstance(body.get("event_id"), str) else None
    retry = (request.headers.get("x-slack-retry-num") or [None])[0]

    async def work() -> None:
        keys = [f"slack:msg:{channel}:{ts}"]
        if event_id:
            keys.insert(0, f"slack:{event_id}")
        if not await talk.claim(*keys):
            log.info("slack: dropped a repeated delivery (event_id=%s, retry=%s)", event_id, retry)
            return
        if question:
            answer = await talk.ask(question, user=user, conversation=channel, request_id=event_id)
        else:
            answer = talk.help(await languages.of(client, user))
        message = render_answer(answer, question=question)
        await client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            **message,
        )

    spawn_reply(context, body, client, work())
