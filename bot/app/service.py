"""The application service every chat adapter calls: answer, record, deduplicate.

Chat platforms (Slack, Teams) call this service, not the engine, so that each answer is
recorded and counted in one place; the terminal commands call the engine directly (they
record nothing). Storage and metrics are optional
ports; storage failures never prevent an answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot.app.claims import MemoryClaims
from bot.core.answer import Answer
from bot.core.engine import Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Interaction:
    platform: str
    question: str
    answer: Answer
    latency_s: float
    user: str | None = None
    conversation: str | None = None
    request_id: str | None = None


@dataclass(frozen=True)
class Feedback:
    platform: str
    helpful: bool
    question: str
    intent: str
    roles: tuple[str, ...]
    user: str | None = None
    reason: str | None = None
    # Identity of one user's vote on one answer (bot.platforms.feedback.vote_key): a later
    # feedback with the same vote replaces the earlier one in storage.
    vote: str | None = None


class Storage(Protocol):
    def claim_event(self, key: str, ttl_seconds: int = 3600) -> bool:
        """True the first time ``key`` is seen (within its time to live), False after."""

    def record_interaction(self, interaction: Interaction) -> None: ...

    def record_feedback(self, feedback: Feedback) -> None: ...

    def ping(self) -> bool: ...

    def shares_claims(self) -> bool:
        """True when a claim made now is seen by every replica; False while the database
        is unreachable and claims are decided in this process's memory only."""


class Observer(Protocol):
    """Metrics port: told about every answer, feedback and storage error."""

    def answered(self, interaction: Interaction) -> None: ...

    def feedback(self, feedback: Feedback) -> None: ...

    def storage_error(self, operation: str) -> None: ...

    def reply_failed(self, platform: str) -> None:
        """A reply could not be delivered to the chat platform (after its retries)."""


class AnswerService:
    def __init__(
        self,
        engine: Callable[[], Engine],
        storage: Storage | None = None,
        observer: Observer | None = None,
    ) -> None:
        self._engine = engine
        self._storage = storage
        self._observer = observer
        self._claims = MemoryClaims()

    @property
    def engine(self) -> Engine:
        """The current engine (it changes when the knowledge is reloaded)."""
        return self._engine()

    def answer(
        self,
        question: str,
        *,
        platform: str,
        user: str | None = None,
        conversation: str | None = None,
        request_id: str | None = None,
    ) -> Answer:
        started = time.perf_counter()
        answer = self.engine.ask(question)
        interaction = Interaction(
            platform=platform,
            question=question,
            answer=answer,
            latency_s=time.perf_counter() - started,
            user=user,
            conversation=conversation,
            request_id=request_id,
        )
        if self._observer is not None:
            self._observer.answered(interaction)
        self._store("record_interaction", interaction)
        return answer

    def reply_failed(self, platform: str) -> None:
        """Count a reply the platform never received (the adapter logs and apologises)."""
        if self._observer is not None:
            self._observer.reply_failed(platform)

    def record_feedback(self, feedback: Feedback) -> None:
        if self._observer is not None:
            self._observer.feedback(feedback)
        self._store("record_feedback", feedback)

    def claim_event(self, key: str, ttl_seconds: int = 3600) -> bool:
        """True if this event has not been handled yet (by this or, with storage, any replica)."""
        if self._storage is not None:
            try:
                return self._storage.claim_event(key, ttl_seconds)
            except Exception:
                log.exception("storage failed to claim event %s; deduplicating in memory", key)
                self._count_storage_error("claim_event")
        return self._claims.claim(key, ttl_seconds)

    def claims_shared(self) -> bool:
        """Whether ``claim_event`` decides for every replica right now (always, without
        storage: then this process is the only one that can decide)."""
        if self._storage is None:
            return True
        try:
            return self._storage.shares_claims()
        except Exception:
            log.exception("storage failed to say whether claims are shared")
            return False

    def _store(self, operation: str, value: object) -> None:
        if self._storage is None:
            return
        try:
            getattr(self._storage, operation)(value)
        except Exception:
            log.exception("storage failed: %s", operation)
            self._count_storage_error(operation)

    def _count_storage_error(self, operation: str) -> None:
        if self._observer is not None:
            self._observer.storage_error(operation)
