"""Database URLs: the default SQLite file, driver mapping and password-free display."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import URL, make_url

DEFAULT_SQLITE_PATH = Path("var") / "rolebot.sqlite3"


def database_url_from_env(environ: Mapping[str, str] | None = None) -> str:
    """``$DATABASE_URL``, else a SQLite file under ``$ROLEBOT_DATA_DIR`` (default ``./var``)."""
    env = os.environ if environ is None else environ
    if env.get("DATABASE_URL"):
        return env["DATABASE_URL"]
    data_dir = Path(env["ROLEBOT_DATA_DIR"]) if env.get("ROLEBOT_DATA_DIR") else Path("var")
    return f"sqlite:///{data_dir / DEFAULT_SQLITE_PATH.name}"


def normalise_url(url: str | URL) -> URL:
    """Parse ``url`` and pick the installed drivers (psycopg 3 for PostgreSQL)."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.drivername in ("postgres", "postgresql", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def backend_name(url: str | URL) -> str:
    """``sqlite`` or ``postgresql`` (the dialect, without driver)."""
    return normalise_url(url).get_backend_name()


def display_url(url: str | URL) -> str:
    """The URL with any password masked, safe to log."""
    try:
        return normalise_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL may still hold a secret: show nothing of it
        return "<unparseable database URL>"


def url_password(url: str) -> str | None:
    """The password in ``url`` (so that logs can redact it), if any."""
    try:
        return make_url(url).password or None
    except Exception:
        return None


def ensure_sqlite_folder(url: URL) -> None:
    """Create the folder of a file-based SQLite database."""
    database = url.database
    if (
        url.get_backend_name() == "sqlite"
        and database
        and database != ":memory:"
        and not database.startswith("file:")
    ):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
