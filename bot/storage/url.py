"""Database URLs: the default SQLite file, driver mapping and password-free display.

Every form of ``DATABASE_URL`` goes through SQLAlchemy's ``URL`` object: the password in
the user part (encoded or not: an ``@`` left unencoded in it is encoded here, so the URL
also connects as meant) and password-like query parameters (``?password=``,
``?sslpassword=``) are masked when shown and registered as secrets for the logs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, unquote

from sqlalchemy.engine import URL, make_url

DEFAULT_SQLITE_PATH = Path("var") / "rolebot.sqlite3"
SECRET_QUERY_KEYS = frozenset({"password", "passwd", "pass", "pwd", "sslpassword"})
MASK = "***"


def database_url_from_env(environ: Mapping[str, str] | None = None) -> str:
    """``$DATABASE_URL``, else a SQLite file under ``$ROLEBOT_DATA_DIR`` (default ``./var``)."""
    env = os.environ if environ is None else environ
    if env.get("DATABASE_URL"):
        return env["DATABASE_URL"]
    data_dir = Path(env["ROLEBOT_DATA_DIR"]) if env.get("ROLEBOT_DATA_DIR") else Path("var")
    return f"sqlite:///{data_dir / DEFAULT_SQLITE_PATH.name}"


def _encode_user_part(raw: str) -> str:
    """``scheme://user:p@ss@host/db`` -> ``scheme://user:p%40ss@host/db`` (the last ``@``
    before the path ends the user part, as in RFC 3986)."""
    scheme, sep, rest = raw.partition("://")
    if not sep:
        return raw
    cut = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    authority, tail = rest[:cut], rest[cut:]
    if authority.count("@") <= 1:
        return raw
    user_part, _, host = authority.rpartition("@")
    user, colon, password = user_part.partition(":")
    encoded = quote(unquote(user), safe="") + colon + quote(unquote(password), safe="")
    return f"{scheme}://{encoded}@{host}{tail}"


def parse_url(url: str | URL) -> URL:
    """SQLAlchemy's URL for ``url`` (an unencoded ``@`` in the password is encoded first)."""
    return make_url(_encode_user_part(url)) if isinstance(url, str) else url


def normalise_url(url: str | URL) -> URL:
    """Parse ``url`` and pick the installed drivers (psycopg 3 for PostgreSQL)."""
    parsed = parse_url(url)
    if parsed.drivername in ("postgres", "postgresql", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def backend_name(url: str | URL) -> str:
    """``sqlite`` or ``postgresql`` (the dialect, without driver)."""
    return normalise_url(url).get_backend_name()


def display_url(url: str | URL) -> str:
    """The URL with its password and password-like query parameters masked, safe to log."""
    try:
        parsed = normalise_url(url)
        hidden = {k: MASK for k in parsed.query if k.lower() in SECRET_QUERY_KEYS}
        if hidden:
            parsed = parsed.update_query_dict(hidden)
        return unquote(parsed.render_as_string(hide_password=True))
    except Exception:  # an unparseable URL may still hold a secret: show nothing of it
        return "<unparseable database URL>"


def url_secrets(url: str | URL) -> list[str]:
    """Every secret ``url`` holds, as written and decoded (so that logs can mask them)."""
    try:
        parsed = parse_url(url)
    except Exception:
        return [str(url)] if url else []
    values: list[str] = []
    if parsed.password:
        values.append(str(parsed.password))
    for key, value in parsed.query.items():
        if key.lower() in SECRET_QUERY_KEYS:
            values.extend([value] if isinstance(value, str) else list(value))
    return sorted({form for v in values if v for form in (v, quote(v, safe=""))})


def url_password(url: str) -> str | None:
    """The password in ``url``, if any."""
    try:
        return parse_url(url).password or None
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
