"""Tables. Bump ``SCHEMA_VERSION`` and add a step to ``MIGRATIONS`` when they change."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 2

metadata = MetaData()

# SQLite only auto-increments an ``INTEGER PRIMARY KEY``.
_Id = BigInteger().with_variant(Integer(), "sqlite")

interactions = Table(
    "interactions",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(), nullable=False),
    Column("platform", String(32), nullable=False),
    Column("language", String(8), nullable=False),
    Column("intent", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("roles", String(512), nullable=False),  # contract role ids, comma-separated
    Column("confidence", Float(), nullable=False),
    Column("answered", Boolean(), nullable=False),
    Column("latency_ms", Float(), nullable=False),
    Column("question", Text(), nullable=True),  # NULL when ROLEBOT_STORE_TEXT=0
    Column("request_id", String(128), nullable=True),
    Index("ix_interactions_created_at", "created_at"),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(), nullable=False),
    Column("platform", String(32), nullable=False),
    Column("helpful", Boolean(), nullable=False),
    Column("reason", Text(), nullable=True),
    Column("intent", String(64), nullable=False),
    Column("roles", String(512), nullable=False),
    Column("question", Text(), nullable=True),
    # platform:user:answer; one row per vote (a later vote replaces it). NULL: not a vote.
    Column("vote_key", String(255), nullable=True),
    Index("ix_feedback_created_at", "created_at"),
    Index("ux_feedback_vote_key", "vote_key", unique=True),
)

events = Table(
    "events",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("expires_at", DateTime(), nullable=False),
    Index("ix_events_expires_at", "expires_at"),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer(), primary_key=True, autoincrement=False),
    Column("applied_at", DateTime(), nullable=False),
)


# version -> step that brings a database from version - 1 to it. Version 1 is the
# initial ``create_all``; later steps add columns or tables with ``ALTER``/``CREATE``.
def _add_vote_key(conn: Connection) -> None:
    """Version 2: feedback counts once per user and answer."""
    conn.exec_driver_sql("ALTER TABLE feedback ADD COLUMN vote_key VARCHAR(255)")
    conn.exec_driver_sql("CREATE UNIQUE INDEX ux_feedback_vote_key ON feedback (vote_key)")


MIGRATIONS: dict[int, Callable[[Connection], None]] = {2: _add_vote_key}
