"""Conversations through a third platform, in process: the seam serves a platform the server
module has never heard of, and the behaviour every platform shares holds without HTTP."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from bot.app.bootstrap import build_runtime
from bot.app.runtime import Runtime, ServerSettings
from bot.platforms.registry import PLATFORMS
from bot.platforms.strings import label
from bot.server.app import create_app
from tests.platforms.inprocess.backend import ENV, TestBackend, TestBackendKind

QUESTION = "What is the difference between a PMO and a project manager?"


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    base = ServerSettings.from_env({}, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    rt = build_runtime(ServerSettings(**{**base.__dict__, "watch": False}))
    yield rt
    rt.close()


@pytest.fixture
def served(runtime: Runtime) -> Iterator[tuple[TestBackend, TestClient]]:
    kind = TestBackendKind()
    app = create_app(runtime, environ={ENV: "1"}, platform_kinds=(*PLATFORMS, kind))
    with TestClient(app) as client:
        assert kind.platform is not None
        yield kind.platform, client


def test_the_server_serves_and_reports_a_platform_it_does_not_name(served) -> None:
    backend, client = served
    health = client.get("/healthz").json()
    assert (health["test"], health["slack"], health["teams"]) == ("in-process", "off", "off")
    assert backend.started


def test_a_platform_not_configured_is_off(runtime: Runtime) -> None:
    kind = TestBackendKind()
    with TestClient(create_app(runtime, environ={}, platform_kinds=(*PLATFORMS, kind))) as client:
        assert client.get("/healthz").json()["test"] == "off"
    assert kind.platform is None


def test_a_question_is_answered_with_its_sources_and_recorded(served, runtime) -> None:
    backend, _ = served
    reply = backend.say(QUESTION)
    expected = runtime.service.engine.ask(QUESTION)
    assert reply.answer == expected
    assert expected.title in reply.text and "Sources" in reply.text
    runtime.storage.flush()
    [row] = runtime.storage.storage.interactions()
    assert (row["platform"], row["question"]) == ("test", QUESTION)


def test_showing_quotes_is_not_a_new_question(served, runtime) -> None:
    backend, _ = served
    reply = backend.say(QUESTION)
    quotes = backend.show_quotes(reply)
    assert reply.answer.sources and reply.answer.sources[0].quote in quotes
    runtime.storage.flush()
    assert len(runtime.storage.storage.interactions()) == 1


def test_a_vote_counts_once_per_user_and_answer_and_a_reason_joins_it(served, runtime) -> None:
    backend, _ = served
    reply = backend.say(QUESTION)
    for _ in range(3):
        assert backend.vote(reply, helpful=True) == label("thanks", "en")
    backend.vote(reply, helpful=False)
    backend.vote(reply, helpful=False, reason="unclear")
    backend.vote(reply, helpful=True, user="U2")
    backend.vote(backend.say(QUESTION), helpful=True)  # the same question again: another answer
    runtime.storage.flush()
    rows = runtime.storage.storage.feedback()
    assert len(rows) == 3
    assert sorted((r["helpful"], r["reason"] or "") for r in rows) == [
        (False, "unclear"),
        (True, ""),
        (True, ""),
    ]


def test_an_empty_message_gets_the_help_in_the_users_language(runtime: Runtime) -> None:
    kind = TestBackendKind(language="fr")
    app = create_app(runtime, environ={ENV: "1"}, platform_kinds=(*PLATFORMS, kind))
    with TestClient(app):
        assert kind.platform is not None
        reply = kind.platform.say("")
    assert reply.answer == runtime.service.engine.help_answer("fr")
    assert reply.answer.language == "fr"


def test_its_answers_are_counted_under_its_own_name_in_the_metrics(served) -> None:
    backend, client = served
    backend.say(QUESTION)
    metrics = client.get("/metrics").text
    assert 'rolebot_questions_total{platform="test"} 1.0' in metrics
    assert 'rolebot_pending_replies{platform="test"}' in metrics
    assert 'platform="other"' not in metrics
