"""Buttons (``block_actions``): quotes, feedback, "did you mean", sharing, home and examples.

Every click is acknowledged at once; the reply follows through ``response_url`` (privately,
to the person who clicked) or, for buttons on the App Home, in the app's direct messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.app.service import AnswerService, Feedback
from bot.platforms.slack.delivery import post_to_response_url
from bot.platforms.slack.incoming import BadSlackPayload, dict_field, text_field
from bot.platforms.slack.listeners import common
from bot.platforms.slack.render import (
    ASK_ACTION,
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    POST,
    QUOTES,
    REASON_ACTION,
    REASON_CODES,
    AnswerRef,
    Message,
    render_answer,
    render_feedback_thanks,
    render_quotes,
    render_reason_prompt,
    render_reason_thanks,
)
from bot.platforms.slack.replies import spawn_reply


@dataclass(frozen=True)
class Click:
    """Who clicked which of our buttons, and where the reply should go."""

    ref: AnswerRef
    action_id: str
    user: str
    response_url: str | None
    channel: str | None
    thread_ts: str | None
    ephemeral: bool
    trigger_id: str | None

    @classmethod
    def read(cls, body: dict[str, Any], action: dict[str, Any]) -> Click:
        try:
            ref = AnswerRef.decode(text_field(action, "value"))
        except ValueError as error:
            raise BadSlackPayload(f"button value: {error}") from error
        user = text_field(dict_field(body, "user"), "id")
        container = _object(body, "container")
        message = _object(body, "message")
        channel = container.get("channel_id") or _object(body, "channel").get("id")
        thread_ts = message.get("thread_ts")
        if not thread_ts and isinstance(channel, str) and not channel.startswith("D"):
            thread_ts = message.get("ts") or container.get("message_ts")
        response_url = body.get("response_url")
        trigger_id = body.get("trigger_id")
        return cls(
            ref=ref,
            action_id=text_field(action, "action_id"),
            user=user,
            response_url=response_url if isinstance(response_url, str) else None,
            channel=channel if isinstance(channel, str) and channel else None,
            thread_ts=thread_ts if isinstance(thread_ts, str) else None,
            ephemeral=bool(container.get("is_ephemeral")),
            trigger_id=trigger_id if isinstance(trigger_id, str) else None,
        )


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


async def _private(click: Click, client: AsyncWebClient, message: Message, **extra: Any) -> None:
    """To the person who clicked only: ephemeral via response_url, else the app's DM."""
    if click.response_url:
        reply = {"response_type": "ephemeral", "replace_original": False, **extra, **message}
        await post_to_response_url(click.response_url, reply)
    else:
        await client.chat_postMessage(channel=click.user, **message)


def register(app: AsyncApp, service: AnswerService) -> None:
    async def on_quotes(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        context: AsyncBoltContext,
        client: AsyncWebClient,
    ) -> None:
        click = Click.read(body, action)
        await ack()

        async def work() -> None:
            answer = await common.ask_again(service, click.ref.question)
            await _private(click, client, render_quotes(answer, click.ref.question))

        spawn_reply(context, body, client, work())

    async def on_feedback(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        context: AsyncBoltContext,
        client: AsyncWebClient,
    ) -> None:
        click = Click.read(body, action)
        helpful = click.action_id == FEEDBACK_UP
        reason = click.ref.reason if REASON_ACTION.match(click.action_id) else None
        if reason is not None and reason not in REASON_CODES:
            raise BadSlackPayload(f"unknown feedback reason {reason!r}")
        await ack()

        async def work() -> None:
            feedback = Feedback(
                platform=common.PLATFORM,
                helpful=helpful,
                question=click.ref.question,
                intent=click.ref.intent,
                roles=click.ref.roles,
                user=click.user,
                reason=reason,
            )
            await common.record_feedback(service, feedback)
            if helpful:
                await _private(click, client, render_feedback_thanks(click.ref.language))
            elif reason:
                thanks = render_reason_thanks(click.ref.language)
                await _private(click, client, thanks, replace_original=True)
            else:
                await _private(click, client, render_reason_prompt(click.ref))

        spawn_reply(context, body, client, work())

    async def on_ask(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        context: AsyncBoltContext,
        client: AsyncWebClient,
    ) -> None:
        click = Click.read(body, action)
        await ack()

        async def work() -> None:
            answer = await common.answer(
                service,
                click.ref.question,
                user=click.user,
                conversation=click.channel,
                request_id=click.trigger_id,
            )
            if click.channel is None or click.response_url is None:
                # App Home: answer in the app's direct messages.
                message = render_answer(answer, question=click.ref.question, echo_question=True)
                await client.chat_postMessage(channel=click.user, **message)
            elif click.ephemeral:
                message = render_answer(
                    answer, question=click.ref.question, post_button=True, echo_question=True
                )
                await _private(click, client, message)
            else:
                in_dm = click.channel.startswith("D")
                message = render_answer(
                    answer,
                    question=click.ref.question,
                    echo_question=True,
                    asked_by=None if in_dm else click.user,
                )
                await client.chat_postMessage(
                    channel=click.channel,
                    thread_ts=click.thread_ts,
                    unfurl_links=False,
                    unfurl_media=False,
                    **message,
                )

        spawn_reply(context, body, client, work())

    async def on_post(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        context: AsyncBoltContext,
        client: AsyncWebClient,
    ) -> None:
        click = Click.read(body, action)
        if click.response_url is None:
            raise BadSlackPayload("post to channel needs a response_url")
        response_url = click.response_url
        await ack()

        async def work() -> None:
            answer = await common.ask_again(service, click.ref.question)
            shared = render_answer(
                answer, question=click.ref.question, echo_question=True, asked_by=click.user
            )
            await post_to_response_url(
                response_url, {"response_type": "in_channel", "replace_original": False, **shared}
            )
            await post_to_response_url(response_url, {"delete_original": True})

        spawn_reply(context, body, client, work())

    app.action(QUOTES)(on_quotes)
    app.action(FEEDBACK_UP)(on_feedback)
    app.action(FEEDBACK_DOWN)(on_feedback)
    app.action(REASON_ACTION)(on_feedback)
    app.action(ASK_ACTION)(on_ask)
    app.action(POST)(on_post)
