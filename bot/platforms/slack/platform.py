"""Slack as a platform of the server: settings check, routes, Socket Mode and reply draining.

Importing this module imports no Slack package; ``from_env`` checks that they are
installed when Slack is configured, and ``mount`` builds the Bolt app.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bot.platforms.base import PlatformHealth, configured_settings, require_packages
from bot.platforms.slack.settings import ENV_NAMES, SlackSettings

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from bot.app.service import AnswerService
    from bot.platforms.slack.app import RolebotSlackApp

log = logging.getLogger(__name__)

SOCKET_MODE_TASK = "slack socket mode"
SOCKET_STOP_S = 5.0
_PACKAGES = ("slack_bolt.async_app", "slack_sdk.web.async_client", "aiohttp")


class SlackPlatform:
    """Slack over HTTP (``POST /slack/events``) or Socket Mode, as the settings say."""

    name = "slack"

    def __init__(self, settings: SlackSettings) -> None:
        self.settings = settings
        self.app: RolebotSlackApp | None = None
        self._stop = asyncio.Event()
        self._socket: asyncio.Task[None] | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SlackPlatform | None:
        settings = configured_settings("Slack", env, ENV_NAMES, SlackSettings.from_env)
        if settings is None:
            return None
        require_packages("Slack", "slack", _PACKAGES)
        return cls(settings)

    def mount(self, service: AnswerService) -> Sequence[BaseRoute]:
        from bot.platforms.slack.app import create_slack_app
        from bot.platforms.slack.http import slack_routes

        self.app = create_slack_app(service, self.settings)
        return slack_routes(self.app) if self.settings.http_enabled else []

    async def start(self) -> None:
        from bot.platforms.slack.app import open_session

        app = self._mounted()
        await open_session(app)
        if self.settings.socket_mode:
            self._socket = asyncio.create_task(self._run_socket_mode(app), name=SOCKET_MODE_TASK)

    async def _run_socket_mode(self, app: RolebotSlackApp) -> None:
        from bot.platforms.slack.http import run_socket_mode

        try:
            await run_socket_mode(app, self.settings, self._stop)
            if not self._stop.is_set():
                log.error("%s stopped", SOCKET_MODE_TASK)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed", SOCKET_MODE_TASK)

    async def stop(self, grace_s: float) -> None:
        """Close the Socket Mode connection, wait for the replies, close the connection pool.

        A connection still trying to connect does not notice the stop: it is cancelled after
        ``SOCKET_STOP_S`` seconds.
        """
        from bot.platforms.slack.app import close_session

        app = self._mounted()
        self._stop.set()
        if self._socket is not None:
            try:
                await asyncio.wait_for(self._socket, SOCKET_STOP_S)
            except TimeoutError:
                log.warning(
                    "%s did not stop within %.0f s: cancelled", SOCKET_MODE_TASK, SOCKET_STOP_S
                )
        await app.replies.drain(timeout=grace_s)
        await close_session(app)

    def health(self) -> PlatformHealth:
        stopped = (SOCKET_MODE_TASK,) if self._socket is not None and self._socket.done() else ()
        pending = self.app.replies.pending if self.app is not None else 0
        return PlatformHealth(self.settings.mode or "off", stopped, pending)

    def _mounted(self) -> RolebotSlackApp:
        if self.app is None:
            raise RuntimeError("SlackPlatform.mount() was not called")
        return self.app
