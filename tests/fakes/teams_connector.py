"""A fake Bot Framework connector: a real HTTP server on 127.0.0.1 that records every call.

Activities posted to the bot carry ``serviceUrl`` = ``FakeConnector.url``, so every reply the
bot sends (``POST {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]``) lands here.
It answers like the real connector (``{"id": "..."}``).

It can also play the Bot Framework's OpenID metadata and key set
(``/v1/.well-known/openidconfiguration`` and ``/v1/.well-known/keys``) so that token
validation can be tested without reaching the internet.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

OPENID_PATH = "/v1/.well-known/openidconfiguration"
KEYS_PATH = "/v1/.well-known/keys"


@dataclass(frozen=True)
class ConnectorCall:
    """One HTTP call the fake received."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    raw_path: str = ""  # the request target as sent, before any decoding

    @property
    def is_activity(self) -> bool:
        """A call that creates or replies with a message in a conversation (not "typing")."""
        return self._to_activities("POST") and not self.is_typing

    @property
    def is_typing(self) -> bool:
        """A typing indicator sent to a conversation."""
        body_type = self.body.get("type") if isinstance(self.body, dict) else None
        return self._to_activities("POST") and body_type == "typing"

    @property
    def is_update(self) -> bool:
        """A call that replaces an activity already sent (``PUT .../activities/{id}``)."""
        return self._to_activities("PUT")

    def _to_activities(self, method: str) -> bool:
        parts = (self.raw_path or self.path).split("?")[0].split("/")
        return (
            self.method == method
            and len(parts) >= 5
            and parts[1:3] == ["v3", "conversations"]
            and parts[4] == "activities"
        )

    @property
    def conversation_id(self) -> str:
        """The ``{id}`` of ``/v3/conversations/{id}/...`` (URL-decoded)."""
        parts = self.path.split("/")
        return parts[3] if len(parts) > 3 else ""

    @property
    def reply_to_id(self) -> str | None:
        """``/activities/{replyToId}`` in the path, else ``replyToId`` in the body."""
        parts = self.path.split("/")
        if len(parts) > 5 and parts[5]:
            return parts[5]
        if isinstance(self.body, dict):
            return self.body.get("replyToId")
        return None

    @property
    def attachments(self) -> list[dict[str, Any]]:
        if isinstance(self.body, dict):
            return list(self.body.get("attachments") or [])
        return []


@dataclass
class _State:
    calls: list[ConnectorCall] = field(default_factory=list)
    lock: threading.Condition = field(default_factory=threading.Condition)
    jwks: dict[str, Any] | None = None
    ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    open: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.open.set()


class _Server(ThreadingHTTPServer):
    """Threads that never keep the test process alive, and a listen backlog for the bursts
    of replies a flood of activities sends at once (socketserver's default is 5: past
    it, a connection the kernel dropped shows up in the bot as a failed reply)."""

    daemon_threads = True
    request_queue_size = 256


class FakeConnector:
    """Start with ``with FakeConnector() as connector:``; read ``connector.calls``."""

    def __init__(self, jwks: dict[str, Any] | None = None) -> None:
        self._state = _State(jwks=jwks)
        self._server = _Server(("127.0.0.1", 0), _handler_for(self._state))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def openid_metadata_url(self) -> str:
        return self.url.rstrip("/") + OPENID_PATH

    def start(self) -> FakeConnector:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeConnector:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def calls(self) -> list[ConnectorCall]:
        with self._state.lock:
            return list(self._state.calls)

    def activities(self) -> list[ConnectorCall]:
        """Only the calls that sent a message to a conversation."""
        return [c for c in self.calls if c.is_activity]

    def typing(self) -> list[ConnectorCall]:
        return [c for c in self.calls if c.is_typing]

    def updates(self) -> list[ConnectorCall]:
        return [c for c in self.calls if c.is_update]

    def hold(self) -> None:
        """Record incoming calls but delay every answer (keys too) until :meth:`release`."""
        self._state.open.clear()

    def release(self) -> None:
        self._state.open.set()

    def reset(self) -> None:
        with self._state.lock:
            self._state.calls.clear()

    def wait_for_activities(
        self,
        count: int = 1,
        timeout: float = 10.0,
        where: Callable[[ConnectorCall], bool] | None = None,
    ) -> list[ConnectorCall]:
        """Poll until ``count`` matching activities were received, or fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._state.lock:
            while True:
                found = [
                    c for c in self._state.calls if c.is_activity and (where is None or where(c))
                ]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} activities, got {len(found)}: "
                        f"{[c.path for c in self._state.calls]}"
                    )
                self._state.lock.wait(remaining)


def _handler_for(state: _State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            """Silence the default stderr logging."""

        def _reply(self, status: int, payload: Any) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _record(self) -> ConnectorCall:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body: Any = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
            call = ConnectorCall(
                method=self.command,
                path=unquote(urlsplit(self.path).path),
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
                raw_path=self.path,
            )
            with state.lock:
                state.calls.append(call)
                state.lock.notify_all()
            return call

        def do_GET(self) -> None:
            call = self._record()
            state.open.wait(timeout=30)
            base = f"http://{self.headers.get('Host')}"
            if call.path == OPENID_PATH and state.jwks is not None:
                self._reply(200, {"issuer": base, "jwks_uri": base + KEYS_PATH})
            elif call.path == KEYS_PATH and state.jwks is not None:
                self._reply(200, state.jwks)
            else:
                self._reply(404, {"error": {"code": "NotFound", "message": call.path}})

        def do_POST(self) -> None:
            call = self._record()
            state.open.wait(timeout=30)
            if call.path.startswith("/v3/conversations/"):
                self._reply(200, {"id": f"fake-activity-{next(state.ids)}"})
            else:
                self._reply(404, {"error": {"code": "NotFound", "message": call.path}})

        def do_PUT(self) -> None:
            call = self._record()
            if call.path.startswith("/v3/conversations/"):
                self._reply(200, {"id": call.path.rsplit("/", 1)[-1]})
            else:
                self._reply(404, {"error": {"code": "NotFound", "message": call.path}})

    return Handler
