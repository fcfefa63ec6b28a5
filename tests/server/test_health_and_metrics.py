"""GET /healthz and GET /metrics on the real ASGI app, and what answering does to metrics."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

import bot
from bot.app.bootstrap import build_runtime
from bot.app.service import Feedback
from bot.server.app import ServerSettings, create_app


def _settings(url: str, **kw: object) -> ServerSettings:
    base = ServerSettings.from_env({}, database_url=url)
    return ServerSettings(**{**base.__dict__, "watch": False, **kw})  # type: ignore[arg-type]


@pytest.fixture
def runtime(tmp_path: Path):
    rt = build_runtime(_settings(f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    yield rt
    rt.close()


def test_healthz_reports_knowledge_storage_and_version(runtime) -> None:
    with TestClient(create_app(runtime, environ={})) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["version"] == bot.__version__
    assert body["knowledge_loaded"] is True
    assert body["knowledge_version"] == runtime.service.engine.version
    assert body["storage_backend"] == "sqlite"
    assert body["storage_reachable"] is True
    assert (body["slack"], body["teams"]) == ("off", "off")


def test_unreachable_storage_is_reported_but_keeps_the_replica_ready(tmp_path: Path) -> None:
    rt = build_runtime(_settings("postgresql://bot:pw@127.0.0.1:9/nowhere"))
    try:
        with TestClient(create_app(rt, environ={})) as client:
            ready = client.get("/readyz")
            health = client.get("/healthz")
            alive = client.get("/livez")
            # ... while answers are still served.
            answer = rt.service.answer("What is a PMO?", platform="slack")
    finally:
        rt.close()
    for response in (ready, health):
        assert response.status_code == 200
        assert response.json()["status"] == "ok"
        assert response.json()["storage_reachable"] is False
        assert response.json()["storage"]["reachable"] is False
    assert alive.status_code == 200 and alive.json()["status"] == "alive"
    assert answer.answered


def test_readiness_fails_while_no_knowledge_is_loaded(runtime) -> None:
    runtime.holder._engine = None  # as before the first load succeeded
    with TestClient(create_app(runtime, environ={})) as client:
        ready, alive = client.get("/readyz"), client.get("/livez")
    assert ready.status_code == 503
    assert alive.status_code == 200


def test_metrics_count_questions_answers_abstentions_feedback_and_latency(runtime) -> None:
    engine = runtime.service.engine
    answered_q = "What is the difference between a PMO and a project manager?"
    abstain_q = "what is the best pizza topping"
    assert engine.ask(answered_q).answered and not engine.ask(abstain_q).answered
    with TestClient(create_app(runtime, environ={})) as client:
        runtime.service.answer(answered_q, platform="slack")
        runtime.service.answer(answered_q, platform="teams")
        runtime.service.answer(abstain_q, platform="slack")
        runtime.service.record_feedback(Feedback("slack", False, answered_q, "compare", ("pmo",)))
        client.get("/healthz")
        text = client.get("/metrics").text
    intent = engine.ask(answered_q).intent
    abstain_intent = engine.ask(abstain_q).intent
    assert 'rolebot_questions_total{platform="slack"} 2.0' in text
    assert 'rolebot_questions_total{platform="teams"} 1.0' in text
    assert (
        f'rolebot_answers_total{{answered="true",intent="{intent}",platform="slack"}} 1.0' in text
    )
    assert (
        f'rolebot_answers_total{{answered="false",intent="{abstain_intent}",platform="slack"}} 1.0'
        in text
    )
    assert 'rolebot_abstentions_total{platform="slack"} 1.0' in text
    assert 'rolebot_feedback_total{helpful="false",intent="compare",platform="slack"} 1.0' in text
    assert 'rolebot_answer_latency_seconds_count{platform="slack"} 2.0' in text
    assert 'rolebot_http_requests_total{route="/healthz",status="200"} 1.0' in text
    assert f'rolebot_knowledge_info{{version="{engine.version}"}} 1.0' in text


def test_storage_errors_are_counted_and_answers_still_sent(tmp_path: Path) -> None:
    rt = build_runtime(_settings("postgresql://bot:pw@127.0.0.1:9/nowhere"))
    try:
        with TestClient(create_app(rt, environ={})) as client:
            assert rt.service.claim_event("Ev1") is True
            assert rt.service.claim_event("Ev1") is False  # decided in memory, no storage call
            assert rt.service.answer("What is a PMO?", platform="slack").answered
            text = client.get("/metrics").text
    finally:
        rt.close()
    assert 'rolebot_storage_errors_total{operation="claim_event"} 1.0' in text


def test_request_ids_are_echoed_or_created(runtime) -> None:
    with TestClient(create_app(runtime, environ={})) as client:
        given = client.get("/healthz", headers={"x-request-id": "abc-123"})
        bad = client.get("/healthz", headers={"x-request-id": "<script>"})
        fresh = client.get("/metrics")
    assert given.headers["x-request-id"] == "abc-123"
    assert bad.headers["x-request-id"] != "<script>" and bad.headers["x-request-id"]
    assert fresh.headers["x-request-id"]


def test_chat_endpoints_exist_only_when_configured(runtime) -> None:
    with TestClient(create_app(runtime, environ={})) as client:
        assert client.post("/slack/events", content=b"{}").status_code == 404
        assert client.post("/api/messages", content=b"{}").status_code == 404
        assert client.get("/nope").status_code == 404
        assert 'route="other",status="404"' in client.get("/metrics").text


def test_teams_endpoint_is_served_when_configured(runtime) -> None:
    env = {"ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED": "1"}
    with TestClient(create_app(runtime, environ=env)) as client:
        health = client.get("/healthz").json()
        malformed = client.post(
            "/api/messages", content=b"{not json", headers={"content-type": "application/json"}
        )
    assert health["teams"] == "on (unauthenticated, development only)"
    assert health["slack"] == "off"
    assert 400 <= malformed.status_code < 500


def test_slack_endpoint_is_served_when_configured(runtime) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_SIGNING_SECRET": "s" * 32}
    with TestClient(create_app(runtime, environ=env)) as client:
        health = client.get("/healthz").json()
        unsigned = client.post("/slack/events", content=b"{}")
    assert (health["slack"], health["teams"]) == ("http", "off")
    assert unsigned.status_code == 401


def test_half_configured_slack_is_refused(runtime) -> None:
    from bot.server.app import PlatformConfigError

    with pytest.raises(PlatformConfigError, match="partly configured"):
        create_app(runtime, environ={"SLACK_SIGNING_SECRET": "s" * 32})


def test_a_failing_socket_mode_connection_blocks_neither_start_nor_stop(
    runtime, fake_slack
) -> None:
    fake_slack.responses["apps.connections.open"] = {"ok": False, "error": "invalid_auth"}
    env = {
        "SLACK_BOT_TOKEN": "xoxb-1-2-abc",
        "SLACK_APP_TOKEN": "xapp-1-A1-2-def",
        "SLACK_API_URL": fake_slack.api_url,
    }
    with TestClient(create_app(runtime, environ=env)) as client:
        fake_slack.wait_for("apps.connections.open")
        response = client.get("/healthz")
    assert response.status_code == 200  # the connection is retried; answers still flow
    assert response.json()["slack"] == "socket"


def test_metrics_time_acknowledgements_and_show_queues_without_created_series(runtime) -> None:
    with TestClient(create_app(runtime, environ={})) as client:
        client.get("/livez")
        client.get("/readyz")
        text = client.get("/metrics").text
    assert 'rolebot_ack_latency_seconds_count{route="/readyz"} 1.0' in text
    assert "rolebot_storage_queue_rows 0.0" in text
    assert "# TYPE rolebot_pending_replies gauge" in text
    assert "_created" not in text
