"""Fixtures for server tests (helpers live in serverkit.py)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from serverkit import FakeSlack, ServerProcess, pgcluster


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    url = pgcluster.acquire()
    try:
        yield url
    finally:
        pgcluster.release()


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Any]:
    """``start_server(env, *args)`` -> a ready ``ServerProcess``; all are stopped afterwards."""
    started: list[ServerProcess] = []

    def start(env: Mapping[str, str] | None = None, *args: str, ready: bool = True):
        base = {"ROLEBOT_RELOAD_INTERVAL": "0.2", "ROLEBOT_SHUTDOWN_GRACE": "10"}
        server = ServerProcess({**base, **(env or {})}, tmp_path, args)
        started.append(server)
        return server.wait_ready() if ready else server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            method = self.path.rsplit("/", 1)[-1].split("?", 1)[0]
            raw = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
            if "json" in (self.headers.get("content-type") or ""):
                body = json.loads(raw or "{}")
            else:
                body = dict(parse_qsl(raw))
            if fake.delays.get(method):
                time.sleep(fake.delays[method])
            fake.calls.append((method, body))
            payload = json.dumps(fake.respond(method, body)).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    fake.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()
    thread.join()
