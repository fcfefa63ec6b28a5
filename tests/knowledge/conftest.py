import shutil
from pathlib import Path

import pytest

from bot.core.model import IntentData
from bot.data.intents_loader import load_intents
from bot.data.paths import default_intents_dir, default_knowledge_dir


@pytest.fixture(scope="session")
def intents() -> IntentData:
    return load_intents(default_intents_dir())


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of the repository's knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), target)
    return target
