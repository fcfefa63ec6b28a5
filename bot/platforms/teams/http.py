"""The Teams messaging endpoint as a Starlette route, on top of the Teams SDK's HttpServer.

The SDK splits HTTP handling in two: its ``HttpServer`` does the Teams protocol (JWT
validation, activity parsing, dispatch to handlers) and an ``HttpServerAdapter`` plugs it
into a web framework. :class:`StarletteAdapter` is that adapter for our Starlette app: the
SDK registers ``POST /api/messages`` on it, and :func:`messages_route` serves it in front of
a gate that answers what the SDK would turn into a 500:

- Teams not configured (no credentials, no development flag): 401, nothing read;
- credentials configured and no ``Authorization: Bearer`` token, or one whose unverified
  algorithm, issuer, tenant, audience or expiry the bot never accepts, one the SDK's
  validation refused for good before, or a new token past the validation budget: 401,
  before any signing key is fetched or the body is read
  (:mod:`bot.platforms.teams.token_gate`);
- body too large: 413; not JSON, or not an activity the SDK can parse: 400;
- an activity type the SDK does not know: 200, ignored (the protocol says bots ignore them).

Everything else goes to the SDK handler, which validates the token (401 on failure) and
dispatches the activity.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from microsoft_teams.api import ActivityTypeAdapter
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.platforms.refusals import RefusalLog
from bot.platforms.teams.sdk import HttpMethod, HttpRequest, HttpResponse, HttpRouteHandler
from bot.platforms.teams.settings import TeamsSettings
from bot.platforms.teams.token_gate import (
    AcceptedTokens,
    RefusedTokens,
    TokenRejected,
    ValidatedTokens,
    ValidationBudget,
    bearer_token,
    precheck,
)

log = logging.getLogger(__name__)

MESSAGING_PATH = "/api/messages"
MAX_BODY_BYTES = 1_000_000
# Characters Teams conversation ids use ("19:...@thread.tacv2;messageid=1", "a:1f-_.");
# anything else is percent-encoded, since the SDK puts the id into reply URLs as it is.
CONVERSATION_ID_SAFE = ":;@=,.-_!*'()+$&~"


class StarletteAdapter:
    """``HttpServerAdapter`` that keeps the SDK's route handlers for our own Starlette routes.

    Our server (uvicorn, started by ``rolebot serve``) owns the lifecycle, so ``start`` and
    ``serve_static`` are not supported.
    """

    def __init__(self) -> None:
        self._handlers: dict[str, HttpRouteHandler] = {}

    def register_route(self, method: HttpMethod, path: str, handler: HttpRouteHandler) -> None:
        if method != "POST":
            raise ValueError(f"unsupported method {method}")
        self._handlers[path] = handler

    def handler(self, path: str) -> HttpRouteHandler | None:
        return self._handlers.get(path)

    def serve_static(self, path: str, directory: str) -> None:
        raise NotImplementedError("rolebot does not serve Teams tabs or static pages")

    async def start(self, port: int) -> None:
        raise NotImplementedError("the Teams endpoint is served by `rolebot serve`")

    async def stop(self) -> None:
        """Nothing to stop: the server belongs to the caller."""


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _only_unknown_type(error: ValidationError) -> bool:
    """True when the activity failed only because its ``type`` is not one the SDK knows."""
    return all(e["type"] == "union_tag_invalid" for e in error.errors())


def check_activity(body: object) -> tuple[int, str] | None:
    """Why ``body`` is not a usable activity, as (HTTP status, message); None when it is."""
    if not isinstance(body, dict):
        return 400, "the body must be a JSON object"
    if not isinstance(body.get("type"), str):
        return 400, "activity type is missing"
    try:
        ActivityTypeAdapter.validate_python(body)
    except ValidationError as error:
        if _only_unknown_type(error):
            return 200, "ignored"
        return 400, "malformed activity"
    service_url = body.get("serviceUrl")
    if not isinstance(service_url, str) or not service_url.startswith(("https://", "http://")):
        return 400, "serviceUrl is missing"
    return None


def encode_conversation_id(body: dict[str, Any]) -> None:
    """Percent-encode what in the conversation id could steer the reply URL (``/ ? # %``)."""
    conversation = body.get("conversation")
    if isinstance(conversation, dict) and isinstance(conversation.get("id"), str):
        conversation["id"] = quote(conversation["id"], safe=CONVERSATION_ID_SAFE)


def messages_route(
    settings: TeamsSettings,
    adapter: StarletteAdapter,
    ready: Callable[[], Awaitable[None]],
    path: str = MESSAGING_PATH,
    *,
    accepted: AcceptedTokens | None = None,
    refused: RefusedTokens | None = None,
    validated: ValidatedTokens | None = None,
    budget: ValidationBudget | None = None,
) -> Route:
    """``POST path``: gate the request, then hand it to the SDK handler registered on it.

    ``ready`` is awaited first; it initialises the SDK app once (idempotent).
    """
    refusals = RefusalLog(log, "Teams: tokens refused before validation")

    async def endpoint(request: Request) -> Response:
        if not settings.enabled:
            return _error(401, "Teams authentication is not configured")
        if settings.has_credentials:
            token = bearer_token(request.headers.get("authorization", ""))
            if token is None or accepted is None:
                return _error(401, "Unauthorized")
            try:
                precheck(token, accepted)
            except TokenRejected as exc:
                refusals.refused(str(exc))
                return _error(401, "Unauthorized")
            if refused is not None and token in refused:
                refusals.refused("refused by validation before")
                return _error(401, "Unauthorized")
            known = validated is not None and validated.knows(token)
            if not known and budget is not None and not budget.take():
                refusals.refused("too many new tokens to validate")
                return _error(401, "Unauthorized")
        raw = await request.body()  # over MAX_BODY_BYTES: 413 from the route's limit
        try:
            body: Any = json.loads(raw)
        except (ValueError, RecursionError):
            return _error(400, "the body is not JSON")
        problem = check_activity(body)
        if problem is not None:
            status, message = problem
            if status == 200:
                log.info("ignoring Teams activity of unknown type %.40r", body.get("type"))
                return Response(status_code=200)
            return _error(status, message)
        encode_conversation_id(body)
        await ready()
        handler = adapter.handler(path)
        if handler is None:
            log.error("the Teams SDK did not register %s", path)
            return _error(503, "Teams endpoint not ready")
        result: HttpResponse = await handler(
            HttpRequest(body=body, headers=dict(request.headers.items()))
        )
        if result.get("body") is None:
            return Response(status_code=result["status"])
        return JSONResponse(result["body"], status_code=result["status"])

    return Route(
        path, endpoint, methods=["POST"], name="teams_messages", max_body_size=MAX_BODY_BYTES
    )
