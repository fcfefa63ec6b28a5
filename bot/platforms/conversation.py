"""What every chat platform does with the service, the same way and off the event loop.

A platform's listeners decode what their platform sent and render what comes back; in
between they call a :class:`Conversation`: ``ask`` answers a question and records it,
``again`` re-derives an answer already given (quotes, sharing, a card updated after a
vote) without recording a new question, ``vote`` records one user's vote on one answer,
``claim`` drops redelivered events.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence

from bot.app.service import AnswerService, Feedback
from bot.core.answer import Answer
from bot.platforms.feedback import vote_key

# Claims are check-then-set; one lock makes them atomic between this process's worker threads
# (the storage makes them atomic between replicas).
_CLAIM_LOCK = threading.Lock()


class Conversation:
    """The service as one platform (``platform`` names it in records and metrics) sees it."""

    def __init__(
        self, service: AnswerService, platform: str, markup: Callable[[str], str] = str
    ) -> None:
        """``markup`` removes the platform's own markup before the engine reads a question."""
        self.service = service
        self.platform = platform
        self.markup = markup

    async def ask(
        self,
        question: str,
        *,
        user: str | None,
        conversation: str | None,
        request_id: str | None,
    ) -> Answer:
        """Answer ``question`` and record it (the engine and storage run in a worker thread)."""
        return await asyncio.to_thread(
            self.service.answer,
            self.markup(question),
            platform=self.platform,
            user=user,
            conversation=conversation,
            request_id=request_id,
        )

    async def again(self, question: str) -> Answer:
        """The answer given to ``question`` again, not recorded as a new question."""
        return await asyncio.to_thread(self.service.engine.ask, self.markup(question))

    def help(self, language: str) -> Answer:
        return self.service.engine.help_answer(language)

    async def claim(self, *keys: str) -> bool:
        """True if none of ``keys`` was claimed before (retries, duplicate deliveries)."""

        def claim_all() -> bool:
            with _CLAIM_LOCK:
                return all(self.service.claim_event(key) for key in keys)

        return await asyncio.to_thread(claim_all)

    async def vote(
        self,
        *,
        user: str | None,
        answer_id: str | None,
        helpful: bool,
        question: str,
        intent: str,
        roles: Sequence[str],
        reason: str | None = None,
    ) -> Feedback:
        """Record ``user``'s vote on the answer ``answer_id`` (a later vote replaces it)."""
        feedback = Feedback(
            platform=self.platform,
            helpful=helpful,
            question=question,
            intent=intent,
            roles=tuple(roles),
            user=user,
            reason=reason,
            vote=vote_key(self.platform, user, answer_id),
        )
        await asyncio.to_thread(self.service.record_feedback, feedback)
        return feedback
