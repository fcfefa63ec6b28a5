"""A response is sent in one piece: the writes made part way through it are kept and
sent joined once it is complete, or at the next turn of the loop."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import httpx
import pytest

from bot.server.writes import CoalescedWrites


class Transport:
    """What the writes reach: every send, in order."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.sent.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str) -> str:
        return f"info {name}"


def test_a_response_written_in_parts_is_sent_once_complete() -> None:
    async def scenario() -> list[bytes]:
        transport, part_way = Transport(), [False]
        writes = CoalescedWrites(transport, asyncio.get_running_loop(), lambda: part_way[0])
        part_way[0] = True  # the head is out, the body is to come
        writes.write(b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 4\r\n\r\n")
        writes.write(b"nope")
        assert transport.sent == []
        part_way[0] = False
        writes.write(b"")  # the end of the message (nothing to send for a sized body)
        return transport.sent

    assert asyncio.run(scenario()) == [
        b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 4\r\n\r\nnope"
    ]


def test_a_streamed_response_is_sent_at_the_next_turn_of_the_loop_and_before_closing() -> None:
    async def scenario() -> tuple[list[bytes], list[bytes]]:
        transport = Transport()
        writes = CoalescedWrites(transport, asyncio.get_running_loop(), lambda: True)
        writes.write(b"head")
        writes.write(b"chunk 1")
        await asyncio.sleep(0)
        after_a_turn = list(transport.sent)
        writes.write(b"chunk 2")
        writes.close()
        return after_a_turn, transport.sent

    after_a_turn, sent = asyncio.run(scenario())
    assert after_a_turn == [b"headchunk 1"]
    assert sent == [b"headchunk 1", b"chunk 2"]


def test_the_transport_is_otherwise_the_same() -> None:
    async def scenario() -> tuple[str, int]:
        writes = CoalescedWrites(Transport(), asyncio.get_running_loop(), lambda: True)
        writes.write(b"12345")
        return writes.get_extra_info("peername"), writes.get_write_buffer_size()

    assert asyncio.run(scenario()) == ("info peername", 5)


@pytest.mark.slow
def test_a_served_response_arrives_in_one_segment(tmp_path: Path) -> None:
    """Against ``rolebot serve``: the head and body of /livez come in a single read."""
    from tests.robustness.serving import ServeProcess

    server = ServeProcess({"DATABASE_URL": "sqlite:///:memory:"}, tmp_path).wait_ready()
    try:
        assert httpx.get(server.url + "/livez").status_code == 200
        port = int(server.url.rsplit(":", 1)[1])
        reads = []
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            for _ in range(20):
                sock.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\n\r\n")
                reads.append(sock.recv(65536))
    finally:
        server.stop()
    assert all(b"\r\n\r\n" in data and data.rstrip().endswith(b"}") for data in reads), reads
