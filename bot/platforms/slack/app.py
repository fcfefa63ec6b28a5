"""Builds the Bolt app: web client with retries, middleware, error handling, listeners.

Acknowledgement: the app runs with ``process_before_response=True`` and every listener
acknowledges at once and leaves the slow part (engine, Web API) to
:class:`~bot.platforms.replies.ReplyTasks`. Slack therefore gets its answer within
milliseconds, the behaviour is the same over HTTP and Socket Mode, and replies still in flight
can be awaited on shutdown (``app.replies.drain()``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.app.service import AnswerService
from bot.platforms.replies import ReplyTasks
from bot.platforms.slack.delivery import configure
from bot.platforms.slack.incoming import BadSlackPayload
from bot.platforms.slack.listeners import actions, commands, events, home, shortcuts
from bot.platforms.slack.listeners.common import UserLanguages, conversation_of
from bot.platforms.slack.replies import CONTEXT_KEY, LANGUAGES_KEY, report_failure, request_ref
from bot.platforms.slack.settings import SlackSettings

log = logging.getLogger(__name__)

LISTENER_MODULES = (events, commands, actions, home, shortcuts)
# Errors that, raised before any listener ran, mean the request itself was malformed.
_MALFORMED = (BadSlackPayload, ValueError, TypeError, KeyError, AttributeError)


REPLAY_KEY_PREFIX = "slack-request:"


class RolebotSlackApp(AsyncApp):
    """An :class:`AsyncApp` that also tracks the replies it is still sending, knows which
    signed requests it has already been handed (``first_delivery``) and its users'
    languages."""

    def __init__(
        self, *, replies: ReplyTasks, service: AnswerService | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.replies = replies
        self.signing_secret: str = kwargs.get("signing_secret") or ""
        self._service = service
        self.languages = UserLanguages()

    async def first_delivery(self, signature: str) -> bool:
        """False when a request with this signature was handled before (a replay: the same
        body and timestamp sent again), by this process or, through storage, any replica."""
        if self._service is None:
            return True
        return await conversation_of(self._service).claim(REPLAY_KEY_PREFIX + signature)

    def claims_shared(self) -> bool:
        """Whether a claim made now is seen by every replica (see ``AnswerService``)."""
        return self._service is None or self._service.claims_shared()


def create_slack_app(service: AnswerService, settings: SlackSettings) -> RolebotSlackApp:
    """The Slack app for ``settings`` (HTTP or Socket Mode), answering through ``service``.

    Nothing is sent to Slack here: the bot identity (``auth.test``) is fetched on the first
    request, from ``settings.api_url``.
    """
    if not settings.bot_token:
        raise ValueError("SLACK_BOT_TOKEN is not set")
    if not settings.signing_secret and not settings.socket_mode:
        raise ValueError("SLACK_SIGNING_SECRET is not set (needed unless SLACK_APP_TOKEN is)")
    replies = ReplyTasks("slack", on_failure=lambda: service.reply_failed("slack"))
    app = RolebotSlackApp(
        replies=replies,
        service=service,
        # Bolt sets the level of the logger named after the app; a name of its own keeps
        # it from freezing the level of our "rolebot.*" loggers (the answer log among them).
        name="rolebot-slack",
        token=settings.bot_token,
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=bool(settings.signing_secret),
        process_before_response=True,
    )
    configure(app.client, settings.api_url)

    async def attach_replies(
        context: AsyncBoltContext, next: Callable[[], Awaitable[None]]
    ) -> None:
        shared = app.client.session  # opened by the server's lifespan, see open_session
        if shared is not None and context.client is not None and context.client.session is None:
            context.client.session = shared
        context[CONTEXT_KEY] = replies
        context[LANGUAGES_KEY] = app.languages
        await next()

    app.use(attach_replies)
    app.error(_on_error)
    for module in LISTENER_MODULES:
        module.register(app, service)
    return app


async def _on_error(
    error: Exception,
    body: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    response: BoltResponse | None,
) -> BoltResponse | None:
    """Malformed input gets 400; a failing listener an apology (and 200: no pointless retry).

    Other failures before the listeners ran (the Web API unreachable for ``auth.test``)
    keep Bolt's 500 so that Slack delivers the event again later.
    """
    reached_listeners = CONTEXT_KEY in context
    if isinstance(error, BadSlackPayload) or (
        not reached_listeners and isinstance(error, _MALFORMED)
    ):
        log.warning("slack: malformed request (%s): %s", request_ref(body), error)
        return BoltResponse(status=400, body="malformed request") if response is not None else None
    if not reached_listeners:
        log.error(
            "slack: request failed before any listener (%s)", request_ref(body), exc_info=error
        )
        return None
    await report_failure(error, body, client, context.get(LANGUAGES_KEY))
    return BoltResponse(status=200, body="") if response is not None else None


async def open_session(app: AsyncApp) -> None:
    """One connection pool for every Web API call while serving (slack-sdk otherwise opens a
    new aiohttp session, and connection, per call). Close it with ``close_session``."""
    import aiohttp

    if app.client.session is None:
        app.client.session = aiohttp.ClientSession()


async def close_session(app: AsyncApp) -> None:
    session = app.client.session
    if session is not None and not session.closed:
        await session.close()
