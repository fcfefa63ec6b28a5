"""Buttons (``block_actions``): quotes, feedback, "did you mean", sharing, home and examples.

Every click is acknowledged at once; the reply follows through ``response_url`` (privately,
to the person who clicked) or, for buttons on the App Home, in the app's direct messages.
A vote updates the message it is on where only the voter sees it (a private answer or a
direct message); on an answer in a channel it is acknowledged privately.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from re import Pattern
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.app.service import AnswerService
from bot.platforms.conversation import Conversation
from bot.platforms.feedback import REASON_CODES
from bot.platforms.slack.delivery import post_to_response_url
from bot.platforms.slack.incoming import BadSlackPayload, dict_field, text_field
from bot.platforms.slack.listeners.common import conversation_of
from bot.platforms.slack.render import (
    ASK_ACTION,
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    POST,
    QUOTES,
    REASON_ACTION,
    AnswerRef,
    Message,
    Vote,
    render_answer,
    render_feedback_thanks,
    render_quotes,
    render_reason_prompt,
    render_reason_thanks,
)
from bot.platforms.slack.replies import spawn_reply


@dataclass(frozen=True)
class Click:
    """Who clicked which of our buttons, on which message, and where the reply should go."""

    ref: AnswerRef
    action_id: str
    user: str
    response_url: str | None
    channel: str | None
    thread_ts: str | None
    message_ts: str | None
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
        message_ts = message.get("ts") or container.get("message_ts")
        thread_ts = message.get("thread_ts")
        if not thread_ts and isinstance(channel, str) and not channel.startswith("D"):
            thread_ts = message_ts
        response_url = body.get("response_url")
        trigger_id = body.get("trigger_id")
        return cls(
            ref=ref,
            action_id=text_field(action, "action_id"),
            user=user,
            response_url=response_url if isinstance(response_url, str) else None,
            channel=channel if isinstance(channel, str) and channel else None,
            thread_ts=thread_ts if isinstance(thread_ts, str) else None,
            message_ts=message_ts if isinstance(message_ts, str) else None,
            ephemeral=bool(container.get("is_ephemeral")),
            trigger_id=trigger_id if isinstance(trigger_id, str) else None,
        )

    @property
    def only_for_the_clicker(self) -> bool:
        """The message is seen by the clicker alone: ephemeral, or in the app's DM."""
        return self.ephemeral or (self.channel or "").startswith("D")

    @property
    def answer_id(self) -> str:
        """The answer a vote is about: the message that carried the first feedback buttons."""
        if self.ref.answer:
            return self.ref.answer
        if self.message_ts:
            return f"{self.channel}:{self.message_ts}"
        return "q:" + hashlib.sha256(self.ref.question.encode("utf-8", "replace")).hexdigest()


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


async def _private(
    click: Click, client: AsyncWebClient, message: Message, *, replace: bool = False
) -> None:
    """To the person who clicked only: ephemeral via response_url (``replace``: in place of the
    clicked message), else the app's DM."""
    if click.response_url:
        reply = {"response_type": "ephemeral", "replace_original": replace, **message}
        await post_to_response_url(click.response_url, reply)
    else:
        await client.chat_postMessage(channel=click.user, **message)


Handler = Callable[[Click, AsyncWebClient], Awaitable[None]]
Check = Callable[[Click], None]


def _on_click(app: AsyncApp, matcher: str | Pattern[str], handle: Handler, check: Check) -> None:
    """One listener: read the click, refuse bad ones (400), acknowledge, reply in the background."""

    async def listener(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        context: AsyncBoltContext,
        client: AsyncWebClient,
    ) -> None:
        click = Click.read(body, action)
        check(click)
        await ack()
        spawn_reply(context, body, client, handle(click, client))

    app.action(matcher)(listener)


def _any_click(click: Click) -> None:
    """Every click that decodes is valid."""


def _known_reason(click: Click) -> None:
    if click.ref.reason not in REASON_CODES:
        raise BadSlackPayload(f"unknown feedback reason {click.ref.reason!r}")


def _needs_response_url(click: Click) -> None:
    if click.response_url is None:
        raise BadSlackPayload("post to channel needs a response_url")


def register(app: AsyncApp, service: AnswerService) -> None:
    talk = conversation_of(service)

    async def quotes(click: Click, client: AsyncWebClient) -> None:
        answer = await talk.again(click.ref.question)
        await _private(click, client, render_quotes(answer, click.ref.question))

    async def feedback(click: Click, client: AsyncWebClient) -> None:
        helpful = click.action_id == FEEDBACK_UP
        reason = click.ref.reason if REASON_ACTION.match(click.action_id) else None
        await _vote(talk, click, client, Vote(helpful, reason))

    async def ask(click: Click, client: AsyncWebClient) -> None:
        await _ask(talk, click, client)

    async def post(click: Click, client: AsyncWebClient) -> None:
        response_url = click.response_url or ""
        answer = await talk.again(click.ref.question)
        shared = render_answer(
            answer, question=click.ref.question, echo_question=True, asked_by=click.user
        )
        await post_to_response_url(
            response_url, {"response_type": "in_channel", "replace_original": False, **shared}
        )
        await post_to_response_url(response_url, {"delete_original": True})

    _on_click(app, QUOTES, quotes, _any_click)
    _on_click(app, FEEDBACK_UP, feedback, _any_click)
    _on_click(app, FEEDBACK_DOWN, feedback, _any_click)
    _on_click(app, REASON_ACTION, feedback, _known_reason)
    _on_click(app, ASK_ACTION, ask, _any_click)
    _on_click(app, POST, post, _needs_response_url)


async def _vote(talk: Conversation, click: Click, client: AsyncWebClient, vote: Vote) -> None:
    """Record the vote (replacing the clicker's earlier one on that answer) and acknowledge it
    where only the clicker sees it: in place on a private message, privately otherwise."""
    ref = click.ref
    await talk.vote(
        user=click.user,
        answer_id=click.answer_id,
        helpful=vote.helpful,
        question=ref.question,
        intent=ref.intent,
        roles=ref.roles,
        reason=vote.reason,
    )
    if ref.answer is not None:  # a separate reason prompt: replaced by the thanks
        await _private(click, client, render_reason_thanks(ref.language), replace=True)
    elif click.only_for_the_clicker and click.response_url:
        answer = await talk.again(ref.question)
        message = render_answer(
            answer, question=ref.question, echo_question=ref.echo, post_button=ref.post, vote=vote
        )
        await _private(click, client, message, replace=True)
    elif vote.helpful:
        await _private(click, client, render_feedback_thanks(ref.language))
    else:
        await _private(click, client, render_reason_prompt(ref.about(click.answer_id)))


async def _ask(talk: Conversation, click: Click, client: AsyncWebClient) -> None:
    answer = await talk.ask(
        click.ref.question, user=click.user, conversation=click.channel, request_id=click.trigger_id
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
