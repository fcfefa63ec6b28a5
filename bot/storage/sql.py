"""``SqlStorage``: the ``Storage`` port on SQLAlchemy Core, for SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from bot.app.service import Feedback, Interaction
from bot.storage import schema
from bot.storage.url import (
    database_url_from_env,
    display_url,
    ensure_sqlite_folder,
    normalise_url,
)

log = logging.getLogger(__name__)

# Errors that mean "the database is unreachable or stuck", as opposed to a bad statement.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, PoolTimeoutError)

MAX_QUESTION_CHARS = 4000
MAX_KEY_CHARS = 255
PURGE_EVERY_S = 60.0
_FALSE = {"0", "false", "no", "off"}


class StorageUnavailable(RuntimeError):
    """The database failed recently; calls fail fast until the retry delay has passed."""


def short_error(exc: BaseException) -> str:
    """A one-line description of a database error, without SQL or parameters."""
    cause = getattr(exc, "orig", None) or exc
    first = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    return f"{type(cause).__name__}: {first}" if first else type(cause).__name__


def utcnow() -> datetime:
    """Naive UTC: stored the same way by every backend."""
    return datetime.now(UTC).replace(tzinfo=None)


def clean_text(text: str | None, limit: int) -> str | None:
    """Text every backend accepts: valid UTF-8, no NUL, at most ``limit`` characters."""
    if text is None:
        return None
    text = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
    return text[:limit]


def event_key(key: str) -> str:
    """The stored form of an event key (long keys are hashed to fit the column)."""
    if len(key) <= MAX_KEY_CHARS and key == clean_text(key, MAX_KEY_CHARS):
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


class SqlStorage:
    """Records interactions and feedback, and claims event ids for retry deduplication.

    Every call either completes or raises within about ``timeout_s`` seconds (connect,
    lock and statement timeouts), so a broken database never hangs an answer. After a
    connection failure, calls raise ``StorageUnavailable`` at once for ``retry_after_s``
    seconds instead of waiting for the timeout again; ``ping()`` always really tries.
    The schema is created by the constructor (``create_schema=True``) or, when that is
    deferred, by the first call that reaches the database.

    A SQLite file deleted or replaced while serving is noticed before the next transaction
    (its inode is checked): the connections to the lost file are dropped and the file and
    schema are created again, instead of writing on into a file nobody can see. After any
    connection failure the pool is emptied, so a disk that recovers is written to again.
    """

    def __init__(
        self,
        url: str | URL,
        *,
        store_text: bool = True,
        timeout_s: float = 5.0,
        retry_after_s: float = 5.0,
        create_schema: bool = True,
    ) -> None:
        self.url = normalise_url(url)
        self.backend = self.url.get_backend_name()
        self.store_text = store_text
        self.timeout_s = timeout_s
        self._engine = _create_engine(self.url, timeout_s)
        self.retry_after_s = retry_after_s
        self._purge_lock = threading.Lock()
        self._next_purge = 0.0
        self._schema_ready = False
        self._down_until = 0.0
        self._sqlite_path = _sqlite_file(self.url)
        self._file_id: tuple[int, int] | None = None
        if create_schema:
            self.create_schema()

    @property
    def display_url(self) -> str:
        """The database URL with its password masked."""
        return display_url(self.url)

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def available(self) -> bool:
        """False while failing fast after a connection failure."""
        return time.monotonic() >= self._down_until

    def shares_claims(self) -> bool:
        """Claims made here are the database's (and so every replica's) unless it is down."""
        return self.available

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """A transaction, guarded: fail fast while the database is down; schema first."""
        if not self.available:
            raise StorageUnavailable(f"storage unavailable ({display_url(self.url)})")
        try:
            self._check_file()
            if not self._schema_ready:
                self.create_schema()
            with self._engine.begin() as conn:
                yield conn
        except UNAVAILABLE_ERRORS:
            self._down_until = time.monotonic() + self.retry_after_s
            self._engine.dispose()  # connections that failed are not reused
            raise

    def _check_file(self) -> None:
        """Notice a SQLite file deleted or replaced since the schema was created."""
        if self._sqlite_path is None or self._file_id is None:
            return
        try:
            st = os.stat(self._sqlite_path)
            current: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except OSError:
            current = None
        if current == self._file_id:
            return
        log.error(
            "the SQLite file %s was %s while serving: creating it again",
            self._sqlite_path,
            "deleted" if current is None else "replaced",
        )
        self._engine.dispose()
        self._schema_ready = False
        self._file_id = None
        with contextlib.suppress(OSError):
            ensure_sqlite_folder(self.url)

    def create_schema(self) -> None:
        """Create missing tables and apply pending migrations (safe with several replicas)."""
        with self._engine.begin() as conn:
            if self.backend == "postgresql":
                # Replicas starting together take turns; the lock ends with the transaction.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7277260001)")
            schema.metadata.create_all(conn, checkfirst=True)
            version_table = schema.schema_version
            current = conn.execute(select(func.max(version_table.c.version))).scalar()
            if current is None:
                conn.execute(
                    insert(version_table).values(version=schema.SCHEMA_VERSION, applied_at=utcnow())
                )
                current = schema.SCHEMA_VERSION
            for version in range(current + 1, schema.SCHEMA_VERSION + 1):
                schema.MIGRATIONS[version](conn)
                conn.execute(insert(version_table).values(version=version, applied_at=utcnow()))
                log.info("database migrated to schema version %d", version)
            if current > schema.SCHEMA_VERSION:
                log.warning(
                    "database schema version %d is newer than this release's %d",
                    current,
                    schema.SCHEMA_VERSION,
                )
        self._schema_ready = True
        if self._sqlite_path is not None:
            with contextlib.suppress(OSError):
                st = os.stat(self._sqlite_path)
                self._file_id = (st.st_dev, st.st_ino)

    def schema_version(self) -> int | None:
        with self._engine.connect() as conn:
            version = schema.schema_version.c.version
            return conn.execute(select(func.max(version))).scalar()

    # -- the Storage port -------------------------------------------------------------

    def claim_event(self, key: str, ttl_seconds: int = 3600) -> bool:
        """True for the first claim of ``key`` across every process sharing the database."""
        stored = event_key(key)
        now = utcnow()
        table = schema.events
        with self._transaction() as conn:
            conn.execute(delete(table).where(table.c.key == stored, table.c.expires_at <= now))
            values = {"key": stored, "expires_at": now + timedelta(seconds=ttl_seconds)}
            if self.backend in ("postgresql", "sqlite"):
                dialect = postgresql if self.backend == "postgresql" else sqlite
                stmt = (
                    dialect.insert(table)
                    .values(**values)
                    .on_conflict_do_nothing()
                    .returning(table.c.key)
                )
                claimed = conn.execute(stmt).first() is not None
            else:
                try:
                    with conn.begin_nested():
                        conn.execute(insert(table).values(**values))
                    claimed = True
                except IntegrityError:
                    claimed = False
        self._maybe_purge(now)
        return claimed

    def record_interaction(self, interaction: Interaction) -> None:
        self.write_batch([interaction], [])

    def record_feedback(self, feedback: Feedback) -> None:
        self.write_batch([], [feedback])

    def write_batch(
        self, interactions: Sequence[Interaction], feedback: Sequence[Feedback]
    ) -> None:
        """Insert interactions and feedback in one transaction."""
        with self._transaction() as conn:
            if interactions:
                rows = [self._interaction_row(i) for i in interactions]
                conn.execute(insert(schema.interactions), rows)
            votes = [f for f in feedback if f.vote]
            others = [self._feedback_row(f) for f in feedback if not f.vote]
            if others:
                conn.execute(insert(schema.feedback), others)
            for vote in votes:  # in order: a later vote on the same answer replaces an earlier
                self._upsert_vote(conn, self._feedback_row(vote))

    def _question(self, text: str) -> str | None:
        return clean_text(text, MAX_QUESTION_CHARS) if self.store_text else None

    def _interaction_row(self, interaction: Interaction) -> dict[str, Any]:
        answer = interaction.answer
        return {
            "created_at": utcnow(),
            "platform": clean_text(interaction.platform, 32) or "",
            "language": clean_text(answer.language, 8) or "",
            "intent": clean_text(answer.intent, 64) or "",
            "kind": clean_text(answer.kind, 16) or "",
            "roles": clean_text(",".join(answer.roles), 512) or "",
            "confidence": float(answer.confidence),
            "answered": bool(answer.answered),
            "latency_ms": interaction.latency_s * 1000.0,
            "question": self._question(interaction.question),
            "request_id": clean_text(interaction.request_id, 128),
        }

    def _upsert_vote(self, conn: Connection, row: dict[str, Any]) -> None:
        table = schema.feedback
        if self.backend in ("postgresql", "sqlite"):
            dialect = postgresql if self.backend == "postgresql" else sqlite
            stmt = dialect.insert(table).values(**row)
            replaced = {k: stmt.excluded[k] for k in row if k != "vote_key"}
            conn.execute(stmt.on_conflict_do_update(index_elements=["vote_key"], set_=replaced))
            return
        conn.execute(delete(table).where(table.c.vote_key == row["vote_key"]))
        conn.execute(insert(table).values(**row))

    def _feedback_row(self, feedback: Feedback) -> dict[str, Any]:
        return {
            "created_at": utcnow(),
            "platform": clean_text(feedback.platform, 32) or "",
            "helpful": bool(feedback.helpful),
            "reason": clean_text(feedback.reason, 1000),
            "intent": clean_text(feedback.intent, 64) or "",
            "roles": clean_text(",".join(feedback.roles), 512) or "",
            "question": self._question(feedback.question),
            "vote_key": clean_text(feedback.vote, 255),
        }

    def ping(self) -> bool:
        """True if the database answers (and the schema is in place); never raises."""
        try:
            self._check_file()
            if not self._schema_ready:
                self.create_schema()
            with self._engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except Exception as exc:
            self._down_until = time.monotonic() + self.retry_after_s
            self._engine.dispose()
            log.warning("storage ping failed: %s", type(exc).__name__)
            return False
        self._down_until = 0.0
        return True

    # -- reading, for reports -----------------------------------------------------------

    def interactions(self, since: datetime | None = None) -> list[dict[str, Any]]:
        """Recorded interactions, oldest first (``since``: naive UTC)."""
        return self._rows(schema.interactions, since)

    def feedback(self, since: datetime | None = None) -> list[dict[str, Any]]:
        """Recorded feedback, oldest first (``since``: naive UTC)."""
        return self._rows(schema.feedback, since)

    def _rows(self, table: Any, since: datetime | None) -> list[dict[str, Any]]:
        query = select(table).order_by(table.c.created_at, table.c.id)
        if since is not None:
            query = query.where(table.c.created_at >= since)
        with self._transaction() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    # -- housekeeping ---------------------------------------------------------------------

    def purge_expired_events(self, now: datetime | None = None) -> int:
        table = schema.events
        with self._transaction() as conn:
            result = conn.execute(delete(table).where(table.c.expires_at <= (now or utcnow())))
            return result.rowcount

    def _maybe_purge(self, now: datetime) -> None:
        """Drop expired event ids about once a minute per process; never fails a claim."""
        with self._purge_lock:
            if time.monotonic() < self._next_purge:
                return
            self._next_purge = time.monotonic() + PURGE_EVERY_S
        try:
            self.purge_expired_events(now)
        except Exception as exc:
            log.warning("purging expired event ids failed: %s", type(exc).__name__)

    def close(self) -> None:
        self._engine.dispose()


def _sqlite_file(url: URL) -> Path | None:
    """The file of a file-based SQLite database (None for memory and URI forms)."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database).expanduser().resolve()


