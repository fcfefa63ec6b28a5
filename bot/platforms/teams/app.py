"""The Teams adapter: a Teams SDK ``App`` served as a route of our Starlette application.

Usage (``rolebot serve``)::

    teams = build_teams(service, TeamsSettings.from_env())
    app = Starlette(routes=[*slack_routes, *teams.routes], lifespan=...)
    # in the lifespan: `async with teams.lifespan(): yield`

``teams.lifespan()`` (or ``await teams.startup()`` / ``await teams.shutdown()``) initialises
the SDK app at start-up and, at shutdown, waits up to ``drain_seconds`` for replies still
being sent. Without the hooks the routes still work: the SDK app is initialised on the first
request, and replies under way at shutdown are dropped. :func:`teams_routes` is that
hook-less shortcut.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.routing import Route

from bot.app.service import AnswerService
from bot.platforms.replies import ReplyTasks
from bot.platforms.teams.handlers import register
from bot.platforms.teams.http import MESSAGING_PATH, StarletteAdapter, messages_route
from bot.platforms.teams.sdk import App, ClientOptions
from bot.platforms.teams.settings import ALLOW_UNAUTHENTICATED_ENV, TeamsSettings
from bot.platforms.teams.token_gate import (
    AcceptedTokens,
    OffLoopValidator,
    RefusedTokens,
    ValidatedTokens,
    ValidationBudget,
)

log = logging.getLogger(__name__)

OUTGOING_TIMEOUT_S = 15.0


class TeamsBot:
    """The Teams SDK app, its listeners and the Starlette route that serves it."""

    def __init__(
        self,
        service: AnswerService,
        settings: TeamsSettings,
        *,
        path: str = MESSAGING_PATH,
        sdk_options: dict[str, Any] | None = None,
        drain_seconds: float = 10.0,
        outgoing_timeout_s: float = OUTGOING_TIMEOUT_S,
        validation_budget: ValidationBudget | None = None,
    ) -> None:
        """``sdk_options`` are extra ``microsoft_teams.apps.App`` options (e.g. ``cloud``);
        ``validation_budget`` holds how many new tokens are validated (10 a second)."""
        self.settings = settings
        self.adapter = StarletteAdapter()
        self.replies = ReplyTasks("teams", on_failure=lambda: service.reply_failed("teams"))
        self.drain_seconds = drain_seconds
        options: dict[str, Any] = {
            "client_id": settings.client_id,
            "client_secret": settings.client_secret,
            "tenant_id": settings.tenant_id,
            "managed_identity_client_id": settings.managed_identity_client_id,
            "dangerously_allow_unauthenticated_requests": settings.unauthenticated,
            "http_server_adapter": self.adapter,
            "messaging_endpoint": path,
            "state": False,
            # The SDK's own client never times out (``timeout=None``).
            "client": ClientOptions(timeout=outgoing_timeout_s),
            **(sdk_options or {}),
        }
        self.app = App(**options)
        register(self.app, service, self.replies)
        self._started = False
        self._lock = asyncio.Lock()
        self.accepted = (
            AcceptedTokens.for_app(settings.client_id, settings.tenant_id, self.app.cloud)
            if settings.client_id
            else None
        )
        self.refused = RefusedTokens()
        self.validated = ValidatedTokens()
        self._validator: OffLoopValidator | None = None
        self.routes: list[Route] = [
            messages_route(
                settings,
                self.adapter,
                self.startup,
                path,
                accepted=self.accepted,
                refused=self.refused,
                validated=self.validated,
                budget=validation_budget or ValidationBudget(),
            )
        ]
        _log_auth_mode(settings, path)

    async def startup(self) -> None:
        """Initialise the SDK app (registers its route on our adapter). Idempotent."""
        if self._started:
            return
        async with self._lock:
            if not self._started:
                await self.app.initialize()
                self._validate_off_loop()
                self._started = True

    def _validate_off_loop(self) -> None:
        """Swap the SDK's token validator for the same one run on threads of its own."""
        server = self.app.server
        inner = getattr(server, "_token_validator", None)
        if inner is not None and self.accepted is not None:
            self._validator = OffLoopValidator(inner, self.accepted, self.refused, self.validated)
            server._token_validator = self._validator  # type: ignore[assignment]

    async def shutdown(self, grace_s: float | None = None) -> None:
        """Let replies under way finish (up to ``grace_s``, default ``drain_seconds``); cancel
        the late ones."""
        await self.replies.drain(self.drain_seconds if grace_s is None else grace_s)
        if self._validator is not None:
            self._validator.close()

    @asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        await self.startup()
        try:
            yield
        finally:
            await self.shutdown()


def _log_auth_mode(settings: TeamsSettings, path: str) -> None:
    if settings.has_credentials:
        log.info("Teams: %s validates Bot Framework tokens for app %s", path, settings.client_id)
        if settings.allow_unauthenticated:
            log.warning(
                "Teams: %s is ignored because credentials are configured; tokens are validated",
                ALLOW_UNAUTHENTICATED_ENV,
            )
    elif settings.allow_unauthenticated:
        log.warning(
            "Teams: %s=1 and no credentials: %s accepts requests WITHOUT authentication. "
            "Local development only.",
            ALLOW_UNAUTHENTICATED_ENV,
            path,
        )
    else:
        log.warning(
            "Teams: no credentials (CLIENT_ID, CLIENT_SECRET, TENANT_ID) and %s not set: "
            "%s refuses every request",
            ALLOW_UNAUTHENTICATED_ENV,
            path,
        )


def build_teams(service: AnswerService, settings: TeamsSettings, **kwargs: Any) -> TeamsBot:
    """The Teams adapter for ``service``; see :class:`TeamsBot` for the keyword arguments."""
    return TeamsBot(service, settings, **kwargs)


def teams_routes(service: AnswerService, settings: TeamsSettings) -> list[Route]:
    """``POST /api/messages`` for Teams, without start-up or shutdown hooks."""
    return build_teams(service, settings).routes
