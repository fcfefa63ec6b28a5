"""A cheap check of Teams tokens before any key is fetched, and validation off the event loop.

The Teams SDK validates a token by downloading the signing keys its *unverified* claims
point at (the issuer's tenant, the key id), with blocking I/O inside the event loop. Left
alone, one request with a made-up tenant freezes every endpoint for the download's time.

Two layers keep that from happening:

- :func:`precheck` reads the unverified header and claims and refuses, without any network,
  a token whose algorithm, issuer, tenant, audience or expiry the bot would never accept
  (only the Bot Framework issuer of the configured cloud, and Entra issuers of the
  configured tenant, get further). It is the price of every unauthenticated request, so it
  does the least first: the token's shape is one regular expression, the header (a few
  dozen bytes) is decoded and judged before the claims are, and the signature is never
  decoded here. PyJWT's unverified decoding is not used for this: it checks each segment's
  alphabet one character at a time in Python and decodes every segment, the signature too,
  which makes a 16 KB made-up token cost a millisecond;
- :class:`OffLoopValidator` runs the SDK's own validation (keys, signature, service URL) in
  a small dedicated thread pool, with a cap on validations waiting, so even a token that
  passes the precheck never blocks the loop or the answer threads; a token it refused for
  good (a signature that does not verify, say) is remembered (:class:`RefusedTokens`) and
  refused at the gate when it comes again, and one it accepted is not validated again for
  five minutes (with the same service URL), so the gate can hold new tokens to a budget
  (:class:`ValidationBudget`, 10 a second) and refuse the rest of a flood at once.

The SDK's validator writes an ERROR line for every token it refuses, with parts of the
token's claims in it: a line an unauthenticated sender can cause at will. Those lines are
dropped (:class:`SdkRefusalLines`) and :class:`OffLoopValidator` logs its refusals at a
bounded rate instead (:class:`bot.platforms.refusals.RefusalLog`, by error type).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

import jwt

from bot.platforms.refusals import RefusalLog

ALGORITHM = "RS256"
LEEWAY_S = 300  # the SDK's clock tolerance
ENTRA_V1_ISSUER_PREFIX = "https://sts.windows.net/"
VALIDATION_THREADS = 2
MAX_WAITING_VALIDATIONS = 64
REMEMBERED_REFUSALS = 4096
REMEMBERED_VALIDATIONS = 1024
# A validated token is taken as valid again for as long as the SDK keeps a key set (its
# expiry permitting), with the same service URL.
VALIDATED_FOR_S = 300.0
# New tokens validated per second, and in a burst: the connector reuses one token for many
# activities, so real traffic needs a few an hour; a flood of made-up tokens with
# acceptable claims is held to this many signature checks, and the rest refused at once.
VALIDATIONS_PER_S = 10.0
VALIDATION_BURST = 20
# What the SDK's validation can say of a token that no later request can change.
PERMANENT_REFUSALS: tuple[type[Exception], ...] = (
    jwt.InvalidSignatureError,
    jwt.ExpiredSignatureError,
    jwt.InvalidAudienceError,
    jwt.InvalidIssuerError,
    jwt.InvalidAlgorithmError,
)
log = logging.getLogger(__name__)
# header.claims.signature, each base64url without padding (RFC 7515's compact form).
_COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


class TokenRejected(Exception):
    """The token is refused before any key is fetched (answered 401)."""


class Cloud(Protocol):
    token_issuer: str
    login_endpoint: str


@dataclass(frozen=True)
class AcceptedTokens:
    """What an acceptable token says about itself: issuers and audiences."""

    issuers: frozenset[str]
    audiences: frozenset[str]

    @classmethod
    def for_app(cls, app_id: str, tenant_id: str | None, cloud: Cloud) -> AcceptedTokens:
        issuers = {cloud.token_issuer}
        if tenant_id:
            issuers |= {
                f"{cloud.login_endpoint}/{tenant_id}/v2.0",
                f"{ENTRA_V1_ISSUER_PREFIX}{tenant_id}/",
            }
        audiences = {app_id, f"api://{app_id}", f"api://botid-{app_id}"}
        return cls(frozenset(issuers), frozenset(audiences))


def bearer_token(authorization: str) -> str | None:
    """The token of an ``Authorization: Bearer`` header (None when there is none)."""
    scheme, _, token = authorization.partition(" ")
    if scheme != "Bearer" or not token.strip():
        return None
    return token.strip()


def _segment(text: str, what: str) -> Mapping[str, Any]:
    """One base64url segment decoded as a JSON object (``TokenRejected`` when it is not)."""
    try:
        value = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError, RecursionError) as exc:
        raise TokenRejected(f"not a usable JWT ({what} is not base64url JSON)") from exc
    if not isinstance(value, dict):
        raise TokenRejected(f"not a usable JWT ({what} is not an object)")
    return value


def precheck(token: str, accepted: AcceptedTokens, now: float | None = None) -> None:
    """Raise :class:`TokenRejected` when the unverified token cannot be one to accept."""
    if not _COMPACT_JWS.fullmatch(token):
        raise TokenRejected("not a usable JWT (not three base64url segments)")
    header_part, claims_part, _ = token.split(".")
    header = _segment(header_part, "header")
    if header.get("alg") != ALGORITHM:
        raise TokenRejected("algorithm not accepted")
    if not isinstance(header.get("kid"), str) or not header["kid"]:
        raise TokenRejected("no key id")
    claims = _segment(claims_part, "claims")
    issuer = claims.get("iss")
    if not isinstance(issuer, str) or issuer not in accepted.issuers:
        raise TokenRejected("issuer not accepted")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if not any(isinstance(a, str) and a in accepted.audiences for a in audiences):
        raise TokenRejected("audience not accepted")
    expires = claims.get("exp")
    if not isinstance(expires, int | float) or isinstance(expires, bool):
        raise TokenRejected("no expiry")
    if expires + LEEWAY_S < (time.time() if now is None else now):
        raise TokenRejected("expired")


class Validator(Protocol):
    async def validate_token(
        self, raw_token: str, service_url: str | None = None
    ) -> dict[str, Any]: ...


def _digest(token: str) -> bytes:
    return hashlib.blake2b(token.encode(), digest_size=16).digest()


class RefusedTokens:
    """Tokens the SDK's validation refused for a reason that stays true of the token (its
    signature, expiry, audience, issuer or algorithm), remembered by digest, the last
    ``REMEMBERED_REFUSALS`` of them: the same token sent again is refused at the gate,
    without a validation, a thread or a line in the log."""

    def __init__(self, size: int = REMEMBERED_REFUSALS) -> None:
        self.size = size
        self._digests: OrderedDict[bytes, None] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, token: str) -> bool:
        digest = _digest(token)
        with self._lock:
            if digest not in self._digests:
                return False
            self._digests.move_to_end(digest)
            return True

    def remember(self, token: str, error: BaseException) -> None:
        """Remember ``token`` when ``error`` is a refusal for good."""
        if not isinstance(error, PERMANENT_REFUSALS):
            return
        digest = _digest(token)
        with self._lock:
            self._digests[digest] = None
            self._digests.move_to_end(digest)
            while len(self._digests) > self.size:
                self._digests.popitem(last=False)


class ValidatedTokens:
    """Tokens the SDK's validation accepted, with the service URL and claims it accepted
    them for, remembered by digest for ``VALIDATED_FOR_S`` (not past their expiry), the
    last ``REMEMBERED_VALIDATIONS`` of them."""

    def __init__(
        self,
        size: int = REMEMBERED_VALIDATIONS,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.size = size
        self.clock = clock
        self._entries: OrderedDict[bytes, tuple[str | None, dict[str, Any], float]] = OrderedDict()
        self._lock = threading.Lock()

    def _live(self, digest: bytes) -> tuple[str | None, dict[str, Any], float] | None:
        entry = self._entries.get(digest)
        if entry is not None and entry[2] <= self.clock():
            del self._entries[digest]
            return None
        return entry

    def knows(self, token: str) -> bool:
        with self._lock:
            return self._live(_digest(token)) is not None

    def claims(self, token: str, service_url: str | None) -> dict[str, Any] | None:
        """The claims validated for ``token`` with this service URL (None: validate)."""
        digest = _digest(token)
        with self._lock:
            entry = self._live(digest)
            if entry is None or entry[0] != service_url:
                return None
            self._entries.move_to_end(digest)
            return dict(entry[1])

    def remember(self, token: str, service_url: str | None, claims: Any) -> None:
        if not isinstance(claims, dict):
            return
        expires = claims.get("exp")
        until = self.clock() + VALIDATED_FOR_S
        if isinstance(expires, int | float) and not isinstance(expires, bool):
            until = min(until, float(expires))
        digest = _digest(token)
        with self._lock:
            self._entries[digest] = (service_url, dict(claims), until)
            self._entries.move_to_end(digest)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


class ValidationBudget:
    """A token bucket: ``per_s`` validations a second, ``burst`` at once."""

    def __init__(
        self,
        per_s: float = VALIDATIONS_PER_S,
        burst: int = VALIDATION_BURST,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_s = per_s
        self.burst = burst
        self.clock = clock
        self._left = float(burst)
        self._at = clock()
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Spend one validation; False when none is left."""
        with self._lock:
            now = self.clock()
            self._left = min(self.burst, self._left + (now - self._at) * self.per_s)
            self._at = now
            if self._left < 1:
                return False
            self._left -= 1
            return True


