"""Wiring: the one place that builds the object graph from folders and the environment."""

from __future__ import annotations

from pathlib import Path

from bot.core.engine import Engine
from bot.intents_loader import load_intents
from bot.knowledge.curated import load_knowledge
from bot.paths import default_intents_dir, default_knowledge_dir


def load_engine(knowledge_dir: Path | None = None, intents_dir: Path | None = None) -> Engine:
    """Load and validate intents and knowledge; raises ``bot.errors.ValidationError``."""
    intents = load_intents(intents_dir or default_intents_dir())
    knowledge, _ = load_knowledge(knowledge_dir or default_knowledge_dir())
    return Engine(intents, knowledge)
