"""Teams' markup in a question: ``<at>`` mentions and the HTML Teams wraps messages in."""

from __future__ import annotations

import re

_AT = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]{0,200}>")


def strip_teams(text: str) -> str:
    """Mentions removed with their name, other tags removed, their text kept."""
    return _HTML_TAG.sub(" ", _AT.sub(" ", text))
