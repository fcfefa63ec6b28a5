"""Wiring: the one place that builds the object graph from folders and the environment."""

from __future__ import annotations

from pathlib import Path

from bot.core.engine import Engine
from bot.paths import default_intents_dir, default_knowledge_dir


def load_engine(knowledge_dir: Path | None = None, intents_dir: Path | None = None) -> Engine:
    knowledge_dir = knowledge_dir or default_knowledge_dir()
    intents_dir = intents_dir or default_intents_dir()
    return Engine()
