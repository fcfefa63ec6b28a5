"""A matcher that asks the semantic signal where the fuzzy matcher is unsure."""

from __future__ import annotations

import threading
from typing import Any, Protocol

from bot.core.blend import BlendSettings, blend, unsure
from bot.core.matching import IntentResult, Matcher, Query
from bot.core.model import IntentData

BATCH = 64  # examples embedded at once when the signal first loads


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> Any: ...


class SemanticMatcher:
    """``base`` ranks every question; where it is unsure, the question's nearest example
    of each intent (cosine similarity of sentence embeddings) reorders the ranking."""

    def __init__(
        self,
        base: Matcher,
        data: IntentData,
        encoder: Encoder,
        settings: BlendSettings | None = None,
    ) -> None:
        self.base = base
        self._texts = [e.text for e in data.examples]
        self._intents = [e.intent for e in data.examples]
        self._encoder = encoder
        self._settings = settings or BlendSettings()
        self._matrix: Any = None
        self._lock = threading.Lock()
        self.consulted = 0  # questions the signal was asked about

    def warm(self) -> None:
        """Load the model and embed the examples now (the server does this at start)."""
        with self._lock:
            if self._matrix is None:
                import numpy as np

                parts = [
                    self._encoder.encode(self._texts[i : i + BATCH])
                    for i in range(0, len(self._texts), BATCH)
                ]
                self._matrix = np.vstack(parts) if parts else np.zeros((0, 384), np.float32)

    def similarity(self, text: str) -> dict[str, float]:
        """Each intent's best cosine similarity to ``text``."""
        self.warm()
        sims = self._matrix @ self._encoder.encode([text])[0]
        best: dict[str, float] = {}
        for intent, sim in zip(self._intents, sims.tolist(), strict=True):
            if sim > best.get(intent, -1.0):
                best[intent] = sim
        return best

    def match(self, query: Query) -> IntentResult:
        result = self.base.match(query)
        if not unsure(result, self._settings) or not (query.asking_text or query.text):
            return result
        self.consulted += 1
        return blend(result, self.similarity(query.asking_text or query.text), self._settings)
