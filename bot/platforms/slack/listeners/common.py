"""Helpers the listener modules share: blocking service calls run off the event loop."""

from __future__ import annotations

import asyncio
import threading

from bot.app.service import AnswerService, Feedback
from bot.core.answer import Answer

PLATFORM = "slack"

# Claims are check-then-set; one lock makes them atomic between this process's worker threads
# (the storage makes them atomic between replicas).
_CLAIM_LOCK = threading.Lock()


async def answer(
    service: AnswerService,
    question: str,
    *,
    user: str | None,
    conversation: str | None,
    request_id: str | None,
) -> Answer:
    """``service.answer`` in a worker thread (the engine and storage are synchronous)."""
    return await asyncio.to_thread(
        service.answer,
        question,
        platform=PLATFORM,
        user=user,
        conversation=conversation,
        request_id=request_id,
    )


async def ask_again(service: AnswerService, question: str) -> Answer:
    """Re-derive an answer already given (quotes, sharing) without recording a new question."""
    return await asyncio.to_thread(service.engine.ask, question)


async def claim(service: AnswerService, *keys: str) -> bool:
    """True if none of ``keys`` was claimed before (Slack retries, duplicate deliveries)."""

    def claim_all() -> bool:
        with _CLAIM_LOCK:
            return all(service.claim_event(key) for key in keys)

    return await asyncio.to_thread(claim_all)


async def record_feedback(service: AnswerService, feedback: Feedback) -> None:
    await asyncio.to_thread(service.record_feedback, feedback)