class SdkRefusalLines(logging.Filter):
    """Drops an SDK logger's WARNING and ERROR lines about one refused token (the gate counts
    each refusal instead); its other lines pass."""

    def __init__(self, prefixes: tuple[str, ...]) -> None:
        super().__init__()
        self.prefixes = prefixes

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        return not str(record.msg).startswith(self.prefixes)


# How the SDK words the refusal of one token, by logger (microsoft-teams-apps 2.x).
SDK_REFUSAL_LINES = {
    "microsoft_teams.apps.auth.token_validator": (
        "No token provided",
        "Token validation failed",
        "Token missing",
        "Service URL mismatch",
        "Entra inbound token caller app is not allowed",
    ),
    "microsoft_teams.apps.http.http_server": ("JWT token validation failed",),
}
_SDK_REFUSAL_FILTERS = {name: SdkRefusalLines(p) for name, p in SDK_REFUSAL_LINES.items()}


def drop_sdk_refusal_lines() -> None:
    """Install the filters (once; adding the same filter again is a no-op)."""
    for name, line_filter in _SDK_REFUSAL_FILTERS.items():
        logging.getLogger(name).addFilter(line_filter)


class OffLoopValidator:
    """The SDK's inbound token validator, run on its own threads (never on the loop).

    The SDK's ``validate_token`` is a coroutine that does blocking I/O; each call runs
    here on the event loop of one of ``VALIDATION_THREADS`` threads (one loop per thread,
    kept: a new loop per call cost more than the check of a signature). Past
    ``MAX_WAITING_VALIDATIONS`` calls under way, further tokens are refused at once; a
    token refused for good is remembered in ``refused``, one accepted in ``validated``
    (the connector sends one token with many activities).
    """

    def __init__(
        self,
        inner: Validator,
        accepted: AcceptedTokens,
        refused: RefusedTokens | None = None,
        validated: ValidatedTokens | None = None,
    ) -> None:
        self.inner = inner
        self.accepted = accepted
        self.refused = refused if refused is not None else RefusedTokens()
        self.validated = validated if validated is not None else ValidatedTokens()
        self.refusals = RefusalLog(log, "Teams: tokens refused by validation")
        drop_sdk_refusal_lines()
        self._pool = ThreadPoolExecutor(
            VALIDATION_THREADS, thread_name_prefix="teams-auth", initializer=self._new_loop
        )
        self._loops: list[asyncio.AbstractEventLoop] = []
        self._local = threading.local()
        self._under_way = 0
        self._lock = threading.Lock()

    async def validate_token(self, raw_token: str, service_url: str | None = None) -> Any:
        precheck(raw_token, self.accepted)
        if raw_token in self.refused:
            raise TokenRejected("refused before")
        claims = self.validated.claims(raw_token, service_url)
        if claims is not None:
            return claims
        with self._lock:
            if self._under_way >= MAX_WAITING_VALIDATIONS:
                raise TokenRejected("too many token validations under way")
            self._under_way += 1
        try:
            loop = asyncio.get_running_loop()
            claims = await loop.run_in_executor(self._pool, self._validate, raw_token, service_url)
        except Exception as error:
            self.refused.remember(raw_token, error)
            self.refusals.refused(type(error).__name__)
            raise
        finally:
            with self._lock:
                self._under_way -= 1
        self.validated.remember(raw_token, service_url, claims)
        return claims

    def _new_loop(self) -> None:
        self._local.loop = asyncio.new_event_loop()
        with self._lock:
            self._loops.append(self._local.loop)

    def _validate(self, raw_token: str, service_url: str | None) -> Any:
        loop: asyncio.AbstractEventLoop = self._local.loop
        return loop.run_until_complete(self.inner.validate_token(raw_token, service_url))

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            idle = [loop for loop in self._loops if not loop.is_running()]
        for loop in idle:
            loop.close()
