"""Persistent storage of interactions, feedback and claimed event ids (SQLAlchemy Core).

``open_storage()`` reads ``DATABASE_URL`` (default: a local SQLite file) and returns a
``SqlStorage`` that implements the ``bot.app.service.Storage`` port.
"""

from __future__ import annotations

from bot.storage.sql import SqlStorage, open_storage
from bot.storage.url import database_url_from_env, display_url

__all__ = ["SqlStorage", "database_url_from_env", "display_url", "open_storage"]
