import pytest

from bot.app.bootstrap import load_engine
from bot.core.engine import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load_engine()
