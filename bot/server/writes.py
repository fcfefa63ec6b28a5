"""One send per response: the head and body of a response go out together.

uvicorn writes a response's status line and headers, then its body, each with its own
``transport.write``: two sends, two TCP segments (asyncio sets ``TCP_NODELAY``) and two
wake-ups of the client for every request; on a busy machine each send can also hand the
core to the client it wakes. :class:`CoalescedWrites` keeps the writes made while a
response is part way (``part_way()``, the protocol's own state) and sends them joined as
soon as it is complete; what a streamed response writes is sent at the next turn of the
loop at the latest. Closing the connection sends what is kept first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


class CoalescedWrites:
    """A transport whose writes during one response are sent as one."""

    def __init__(
        self,
        transport: asyncio.Transport,
        loop: asyncio.AbstractEventLoop,
        part_way: Callable[[], bool],
    ) -> None:
        self._transport = transport
        self._loop = loop
        self._part_way = part_way
        self._kept: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if data:
            self._kept.append(bytes(data))
        if not self._part_way():
            self.flush()
        elif len(self._kept) == 1:
            self._loop.call_soon(self.flush)

    def writelines(self, lines: Any) -> None:
        for data in lines:
            self.write(data)

    def flush(self) -> None:
        """Send what is kept."""
        if not self._kept:
            return
        data = b"".join(self._kept)
        self._kept.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(map(len, self._kept))

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        self._kept.clear()
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)