def _create_engine(url: URL, timeout_s: float) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, timeout_s)
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        millis = int(timeout_s * 1000)
        connect_args = {
            "connect_timeout": max(1, round(timeout_s)),
            "application_name": "rolebot",
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
        }
        if "options" not in url.query:
            connect_args["options"] = f"-c statement_timeout={millis} -c lock_timeout={millis}"
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        pool_timeout=timeout_s,
        pool_recycle=1800,
        connect_args=connect_args,
    )


def _sqlite_engine(url: URL, timeout_s: float) -> Engine:
    try:
        ensure_sqlite_folder(url)
    except OSError as exc:  # reported when the database is first used; answers go on
        log.error("cannot create the folder of %s: %s", display_url(url), exc)
    in_memory = url.database in (None, "", ":memory:")
    engine = create_engine(url, connect_args={"timeout": timeout_s, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy, not the sqlite3 module, decides where transactions begin (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Take the write lock up front: a deferred transaction that later needs to write
        # can fail at once with "database is locked" instead of waiting its turn.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def store_text_from_env(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get("ROLEBOT_STORE_TEXT", "1").strip().lower() not in _FALSE


def open_storage(
    url: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    store_text: bool | None = None,
    timeout_s: float = 5.0,
) -> SqlStorage:
    """Storage for ``url`` or the environment's ``DATABASE_URL`` (default: local SQLite)."""
    return SqlStorage(
        url or database_url_from_env(environ),
        store_text=store_text_from_env(environ) if store_text is None else store_text,
        timeout_s=timeout_s,
    )
