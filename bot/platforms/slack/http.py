"""Serving the Slack app: ``POST /slack/events`` (Starlette routes) or Socket Mode.

Bolt verifies the v0 signature (HMAC-SHA256 of ``v0:timestamp:body``, five-minute window)
and answers 401 when it does not match. Bolt parses the body before that check and would
fail with a 500 on a body that is not UTF-8, JSON or a form; :func:`slack_routes` turns
those into 400 (and a request without usable signature headers into 401) first.
"""

from __future__ import annotations

import asyncio
import logging

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

from bot.platforms.slack.settings import SlackSettings
from bot.server.body import read_limited

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_BODY_BYTES = 1024 * 1024


def slack_routes(app: AsyncApp, path: str = EVENTS_PATH) -> list[Route]:
    """The route for events, slash commands and interactivity, guarded against bad bodies."""

    async def endpoint(request: Request) -> Response:
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        signature = request.headers.get("x-slack-signature", "")
        if not timestamp.isdigit() or not signature.startswith("v0="):
            return PlainTextResponse("invalid signature", status_code=401)
        raw = await read_limited(request, MAX_BODY_BYTES)
        if raw is None:
            return PlainTextResponse("request too large", status_code=413)
        problem = _malformed(raw, request.headers.get("content-type"))
        if problem:
            log.warning("slack: rejected a malformed request: %s", problem)
            return PlainTextResponse(f"malformed request: {problem}", status_code=400)
        return to_starlette_response(await app.async_dispatch(to_async_bolt_request(request, raw)))

    return [Route(path, endpoint, methods=["POST"])]


def _malformed(raw: bytes, content_type: str | None) -> str | None:
    """Why Bolt could not read this body (None when it can)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8"
    media_type = (content_type or "").split(";")[0].strip().lower() or None
    try:
        body = parse_body(text, media_type)
    except (ValueError, TypeError, RecursionError):
        return "body is neither JSON nor a form"
    if not isinstance(body, dict):
        return "body is not an object"
    for key in ("user", "container", "message", "team", "channel", "view"):
        if key in body and not isinstance(body[key], dict | str):
            return f"{key!r} has the wrong type"
    if "event" in body and not isinstance(body["event"], dict):
        return "'event' is not an object"
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
