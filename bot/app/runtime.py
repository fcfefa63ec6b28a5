"""What a running server holds: its settings and the objects ``bootstrap`` wires together."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.app.reload import EngineHolder
    from bot.app.service import AnswerService
    from bot.server.metrics import Metrics

_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class ServerSettings:
    """What ``rolebot serve`` needs besides the chat platforms' own settings."""

    knowledge_dir: Path
    intents_dir: Path
    database_url: str
    store_text: bool = True
    watch: bool = True
    watch_interval_s: float = 2.0
    shutdown_grace_s: float = 20.0

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        knowledge_dir: Path | None = None,
        intents_dir: Path | None = None,
        database_url: str | None = None,
    ) -> ServerSettings:
        from bot.data.paths import default_intents_dir, default_knowledge_dir
        from bot.storage.sql import store_text_from_env
        from bot.storage.url import database_url_from_env

        env = os.environ if environ is None else environ
        return cls(
            knowledge_dir=Path(knowledge_dir) if knowledge_dir else default_knowledge_dir(),
            intents_dir=Path(intents_dir) if intents_dir else default_intents_dir(),
            database_url=database_url or database_url_from_env(env),
            store_text=store_text_from_env(env),
            watch=env.get("ROLEBOT_RELOAD", "1").strip().lower() not in _FALSE,
            watch_interval_s=float(env.get("ROLEBOT_RELOAD_INTERVAL", "2")),
            shutdown_grace_s=float(env.get("ROLEBOT_SHUTDOWN_GRACE", "20")),
        )


@dataclass
class Runtime:
    """Everything a running server holds: knowledge, service, metrics, storage."""

    settings: ServerSettings
    holder: EngineHolder
    service: AnswerService
    metrics: Metrics
    storage: Any | None = None  # BufferedStorage / SqlStorage (has ping, close, backend)

    def close(self) -> None:
        if self.storage is not None:
            self.storage.close()
