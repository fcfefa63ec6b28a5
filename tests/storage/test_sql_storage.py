"""SqlStorage against a real database of each backend."""

from __future__ import annotations

import socket
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.app.service import AnswerService, Feedback, Interaction
from bot.core.answer import Answer
from bot.storage import open_storage, schema
from bot.storage.sql import SqlStorage, StorageUnavailable, utcnow


def _answer(question: str, *, answered: bool = True, intent: str = "define") -> Answer:
    return Answer(
        question=question,
        language="en",
        intent=intent,
        roles=("pmo", "project_manager"),
        confidence=0.8 if answered else 0.1,
        answered=answered,
        kind="answer" if answered else "abstain",
        title="t",
    )


def _interaction(question: str, **kw: object) -> Interaction:
    return Interaction("slack", question, _answer(question, **kw), 0.002, request_id="Ev1")  # type: ignore[arg-type]


def test_schema_is_created_once_and_versioned(database_url: str) -> None:
    first = SqlStorage(database_url)
    second = SqlStorage(database_url)  # a second replica starting on the same database
    assert first.schema_version() == schema.SCHEMA_VERSION
    with second.engine.connect() as conn:
        versions = conn.execute(select(func.count()).select_from(schema.schema_version)).scalar()
    assert versions == 1
    assert first.ping() and second.ping()
    first.close()
    second.close()


def test_interactions_and_feedback_round_trip(database_url: str) -> None:
    storage = SqlStorage(database_url)
    storage.record_interaction(_interaction("what is a PMO?"))
    storage.record_interaction(_interaction("weather?", answered=False, intent="out_of_scope"))
    storage.record_feedback(
        Feedback("teams", False, "what is a PMO?", "define", ("pmo",), user="U1", reason="vague")
    )
    rows = storage.interactions()
    assert [r["question"] for r in rows] == ["what is a PMO?", "weather?"]
    assert rows[0]["roles"] == "pmo,project_manager"
    assert rows[0]["answered"] is True and rows[1]["answered"] is False
    assert rows[1]["intent"] == "out_of_scope"
    assert rows[0]["request_id"] == "Ev1"
    assert rows[0]["latency_ms"] == pytest.approx(2.0)
    (fb,) = storage.feedback()
    assert (fb["platform"], fb["helpful"], fb["reason"], fb["intent"], fb["roles"]) == (
        "teams",
        False,
        "vague",
        "define",
        "pmo",
    )
    assert storage.interactions(since=utcnow() + timedelta(minutes=1)) == []
    storage.close()


def test_question_text_is_not_stored_when_disabled(database_url: str) -> None:
    storage = open_storage(database_url, environ={"ROLEBOT_STORE_TEXT": "0"})
    storage.record_interaction(_interaction("my secret project codename?"))
    storage.record_feedback(Feedback("slack", True, "my secret project codename?", "define", ()))
    assert storage.interactions()[0]["question"] is None
    assert storage.interactions()[0]["intent"] == "define"
    assert storage.feedback()[0]["question"] is None
    storage.close()


def test_text_any_user_can_type_is_stored(database_url: str) -> None:
    storage = SqlStorage(database_url)
    nasty = "nul\x00byte, lone \ud800 surrogate, emoji 🎉, RTL \u202e, " + "x" * 10_000
    storage.record_interaction(_interaction(nasty))
    stored = storage.interactions()[0]["question"]
    assert stored.startswith("nulbyte, lone ? surrogate, emoji 🎉")
    assert len(stored) <= 4000
    storage.close()


def test_claim_event_first_claim_wins_until_it_expires(database_url: str) -> None:
    storage = SqlStorage(database_url)
    assert storage.claim_event("slack:Ev1") is True
    assert storage.claim_event("slack:Ev1") is False
    assert storage.claim_event("slack:Ev2") is True
    # An expired claim can be taken again.
    assert storage.claim_event("slack:short", ttl_seconds=0) is True
    assert storage.claim_event("slack:short", ttl_seconds=60) is True
    assert storage.claim_event("slack:short") is False
    # Keys longer than the column are hashed, still deduplicated.
    long_key = "teams:" + "x" * 1000
    assert storage.claim_event(long_key) is True
    assert storage.claim_event(long_key) is False
    assert storage.claim_event(long_key[:-1] + "y") is True
    storage.close()


def test_expired_event_ids_are_purged(database_url: str) -> None:
    storage = SqlStorage(database_url)
    for i in range(5):
        storage.claim_event(f"old{i}", ttl_seconds=0)
    storage.claim_event("fresh", ttl_seconds=3600)
    assert storage.purge_expired_events() >= 5 - 1  # the first claim may have purged one
    with storage.engine.connect() as conn:
        keys = conn.execute(select(schema.events.c.key)).scalars().all()
    assert keys == ["fresh"]
    storage.close()


def test_concurrent_claims_of_one_key_in_threads_give_one_winner(database_url: str) -> None:
    storage = SqlStorage(database_url)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: storage.claim_event("slack:EvRace"), range(40)))
    assert results.count(True) == 1
    storage.close()


