"""The chat platforms ``rolebot serve`` can serve, in start-up order (one list, data only)."""

from __future__ import annotations

from bot.platforms.base import PlatformKind
from bot.platforms.slack.platform import SlackPlatform
from bot.platforms.teams.platform import TeamsPlatform

PLATFORMS: tuple[PlatformKind, ...] = (SlackPlatform, TeamsPlatform)
