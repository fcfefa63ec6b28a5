"""Event claims kept in memory: the fallback when no storage can decide.

Keys are dropped oldest first once expired, so expiry only looks at the oldest entries and
a claim costs O(1) amortised, whatever the size (a key with a shorter time to live than
older ones is still judged by its own expiry).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

MAX_KEYS = 100_000


class MemoryClaims:
    """``claim(key)`` is True the first time ``key`` is seen within ``ttl_s`` seconds."""

    def __init__(
        self,
        max_keys: int = MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._expiry: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()
        self._max_keys = max_keys
        self._clock = clock

    def claim(self, key: str, ttl_s: float = 3600) -> bool:
        now = self._clock()
        with self._lock:
            self._expire(now)
            until = self._expiry.get(key)
            if until is not None and until > now:
                return False
            self._expiry[key] = now + ttl_s
            self._expiry.move_to_end(key)
            if len(self._expiry) > self._max_keys:
                self._expiry.popitem(last=False)
            return True

    def seen(self, key: str) -> bool:
        now = self._clock()
        with self._lock:
            self._expire(now)
            return self._expiry.get(key, now) > now

    def pending(self) -> list[tuple[str, float]]:
        """The live claims and the seconds each has left, oldest first."""
        now = self._clock()
        with self._lock:
            self._expire(now)
            return [(key, until - now) for key, until in self._expiry.items()]

    def forget(self, key: str) -> None:
        with self._lock:
            self._expiry.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._expiry)

    def _expire(self, now: float) -> None:
        while self._expiry:
            key, until = next(iter(self._expiry.items()))
            if until > now:
                return
            del self._expiry[key]
