"""Reading Adaptive Cards back in the Teams tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.platforms.teams.render import CARD_CONTENT_TYPE
from tests.fakes.teams_connector import ConnectorCall

_ESCAPE = re.compile(r"\\(.)")


def unescape(text: str) -> str:
    """Undo the Markdown escaping of a TextBlock: what the user sees."""
    return _ESCAPE.sub(r"\1", text).replace("\u200b", "")


def card_of(call: ConnectorCall) -> dict[str, Any]:
    """The one Adaptive Card an activity carries."""
    attachments = call.attachments
    assert len(attachments) == 1, call.body
    assert attachments[0]["contentType"] == CARD_CONTENT_TYPE
    card = attachments[0]["content"]
    assert card["type"] == "AdaptiveCard"
    return card


def elements(node: Any) -> Iterator[dict[str, Any]]:
    """Every element and action in a card, depth first."""
    if isinstance(node, dict):
        if "type" in node:
            yield node
        for value in node.values():
            yield from elements(value)
    elif isinstance(node, list):
        for item in node:
            yield from elements(item)


def shown_texts(card: dict[str, Any]) -> list[str]:
    return [unescape(e["text"]) for e in elements(card) if e["type"] == "TextBlock"]


def submits(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every button that sends data back: ``Action.Submit`` and ``Action.Execute``."""
    return [e for e in elements(card) if e["type"] in ("Action.Submit", "Action.Execute")]
