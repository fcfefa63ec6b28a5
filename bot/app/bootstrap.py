"""Wiring: the one place that builds the object graph from folders and the environment."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.engine import Engine
from bot.core.intents import FuzzyMatcher
from bot.core.matching import Matcher
from bot.core.model import IntentData
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir, default_knowledge_dir
from bot.knowledge.curated import load_knowledge

if TYPE_CHECKING:
    from bot.app.runtime import Runtime, ServerSettings
    from bot.server.metrics import Metrics

log = logging.getLogger("rolebot.server")


# ROLEBOT_SEMANTIC: "on" uses the semantic signal (the extra must be installed), "off" never,
# "auto" when the extra is installed. The default follows the measurements in the README.
SEMANTIC_DEFAULT = "off"


def semantic_setting() -> str:
    value = os.environ.get("ROLEBOT_SEMANTIC", SEMANTIC_DEFAULT).strip().lower()
    return {"1": "on", "true": "on", "0": "off", "false": "off"}.get(value, value)


def build_matcher(intents: IntentData, setting: str | None = None) -> Matcher:
    """The fuzzy matcher, wrapped by the semantic signal when it is wanted and installed."""
    fuzzy = FuzzyMatcher(intents)
    setting = setting or semantic_setting()
    if setting == "off":
        return fuzzy
    from bot.semantic import OnnxEncoder, SemanticMatcher, available

    if not available():
        if setting == "on":
            raise RuntimeError("ROLEBOT_SEMANTIC=on needs: pip install 'rolebot[semantic]'")
        return fuzzy
    return SemanticMatcher(fuzzy, intents, OnnxEncoder())


def load_engine(
    knowledge_dir: Path | None = None,
    intents_dir: Path | None = None,
    semantic: str | None = None,
    warm: bool = False,
) -> Engine:
    """Load and validate intents and knowledge; raises ``bot.data.errors.ValidationError``.

    ``semantic``: "on", "off" or "auto" (default: ``ROLEBOT_SEMANTIC``); ``warm`` loads the
    semantic model now rather than on the first unsure question (the server does)."""
    intents = load_intents(intents_dir or default_intents_dir())
    knowledge, _ = load_knowledge(knowledge_dir or default_knowledge_dir())
    matcher = build_matcher(intents, semantic)
    if warm and hasattr(matcher, "warm"):
        matcher.warm()
    return Engine(intents, knowledge, matcher)


def build_runtime(settings: ServerSettings) -> Runtime:
    """Everything ``rolebot serve`` runs: knowledge holder, storage, metrics, service.

    Raises if the knowledge cannot be loaded. A database that cannot be reached yet is
    logged and retried later; answers are served meanwhile.
    """
    from functools import partial

    from bot.app.reload import EngineHolder
    from bot.app.runtime import Runtime
    from bot.app.service import AnswerService
    from bot.server.logging_setup import AnswerLog, register_secret
    from bot.server.metrics import Metrics, Observers
    from bot.storage.buffered import BufferedStorage
    from bot.storage.sql import SqlStorage, short_error
    from bot.storage.url import url_secrets

    metrics = Metrics()
    holder = EngineHolder(
        partial(load_engine, settings.knowledge_dir, settings.intents_dir, warm=True),
        [settings.knowledge_dir, settings.intents_dir],
        on_reload=partial(_after_reload, metrics),
    )
    holder.load_initial()
    register_secret(*url_secrets(settings.database_url))
    sql = SqlStorage(settings.database_url, store_text=settings.store_text, create_schema=False)
    try:
        sql.create_schema()
    except Exception as exc:
        log.error(
            "storage %s not ready (%s); answering anyway, retrying in the background",
            sql.display_url,
            short_error(exc),
        )
    storage = BufferedStorage(sql, on_error=metrics.storage_error)
    service = AnswerService(
        holder.current, storage=storage, observer=Observers([metrics, AnswerLog()])
    )
    return Runtime(settings, holder, service, metrics, storage)


def _after_reload(metrics: Metrics, version: str, ok: bool) -> None:
    """What a knowledge reload tells the server: its metrics, and its settled heap."""
    from bot.server.heap import settle_after_reload

    metrics.knowledge_loaded(version, ok)
    settle_after_reload(version, ok)
