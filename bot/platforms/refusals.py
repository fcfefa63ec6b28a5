"""Refused requests, logged at a bounded rate.

Anyone who can reach the port can send a request the bot refuses; a line for each would
let a flood cost a write per request and fill the disk. :class:`RefusalLog` writes the
first refusal at once, then at most one line per ``interval_s`` with how many requests were
refused since, by reason (a closed set: anything past ``MAX_REASONS`` counts as "other").
Every refusal is also counted in the metrics (``rolebot_http_requests`` by route and
status), which is where the ones after the last line show.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable

INTERVAL_S = 10.0
MAX_REASONS = 16
OTHER = "other"


class RefusalLog:
    """Counts refusals by reason and logs them at most once per ``interval_s``."""

    def __init__(
        self,
        logger: logging.Logger,
        what: str,
        *,
        interval_s: float = INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``what`` names the refused thing, as in "Teams: tokens refused before validation"."""
        self.logger = logger
        self.what = what
        self.interval_s = interval_s
        self.clock = clock
        self._counts: Counter[str] = Counter()
        self._next_line = float("-inf")
        self._lock = threading.Lock()

    def refused(self, reason: str) -> None:
        now = self.clock()
        with self._lock:
            if reason not in self._counts and len(self._counts) >= MAX_REASONS - 1:
                reason = OTHER
            self._counts[reason] += 1
            if now < self._next_line:
                return
            counts, self._counts = self._counts, Counter()
            self._next_line = now + self.interval_s
        self._write(counts)

    def _write(self, counts: Counter[str]) -> None:
        total = sum(counts.values())
        reasons = ", ".join(f"{reason}: {n}" for reason, n in counts.most_common())
        self.logger.info(
            "%s: %d (%s)",
            self.what,
            total,
            reasons,
            extra={"event": "refused", "refused": total, "reasons": dict(counts)},
        )
