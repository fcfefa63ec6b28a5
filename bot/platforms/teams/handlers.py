"""Teams listeners: messages and card submits, answered through the AnswerService.

Messages are acknowledged at once and answered from a background task
(:class:`~bot.platforms.replies.ReplyTasks`),
so a slow answer never makes Teams retry. ``adaptiveCard/action`` invokes are answered
inline because their HTTP response carries the result Teams displays.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from microsoft_teams.api import (
    AdaptiveCardInvokeActivity,
    ConversationReference,
    MessageActivity,
    MessageActivityInput,
)
from microsoft_teams.api.models.adaptive_card import AdaptiveCardActionMessageResponse
from microsoft_teams.api.models.invoke_response import AdaptiveCardInvokeResponse

from bot.app.service import AnswerService, Feedback
from bot.core.answer import Answer
from bot.platforms.replies import Apology, ReplyTasks
from bot.platforms.teams.incoming import (
    ReplyTarget,
    is_from_bot,
    question_text,
    reply_target,
    should_answer,
)
from bot.platforms.teams.render import (
    CardAction,
    answer_activity,
    label,
    parse_action,
    quotes_activity,
    text_activity,
)
from bot.platforms.teams.sdk import ActivityContext, App

log = logging.getLogger(__name__)

PLATFORM = "teams"


def _language(activity: MessageActivity | AdaptiveCardInvokeActivity) -> str:
    return "fr" if (activity.locale or "").lower().startswith("fr") else "en"


def _user(activity: MessageActivity | AdaptiveCardInvokeActivity) -> str:
    return activity.from_.aad_object_id or activity.from_.id


def _event_key(activity: MessageActivity | AdaptiveCardInvokeActivity) -> str | None:
    return f"teams:{activity.conversation.id}:{activity.id}" if activity.id else None


def _ref(activity: MessageActivity) -> str:
    """An identifier for logs: the activity id."""
    return f"activity={activity.id}"


def _claim(service: AnswerService, activity: MessageActivity | AdaptiveCardInvokeActivity) -> bool:
    key = _event_key(activity)
    return key is None or service.claim_event(key)


async def _send(
    ctx: ActivityContext[Any], payload: dict[str, Any], target: ReplyTarget | None = None
) -> None:
    activity = MessageActivityInput.model_validate(payload)
    ref: ConversationReference = ctx.conversation_ref
    if target is not None:
        activity.reply_to_id = target.reply_to_id
        if target.conversation_id != ref.conversation.id:
            conversation = ref.conversation.model_copy(update={"id": target.conversation_id})
            ref = ref.model_copy(update={"conversation": conversation})
    await ctx.send(activity, ref)


async def _ask(
    service: AnswerService, question: str, activity: MessageActivity | AdaptiveCardInvokeActivity
) -> Answer:
    return await asyncio.to_thread(
        service.answer,
        question,
        platform=PLATFORM,
        user=_user(activity),
        conversation=activity.conversation.id,
        request_id=activity.id,
    )


async def answer_message(
    ctx: ActivityContext[MessageActivity], service: AnswerService, question: str
) -> None:
    """Answer one question with a card, in the thread it was asked in."""
    activity = ctx.activity
    if question:
        answer = await _ask(service, question, activity)
    else:
        answer = service.engine.help_answer(_language(activity))
    await _send(ctx, answer_activity(answer), reply_target(activity))


async def perform(
    ctx: ActivityContext[Any],
    service: AnswerService,
    action: CardAction,
    *,
    post_acknowledgement: bool,
) -> str:
    """Carry out a card button press; returns the short acknowledgement for the user.

    ``ask`` and ``quotes`` post a card; ``feedback`` records it and posts the
    acknowledgement only when ``post_acknowledgement`` (message submits; invokes return it).
    """
    activity = ctx.activity
    target = reply_target(activity) if isinstance(activity, MessageActivity) else None
    if action.kind == "feedback":
        await asyncio.to_thread(
            service.record_feedback,
            Feedback(
                platform=PLATFORM,
                helpful=action.helpful,
                question=action.question,
                intent=action.intent,
                roles=action.roles,
                user=_user(activity),
                reason=action.reason,
            ),
        )
        thanks = label(action.language, "thanks" if action.helpful else "thanks_negative")
        if post_acknowledgement:
            await _send(ctx, text_activity(thanks), target)
        return thanks
    answer = await _ask(service, action.question, activity)
    payload = quotes_activity(answer) if action.kind == "quotes" else answer_activity(answer)
    await _send(ctx, payload, target)
    return answer.title or action.question


def _apology(ctx: ActivityContext[MessageActivity], language: str) -> Apology:
    """A short apology in the thread of the message being answered."""

    async def apologise(error: BaseException) -> None:
        await _send(ctx, text_activity(label(language, "error")), reply_target(ctx.activity))

    return apologise


def register(app: App, service: AnswerService, replies: ReplyTasks) -> None:
    """Register the message and card-action listeners on a Teams SDK app."""

    @app.on_message
    async def on_message(ctx: ActivityContext[MessageActivity]) -> None:
        activity = ctx.activity
        if is_from_bot(activity):
            return
        action = parse_action(activity.value)
        if action is not None:
            if _claim(service, activity):
                work = perform(ctx, service, action, post_acknowledgement=True)
                replies.spawn(work, name=_ref(activity), apologise=_apology(ctx, action.language))
            return
        if not should_answer(activity) or not _claim(service, activity):
            return
        work = answer_message(ctx, service, question_text(activity))
        replies.spawn(work, name=_ref(activity), apologise=_apology(ctx, _language(activity)))

    @app.on_card_action
    async def on_card_action(
        ctx: ActivityContext[AdaptiveCardInvokeActivity],
    ) -> AdaptiveCardInvokeResponse:
        action = parse_action(ctx.activity.value.action.data)
        if action is None or not _claim(service, ctx.activity):
            return AdaptiveCardActionMessageResponse(value="")
        try:
            text = await perform(ctx, service, action, post_acknowledgement=False)
        except Exception:
            log.exception("failed to handle a Teams card action")
            text = label(action.language, "error")
        return AdaptiveCardActionMessageResponse(value=text)
