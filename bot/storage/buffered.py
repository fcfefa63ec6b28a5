"""Write-behind storage: answers never wait for the database to record them.

``BufferedStorage`` wraps a ``SqlStorage``. ``record_interaction`` and ``record_feedback``
only queue the row; a writer thread inserts queued rows in batches. While the database is
down the rows wait in the (bounded) queue and are written when it comes back; rows that
do not fit, or that the database rejects, are logged and counted. ``claim_event`` and
``ping`` go straight to the database: deduplication must be decided before replying.

While the database is unreachable, claims are decided in memory and remembered; once it
answers again (the writer thread tries every ``retry_after_s``), they are written to it
before anything else, so that a retry delivered to another replica after the outage is
still recognised. ``state()`` says what readiness reports: reachable, writable, queued rows,
claims waiting for the database, the last error.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

from bot.app.claims import MemoryClaims
from bot.app.service import Feedback, Interaction
from bot.storage.sql import UNAVAILABLE_ERRORS, SqlStorage, StorageUnavailable, short_error

log = logging.getLogger(__name__)

Item = Interaction | Feedback
_STOP = object()


class BufferedStorage:
    """The ``Storage`` port with queued writes (see module docstring)."""

    def __init__(
        self,
        storage: SqlStorage,
        *,
        on_error: Callable[[str], None] | None = None,
        max_queue: int = 10_000,
        batch_size: int = 200,
    ) -> None:
        self.storage = storage
        self._on_error = on_error
        self._queue: queue.Queue[object] = queue.Queue(maxsize=max_queue)
        self._batch_size = batch_size
        self._pending = 0
        self._idle = threading.Condition()
        self._closing = threading.Event()
        self._outage_claims = MemoryClaims()
        self._sync_lock = threading.Lock()
        self._last_error: str | None = None
        self._writable: bool | None = None
        self._reachable: bool | None = None
        self._thread = threading.Thread(target=self._run, name="rolebot-storage", daemon=True)
        self._thread.start()

    @property
    def backend(self) -> str:
        return self.storage.backend

    @property
    def display_url(self) -> str:
        return self.storage.display_url

    # -- the Storage port -------------------------------------------------------------------

    def claim_event(self, key: str, ttl_seconds: int = 3600) -> bool:
        if self._outage_claims.seen(key):
            return False  # claimed here while the database was down, not yet written to it
        try:
            claimed = self.storage.claim_event(key, ttl_seconds)
        except (StorageUnavailable, *UNAVAILABLE_ERRORS) as exc:
            self._failed(exc)
            log.warning("storage unavailable, event claimed in memory: %s", short_error(exc))
            self._error("claim_event")
            return self._outage_claims.claim(key, ttl_seconds)
        self._reachable = True
        if len(self._outage_claims):
            self.sync_claims()
        return claimed

    def record_interaction(self, interaction: Interaction) -> None:
        self._put(interaction, "record_interaction")

    def record_feedback(self, feedback: Feedback) -> None:
        self._put(feedback, "record_feedback")

    def ping(self) -> bool:
        reachable = self.storage.ping()
        self._reachable = reachable
        if reachable and len(self._outage_claims):
            self.sync_claims()
        return reachable

    def shares_claims(self) -> bool:
        """False since the last operation found the database unreachable (no I/O)."""
        return self._reachable is not False

    def state(self) -> dict[str, object]:
        """What readiness reports about storage (from the last operations; no I/O)."""
        return {
            "backend": self.backend,
            "reachable": self._reachable,
            "writable": self._writable,
            "queued_rows": max(0, self._pending),
            "claims_awaiting_storage": len(self._outage_claims),
            "last_error": self._last_error,
        }

    @property
    def queued(self) -> int:
        return max(0, self._pending)

    def sync_claims(self) -> int:
        """Write the claims made in memory during an outage; returns how many are left."""
        if not self._sync_lock.acquire(blocking=False):
            return len(self._outage_claims)
        try:
            for key, left in self._outage_claims.pending():
                try:
                    self.storage.claim_event(key, max(1, round(left)))
                except Exception as exc:
                    self._failed(exc)
                    break
                self._outage_claims.forget(key)
            left_over = len(self._outage_claims)
            if not left_over:
                log.info("storage back: event claims made during the outage are written")
            return left_over
        finally:
            self._sync_lock.release()

    def _failed(self, exc: BaseException) -> None:
        self._last_error = short_error(exc)
        if isinstance(exc, (StorageUnavailable, *UNAVAILABLE_ERRORS)):
            self._reachable = False

    # -- control -----------------------------------------------------------------------------

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Wait until every queued row is written (or dropped); False on timeout."""
        deadline = time.monotonic() + timeout_s
        with self._idle:
            while self._pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._idle.wait(remaining)
        return True

    def close(self, timeout_s: float = 10.0) -> None:
        """Write what is queued (one attempt, up to ``timeout_s``), stop the writer."""
        self._closing.set()  # from now on a failed write is not retried
        if not self.flush(timeout_s):
            log.error("storage: %d rows not written at shutdown", self._pending)
        self._queue.put(_STOP)
        self._thread.join(timeout=2.0)
        self.storage.close()

    # -- internals -----------------------------------------------------------------------

    def _put(self, item: Item, operation: str) -> None:
        with self._idle:
            self._pending += 1
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            self._done(1)
            log.error("storage: write queue full, %s dropped", operation)
            self._error(operation)

    def _done(self, count: int) -> None:
        with self._idle:
            self._pending -= count
            if self._pending <= 0:
                self._idle.notify_all()

    def _error(self, operation: str) -> None:
        if self._on_error is not None:
            self._on_error(operation)

    def _run(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=self.storage.retry_after_s)
            except queue.Empty:
                if len(self._outage_claims):
                    self.sync_claims()
                continue
            if first is _STOP:
                return
            batch = [first]
            while len(batch) < self._batch_size:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    self._queue.put(_STOP)
                    break
                batch.append(item)
            self._write(batch)  # type: ignore[arg-type]
            self._done(len(batch))

    def _write(self, batch: list[Item]) -> None:
        interactions = [i for i in batch if isinstance(i, Interaction)]
        feedback = [f for f in batch if isinstance(f, Feedback)]
        while True:
            try:
                if len(self._outage_claims):
                    self.sync_claims()
                self.storage.write_batch(interactions, feedback)
                self._writable = True
                self._last_error = None
                return
            except (StorageUnavailable, *UNAVAILABLE_ERRORS) as exc:
                self._writable = False
                self._failed(exc)
                # Keep the rows and try again once the database may be back, unless
                # shutting down or the queue is backing up (then count them as lost).
                if self._queue.full() or self._closing.is_set():
                    log.error("storage unavailable, %d rows lost: %s", len(batch), short_error(exc))
                    break
                log.warning(
                    "storage unavailable, retrying %d rows: %s", len(batch), short_error(exc)
                )
                self._closing.wait(self.storage.retry_after_s)
            except Exception as exc:
                self._writable = False
                self._failed(exc)
                log.error("storage rejected %d rows: %s", len(batch), short_error(exc))
                break
        for _ in interactions:
            self._error("record_interaction")
        for _ in feedback:
            self._error("record_feedback")
