"""Microsoft Teams as a platform of the server: settings check, route, start-up and draining.

Importing this module imports no Teams package; ``from_env`` checks that they are
installed when Teams is configured, and ``mount`` builds the SDK app.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bot.platforms.base import PlatformHealth, configured_settings, require_packages
from bot.platforms.teams.settings import ENV_NAMES, TeamsSettings

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from bot.app.service import AnswerService
    from bot.platforms.teams.app import TeamsBot

_PACKAGES = ("microsoft_teams.apps", "microsoft_teams.api")


class TeamsPlatform:
    """Teams on ``POST /api/messages``, authenticated as the settings say."""

    name = "teams"

    def __init__(
        self, settings: TeamsSettings, sdk_options: Mapping[str, Any] | None = None
    ) -> None:
        self.settings = settings
        self.sdk_options = dict(sdk_options or {})  # passed to the SDK app (its cloud, say)
        self.bot: TeamsBot | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> TeamsPlatform | None:
        settings = configured_settings("Teams", env, ENV_NAMES, TeamsSettings.from_env)
        if settings is None or not settings.enabled:
            return None
        require_packages("Teams", "teams", _PACKAGES)
        return cls(settings)

    def mount(self, service: AnswerService) -> Sequence[BaseRoute]:
        from bot.platforms.teams.app import build_teams
        from bot.platforms.teams.package import default_source
        from bot.platforms.teams.pages import page_routes

        self.bot = build_teams(service, self.settings, sdk_options=self.sdk_options or None)
        return [*self.bot.routes, *page_routes(default_source() / "pages")]

    async def start(self) -> None:
        await self._mounted().startup()

    async def stop(self, grace_s: float) -> None:
        await self._mounted().shutdown(grace_s)

    def health(self) -> PlatformHealth:
        pending = self.bot.replies.pending if self.bot is not None else 0
        if self.settings.unauthenticated:
            return PlatformHealth("on (unauthenticated, development only)", (), pending)
        return PlatformHealth("on", (), pending)

    def _mounted(self) -> TeamsBot:
        if self.bot is None:
            raise RuntimeError("TeamsPlatform.mount() was not called")
        return self.bot
