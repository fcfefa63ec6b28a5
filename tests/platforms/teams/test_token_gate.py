"""The precheck every unauthenticated Teams request pays: what it lets through to the
SDK's validation, and that no made-up token makes it fail with anything but a refusal."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.platforms.teams.token_gate import (
    VALIDATED_FOR_S,
    AcceptedTokens,
    RefusedTokens,
    TokenRejected,
    ValidatedTokens,
    ValidationBudget,
    precheck,
)

APP_ID = "11111111-2222-3333-4444-555555555555"
TENANT = "22222222-3333-4444-5555-666666666666"
BOT_FRAMEWORK = "https://api.botframework.com"
ACCEPTED = AcceptedTokens(
    frozenset({BOT_FRAMEWORK, f"https://login.microsoftonline.com/{TENANT}/v2.0"}),
    frozenset({APP_ID, f"api://{APP_ID}"}),
)
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64(value: Any) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _claims(**changes: Any) -> dict[str, Any]:
    return {"iss": BOT_FRAMEWORK, "aud": APP_ID, "exp": int(time.time()) + 600, **changes}


def _signed(**changes: Any) -> str:
    return jwt.encode(_claims(**changes), KEY, algorithm="RS256", headers={"kid": "key-1"})


def _made_up(header: Any, claims: Any, signature: str = "c2ln") -> str:
    return f"{_b64(header)}.{_b64(claims)}.{signature}"


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"aud": [f"api://{APP_ID}", "other"]},
        {"iss": f"https://login.microsoftonline.com/{TENANT}/v2.0"},
    ],
    ids=["bot-framework", "audience-list", "tenant"],
)
def test_a_token_the_bot_could_accept_goes_on_to_validation(changes: dict[str, Any]) -> None:
    precheck(_signed(**changes), ACCEPTED)  # no TokenRejected: the SDK decides


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (_made_up({"alg": "none"}, _claims()), "algorithm"),
        (_made_up({"alg": "HS256", "kid": "k"}, _claims()), "algorithm"),
        (_made_up({"alg": "RS256"}, _claims()), "key id"),
        (_made_up({"alg": "RS256", "kid": ""}, _claims()), "key id"),
        (_made_up({"alg": "RS256", "kid": "k"}, _claims(iss="https://evil.example")), "issuer"),
        (_made_up({"alg": "RS256", "kid": "k"}, _claims(iss=[BOT_FRAMEWORK])), "issuer"),
        (_made_up({"alg": "RS256", "kid": "k"}, _claims(iss={"a": 1})), "issuer"),
        (_made_up({"alg": "RS256", "kid": "k"}, _claims(aud="other")), "audience"),
        (_made_up({"alg": "RS256", "kid": "k"}, _claims(aud=[[APP_ID]])), "audience"),
        (_made_up({"alg": "RS256", "kid": "k"}, _claims(exp="soon")), "expiry"),
        (_made_up({"alg": "RS256", "kid": "k"}, _claims(exp=True)), "expiry"),
        (_made_up({"alg": "RS256", "kid": "k"}, _claims(exp=1_000_000_000)), "expired"),
        (_made_up(["RS256"], _claims()), "JWT"),
        (_made_up({"alg": "RS256", "kid": "k"}, "claims"), "JWT"),
        (_made_up({"alg": "RS256", "kid": "k"}, b"\xff\xfe not json"), "JWT"),
        (_made_up({"alg": "RS256", "kid": "k"}, b"[" * 100_000), "JWT"),
        (_b64({"alg": "RS256", "kid": "k"}) + "." + _b64(_claims()), "JWT"),
        (_b64({"alg": "RS256", "kid": "k"}) + "=." + _b64(_claims()) + ".c2ln", "JWT"),
        ("a.b.c.d", "JWT"),
        ("abcde.abcde.abcde", "JWT"),
        ("ééé.ééé.ééé", "JWT"),
        ("", "JWT"),
    ],
)
def test_a_token_the_bot_never_accepts_is_refused_for_its_reason(token: str, reason: str) -> None:
    with pytest.raises(TokenRejected, match=reason):
        precheck(token, ACCEPTED)


def test_a_long_made_up_token_is_refused_by_its_header_alone() -> None:
    # The claims and signature of a refused header are never decoded: this one's claims
    # are not even base64url, and a 16 KB signature is not looked at.
    token = _b64({"alg": "HS256"}) + "." + "A" * 16_001 + "." + "B" * 16_000

    with pytest.raises(TokenRejected, match="algorithm"):
        precheck(token, ACCEPTED)


def test_only_a_refusal_for_good_is_remembered_and_the_memory_is_bounded() -> None:
    refused = RefusedTokens(size=3)
    refused.remember("not yet valid", jwt.ImmatureSignatureError("nbf"))
    refused.remember("no key yet", jwt.PyJWKClientError("no matching key"))
    refused.remember("unreachable keys", jwt.PyJWKClientConnectionError("timed out"))
    refused.remember("service url", jwt.InvalidTokenError("Service URL mismatch"))
    for i in range(5):
        refused.remember(f"forged {i}", jwt.InvalidSignatureError("Signature verification failed"))

    assert [
        t
        for t in ("not yet valid", "no key yet", "unreachable keys", "service url")
        if t in refused
    ] == []
    assert [f"forged {i}" in refused for i in range(5)] == [False, False, True, True, True]


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_validated_token_is_known_for_its_service_url_until_it_expires() -> None:
    clock = Clock()
    validated = ValidatedTokens(size=2, clock=clock)
    validated.remember("long", "https://smba.example/", {"exp": clock.now + 3600, "sub": "x"})
    validated.remember("short", "https://smba.example/", {"exp": clock.now + 60})

    assert validated.claims("long", "https://smba.example/") == {
        "exp": clock.now + 3600,
        "sub": "x",
    }
    assert validated.claims("long", "https://elsewhere.example/") is None
    clock.now += 61
    assert not validated.knows("short") and validated.knows("long")
    clock.now += VALIDATED_FOR_S
    assert not validated.knows("long")  # validated again after the SDK's key-set lifetime
    for i in range(3):
        validated.remember(f"t{i}", None, {"exp": clock.now + 600})
    assert [validated.knows(f"t{i}") for i in range(3)] == [False, True, True]


def test_the_validation_budget_refills_at_its_rate_up_to_its_burst() -> None:
    clock = Clock()
    budget = ValidationBudget(per_s=2, burst=3, clock=clock)

    first = [budget.take() for _ in range(5)]
    clock.now += 1.0
    after_a_second = [budget.take() for _ in range(3)]
    clock.now += 60
    after_a_minute = [budget.take() for _ in range(4)]

    assert first == [True, True, True, False, False]
    assert after_a_second == [True, True, False]
    assert after_a_minute == [True, True, True, False]
