"""Fixtures for the Teams tests: the real endpoint under uvicorn and a fake connector."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app.bootstrap import load_engine
from bot.core.engine import Engine
from bot.platforms.teams.settings import TeamsSettings
from tests.fakes.teams_connector import FakeConnector
from tests.platforms.teams.teams_server import RunningTeams, ServeTeams, start_teams

HERE = Path(__file__).parent
# Emitted by the Teams SDK itself for every activity it processes.
SDK_DEPRECATION = "ignore:The bot client is deprecated:DeprecationWarning"
SDK_ENV = (
    "CLIENT_ID",
    "CLIENT_SECRET",
    "TENANT_ID",
    "MANAGED_IDENTITY_CLIENT_ID",
    "ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED",
    "DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS",
    "CLOUD",
    "SERVICE_URL",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.filterwarnings(SDK_DEPRECATION))


@pytest.fixture(autouse=True)
def _no_teams_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Teams SDK reads credentials from the environment: start every test without any."""
    for name in SDK_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load_engine()


@pytest.fixture
def connector() -> Iterator[FakeConnector]:
    with FakeConnector() as fake:
        yield fake


@pytest.fixture
def serve_teams(engine: Engine) -> Iterator[ServeTeams]:
    """Start the Teams endpoint with the given settings; every server is stopped at the end."""
    running: list[RunningTeams] = []

    def start(
        settings: TeamsSettings, sdk_options: dict[str, Any] | None = None, **kw: Any
    ) -> RunningTeams:
        teams = start_teams(engine, settings, sdk_options, **kw)
        running.append(teams)
        return teams

    yield start
    for teams in running:
        teams.stop()


@pytest.fixture
def dev_teams(serve_teams: ServeTeams) -> RunningTeams:
    """The endpoint in local-development mode (no credentials, flag set)."""
    return serve_teams(TeamsSettings(allow_unauthenticated=True))
