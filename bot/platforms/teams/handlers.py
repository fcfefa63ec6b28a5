"""Teams listeners: messages, card buttons and installs, answered through a Conversation.

Messages are acknowledged at once and answered from a background task
(:class:`~bot.platforms.replies.ReplyTasks`), with a typing indicator while the answer is
composed, so a slow answer never makes Teams retry. ``adaptiveCard/action`` invokes are
answered inline because their HTTP response carries what Teams shows the clicker. A vote
updates its card in place in a personal chat; in channels and group chats it is
acknowledged to the clicker only. Installing the app in a personal scope sends a welcome.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import Any

from microsoft_teams.api import (
    AdaptiveCardInvokeActivity,
    ConversationReference,
    ConversationUpdateActivity,
    MessageActivity,
    MessageActivityInput,
    TypingActivityInput,
)
from microsoft_teams.api.models.adaptive_card import AdaptiveCardActionMessageResponse

from bot.app.service import AnswerService
from bot.platforms.conversation import Conversation
from bot.platforms.replies import Apology, ReplyTasks
from bot.platforms.strings import label, locale_language
from bot.platforms.teams.incoming import (
    ReplyTarget,
    conversation_type,
    is_from_bot,
    question_text,
    reply_target,
    should_answer,
)
from bot.platforms.teams.markup import strip_teams
from bot.platforms.teams.render import (
    CARD_CONTENT_TYPE,
    CardAction,
    Vote,
    answer_activity,
    answer_card,
    message_activity,
    parse_action,
    quotes_activity,
    text_activity,
    welcome_activity,
)
from bot.platforms.teams.sdk import ActivityContext, App

log = logging.getLogger(__name__)

PLATFORM = "teams"
TYPING_WAIT_S = 0.5

Activity = MessageActivity | AdaptiveCardInvokeActivity


def _language(activity: Activity | ConversationUpdateActivity) -> str:
    return locale_language(activity.locale)


def _user(activity: Activity) -> str:
    return activity.from_.aad_object_id or activity.from_.id


def _ref(activity: Activity | ConversationUpdateActivity) -> str:
    """An identifier for logs: the activity id."""
    return f"activity={activity.id}"


async def _claim(talk: Conversation, activity: Activity) -> bool:
    if not activity.id:
        return True
    return await talk.claim(f"teams:{activity.conversation.id}:{activity.id}")


def _personal(activity: Activity | ConversationUpdateActivity) -> bool:
    return conversation_type(activity) == "personal"  # type: ignore[arg-type]


def _conversation_ref(
    ctx: ActivityContext[Any], target: ReplyTarget | None
) -> ConversationReference:
    ref: ConversationReference = ctx.conversation_ref
    if target is not None and target.conversation_id != ref.conversation.id:
        conversation = ref.conversation.model_copy(update={"id": target.conversation_id})
        ref = ref.model_copy(update={"conversation": conversation})
    return ref


async def _send(
    ctx: ActivityContext[Any], payload: dict[str, Any], target: ReplyTarget | None = None
) -> None:
    activity = MessageActivityInput.model_validate(payload)
    if target is not None:
        activity.reply_to_id = target.reply_to_id
    await ctx.send(activity, _conversation_ref(ctx, target))


async def _update(ctx: ActivityContext[Any], activity_id: str, payload: dict[str, Any]) -> None:
    """Replace the message ``activity_id`` (a card the bot sent) with ``payload``."""
    activity = MessageActivityInput.model_validate(payload)
    activity.id = activity_id
    await ctx.send(activity)


async def _typing(ctx: ActivityContext[Any], target: ReplyTarget) -> None:
    """Show "typing..." while the answer is composed (best effort)."""
    try:
        await ctx.send(TypingActivityInput(), _conversation_ref(ctx, target))
    except Exception as error:
        log.info("teams: typing indicator not sent: %r", error)


async def answer_message(
    ctx: ActivityContext[MessageActivity], talk: Conversation, question: str
) -> None:
    """Answer one question with a card, in the thread it was asked in."""
    activity = ctx.activity
    target = reply_target(activity)
    typing = asyncio.create_task(_typing(ctx, target))
    if question:
        answer = await talk.ask(
            question,
            user=_user(activity),
            conversation=activity.conversation.id,
            request_id=activity.id,
        )
    else:
        answer = talk.help(_language(activity))
    # The indicator goes first, but a slow one delays the answer by TYPING_WAIT_S at most.
    await asyncio.wait({typing}, timeout=TYPING_WAIT_S)
    try:
        await _send(ctx, answer_activity(answer), target)
    finally:
        typing.cancel()  # still under way only when the connector is slow: no longer needed


def _answer_id(activity: Activity, action: CardAction) -> str:
    """The card a vote is about: the message that carries the buttons."""
    if activity.reply_to_id:
        return f"{activity.conversation.id}:{activity.reply_to_id}"
    return "q:" + hashlib.sha256(action.question.encode("utf-8", "replace")).hexdigest()


async def _vote(
    ctx: ActivityContext[Any], talk: Conversation, action: CardAction
) -> dict[str, Any]:
    """Record the vote (replacing the clicker's earlier one on that card); return the card
    rendered again with the vote acknowledged."""
    activity = ctx.activity
    await talk.vote(
        user=_user(activity),
        answer_id=_answer_id(activity, action),
        helpful=action.helpful,
        question=action.question,
        intent=action.intent,
        roles=action.roles,
        reason=action.reason,
    )
    answer = await talk.again(action.question)
    return message_activity(answer_card(answer, Vote(action.helpful, action.reason)), answer.text)


def _thanks(action: CardAction) -> str:
    return label("thanks" if action.helpful else "thanks_negative", action.language)


async def _ask_or_quote(
    ctx: ActivityContext[Any], talk: Conversation, action: CardAction, target: ReplyTarget | None
) -> str:
    """A question button posts its answer (recorded); "Show quotes" the quotes (not recorded)."""
    activity = ctx.activity
    if action.kind == "quotes":
        answer = await talk.again(action.question)
        payload = quotes_activity(answer)
    else:
        answer = await talk.ask(
            action.question,
            user=_user(activity),
            conversation=activity.conversation.id,
            request_id=activity.id,
        )
        payload = answer_activity(answer)
    await _send(ctx, payload, target)
    return answer.title or action.question


async def submit(
    ctx: ActivityContext[MessageActivity], talk: Conversation, action: CardAction
) -> None:
    """A card button sent as a message (``Action.Submit``)."""
    activity = ctx.activity
    if action.kind != "feedback":
        await _ask_or_quote(ctx, talk, action, reply_target(activity))
        return
    card = await _vote(ctx, talk, action)
    if _personal(activity) and activity.reply_to_id:
        await _update(ctx, activity.reply_to_id, card)
    # In channels and group chats nothing is posted: a message there would be public.


def _apology(ctx: ActivityContext[Any], language: str) -> Apology:
    """A short apology in the thread of the message being answered."""

    async def apologise(error: BaseException) -> None:
        await _send(ctx, text_activity(label("apology", language)), reply_target(ctx.activity))

    return apologise


def register(app: App, service: AnswerService, replies: ReplyTasks) -> None:
    """Register the message, card-action and install listeners on a Teams SDK app."""
    talk = Conversation(service, PLATFORM, strip_teams)

    @app.on_message
    async def on_message(ctx: ActivityContext[MessageActivity]) -> None:
        activity = ctx.activity
        if is_from_bot(activity):
            return
        action = parse_action(activity.value)
        if action is not None:
            if await _claim(talk, activity):
                work = submit(ctx, talk, action)
                replies.spawn(work, name=_ref(activity), apologise=_apology(ctx, action.language))
            return
        if not should_answer(activity) or not await _claim(talk, activity):
            return
        work = answer_message(ctx, talk, question_text(activity))
        replies.spawn(work, name=_ref(activity), apologise=_apology(ctx, _language(activity)))

    @app.on_card_action
    async def on_card_action(ctx: ActivityContext[AdaptiveCardInvokeActivity]) -> Any:
        activity = ctx.activity
        action = parse_action(activity.value.action.data)
        if action is None or not await _claim(talk, activity):
            return AdaptiveCardActionMessageResponse(value="")
        try:
            if action.kind != "feedback":
                text = await _ask_or_quote(ctx, talk, action, None)
                return AdaptiveCardActionMessageResponse(value=text)
            card = await _vote(ctx, talk, action)
            if _personal(activity):
                content = card["attachments"][0]["content"]
                return {"statusCode": 200, "type": CARD_CONTENT_TYPE, "value": content}
            return AdaptiveCardActionMessageResponse(value=_thanks(action))
        except Exception:
            log.exception("failed to handle a Teams card action")
            replies.on_failure()
            return AdaptiveCardActionMessageResponse(value=label("apology", action.language))

    @app.on_conversation_update
    async def on_conversation_update(ctx: ActivityContext[ConversationUpdateActivity]) -> None:
        activity = ctx.activity
        added = activity.members_added or []
        if not _personal(activity) or not any(m.id == activity.recipient.id for m in added):
            return
        if not await talk.claim(f"teams:welcome:{activity.conversation.id}"):
            return
        language = _language(activity)

        async def welcome() -> None:
            examples = service.engine.example_questions(language)
            await _send(ctx, welcome_activity(language, examples))

        replies.spawn(welcome(), name=_ref(activity))
