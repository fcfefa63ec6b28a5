"""A fake Slack Web API: a real aiohttp server on 127.0.0.1 that records every call.

Point the bot at it with ``SLACK_API_URL = fake.api_url``; give slash commands and button
payloads ``response_url = fake.response_url(...)``. It answers like Slack for the methods
the bot uses (``auth.test``, ``chat.postMessage``, ``chat.postEphemeral``, ``views.publish``,
``apps.connections.open``, ``users.info`` with the locales in ``locales``) and ``ok`` for
any other method.

Faults are scripted per method (``"response_url"`` for response URLs)::

    fake.script("chat.postMessage", Reply.rate_limited(retry_after=0), Reply.server_error())

queues replies that are used, in order, before the normal answers resume. A ``Reply`` with
a ``delay`` makes the fake wait before answering (timeouts).

Socket Mode: ``apps.connections.open`` returns ``fake.socket_url``; the fake greets each
WebSocket with ``hello``, :meth:`FakeSlackApi.send_envelope` pushes an envelope to the
connected client and the client's acknowledgements are recorded as ``socket_mode.ack``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

BOT_USER_ID = "UROLEBOT"
BOT_ID = "BROLEBOT"
TEAM_ID = "T0FAKE"
APP_ID = "A0FAKE"
RESPONSE_URL = "response_url"
SOCKET_ACK = "socket_mode.ack"


@dataclass(frozen=True)
class SlackCall:
    """One request the fake received, with the status it answered."""

    method: str  # Web API method, "response_url" or "socket_mode.ack"
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    status: int
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200

    def texts(self) -> str:
        """The message parts of the call (text, blocks, view) as one JSON string."""
        return json.dumps(
            {k: self.body.get(k) for k in ("text", "blocks", "view")}, ensure_ascii=False
        )

    def visible(self) -> str:
        """What a person would read: every ``text`` string of the message, one per line."""
        return visible_text({k: self.body.get(k) for k in ("text", "blocks", "view")})


def visible_text(data: Any) -> str:
    """Every ``text`` string inside a Slack message or view (button values excluded)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str) and node.startswith(("{", "[")):
            try:
                node = json.loads(node)  # a view sent as a JSON string
            except ValueError:
                return
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    found.append(value)
                elif key != "value":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return "\n".join(found)


@dataclass(frozen=True)
class Reply:
    """A scripted answer: status, JSON body, headers, and an optional delay in seconds."""

    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    @classmethod
    def rate_limited(cls, retry_after: int = 1) -> Reply:
        return cls(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})

    @classmethod
    def server_error(cls, status: int = 500) -> Reply:
        return cls(status, {"ok": False, "error": "internal_error"})

    @classmethod
    def slow(cls, seconds: float) -> Reply:
        return cls(delay=seconds)