def test_sqlite_database_uses_write_ahead_logging(tmp_path) -> None:
    path = tmp_path / "nested" / "folder" / "rolebot.sqlite3"
    storage = SqlStorage(f"sqlite:///{path}")  # the folder is created
    storage.record_interaction(_interaction("q"))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    storage.close()


def test_default_database_is_a_sqlite_file_under_var(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    storage = open_storage(environ={})
    storage.record_interaction(_interaction("q"))
    assert storage.backend == "sqlite"
    assert (tmp_path / "var" / "rolebot.sqlite3").is_file()
    storage.close()


def test_postgres_urls_use_psycopg_and_hide_the_password() -> None:
    storage = SqlStorage("postgresql://bot:s3cr3t-pw@127.0.0.1:1/db", create_schema=False)
    assert storage.url.drivername == "postgresql+psycopg"
    assert "s3cr3t-pw" not in storage.display_url
    assert storage.display_url == "postgresql+psycopg://bot:***@127.0.0.1:1/db"
    storage.close()


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never answers (a hung database)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def test_a_hung_database_raises_instead_of_hanging(silent_server: int) -> None:
    storage = SqlStorage(
        f"postgresql://bot:pw@127.0.0.1:{silent_server}/db", timeout_s=1, create_schema=False
    )
    outcome: dict[str, BaseException] = {}

    def call() -> None:
        try:
            storage.record_interaction(_interaction("q"))
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(timeout=60)  # generous: the point is that it returns at all
    assert not thread.is_alive(), "storage call hung"
    assert "error" in outcome
    # While the database is down, calls fail at once instead of waiting again.
    with pytest.raises(StorageUnavailable):
        storage.claim_event("k")
    assert storage.ping() is False
    storage.close()


def test_service_still_answers_when_the_database_is_down(silent_server: int) -> None:
    from bot.app.bootstrap import load_engine

    storage = SqlStorage(
        f"postgresql://bot:pw@127.0.0.1:{silent_server}/db", timeout_s=1, create_schema=False
    )
    errors: list[str] = []

    class CountErrors:
        def answered(self, interaction: Interaction) -> None: ...

        def feedback(self, feedback: Feedback) -> None: ...

        def storage_error(self, operation: str) -> None:
            errors.append(operation)

    engine = load_engine()
    service = AnswerService(lambda: engine, storage=storage, observer=CountErrors())
    answer = service.answer("What is a PMO?", platform="slack")
    assert answer == engine.ask("What is a PMO?")
    assert service.claim_event("Ev1") is True  # falls back to deduplicating in memory
    assert service.claim_event("Ev1") is False
    assert errors == ["record_interaction", "claim_event", "claim_event"]
    storage.close()


def test_a_later_vote_of_the_same_user_on_the_same_answer_replaces_the_earlier(
    database_url: str,
) -> None:
    storage = SqlStorage(database_url)
    question = "what is a PMO?"

    def vote(helpful: bool, user: str, answer: str, reason: str | None = None) -> Feedback:
        key = f"slack:{user}:{answer}"
        return Feedback("slack", helpful, question, "define", ("pmo",), user, reason, key)

    storage.record_feedback(vote(True, "U1", "A1"))
    storage.record_feedback(vote(True, "U1", "A1"))  # the same click again
    storage.write_batch([], [vote(False, "U1", "A1"), vote(False, "U1", "A1", "unclear")])
    storage.record_feedback(vote(True, "U2", "A1"))  # someone else, same answer
    storage.record_feedback(vote(True, "U1", "A2"))  # the same user, another answer
    storage.record_feedback(Feedback("cli", True, question, "define", ("pmo",)))  # no vote id
    rows = storage.feedback()
    assert len(rows) == 4
    first = next(r for r in rows if r["vote_key"] == "slack:U1:A1")
    assert (first["helpful"], first["reason"]) == (False, "unclear")
    assert sum(r["helpful"] for r in rows) == 3
    storage.close()


def test_a_version_1_database_is_migrated_and_keeps_its_feedback(tmp_path) -> None:
    path = tmp_path / "v1.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            CREATE TABLE feedback (id INTEGER PRIMARY KEY, created_at DATETIME NOT NULL,
              platform VARCHAR(32) NOT NULL, helpful BOOLEAN NOT NULL, reason TEXT,
              intent VARCHAR(64) NOT NULL, roles VARCHAR(512) NOT NULL, question TEXT);
            CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at DATETIME NOT NULL);
            INSERT INTO schema_version VALUES (1, '2026-01-01 00:00:00');
            INSERT INTO feedback VALUES (1, '2026-01-01 00:00:00', 'slack', 1, NULL, 'define',
              'pmo', 'what is a PMO?');
            """
        )
    storage = SqlStorage(f"sqlite:///{path}")
    assert storage.schema_version() == 2
    key = "teams:U1:A1"
    for helpful in (True, False):
        storage.record_feedback(Feedback("teams", helpful, "q", "define", (), "U1", None, key))
    rows = storage.feedback()
    assert [(r["platform"], r["helpful"]) for r in rows] == [("slack", True), ("teams", False)]
    storage.close()
