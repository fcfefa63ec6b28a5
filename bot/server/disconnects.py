"""Clients that leave, or are too slow, before their request body has arrived.

A client that is too slow gets 408 (``bot.server.timeouts``). One that goes away is not a
server error either.

Starlette raises ``ClientDisconnect`` from ``request.body()`` when the connection closes
mid-body; unhandled, uvicorn logs "Exception in ASGI application" with a traceback and the
request counts as a 500. This handler ends such a request quietly with 499 ("client closed
request", the status proxies use), which nobody receives but the metrics count.
"""

from __future__ import annotations

import logging

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from bot.server.timeouts import BodyTooSlow, body_too_slow

log = logging.getLogger("rolebot.server")

CLIENT_CLOSED_REQUEST = 499


async def client_gone(request: Request, exc: Exception) -> Response:
    log.info("client disconnected before its request was read: %s", request.url.path)
    return Response(status_code=CLIENT_CLOSED_REQUEST)


EXCEPTION_HANDLERS = {ClientDisconnect: client_gone, BodyTooSlow: body_too_slow}
