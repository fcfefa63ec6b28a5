"""Fixtures for the robustness tests: the engine, fake Slack and Teams services."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.app.bootstrap import load_engine
from bot.core.engine import Engine
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.teams_connector import FakeConnector


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load_engine()


@pytest.fixture(scope="module")
def fake_slack() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as fake:
        yield fake


@pytest.fixture(scope="module")
def connector() -> Iterator[FakeConnector]:
    with FakeConnector() as fake:
        yield fake


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The hostile-traffic suite's figures, when it ran."""
    from tests.robustness.hostile import FIGURES

    if FIGURES:
        terminalreporter.write_sep("-", "hostile traffic figures")
        for name in sorted(FIGURES):
            terminalreporter.write_line(f"{name}: {FIGURES[name]}")
