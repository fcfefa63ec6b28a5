"""Storage faults the server must survive honestly: a SQLite file deleted while serving, a
full disk that later has room again, and claims made during an outage seen by another
replica afterwards."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from bot.app.service import Interaction
from bot.core.answer import Answer
from bot.storage.buffered import BufferedStorage
from bot.storage.sql import SqlStorage

ANSWER = Answer("q", "en", "define", ("pmo",), 0.9, True, "answer", "t")


def _interaction(i: int) -> Interaction:
    return Interaction("slack", f"question {i}", ANSWER, 0.001)


def _questions(url: str) -> list[str]:
    reader = SqlStorage(url)
    try:
        return [r["question"] for r in reader.interactions()]
    finally:
        reader.close()


def test_a_sqlite_file_deleted_while_serving_is_created_again(tmp_path: Path) -> None:
    path = tmp_path / "rolebot.sqlite3"
    url = f"sqlite:///{path}"
    storage = BufferedStorage(SqlStorage(url, retry_after_s=0.1))
    try:
        storage.record_interaction(_interaction(1))
        assert storage.flush(10)
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{path}{suffix}")
        for i in range(2, 5):
            storage.record_interaction(_interaction(i))
        assert storage.flush(10)
        assert storage.claim_event("after-delete") is True
    finally:
        storage.close()

    assert path.exists(), "the deleted database file was never created again"
    assert _questions(url) == ["question 2", "question 3", "question 4"]


class Switchable(SqlStorage):
    """A real SqlStorage whose database can be made unreachable, as in an outage."""

    down = False

    def _transaction(self):  # type: ignore[override]
        if self.down:
            raise OperationalError("SELECT 1", {}, Exception("connection refused"))
        return super()._transaction()

    def ping(self) -> bool:
        return False if self.down else super().ping()


def test_a_claim_made_during_an_outage_is_seen_by_another_replica_after_it(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    first_sql = Switchable(url, retry_after_s=0.1)
    first = BufferedStorage(first_sql)
    second = BufferedStorage(SqlStorage(url, retry_after_s=0.1))
    try:
        first_sql.down = True
        assert first.claim_event("Ev-outage") is True  # answered during the outage
        assert first.claim_event("Ev-outage") is False
        first_sql.down = False
        assert first.ping() is True  # the database is back: the claim is written
        assert first.state()["claims_awaiting_storage"] == 0

        assert second.claim_event("Ev-outage") is False  # the retry reaches the other replica
    finally:
        first.close()
        second.close()


def test_outage_claims_are_written_by_the_writer_without_any_other_call(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    sql = Switchable(url, retry_after_s=0.1)
    first = BufferedStorage(sql)
    second = BufferedStorage(SqlStorage(url))
    try:
        sql.down = True
        assert first.claim_event("Ev-quiet") is True
        sql.down = False
        deadline = time.monotonic() + 5
        while first.state()["claims_awaiting_storage"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert second.claim_event("Ev-quiet") is False
    finally:
        first.close()
        second.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs (needs root and mount; skipped where the machine does not allow it)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_disk_is_reported_and_rows_are_written_once_there_is_room(
    small_disk: Path,
) -> None:
    url = f"sqlite:///{small_disk / 'rolebot.sqlite3'}"
    storage = BufferedStorage(SqlStorage(url, retry_after_s=0.2))
    filler = small_disk / "filler"
    try:
        storage.record_interaction(_interaction(0))
        assert storage.flush(10)
        # Fill the disk to the last block.
        with contextlib.suppress(OSError), open(filler, "wb") as out:
            while True:
                out.write(os.urandom(64 * 1024))
                out.flush()
        big = "x" * 3000
        for i in range(1, 200):
            storage.record_interaction(Interaction("slack", f"{i} {big}", ANSWER, 0.001))
        deadline = time.monotonic() + 10
        while storage.state()["writable"] is not False and time.monotonic() < deadline:
            time.sleep(0.05)
        full = storage.state()
        filler.unlink()  # room again
        assert storage.flush(30)
        after = storage.state()
    finally:
        storage.close()

    assert full["writable"] is False and full["queued_rows"] > 0, full
    assert "full" in str(full["last_error"]).lower(), full
    assert after["writable"] is True and after["queued_rows"] == 0, after
    assert len(_questions(url)) == 200


def test_claims_in_memory_stay_fast_with_many_keys() -> None:
    from bot.app.service import AnswerService

    service = AnswerService(lambda: None)  # type: ignore[arg-type,return-value]
    for i in range(30_000):
        service.claim_event(f"k{i}")
    started = time.perf_counter()
    for _ in range(1_000):
        service.claim_event(uuid.uuid4().hex)
    per_claim = (time.perf_counter() - started) / 1_000

    assert per_claim < 0.0005, f"{per_claim * 1000:.2f} ms per claim with 30,000 keys"
