"""Slow or vanishing clients against a real `rolebot serve`: dropped within the client
timeout, never an error in the log."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

import pytest

from tests.server.serverkit import ServerProcess, slack_env

TIMEOUT_S = 1.0


@pytest.fixture
def server(start_server, fake_slack) -> ServerProcess:
    return start_server(slack_env(fake_slack, ROLEBOT_CLIENT_TIMEOUT=str(TIMEOUT_S)))


def _connect(server: ServerProcess) -> socket.socket:
    parts = urlsplit(server.url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    return sock


def _seconds_until_closed(sock: socket.socket, limit: float = 10.0) -> tuple[float, bytes]:
    """How long until the server closes the connection, and what it sent before."""
    started = time.monotonic()
    received = b""
    sock.settimeout(limit)
    try:
        while chunk := sock.recv(4096):
            received += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return time.monotonic() - started, received


HEAD = (
    b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b"X-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=00\r\n"
)


def test_a_request_head_that_never_ends_is_dropped(server: ServerProcess) -> None:
    with _connect(server) as sock:
        sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        waited, _ = _seconds_until_closed(sock)

    assert waited < TIMEOUT_S + 3


def test_a_silent_connection_is_dropped(server: ServerProcess) -> None:
    with _connect(server) as sock:
        waited, _ = _seconds_until_closed(sock)

    assert waited < TIMEOUT_S + 3


def test_a_body_shorter_than_announced_gets_408(server: ServerProcess) -> None:
    start = len(server.lines)
    with _connect(server) as sock:
        sock.sendall(HEAD + b"Content-Length: 1000\r\n\r\n" + b'{"type": ')
        waited, received = _seconds_until_closed(sock)

    assert waited < TIMEOUT_S + 3
    assert received.startswith(b"HTTP/1.1 408"), received[:100]
    assert not [line for line in server.lines[start:] if "Traceback" in line or " ERROR " in line]


def test_a_client_that_leaves_mid_body_causes_no_error(server: ServerProcess) -> None:
    start = len(server.lines)
    with _connect(server) as sock:
        sock.sendall(HEAD + b"Content-Length: 5000\r\n\r\n" + b"{" * 100)
    time.sleep(0.5)
    with _connect(server) as sock:  # still serving
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        _, received = _seconds_until_closed(sock)

    assert received.startswith(b"HTTP/1.1 200"), received[:100]
    problems = [line for line in server.lines[start:] if "Traceback" in line or "ASGI" in line]
    assert problems == []
