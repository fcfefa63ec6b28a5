"""Write-behind storage: answers do not wait, rows survive a short outage, losses are counted."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from bot.app.service import Feedback, Interaction
from bot.core.answer import Answer
from bot.storage.buffered import BufferedStorage
from bot.storage.sql import SqlStorage

ANSWER = Answer("q", "en", "define", ("pmo",), 0.9, True, "answer", "t")


def _interaction(i: int) -> Interaction:
    return Interaction("slack", f"question {i}", ANSWER, 0.001)


def test_rows_are_written_in_the_background(database_url: str) -> None:
    errors: list[str] = []
    storage = BufferedStorage(SqlStorage(database_url), on_error=errors.append)
    for i in range(500):
        storage.record_interaction(_interaction(i))
    storage.record_feedback(Feedback("slack", True, "question 1", "define", ("pmo",)))
    assert storage.flush(timeout_s=60)
    sql = storage.storage
    assert [r["question"] for r in sql.interactions()] == [f"question {i}" for i in range(500)]
    assert len(sql.feedback()) == 1
    assert errors == []
    assert storage.claim_event("k") is True and storage.claim_event("k") is False
    storage.close()


def test_rows_wait_through_a_locked_database_and_are_written_after(tmp_path: Path) -> None:
    path = tmp_path / "rolebot.sqlite3"
    sql = SqlStorage(f"sqlite:///{path}", timeout_s=0.2, retry_after_s=0.2)
    errors: list[str] = []
    storage = BufferedStorage(sql, on_error=errors.append)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holding the write lock for a while
    try:
        for i in range(20):
            storage.record_interaction(_interaction(i))
        assert storage.flush(timeout_s=1.0) is False  # still waiting for the lock
    finally:
        blocker.execute("COMMIT")
        blocker.close()
    assert storage.flush(timeout_s=60)
    assert len(sql.interactions()) == 20
    assert errors == []
    storage.close()


def test_rows_that_cannot_be_queued_are_counted_not_blocking(tmp_path: Path) -> None:
    path = tmp_path / "rolebot.sqlite3"
    sql = SqlStorage(f"sqlite:///{path}", timeout_s=0.2, retry_after_s=0.2)
    errors: list[str] = []
    storage = BufferedStorage(sql, on_error=errors.append, max_queue=5, batch_size=1)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        done = threading.Event()

        def produce() -> None:
            for i in range(50):
                storage.record_interaction(_interaction(i))
            done.set()

        threading.Thread(target=produce, daemon=True).start()
        assert done.wait(timeout=60), "recording blocked on a locked database"
    finally:
        blocker.execute("COMMIT")
        blocker.close()
    assert storage.flush(timeout_s=60)
    written = len(sql.interactions())
    assert errors and set(errors) == {"record_interaction"}
    assert written + len(errors) == 50  # every row is either written or counted as lost
    storage.close()
