"""Slack configuration read from the environment (names fixed by the contract)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

DEFAULT_API_URL = "https://slack.com/api/"
# Any of these set means Slack is meant to be served (SLACK_API_URL alone does not).
ENV_NAMES = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")


@dataclass(frozen=True)
class SlackSettings:
    """Tokens and endpoints for the Slack app. ``repr`` says which secrets are set, never them.

    Socket Mode is used when an app-level token is present; otherwise HTTP
    (``POST /slack/events``) when a signing secret is present. Both need the bot token.
    """

    bot_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SlackSettings:
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        api_url = get("SLACK_API_URL") or DEFAULT_API_URL
        return cls(
            bot_token=get("SLACK_BOT_TOKEN"),
            signing_secret=get("SLACK_SIGNING_SECRET"),
            app_token=get("SLACK_APP_TOKEN"),
            api_url=api_url if api_url.endswith("/") else api_url + "/",
        )

    @property
    def socket_mode(self) -> bool:
        """Socket Mode: bot token and app-level token are set."""
        return bool(self.bot_token and self.app_token)

    @property
    def http_enabled(self) -> bool:
        """HTTP endpoint: bot token and signing secret set, and not in Socket Mode."""
        return bool(self.bot_token and self.signing_secret) and not self.socket_mode

    @property
    def mode(self) -> Literal["socket", "http"] | None:
        if self.socket_mode:
            return "socket"
        if self.http_enabled:
            return "http"
        return None

    def problem(self) -> str | None:
        """What is missing for Slack to be served, naming the variable; None when complete."""
        if not self.bot_token:
            return "SLACK_BOT_TOKEN is not set"
        if not self.mode:
            return (
                "set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) "
                "with SLACK_BOT_TOKEN"
            )
        return None

    def __repr__(self) -> str:
        def state(value: str | None) -> str:
            return "set" if value else "unset"

        return (
            f"SlackSettings(mode={self.mode}, bot_token={state(self.bot_token)}, "
            f"signing_secret={state(self.signing_secret)}, app_token={state(self.app_token)}, "
            f"api_url={self.api_url!r})"
        )

    __str__ = __repr__
