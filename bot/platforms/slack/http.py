"""Serving the Slack app: ``POST /slack/events`` (Starlette routes) or Socket Mode.

In front of Bolt, :func:`slack_routes`, in this order:

1. a body over ``MAX_BODY_BYTES`` gets 413 (the route's own limit, before it is read whole);
2. the v0 signature (HMAC-SHA256 of ``v0:timestamp:body``, five-minute window) is checked on
   the raw bytes, before anything is decoded or parsed: 401 when it does not match;
3. a signed request seen before (same signature: same timestamp and body) gets 200 and is
   not handled again, on this or any replica sharing the storage;
4. a retried delivery (``X-Slack-Retry-Num``) while the storage is unreachable gets 503:
   another replica may have answered the first delivery, and only the database can tell,
   so Slack is asked to deliver it again later (it retries after about 1 and 5 minutes),
   when the claim is decided by the database again;
5. a body Bolt could not read (not UTF-8, JSON or a form, wrong shapes) gets 400;
6. Bolt dispatches it; a request no listener handles (an event type the app does not
   subscribe to, such as ``app_rate_limited`` or ``tokens_revoked``) is acknowledged 200,
   since Slack counts anything else as a failed delivery and retries.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time

from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import (
    to_async_bolt_request,
    to_starlette_response,
)
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.internals import parse_body
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.platforms.slack.app import RolebotSlackApp
from bot.platforms.slack.settings import SlackSettings

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_BODY_BYTES = 1024 * 1024
SIGNATURE_WINDOW_S = 300
RETRY_LATER = "storage unavailable: deliver this retry again later"


def valid_signature(
    secret: str, raw: bytes, timestamp: str, signature: str, now: float | None = None
) -> bool:
    """Slack's v0 signature of ``raw`` as received, within the five-minute window.

    Computed here on bytes: slack-sdk's verifier decodes the body first and raises on
    bytes that are not UTF-8.
    """
    if not secret or not timestamp.isdigit():
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > SIGNATURE_WINDOW_S:
        return False
    base = b"v0:" + timestamp.encode() + b":" + raw
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def slack_routes(app: RolebotSlackApp, path: str = EVENTS_PATH) -> list[Route]:
    """The route for events, slash commands and interactivity (see the module docstring)."""

    async def endpoint(request: Request) -> Response:
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        signature = request.headers.get("x-slack-signature", "")
        if not timestamp.isdigit() or not signature.startswith("v0="):
            return PlainTextResponse("invalid signature", status_code=401)
        raw = await request.body()
        if not valid_signature(app.signing_secret, raw, timestamp, signature):
            return PlainTextResponse("invalid signature", status_code=401)
        if not await app.first_delivery(signature):
            log.info("slack: a signed request was delivered again and ignored")
            return Response(status_code=200)
        if request.headers.get("x-slack-retry-num") and not app.claims_shared():
            log.warning("slack: a retried delivery was deferred: storage unavailable")
            return PlainTextResponse(RETRY_LATER, status_code=503)
        content_type = request.headers.get("content-type")
        problem = _malformed(raw, content_type)
        if problem:
            log.warning("slack: rejected a malformed request: %s", problem)
            return PlainTextResponse(f"malformed request: {problem}", status_code=400)
        response = await app.async_dispatch(to_async_bolt_request(request, raw))
        if response.status == 404:
            return _unhandled(raw, content_type)
        return to_starlette_response(response)

    return [Route(path, endpoint, methods=["POST"], max_body_size=MAX_BODY_BYTES)]


def _unhandled(raw: bytes, content_type: str | None) -> Response:
    """A request no listener took: a typed Slack payload is acknowledged, anything else 400."""
    body = parse_body(raw.decode("utf-8"), _media_type(content_type))
    kind = body.get("type") if isinstance(body, dict) else None
    if isinstance(kind, str) and kind:
        event = body.get("event")
        detail = event.get("type") if isinstance(event, dict) else None
        log.info("slack: nothing handles %.40r (%.40r); acknowledged", kind, detail)
        return Response(status_code=200)
    return PlainTextResponse("malformed request: not a Slack payload", status_code=400)


def _media_type(content_type: str | None) -> str | None:
    return (content_type or "").split(";")[0].strip().lower() or None


def _malformed(raw: bytes, content_type: str | None) -> str | None:
    """Why Bolt could not read this body (None when it can)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8"
    try:
        body = parse_body(text, _media_type(content_type))
    except (ValueError, TypeError, RecursionError):
        return "body is neither JSON nor a form"
    if not isinstance(body, dict):
        return "body is not an object"
    for key in ("user", "container", "message", "team", "channel", "view"):
        if key in body and not isinstance(body[key], dict | str):
            return f"{key!r} has the wrong type"
    if "event" in body and not isinstance(body["event"], dict):
        return "'event' is not an object"
    if "event" in body and not isinstance(body["event"].get("type"), str):
        return "'event' has no type"
    if "actions" in body and not (
        isinstance(body["actions"], list) and all(isinstance(a, dict) for a in body["actions"])
    ):
        return "'actions' is not a list of objects"
    return None


async def run_socket_mode(
    app: AsyncApp, settings: SlackSettings, stop: asyncio.Event | None = None
) -> None:
    """Connect over Socket Mode and serve until ``stop`` is set (or forever)."""
    if not settings.app_token:
        raise ValueError("SLACK_APP_TOKEN is not set")
    handler = AsyncSocketModeHandler(app, settings.app_token)
    await handler.connect_async()
    log.info("slack: connected in Socket Mode")
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        await handler.close_async()
