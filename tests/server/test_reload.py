"""Hot reload: a change is picked up, a broken file is rejected and the old knowledge serves."""

from __future__ import annotations

import asyncio
import shutil
import signal
from functools import partial
from pathlib import Path

import pytest
from serverkit import get_json

from bot.app.bootstrap import load_engine
from bot.app.reload import EngineHolder

ROOT = Path(__file__).resolve().parents[2]
NEW_EXAMPLE = "      - what on earth does the PMO analyst spend the week on\n"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    knowledge = tmp_path / "knowledge"
    intents = tmp_path / "intents"
    shutil.copytree(ROOT / "knowledge", knowledge)
    shutil.copytree(ROOT / "intents", intents)
    return knowledge, intents


def _holder(knowledge: Path, intents: Path) -> EngineHolder:
    holder = EngineHolder(partial(load_engine, knowledge, intents), [knowledge, intents])
    holder.load_initial()
    return holder


def _add_example(intents: Path) -> None:
    path = intents / "questions.en.yml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - intent: responsibilities\n    examples: |\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + NEW_EXAMPLE), encoding="utf-8")


def _break(intents: Path) -> int:
    """Make questions.en.yml invalid; returns the (1-based) line of the problem."""
    path = intents / "questions.en.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines += ["  - intent: no_such_intent\n", "    examples: |\n", "      - hello\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines) - 2


def test_a_valid_change_is_loaded(folders) -> None:
    holder = _holder(*folders)
    before, digest = holder.current(), holder.digest
    assert not holder.changed()
    _add_example(folders[1])
    assert holder.changed()
    assert holder.reload("test") is True
    assert holder.current() is not before
    assert holder.digest != digest
    assert not holder.changed()


def test_a_broken_file_is_rejected_and_the_previous_engine_keeps_serving(folders, caplog) -> None:
    holder = _holder(*folders)
    engine, version = holder.current(), holder.version
    answer = engine.ask("What is a PMO?")
    line = _break(folders[1])
    with caplog.at_level("ERROR"):
        assert holder.reload("test") is False
    assert holder.current() is engine and holder.version == version
    assert holder.current().ask("What is a PMO?") == answer
    assert holder.last_error and any(
        f"questions.en.yml:{line}" in problem for problem in holder.last_error
    )
    assert f"questions.en.yml:{line}" in caplog.text
    assert not holder.changed()  # not retried until the files change again
    # Fixing the file brings the reload back.
    shutil.copy(ROOT / "intents" / "questions.en.yml", folders[1] / "questions.en.yml")
    assert holder.changed() and holder.reload("fixed") is True
    assert holder.last_error == []


def test_broken_knowledge_is_rejected_too(folders) -> None:
    holder = _holder(*folders)
    engine = holder.current()
    roles = folders[0] / "curated" / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n  - role: [broken\n")
    assert holder.reload("test") is False
    assert holder.current() is engine
    assert any("roles.yaml:" in problem for problem in holder.last_error)


def test_the_watcher_reloads_after_a_file_changes(folders) -> None:
    holder = _holder(*folders)
    digest = holder.digest

    async def scenario() -> str:
        watcher = asyncio.create_task(holder.watch(interval_s=0.05, settle_s=0.05))
        try:
            await asyncio.sleep(0.1)
            _add_example(folders[1])
            for _ in range(600):  # up to a minute on a slow machine
                if holder.digest != digest:
                    break
                await asyncio.sleep(0.1)
            return holder.digest
        finally:
            watcher.cancel()

    assert asyncio.run(scenario()) != digest


def test_serve_reloads_on_change_and_sighup_and_survives_a_broken_file(
    start_server, folders
) -> None:
    knowledge, intents = folders
    server = start_server({"ROLEBOT_INTENTS": str(intents)}, "--knowledge", str(knowledge))
    _, first = get_json(server.url + "/healthz")

    _add_example(intents)
    server.wait_for_log(r"knowledge reloaded \(files changed\)")
    _, second = get_json(server.url + "/healthz")
    assert second["knowledge_digest"] != first["knowledge_digest"]

    mark = len(server.lines)
    server.signal(signal.SIGHUP)
    server.wait_for_log(r"knowledge reloaded \(SIGHUP\)", start=mark)

    line = _break(intents)
    server.wait_for_log(rf"knowledge reload rejected .*questions\.en\.yml:{line}")
    status, third = get_json(server.url + "/healthz")
    assert status == 200 and third["knowledge_reload_failed"] is True
    assert third["knowledge_digest"] == second["knowledge_digest"]
    assert server.stop() == 0
