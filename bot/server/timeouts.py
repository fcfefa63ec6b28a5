"""Slow clients are dropped: a deadline for the request head and one for the body.

uvicorn times out idle keep-alive connections (``timeout_keep_alive``) but waits forever
for a request head that trickles in, or for a body shorter than its ``Content-Length``.

- :class:`HeadTimeoutProtocol` (uvicorn's h11 protocol) closes a connection whose request
  line and headers have not all arrived ``head_timeout_s`` after their first byte (or after
  the connection opened);
- :class:`BodyTimeout` (ASGI middleware) answers 408 and closes the connection when the
  body has not all arrived ``body_timeout_s`` after the request head.

Both deadlines are ``ROLEBOT_CLIENT_TIMEOUT`` seconds (default 10).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Mapping
from typing import Any

import h11
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from bot.server.writes import CoalescedWrites

log = logging.getLogger("rolebot.server")

DEFAULT_CLIENT_TIMEOUT_S = 10.0
KEEP_ALIVE_S = 5.0
REQUEST_TIMEOUT = 408


def client_timeout_from_env(environ: Mapping[str, str] | None = None) -> float:
    env = os.environ if environ is None else environ
    return float(env.get("ROLEBOT_CLIENT_TIMEOUT") or DEFAULT_CLIENT_TIMEOUT_S)


class HeadTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head (and each response
    sent in one piece, see ``bot.server.writes``)."""

    head_timeout_s: float = DEFAULT_CLIENT_TIMEOUT_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        # Each response is one send (bot.server.writes): writes are kept while our side
        # of the connection is part way through a response.
        writes = CoalescedWrites(transport, self.loop, self._sending_body)
        super().connection_made(writes)  # type: ignore[arg-type]
        self._arm()

    def _sending_body(self) -> bool:
        return self.conn.our_state is h11.SEND_BODY

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm()
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _too_slow(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            log.info("closed a connection whose request head took over %.0f s", self.head_timeout_s)
            self.transport.close()


def head_timeout_protocol(timeout_s: float) -> type[HeadTimeoutProtocol]:
    """The protocol class with its deadline set (uvicorn takes a class)."""
    return type("HeadTimeoutProtocol", (HeadTimeoutProtocol,), {"head_timeout_s": timeout_s})


class BodyTooSlow(Exception):
    """Raised from ``receive`` when the body is late; answered 408 (see ``body_too_slow``)."""


async def body_too_slow(request: Any, exc: Exception) -> Any:
    from starlette.responses import Response

    log.info("dropped a request whose body was not complete in time: %s", request.url.path)
    return Response(status_code=REQUEST_TIMEOUT, headers={"connection": "close"})


class BodyTimeout:
    """ASGI middleware: the whole body within ``timeout_s`` of the request head, else
    ``receive`` raises :class:`BodyTooSlow` (the app's exception handler answers 408)."""

    def __init__(self, app: ASGIApp, timeout_s: float = DEFAULT_CLIENT_TIMEOUT_S) -> None:
        self.app = app
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = asyncio.get_running_loop().time() + self.timeout_s
        body_done = False

        async def timed_receive() -> Message:
            nonlocal body_done
            if body_done:  # after the body: waiting for a disconnect has no deadline
                return await receive()
            try:
                # A timeout scope, not wait_for: a body already received is returned
                # without a task of its own or a turn of the loop.
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise BodyTooSlow from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        await self.app(scope, timed_receive, send)
