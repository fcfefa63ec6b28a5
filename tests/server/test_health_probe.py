"""Health checks never take the threads answers run on, even while the database hangs."""

from __future__ import annotations

import asyncio
import threading

from bot.server.health import StorageProbe


class HangingStorage:
    """A storage port whose ping blocks until released, as a hung database does."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.pings = 0
        self._lock = threading.Lock()

    def ping(self) -> bool:
        with self._lock:
            self.pings += 1
        self.release.wait(30)
        return True


def test_polling_health_while_the_database_hangs_leaves_the_answer_threads_free() -> None:
    storage = HangingStorage()
    probe = StorageProbe(storage, timeout_s=0.2, cache_s=0.0)

    async def scenario() -> tuple[list[bool | None], int]:
        loop = asyncio.get_running_loop()
        checks = await asyncio.gather(*(probe.check() for _ in range(50)))
        # Answers run on the loop's default executor: it must still take work at once.
        answer = await asyncio.wait_for(loop.run_in_executor(None, lambda: 42), 5)
        return checks, answer

    try:
        checks, answer = asyncio.run(scenario())
    finally:
        storage.release.set()
        probe.close()
    assert answer == 42
    assert checks == [False] * 50  # reported unreachable, not waited for
    assert storage.pings == 1  # one ping in flight at a time, on the probe's own thread
