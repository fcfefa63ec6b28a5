"""What the Slack listener modules share: the conversation with the service, the user's language."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot.app.service import AnswerService
from bot.platforms.conversation import Conversation
from bot.platforms.slack.markup import strip_slack
from bot.platforms.strings import locale_language

log = logging.getLogger(__name__)

PLATFORM = "slack"
MAX_KNOWN_USERS = 10_000


def conversation_of(service: AnswerService) -> Conversation:
    return Conversation(service, PLATFORM, strip_slack)


class UserLanguages:
    """user id -> the language of the user's Slack client (``users.info`` locale), cached.

    English when the locale cannot be read; a failure is not cached.
    """

    def __init__(self, limit: int = MAX_KNOWN_USERS) -> None:
        self.limit = limit
        self._known: dict[str, str] = {}

    async def of(self, client: AsyncWebClient, user: str | None) -> str:
        if not user:
            return "en"
        known = self._known.get(user)
        if known is not None:
            return known
        try:
            response = await client.users_info(user=user, include_locale=True)
            profile = response.get("user") or {}
            locale = profile.get("locale") if isinstance(profile, dict) else None
        except Exception as error:
            log.warning("slack: could not read the locale of %s: %r", user, error)
            return "en"
        if len(self._known) >= self.limit:
            self._known.clear()
        self._known[user] = language = locale_language(locale)
        return language
