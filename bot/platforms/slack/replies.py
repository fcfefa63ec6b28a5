"""Work done after Slack has been acknowledged: tracked tasks, failures, apologies.

Listeners acknowledge at once and hand the slow part (answering, posting) to
:class:`ReplyTasks`, so acknowledgements never wait for the engine or the Web API, and a
server can wait for replies still in flight when it shuts down (:meth:`ReplyTasks.drain`).
A failing reply is logged with the event id and answered with a short apology.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.slack.delivery import post_to_response_url
from bot.platforms.slack.render import render_apology

log = logging.getLogger(__name__)

CONTEXT_KEY = "rolebot_replies"


class ReplyTasks:
    """The replies still being sent after their request was acknowledged."""

    def __init__(self, on_failure: Callable[[], None] | None = None) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self.on_failure = on_failure or (lambda: None)

    def spawn(self, work: Coroutine[Any, Any, None], *, name: str) -> None:
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def drain(self, timeout: float | None = None) -> int:
        """Wait for the replies in flight; return how many were still running at the timeout."""
        if not self._tasks:
            return 0
        _, still_running = await asyncio.wait(set(self._tasks), timeout=timeout)
        return len(still_running)


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
    work: Awaitable[None],
) -> None:
    """Run ``work`` after the acknowledgement; on failure log it and apologise."""
    tasks: ReplyTasks = context[CONTEXT_KEY]

    async def guarded() -> None:
        try:
            await work
        except Exception as error:
            tasks.on_failure()
            await report_failure(error, body, client)

    tasks.spawn(guarded(), name=f"slack-reply {request_ref(body)}")


async def report_failure(
    error: BaseException, body: Mapping[str, Any], client: AsyncWebClient
) -> None:
    ref = request_ref(body)
    log.error("slack reply failed (%s): %r", ref, error, exc_info=error)
    try:
        await apologise(body, client)
    except Exception as again:
        log.warning("slack apology failed too (%s): %r", ref, again)


async def apologise(body: Mapping[str, Any], client: AsyncWebClient) -> None:
    """A short apology where the user is looking: privately, in the thread, or in the DM."""
    message = render_apology()
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
