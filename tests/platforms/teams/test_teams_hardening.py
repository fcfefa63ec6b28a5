"""What an unauthenticated or hostile Teams request can no longer do: stall the server by
making it fetch keys, reach the SDK with a token it would never accept, steer the reply URL,
or hang a reply forever; and what a stray ``.env`` file can no longer switch."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from bot.platforms.teams.settings import TeamsSettings
from bot.platforms.teams.token_gate import VALIDATION_BURST, ValidationBudget
from tests.fakes.teams_connector import KEYS_PATH, FakeConnector
from tests.platforms.teams.teams_activities import personal_message
from tests.platforms.teams.teams_server import RunningTeams, ServeTeams
from tests.platforms.teams.test_teams_auth import (
    APP_ID,
    KEY_ID,
    OTHER_KEY,
    QUESTION,
    SIGNING_KEY,
    _sdk_options,
    _token,
)
from tests.robustness.hostile import (
    flood_request,
    flood_while_watching,
    percentile,
    record,
    watch_livez,
)
from tests.robustness.serving import ServeProcess
from tests.server.serverkit import ROOT


@pytest.fixture
def keys_connector() -> Any:
    from tests.platforms.teams.test_teams_auth import _jwks

    with FakeConnector(jwks=_jwks()) as fake:
        yield fake


@pytest.fixture
def secured(serve_teams: ServeTeams, keys_connector: FakeConnector) -> RunningTeams:
    return serve_teams(TeamsSettings(client_id=APP_ID), sdk_options=_sdk_options(keys_connector))


def _entra_token(connector: FakeConnector, tenant: str) -> str:
    """A token that claims to come from some Entra tenant (and is signed by nobody it knows)."""
    login = connector.url.rstrip("/")
    return _token(connector, iss=f"{login}/{tenant}/v2.0", tid=tenant)


def test_a_token_from_an_unknown_tenant_is_refused_without_fetching_its_keys(
    secured: RunningTeams, keys_connector: FakeConnector
) -> None:
    tenants = [uuid.uuid4().hex for _ in range(5)]

    statuses = [
        secured.post(
            personal_message(keys_connector.url, QUESTION),
            headers={"Authorization": f"Bearer {_entra_token(keys_connector, tenant)}"},
        ).status_code
        for tenant in tenants
    ]

    assert statuses == [401] * 5
    fetched = [c.path for c in keys_connector.calls]
    assert not [p for p in fetched if any(t in p for t in tenants)], fetched
    assert keys_connector.activities() == []


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "another-app"},
        {"iss": "https://attacker.example"},
        {"exp": 1_000_000_000, "iat": 999_999_000, "nbf": 999_999_000},
    ],
    ids=["audience", "issuer", "expired"],
)
def test_a_token_the_bot_never_accepts_fetches_no_key(
    secured: RunningTeams, keys_connector: FakeConnector, claims: dict[str, Any]
) -> None:
    response = secured.post(
        personal_message(keys_connector.url, QUESTION),
        headers={"Authorization": f"Bearer {_token(keys_connector, **claims)}"},
    )

    assert response.status_code == 401
    assert KEYS_PATH not in [c.path for c in keys_connector.calls]


def _refusal_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", None) == "refused"]


def test_a_token_whose_signature_failed_is_refused_again_without_a_validation(
    secured: RunningTeams, keys_connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    # Claims the gate lets through, a key id the key set has, the signature of another key.
    forged = {"Authorization": f"Bearer {_token(keys_connector, key=OTHER_KEY)}"}
    message = personal_message(keys_connector.url, QUESTION)

    with caplog.at_level(logging.INFO):
        statuses = [secured.post(message, headers=forged).status_code for _ in range(20)]
        valid = {"Authorization": f"Bearer {_token(keys_connector)}"}
        accepted = [secured.post(message, headers=valid).status_code for _ in range(2)]

    assert statuses == [401] * 20
    # The SDK's own lines for a refused token (an ERROR and a WARNING each) are dropped:
    # the gate logs refusals at a bounded rate instead, the first one at once.
    assert [r for r in caplog.records if "validation failed" in r.getMessage()] == []
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    refused = {r.getMessage().split(":")[1].strip(): r.reasons for r in _refusal_lines(caplog)}
    assert refused == {
        "tokens refused by validation": {"InvalidSignatureError": 1},
        "tokens refused before validation": {"refused by validation before": 1},
    }
    assert accepted == [200, 200]  # the validation threads keep serving


def test_new_tokens_are_validated_within_a_budget_and_a_known_one_is_not_validated_again(
    serve_teams: ServeTeams, keys_connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    teams = serve_teams(
        TeamsSettings(client_id=APP_ID),
        sdk_options=_sdk_options(keys_connector),
        validation_budget=ValidationBudget(per_s=0.001, burst=2),
    )
    message = personal_message(keys_connector.url, QUESTION)
    valid = {"Authorization": f"Bearer {_token(keys_connector)}"}

    with caplog.at_level(logging.INFO):
        accepted = [teams.post(message, headers=valid).status_code for _ in range(5)]
        forged = [
            teams.post(
                message,
                headers={"Authorization": f"Bearer {_token(keys_connector, key=OTHER_KEY, n=i)}"},
            ).status_code
            for i in range(4)
        ]
        again = teams.post(message, headers=valid).status_code

    assert accepted == [200] * 5  # one validation for the five
    assert forged == [401] * 4 and again == 200
    reasons: dict[str, int] = {}
    for line in caplog.records:
        for reason, n in getattr(line, "reasons", {}).items():
            reasons[reason] = reasons.get(reason, 0) + n
    assert reasons.get("too many new tokens to validate", 0) >= 1  # the first is logged at once
    assert reasons.get("InvalidSignatureError") == 1  # the one forged token validated


@pytest.fixture
def secured_process(keys_connector: FakeConnector, tmp_path: Path) -> Any:
    """A server process of its own (``rolebot serve`` with Teams against the local cloud)."""
    env = {
        "CLIENT_ID": APP_ID,
        "CLIENT_SECRET": "x" * 24,
        "TENANT_ID": str(uuid.uuid4()),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rolebot.sqlite3'}",
    }
    command = (sys.executable, "-m", "tests.platforms.teams.local_cloud_serve", keys_connector.url)
    server = ServeProcess(env, ROOT, command=command).wait_ready()
    yield server
    server.stop()


@pytest.mark.slow
@pytest.mark.parametrize("kid", [KEY_ID, "a-key-nobody-published"], ids=["known-key", "new-key"])
def test_a_flood_of_new_tokens_with_acceptable_claims_does_not_hold_up_other_requests(
    secured_process: ServeProcess, keys_connector: FakeConnector, tmp_path: Path, kid: str
) -> None:
    """Each token different, with claims the gate lets through and a signature nobody made;
    the server, the flood and the /livez timing are three processes."""
    body = json.dumps(personal_message(keys_connector.url, QUESTION)).encode()
    claims = {
        "iss": "https://api.botframework.com",
        "aud": APP_ID,
        "serviceurl": keys_connector.url,
        "exp": int(time.time()) + 3600,
        "n": "{unique}",
    }
    token = jwt.encode(claims, OTHER_KEY, algorithm="RS256", headers={"kid": kid})
    requests = [
        flood_request(
            "/api/messages",
            {"authorization": f"Bearer {token}", "content-type": "application/json"},
            body,
        )
    ]
    url = secured_process.url
    quiet = percentile(watch_livez(url, polls=100), 50)
    fetches_before = len(keys_connector.calls)
    log_start = len(secured_process.lines)
    result = flood_while_watching(url, requests, tmp_path / "flood.json", count=40_000, seconds=8.0)
    delays = [latency - quiet for latency in result.latencies]
    name = "known_key" if kid == KEY_ID else "new_key"
    record(
        **{
            f"teams_plausible_{name}_requests": result.sent,
            f"teams_plausible_{name}_per_s": round(result.sent / result.elapsed_s),
            f"teams_plausible_{name}_key_fetches": len(keys_connector.calls) - fetches_before,
            f"teams_plausible_{name}_livez_delay_p50_ms": percentile(delays, 50),
            f"teams_plausible_{name}_livez_delay_p99_ms": percentile(delays, 99),
            f"teams_plausible_{name}_livez_delay_max_ms": round(max(delays), 1),
        }
    )
    assert set(result.statuses) == {"401"}
    assert secured_process.problems_since(log_start) == []
    assert len(keys_connector.calls) - fetches_before <= VALIDATION_BURST + 8 * 10
    assert max(delays) < 2000  # a stall would be seconds; the target (50 ms) is reported


def test_a_key_download_in_progress_does_not_delay_other_requests(
    secured: RunningTeams, keys_connector: FakeConnector
) -> None:
    # Acceptable claims, unknown key id: the SDK must fetch the key set, and the fake
    # connector holds that answer back.
    token = jwt.encode(
        {
            "iss": "https://api.botframework.com",
            "aud": APP_ID,
            "serviceurl": keys_connector.url,
            "exp": int(time.time()) + 3600,
        },
        SIGNING_KEY,
        algorithm="RS256",
        headers={"kid": "a-key-nobody-published"},
    )
    keys_connector.hold()
    slow = threading.Thread(
        target=lambda: secured.post(
            personal_message(keys_connector.url, QUESTION),
            headers={"Authorization": f"Bearer {token}"},
        ),
        daemon=True,
    )
    try:
        slow.start()
        deadline = time.monotonic() + 5
        while KEYS_PATH not in [c.path for c in keys_connector.calls]:
            assert time.monotonic() < deadline, "the key set was never requested"
            time.sleep(0.02)
        started = time.perf_counter()
        other = httpx.post(secured.messages_url, json={}, timeout=5)
        delay = time.perf_counter() - started
    finally:
        keys_connector.release()
        slow.join(timeout=10)

    assert other.status_code == 401
    assert delay < 1.0, f"another request waited {delay:.2f} s for the key download"


def test_a_reply_the_connector_never_answers_times_out(
    serve_teams: ServeTeams, connector: FakeConnector
) -> None:
    teams = serve_teams(TeamsSettings(allow_unauthenticated=True), outgoing_timeout_s=0.5)
    connector.hold()
    try:
        assert teams.post(personal_message(connector.url, QUESTION)).status_code == 200
        deadline = time.monotonic() + 5
        while teams.bot.replies.pending and time.monotonic() < deadline:
            time.sleep(0.05)
        pending = teams.bot.replies.pending
    finally:
        connector.release()

    assert pending == 0, "the reply is still waiting for a connector that never answers"


def test_a_conversation_id_cannot_change_the_reply_url(
    serve_teams: ServeTeams, connector: FakeConnector
) -> None:
    teams = serve_teams(TeamsSettings(allow_unauthenticated=True))
    message = personal_message(connector.url, QUESTION)
    message["conversation"] = {**message["conversation"], "id": "../../../admin?x=1#"}

    assert teams.post(message).status_code in (200, 400)

    deadline = time.monotonic() + 10
    while not connector.activities() and time.monotonic() < deadline:
        time.sleep(0.05)
    calls = connector.calls  # the typing indicator and the answer
    assert len(connector.activities()) == 1
    for reply in calls:
        target = reply.raw_path
        assert target.startswith("/v3/conversations/")
        assert "?" not in target and "#" not in target and "/../" not in target, target
        assert target.split("/")[4] == "activities", target


def test_a_dotenv_file_does_not_reach_the_environment(tmp_path: Any) -> None:
    (tmp_path / ".env").write_text("ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED=1\nCLIENT_ID=from-dotenv\n")
    script = (
        "import os, bot.platforms.teams.sdk; "
        "print(os.environ.get('ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED'), os.environ.get('CLIENT_ID'))"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}

    out = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )

    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["None", "None"]
