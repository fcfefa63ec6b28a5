"""Reading what Slack sends: typed field access and the question text of a message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


class BadSlackPayload(ValueError):
    """A signed request whose content is not what Slack sends (answered 400)."""


_LEADING_MENTIONS = re.compile(r"^(?:\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+")


def text_field(data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise BadSlackPayload(f"field {key!r} must be a non-empty string")
    return value


def dict_field(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise BadSlackPayload(f"field {key!r} must be an object")
    return value


def question_text(text: str, bot_user_id: str | None = None) -> str:
    """The question in a message: leading @mentions of the bot removed, Slack's escaping undone.

    Slack sends ``&``, ``<`` and ``>`` typed by people as entities; they are restored so the
    question reads as typed. Other markup (``<@U..>``, ``<!here>``) is left for the engine,
    which strips it; every renderer escapes what it echoes.
    """
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    text = _LEADING_MENTIONS.sub("", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())
