"""Where the intents and knowledge folders are found when none is given."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def _first_existing(env: str, name: str) -> Path:
    if os.environ.get(env):
        return Path(os.environ[env])
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def default_knowledge_dir() -> Path:
    """``$ROLEBOT_KNOWLEDGE``, else the checkout's ``knowledge/``, else the copy in the wheel."""
    return _first_existing("ROLEBOT_KNOWLEDGE", "knowledge")


def default_intents_dir() -> Path:
    """``$ROLEBOT_INTENTS``, else the checkout's ``intents/``, else the copy in the wheel."""
    return _first_existing("ROLEBOT_INTENTS", "intents")
