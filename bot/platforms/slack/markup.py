"""Slack's markup in a question: mentions, broadcasts, channel links and links, made plain.

``<@U123>``, ``<!here>``, ``<#C123|general>`` and ``<!subteam^S1|team>`` are removed
(the bot answers the words people typed, not who they addressed); ``<https://...|label>``
keeps its label. What the core then strips is generic (URLs, emoji codes, emphasis).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"<[@#!][^>\s]*(?:\|([^>]*))?>")
_LINK = re.compile(r"<(?:https?|mailto):[^>|\s]*(?:\|([^>]*))?>")


def strip_slack(text: str) -> str:
    text = _LINK.sub(lambda m: f" {m.group(1) or ''} ", text)
    return _TOKEN.sub(" ", text)