class FakeSlackApi:
    """Start with ``with FakeSlackApi() as fake:`` (or ``start()`` / ``stop()``)."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._calls: list[SlackCall] = []
        self._scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self._ts = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self.port = 0
        # user id -> Slack locale answered by users.info (default en-US)
        self.locales: dict[str, str] = {}

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeSlackApi:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="fake-slack-api", daemon=True
        )
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._loop.close()
        self._loop = None

    def __enter__(self) -> FakeSlackApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def _serve(self) -> None:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/response/{name:.+}", self._response_url)
        app.router.add_get("/socket-mode", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------ addresses

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    @property
    def socket_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/socket-mode"

    def response_url(self, name: str | None = None) -> str:
        return f"{self.url}/response/{name or uuid.uuid4().hex}"

    # ------------------------------------------------------------ scripting and inspection

    def script(self, method: str, *replies: Reply) -> None:
        """Queue replies for ``method`` (a Web API method or ``"response_url"``)."""
        with self._lock:
            self._scripts[method].extend(replies)

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()
            self._scripts.clear()

    def calls(
        self,
        method: str | None = None,
        *,
        where: Callable[[SlackCall], bool] | None = None,
        include_failed: bool = False,
    ) -> list[SlackCall]:
        """Recorded calls, oldest first: answered 200 only unless ``include_failed``."""
        with self._lock:
            calls = list(self._calls)
        return [
            c
            for c in calls
            if (method is None or c.method == method)
            and (include_failed or c.ok)
            and (where is None or where(c))
        ]

    def wait_for(
        self,
        method: str,
        *,
        count: int = 1,
        where: Callable[[SlackCall], bool] | None = None,
        timeout: float = 10.0,
    ) -> list[SlackCall]:
        """Block until at least ``count`` matching calls were answered 200; return them all.

        Raises ``AssertionError`` (listing what was received) after ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [
                    c
                    for c in self._calls
                    if c.method == method and c.ok and (where is None or where(c))
                ]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.status) for c in self._calls]
                    raise AssertionError(
                        f"expected {count} {method} call(s), got {len(found)}; received {seen}"
                    )
                self._lock.wait(timeout=min(left, 0.05))

    # ------------------------------------------------------------ handlers

    def _record(self, call: SlackCall) -> None:
        with self._lock:
            self._calls.append(call)
            self._lock.notify_all()

    def _next_script(self, method: str) -> Reply | None:
        with self._lock:
            queue = self._scripts.get(method)
            return queue.popleft() if queue else None

    @staticmethod
    async def _read_body(request: web.Request) -> dict[str, Any]:
        raw = await request.read()
        body: dict[str, Any] = dict(request.query)
        if not raw:
            return body
        text = raw.decode("utf-8", errors="replace")
        if request.content_type == "application/json":
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = {"_raw": text}
            body.update(parsed if isinstance(parsed, dict) else {"_json": parsed})
        else:
            body.update(dict(parse_qsl(text, keep_blank_values=True)))
        return body

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._read_body(request)
        reply = self._next_script(method) or Reply(body=self._answer(method, body))
        if reply.delay:
            await asyncio.sleep(reply.delay)
        answer = reply.body if reply.body is not None else {"ok": reply.status == 200}
        headers = dict(request.headers)
        self._record(SlackCall(method, request.path, body, headers, reply.status))
        return web.json_response(answer, status=reply.status, headers=reply.headers)

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await self._read_body(request)
        reply = self._next_script(RESPONSE_URL) or Reply()
        if reply.delay:
            await asyncio.sleep(reply.delay)
        headers = dict(request.headers)
        self._record(SlackCall(RESPONSE_URL, request.path, body, headers, reply.status))
        text = "ok" if reply.status == 200 else json.dumps(reply.body or {})
        return web.Response(text=text, status=reply.status, headers=reply.headers)

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://fake.slack.test/",
                "team": "Fake team",
                "user": "rolebot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            message = {"type": "message", "text": body.get("text"), "ts": ts, "bot_id": BOT_ID}
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": message}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "views.publish":
            view = body.get("view")
            if isinstance(view, str):
                view = json.loads(view)
            return {"ok": True, "view": {"id": f"V{next(self._ts):08d}", **(view or {})}}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        if method == "users.info":
            user = str(body.get("user") or "")
            profile: dict[str, Any] = {"id": user, "name": user.lower()}
            if str(body.get("include_locale")).lower() in ("true", "1"):
                profile["locale"] = self.locales.get(user, "en-US")
            return {"ok": True, "user": profile}
        return {"ok": True}

    # ------------------------------------------------------------ Socket Mode

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        self._record(SlackCall("socket_mode.connect", request.path, {}, dict(request.headers), 200))
        await ws.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": APP_ID}}
        )
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    data = json.loads(msg.data)
                    self._record(SlackCall(SOCKET_ACK, request.path, data, {}, 200))
        finally:
            if ws in self._sockets:
                self._sockets.remove(ws)
        return ws

    def send_envelope(
        self,
        payload: dict[str, Any],
        *,
        type: str = "events_api",
        envelope_id: str | None = None,
        retry_attempt: int = 0,
    ) -> str:
        """Push one Socket Mode envelope to the connected client; return its envelope id."""
        envelope_id = envelope_id or uuid.uuid4().hex
        envelope = {
            "envelope_id": envelope_id,
            "type": type,
            "payload": payload,
            "accepts_response_payload": type != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
        }
        assert self._loop is not None and self._sockets, "no Socket Mode client is connected"
        ws = self._sockets[-1]
        asyncio.run_coroutine_threadsafe(ws.send_json(envelope), self._loop).result(timeout=10)
        return envelope_id
