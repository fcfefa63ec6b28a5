"""Work done after Slack has been acknowledged: tracked tasks, failures, apologies.

Listeners acknowledge at once and hand the slow part (answering, posting) to the shared
:class:`~bot.platforms.replies.ReplyTasks`. A failing reply is logged with the event id and
answered with a short apology where the user is looking.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine, Mapping
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.replies import ReplyTasks
from bot.platforms.slack.delivery import post_to_response_url
from bot.platforms.slack.listeners.common import UserLanguages
from bot.platforms.slack.render import render_apology

log = logging.getLogger(__name__)

CONTEXT_KEY = "rolebot_replies"
LANGUAGES_KEY = "rolebot_languages"


def request_ref(body: Mapping[str, Any]) -> str:
    """An identifier for logs: the event id, else the trigger id, else the payload type."""
    for key in ("event_id", "trigger_id"):
        value = body.get(key)
        if isinstance(value, str) and value:
            return f"{key}={value}"
    return f"type={body.get('type') or body.get('command') or 'unknown'}"


def spawn_reply(
    context: AsyncBoltContext,
    body: Mapping[str, Any],
    client: AsyncWebClient,
    work: Coroutine[Any, Any, None],
) -> None:
    """Run ``work`` after the acknowledgement; on failure log it and apologise."""
    tasks: ReplyTasks = context[CONTEXT_KEY]
    languages: UserLanguages | None = context.get(LANGUAGES_KEY)

    async def apology(error: BaseException) -> None:
        await apologise(body, client, languages)

    tasks.spawn(work, name=request_ref(body), apologise=apology)


async def report_failure(
    error: BaseException,
    body: Mapping[str, Any],
    client: AsyncWebClient,
    languages: UserLanguages | None = None,
) -> None:
    """A listener failed before handing over its reply: log it and apologise."""
    ref = request_ref(body)
    log.error("slack reply failed (%s): %r", ref, error, exc_info=error)
    try:
        await apologise(body, client, languages)
    except Exception as again:
        log.warning("slack apology failed too (%s): %r", ref, again)


def _user_of(body: Mapping[str, Any]) -> str | None:
    """Who the request came from: an event's user, a command's user_id, a click's user."""
    event, user = body.get("event"), body.get("user")
    for value in (
        event.get("user") if isinstance(event, dict) else None,
        body.get("user_id"),
        user.get("id") if isinstance(user, dict) else None,
    ):
        if isinstance(value, str) and value:
            return value
    return None


async def apologise(
    body: Mapping[str, Any], client: AsyncWebClient, languages: UserLanguages | None = None
) -> None:
    """A short apology where the user is looking (privately, in the thread, or in the DM), in
    the user's language."""
    language = await languages.of(client, _user_of(body)) if languages is not None else "en"
    message = render_apology(language)
    response_url = body.get("response_url")
    if isinstance(response_url, str) and response_url.startswith(("https://", "http://")):
        reply = {"response_type": "ephemeral", "replace_original": False, **message}
        await post_to_response_url(response_url, reply)
        return
    event = body.get("event")
    if isinstance(event, dict) and event.get("type") in ("app_mention", "message"):
        channel, ts = event.get("channel"), event.get("ts")
        if isinstance(channel, str) and channel:
            thread = event.get("thread_ts") or (ts if event.get("type") == "app_mention" else None)
            await client.chat_postMessage(channel=channel, thread_ts=thread, **message)
        return
    user = body.get("user")
    if body.get("type") == "block_actions" and isinstance(user, dict) and user.get("id"):
        await client.chat_postMessage(channel=user["id"], **message)
