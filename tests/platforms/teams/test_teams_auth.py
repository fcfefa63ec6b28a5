"""Authentication of the Teams endpoint, end to end and without the internet.

With credentials configured, the Teams SDK validates the Bot Framework JWT of every request
against the OpenID metadata and keys of the cloud it is given. The tests give it a cloud
whose metadata and keys are served by the fake connector on 127.0.0.1, and sign tokens with
a key generated here; the bot's outbound token comes from a token callable, so nothing
reaches login.microsoftonline.com.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from microsoft_teams.api.auth.cloud_environment import PUBLIC, CloudEnvironment, with_overrides

from bot.app.service import AnswerService
from bot.platforms.teams.app import build_teams
from bot.platforms.teams.settings import TeamsSettings
from tests.fakes.teams_connector import KEYS_PATH, FakeConnector
from tests.platforms.teams.cards import card_of
from tests.platforms.teams.teams_activities import PERSONAL, personal_message
from tests.platforms.teams.teams_server import RunningTeams, ServeTeams

APP_ID = "11111111-2222-3333-4444-555555555555"
KEY_ID = "test-signing-key"
QUESTION = "What does a PMO analyst do?"


def _private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


SIGNING_KEY = _private_key()
OTHER_KEY = _private_key()
# What the bot presents to the connector (the SDK expects a JWT from its token callable).
OUTBOUND_TOKEN = jwt.encode(
    {"aud": "https://api.botframework.com", "appid": APP_ID, "exp": 4102444800},
    OTHER_KEY,
    algorithm="RS256",
)


def _jwks() -> dict[str, Any]:
    key = json.loads(RSAAlgorithm.to_jwk(SIGNING_KEY.public_key()))
    return {"keys": [{**key, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}


@pytest.fixture
def keys_connector() -> Any:
    """The fake connector, also serving the Bot Framework OpenID metadata and keys."""
    with FakeConnector(jwks=_jwks()) as fake:
        yield fake


def _cloud(connector: FakeConnector) -> CloudEnvironment:
    local = connector.url.rstrip("/")
    return with_overrides(
        PUBLIC,
        openid_metadata_url=connector.openid_metadata_url,
        login_endpoint=local,
        token_service_url=local,
    )


def _token(connector: FakeConnector, *, key: rsa.RSAPrivateKey = SIGNING_KEY, **claims: Any) -> str:
    now = int(time.time())
    payload = {
        "iss": PUBLIC.token_issuer,
        "aud": APP_ID,
        "serviceurl": connector.url,
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        **claims,
    }
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": KEY_ID})


def _sdk_options(connector: FakeConnector) -> dict[str, Any]:
    """A local cloud for token validation, and a fixed outbound token instead of MSAL."""
    return {"cloud": _cloud(connector), "token": lambda scope, tenant: OUTBOUND_TOKEN}


@pytest.fixture
def secured_teams(serve_teams: ServeTeams, keys_connector: FakeConnector) -> RunningTeams:
    return serve_teams(
        TeamsSettings(client_id=APP_ID),
        sdk_options=_sdk_options(keys_connector),
    )


def test_without_credentials_or_dev_flag_requests_are_refused(
    serve_teams: ServeTeams, connector: FakeConnector
) -> None:
    teams = serve_teams(TeamsSettings())

    response = teams.post(personal_message(connector.url, QUESTION))

    assert response.status_code == 401
    assert connector.calls == []
    assert teams.storage.interactions == []


def test_a_valid_token_is_accepted_and_the_reply_carries_the_bot_token(
    secured_teams: RunningTeams, keys_connector: FakeConnector
) -> None:
    message = personal_message(keys_connector.url, QUESTION)
    headers = {"Authorization": f"Bearer {_token(keys_connector)}"}

    assert secured_teams.post(message, headers=headers).status_code == 200

    [reply] = keys_connector.wait_for_activities(1)
    assert reply.conversation_id == PERSONAL["id"]
    assert reply.headers["authorization"] == f"Bearer {OUTBOUND_TOKEN}"
    card_of(reply)
    assert KEYS_PATH in [c.path for c in keys_connector.calls], "keys fetched from the fake"


def _bad_tokens(connector: FakeConnector) -> dict[str, str | None]:
    now = int(time.time())
    return {
        "no header": None,
        "not a bearer": "Basic dXNlcjpwYXNz",
        "not a jwt": "Bearer not-a-jwt",
        "signed by another key": "Bearer " + _token(connector, key=OTHER_KEY),
        "wrong audience": "Bearer " + _token(connector, aud="someone-else"),
        "wrong issuer": "Bearer " + _token(connector, iss="https://evil.example"),
        "expired": "Bearer " + _token(connector, iat=now - 7200, nbf=now - 7200, exp=now - 3600),
        "other service url": "Bearer " + _token(connector, serviceurl="https://evil.example/"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "no header",
        "not a bearer",
        "not a jwt",
        "signed by another key",
        "wrong audience",
        "wrong issuer",
        "expired",
        "other service url",
    ],
)
def test_requests_without_a_valid_token_are_refused(
    secured_teams: RunningTeams, keys_connector: FakeConnector, case: str
) -> None:
    authorization = _bad_tokens(keys_connector)[case]
    headers = {"Authorization": authorization} if authorization else {}

    response = secured_teams.post(personal_message(keys_connector.url, QUESTION), headers=headers)

    assert response.status_code == 401
    assert secured_teams.bot.replies.pending == 0
    assert keys_connector.activities() == []
    assert secured_teams.storage.interactions == []


def test_the_dev_flag_does_not_switch_off_token_validation(
    serve_teams: ServeTeams, keys_connector: FakeConnector
) -> None:
    teams = serve_teams(
        TeamsSettings(client_id=APP_ID, allow_unauthenticated=True),
        sdk_options=_sdk_options(keys_connector),
    )

    response = teams.post(personal_message(keys_connector.url, QUESTION))

    assert response.status_code == 401
    assert keys_connector.activities() == []


def test_the_dev_flag_logs_a_warning_at_start_up(caplog: pytest.LogCaptureFixture) -> None:
    service = AnswerService(lambda: None)  # type: ignore[arg-type,return-value]

    with caplog.at_level(logging.WARNING, logger="bot.platforms.teams"):
        build_teams(service, TeamsSettings(allow_unauthenticated=True))

    warnings = [r for r in caplog.records if r.name.startswith("bot.platforms.teams")]
    assert any(
        r.levelno == logging.WARNING and "ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED" in r.getMessage()
        for r in warnings
    )
