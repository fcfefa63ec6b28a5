"""While the server runs, what start-up loaded is out of the garbage collector's full passes
(a full pass over the loaded engine stalls every request for tens of milliseconds), and a
knowledge reload settles the new engine the same way."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from bot.app.bootstrap import build_runtime
from bot.server.app import ServerSettings, create_app


def _collected(obj: Any) -> bool:
    """Whether a full collection would walk ``obj`` (frozen objects are in no generation)."""
    return any(o is obj for o in gc.get_objects())


@pytest.fixture
def runtime(tmp_path: Path) -> Any:
    base = ServerSettings.from_env({}, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    rt = build_runtime(ServerSettings(**{**base.__dict__, "watch": False}))  # type: ignore[arg-type]
    yield rt
    rt.close()


def test_the_engine_loaded_at_start_up_is_left_out_of_full_collections(runtime: Any) -> None:
    engine = runtime.holder.current()
    assert _collected(engine)  # before the server starts, like any object

    with TestClient(create_app(runtime, environ={})) as client:
        assert client.get("/livez").status_code == 200
        assert not _collected(engine)
        assert not _collected(engine.knowledge)

    assert _collected(engine)  # given back once the server has stopped


def test_a_reload_settles_the_new_engine_and_lets_the_old_one_go(runtime: Any) -> None:
    with TestClient(create_app(runtime, environ={})):
        old = runtime.holder.current()
        assert runtime.holder.reload("test")
        new = runtime.holder.current()
        assert new is not old
        assert not _collected(new)
        assert not _collected(new.knowledge)
        assert gc.get_freeze_count() > 0


def test_outside_a_server_a_reload_freezes_nothing(runtime: Any) -> None:
    assert runtime.holder.reload("test")
    assert gc.get_freeze_count() == 0
    assert _collected(runtime.holder.current())
