"""Storage tests run against SQLite always and PostgreSQL when one is available."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def _load_pgcluster():
    """One shared module instance, whichever test folder loads it first."""
    name = "rolebot_test_pgcluster"
    if name not in sys.modules:
        path = Path(__file__).resolve().parent / "pgcluster.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


pgcluster = _load_pgcluster()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    url = pgcluster.acquire()
    try:
        yield url
    finally:
        pgcluster.release()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'rolebot.sqlite3'}"
    url = request.getfixturevalue("postgres_url")
    if url is None:
        pytest.skip(pgcluster.reason())
    pgcluster.wipe(url)
    return url
