"""Every platform's markup stripped, for text whose platform is unknown (the terminal, where
people paste from Slack or Teams, and labelled questions in evaluation sets)."""

from __future__ import annotations

from bot.platforms.slack.markup import strip_slack
from bot.platforms.teams.markup import strip_teams


def strip_any(text: str) -> str:
    """Slack's first (its links look like tags), then Teams'."""
    return strip_teams(strip_slack(text))
