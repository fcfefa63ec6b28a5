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
  refused at the gate when it comes again.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

import jwt

ALGORITHM = "RS256"
LEEWAY_S = 300  # the SDK's clock tolerance
ENTRA_V1_ISSUER_PREFIX = "https://sts.windows.net/"
VALIDATION_THREADS = 2
MAX_WAITING_VALIDATIONS = 64
REMEMBERED_REFUSALS = 4096
# What the SDK's validation can say of a token that no later request can change.
PERMANENT_REFUSALS: tuple[type[Exception], ...] = (
    jwt.InvalidSignatureError,
    jwt.ExpiredSignatureError,
    jwt.InvalidAudienceError,
    jwt.InvalidIssuerError,
    jwt.InvalidAlgorithmError,
)
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


class RefusedTokens:
    """Tokens the SDK's validation refused for a reason that stays true of the token (its
    signature, expiry, audience, issuer or algorithm), remembered by digest, the last
    ``REMEMBERED_REFUSALS`` of them: the same token sent again is refused at the gate,
    without a validation, a thread or a line in the log."""

    def __init__(self, size: int = REMEMBERED_REFUSALS) -> None:
        self.size = size
        self._digests: OrderedDict[bytes, None] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _digest(token: str) -> bytes:
        return hashlib.blake2b(token.encode(), digest_size=16).digest()

    def __contains__(self, token: str) -> bool:
        digest = self._digest(token)
        with self._lock:
            if digest not in self._digests:
                return False
            self._digests.move_to_end(digest)
            return True

    def remember(self, token: str, error: BaseException) -> None:
        """Remember ``token`` when ``error`` is a refusal for good."""
        if not isinstance(error, PERMANENT_REFUSALS):
            return
        digest = self._digest(token)
        with self._lock:
            self._digests[digest] = None
            self._digests.move_to_end(digest)
            while len(self._digests) > self.size:
                self._digests.popitem(last=False)


class OffLoopValidator:
    """The SDK's inbound token validator, run on its own threads (never on the loop).

    The SDK's ``validate_token`` is a coroutine that does blocking I/O; each call runs
    here on the event loop of one of ``VALIDATION_THREADS`` threads (one loop per thread,
    kept: a new loop per call cost more than the check of a signature). Past
    ``MAX_WAITING_VALIDATIONS`` calls under way, further tokens are refused at once; a
    token refused for good is remembered in ``refused``.
    """

    def __init__(
        self, inner: Validator, accepted: AcceptedTokens, refused: RefusedTokens | None = None
    ) -> None:
        self.inner = inner
        self.accepted = accepted
        self.refused = refused if refused is not None else RefusedTokens()
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
        with self._lock:
            if self._under_way >= MAX_WAITING_VALIDATIONS:
                raise TokenRejected("too many token validations under way")
            self._under_way += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._pool, self._validate, raw_token, service_url)
        except Exception as error:
            self.refused.remember(raw_token, error)
            raise
        finally:
            with self._lock:
                self._under_way -= 1

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
