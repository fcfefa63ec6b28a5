"""``rolebot serve`` as a real process: start-up line, Slack over HTTP, graceful shutdown."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from serverkit import app_mention, get_json, http, signed, slack_env

import bot


def test_serve_starts_reports_what_is_enabled_and_stops_cleanly(start_server, tmp_path) -> None:
    server = start_server({})
    status, health = get_json(server.url + "/healthz")
    assert status == 200 and health["status"] == "ok"
    started = server.wait_for_log(r"rolebot .* started:")
    assert f"rolebot {bot.__version__} started: slack=off teams=off storage=sqlite" in started
    assert f"knowledge={health['knowledge_version']}" in started
    assert "reload=files+SIGHUP" in started
    assert server.stop() == 0
    server.wait_for_log("rolebot stopped")
    assert (tmp_path / "var" / "rolebot.sqlite3").is_file()  # default storage, created


def test_slack_http_reply_in_flight_finishes_on_sigterm(start_server, fake_slack, tmp_path) -> None:
    fake_slack.delays["chat.postMessage"] = 1.5  # the reply is still being sent at SIGTERM
    database = tmp_path / "slack.sqlite3"
    server = start_server(slack_env(fake_slack, DATABASE_URL=f"sqlite:///{database}"))
    body, headers = signed(app_mention("Ev0001", "what is a PMO?"))
    status, _, _ = http("POST", server.url + "/slack/events", body, headers)
    assert status == 200  # acknowledged before the reply is posted
    server.signal(signal.SIGTERM)
    assert server.stop() == 0
    (post,) = fake_slack.called("chat.postMessage")
    assert post["channel"] == "C0CHAN" and post["thread_ts"] == "1700000000.000100"
    assert post["text"]
    # The interaction was recorded before the process exited.
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT platform, request_id, question FROM interactions").fetchall()
    assert rows == [("slack", "Ev0001", "what is a PMO?")]
    server.wait_for_log("rolebot stopped")


def test_json_logs_one_line_per_answer_and_no_secret(start_server, fake_slack, tmp_path) -> None:
    secrets = {
        "SLACK_BOT_TOKEN": "xoxb-30000000001-30000000002-SeCrEtBoTtOkEnVaLuE000",
        "SLACK_SIGNING_SECRET": "5ec7e75ec7e75ec7e75ec7e75ec7e7aa",
        "CLIENT_SECRET": "Teams-Client~Secret.Value-0001",
        "DATABASE_URL": "postgresql://rolebot:Db-Password-0001@127.0.0.1:9/rolebot",
    }
    env = {
        **slack_env(fake_slack),
        **secrets,
        "SLACK_API_URL": fake_slack.api_url,
        "ROLEBOT_LOG_FORMAT": "json",
        "ROLEBOT_ACCESS_LOG": "1",
        # Teams fully configured, so that its secret is in the environment of a running server
        "CLIENT_ID": "00000000-0000-0000-0000-0000000000a1",
        "TENANT_ID": "00000000-0000-0000-0000-0000000000b2",
    }
    server = start_server(env)
    event = app_mention("Ev0002", f"is this my token {secrets['SLACK_BOT_TOKEN']} ?")
    body, headers = signed(event, secrets["SLACK_SIGNING_SECRET"])
    assert http("POST", server.url + "/slack/events", body, headers)[0] == 200
    fake_slack.wait_for("chat.postMessage")
    bad_body, bad_headers = signed(app_mention("Ev0003", "hi"), "wrong-secret")
    assert http("POST", server.url + "/slack/events", bad_body, bad_headers)[0] == 401
    status, health = get_json(server.url + "/readyz")
    assert status == 200 and health["storage_reachable"] is False  # reported, still ready
    server.stop()
    records = [json.loads(line) for line in server.lines if line.strip()]  # every line is JSON
    answered = [r for r in records if r.get("event") == "answered"]
    assert len(answered) == 1 and answered[0]["request_id"] == "Ev0002"
    assert answered[0]["platform"] == "slack"
    started = next(r for r in records if r.get("event") == "started")
    assert "postgresql+psycopg://rolebot:***@127.0.0.1:9/rolebot" in started["message"]
    for value in secrets.values():
        assert value not in server.log
    assert "Db-Password-0001" not in server.log
    assert "SeCrEtBoTtOkEnVaLuE000" not in server.log


def test_bad_platform_configuration_stops_start_up(start_server) -> None:
    server = start_server({"SLACK_SIGNING_SECRET": "only-half-configured"}, ready=False)
    deadline = time.monotonic() + 60
    while server.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.proc.returncode == 2
    server.wait_for_log("cannot start: Slack is partly configured")
    assert "only-half-configured" not in server.log


APP_ID = "00000000-0000-0000-0000-0000000000a1"


def _refused(server) -> list[str]:
    deadline = time.monotonic() + 60
    while server.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.proc.returncode == 2, server.log
    return [line for line in server.lines if "cannot start" in line]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"CLIENT_ID": APP_ID}, "Teams is partly configured: CLIENT_SECRET is not set"),
        (
            {"CLIENT_ID": APP_ID, "CLIENT_SECRET": "half-a-secret"},
            "Teams is partly configured: TENANT_ID is not set",
        ),
        ({"TENANT_ID": APP_ID}, "Teams is partly configured: CLIENT_ID is not set"),
        ({"SLACK_APP_TOKEN": "xapp-1-A1-2-half"}, "Slack is partly configured: SLACK_BOT_TOKEN"),
    ],
)
def test_a_half_configured_platform_is_refused_in_one_line_naming_the_variable(
    start_server, env, expected
) -> None:
    (line,) = _refused(start_server(env, ready=False))
    assert f"cannot start: {expected}" in line
    for value in env.values():
        assert value == APP_ID or value not in line


def test_a_configured_platform_without_its_extra_names_the_extra(start_server, tmp_path) -> None:
    # A package of that name without its modules, first on the path: as if not installed.
    shadow = tmp_path / "shadow" / "microsoft_teams"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("")
    env = {"ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED": "1", "PYTHONPATH": str(shadow.parent)}
    (line,) = _refused(start_server(env, ready=False))
    assert "Teams is configured but microsoft_teams.apps is not installed" in line
    assert "pip install 'rolebot[server,teams]'" in line


def test_broken_knowledge_at_start_is_reported_with_file_and_line(start_server, tmp_path) -> None:
    intents = tmp_path / "intents"
    root = Path(__file__).resolve().parents[2]
    intents.mkdir()
    for path in (root / "intents").glob("*.yml"):
        (intents / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    broken = intents / "questions.en.yml"
    broken.write_text(broken.read_text(encoding="utf-8") + "  - intent: [unclosed\n")
    server = start_server({"ROLEBOT_INTENTS": str(intents)}, ready=False)
    assert server.proc.wait(60) == 1
    server.wait_for_log(r"cannot start: .*questions\.en\.yml:\d+")
