"""A PostgreSQL server for the test session, shared by tests/storage and tests/server.

``ROLEBOT_TEST_POSTGRES_URL`` wins when set. Otherwise ``scripts/postgres.sh`` starts a
throwaway cluster on 127.0.0.1 for the session (started once, stopped when the last user
releases it) when ``ROLEBOT_TEST_POSTGRES=require`` or ``CI`` is set (installing PostgreSQL
if needed; failing to start is then an error) or when PostgreSQL is installed. Otherwise,
or with ``ROLEBOT_TEST_POSTGRES=skip``, the PostgreSQL variants of the tests skip.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine

from bot.storage import schema
from bot.storage.url import normalise_url

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "postgres.sh"

_state: dict[str, object] = {"users": 0, "url": None, "dir": None, "error": None}


def _installed() -> bool:
    return bool(shutil.which("initdb") or glob.glob("/usr/lib/postgresql/*/bin/initdb"))


def acquire() -> str | None:
    """The URL of a PostgreSQL database for tests, or None (with ``reason()``)."""
    if os.environ.get("ROLEBOT_TEST_POSTGRES_URL"):
        return os.environ["ROLEBOT_TEST_POSTGRES_URL"]
    _state["users"] = int(_state["users"]) + 1  # type: ignore[call-overload]
    if _state["url"] or _state["error"]:
        return _state["url"]  # type: ignore[return-value]
    mode = os.environ.get("ROLEBOT_TEST_POSTGRES", "").strip().lower()
    required = mode == "require" or bool(os.environ.get("CI"))
    if mode == "skip":
        _state["error"] = "ROLEBOT_TEST_POSTGRES=skip"
        return None
    if not (required or _installed()):
        _state["error"] = (
            "PostgreSQL not installed (README.md, 'A local PostgreSQL for tests': "
            "ROLEBOT_TEST_POSTGRES)"
        )
        return None
    folder = tempfile.mkdtemp(prefix="rolebot-pg-test-")
    done = subprocess.run(
        [str(SCRIPT), "start", folder], capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        _state["error"] = f"scripts/postgres.sh start failed: {done.stderr.strip()[-500:]}"
        if required:
            raise RuntimeError(_state["error"])
        return None
    _state["url"] = done.stdout.strip().splitlines()[-1]
    _state["dir"] = folder
    return _state["url"]  # type: ignore[return-value]


def reason() -> str:
    return str(_state["error"] or "PostgreSQL unavailable")


def release() -> None:
    if os.environ.get("ROLEBOT_TEST_POSTGRES_URL"):
        return
    _state["users"] = int(_state["users"]) - 1  # type: ignore[call-overload]
    if int(_state["users"]) <= 0 and _state["dir"]:  # type: ignore[call-overload]
        subprocess.run([str(SCRIPT), "stop", str(_state["dir"])], timeout=120, check=False)
        _state.update(url=None, dir=None)


def wipe(url: str) -> None:
    """Drop the bot's tables so that each test starts from an empty database."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as conn:
            schema.metadata.drop_all(conn)
    finally:
        engine.dispose()
