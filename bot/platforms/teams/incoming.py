"""Reading incoming Teams messages: who is addressed, what is asked, where to reply."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from microsoft_teams.api import MessageActivity
from microsoft_teams.api.activities.utils import StripMentionsTextOptions, strip_mentions_text

MAX_QUESTION = 1000

_AT_TAG = re.compile(r"<at(?:\s[^>]*)?>(.*?)</at>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def conversation_type(activity: MessageActivity) -> str:
    """``personal``, ``groupChat`` or ``channel`` (personal when Teams does not say)."""
    return activity.conversation.conversation_type or (
        "groupChat" if activity.conversation.is_group else "personal"
    )


def is_from_bot(activity: MessageActivity) -> bool:
    return activity.from_.role == "bot" or activity.from_.id == activity.recipient.id


def mentions_bot(activity: MessageActivity) -> bool:
    return activity.is_recipient_mentioned()


def should_answer(activity: MessageActivity) -> bool:
    """Personal chats are always answered; channels and group chats only when mentioned."""
    if is_from_bot(activity):
        return False
    return conversation_type(activity) == "personal" or mentions_bot(activity)


def question_text(activity: MessageActivity) -> str:
    """The question as the user typed it, without the bot's mention or any markup.

    The ``<at>`` tag of the bot's own mention is removed with its content; other people's
    mentions keep their display name; HTML tags and entities Teams may add are undone.
    """
    options = StripMentionsTextOptions(account_id=activity.recipient.id)
    text = strip_mentions_text(activity, options) or ""  # the SDK's: the bot's own mention
    text = _AT_TAG.sub(lambda m: m.group(1), text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text).replace("\u00a0", " ")
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be sent
    return " ".join(text.split())[:MAX_QUESTION]


@dataclass(frozen=True)
class ReplyTarget:
    """Where a reply goes: the conversation (thread-qualified in channels) and the message."""

    conversation_id: str
    reply_to_id: str | None


def reply_target(activity: MessageActivity) -> ReplyTarget:
    """Reply in the thread of a channel message; in the conversation otherwise.

    A channel conversation id that does not name its thread yet gets ``;messageid=<id>``
    of the message being answered, which is how Teams routes a reply into a thread.
    """
    conversation_id = activity.conversation.id
    if conversation_type(activity) != "channel":
        return ReplyTarget(conversation_id, None)
    message_id = activity.reply_to_id or activity.id
    if ";messageid=" not in conversation_id and message_id and message_id.isdigit():
        conversation_id = f"{conversation_id};messageid={message_id}"
    return ReplyTarget(conversation_id, activity.id)
