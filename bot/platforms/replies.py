"""Replies sent after the platform was acknowledged: tracked tasks, drained at shutdown.

Every listener acknowledges at once and hands the slow part (answering, posting) to
:class:`ReplyTasks`, so an acknowledgement never waits for the engine or the network. At
shutdown the server waits for the replies in flight and cancels those still running after
the grace period.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

Apology = Callable[[BaseException], Awaitable[None]]

log = logging.getLogger(__name__)


class ReplyTasks:
    """The replies of one platform still being sent, kept referenced until done."""

    def __init__(self, platform: str, on_failure: Callable[[], None] | None = None) -> None:
        """``on_failure`` is told about every reply that failed (metrics)."""
        self.platform = platform
        self.on_failure = on_failure or (lambda: None)
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(
        self,
        work: Coroutine[Any, Any, None],
        *,
        name: str | None = None,
        apologise: Apology | None = None,
    ) -> None:
        """Run ``work`` in the background; if it fails, count it, log it and ``apologise``."""
        label = name or f"{self.platform}-reply"

        async def guarded() -> None:
            try:
                await work
            except Exception as error:
                self.on_failure()
                log.error("%s reply failed (%s): %r", self.platform, label, error, exc_info=error)
                if apologise is not None:
                    try:
                        await apologise(error)
                    except Exception as again:
                        log.warning("%s apology failed too (%s): %r", self.platform, label, again)

        task = asyncio.get_running_loop().create_task(guarded(), name=label)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def drain(self, timeout: float | None = None) -> int:
        """Wait for the replies in flight; cancel those still running after ``timeout``.

        Returns how many were cancelled.
        """
        if not self._tasks:
            return 0
        _, late = await asyncio.wait(set(self._tasks), timeout=timeout)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late, timeout=1.0)
            log.error(
                "%s: cancelled %d replies still running at shutdown", self.platform, len(late)
            )
        return len(late)
