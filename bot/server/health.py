"""Health endpoints: ``/livez`` (the process serves), ``/readyz`` (it can answer).

- ``GET /livez``: 200 while the event loop runs; no I/O. The container health check polls
  it, so a database outage never gets a replica restarted.
- ``GET /readyz``: 200 when the knowledge is loaded and no platform connection has stopped;
  503 otherwise. It reports the storage's state (reachable, writable, rows queued, claims
  waiting for the database, last error), but storage alone never makes it fail: answers are
  still served while the database is down.
- ``GET /healthz``: the same as ``/readyz`` (the contract's name).

The storage is pinged on a thread of its own, one ping at a time, its answer kept for
``PROBE_CACHE_S``: polling health never takes a thread that answers need, and a hanging
database never piles up pings.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse

import bot
from bot.app.runtime import Runtime

PROBE_TIMEOUT_S = 3.0
PROBE_CACHE_S = 1.0

Endpoint = Callable[[Request], Awaitable[JSONResponse]]


class PlatformStates(Protocol):
    def modes(self) -> dict[str, str]: ...

    def stopped(self) -> list[str]: ...


class StorageProbe:
    """``await check()``: does the storage answer? (None when there is no storage)."""

    def __init__(
        self, storage: Any, timeout_s: float = PROBE_TIMEOUT_S, cache_s: float = PROBE_CACHE_S
    ) -> None:
        self.storage = storage
        self.timeout_s = timeout_s
        self.cache_s = cache_s
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="rolebot-health")
        self._running: asyncio.Future[bool] | None = None
        self._result: bool | None = None
        self._at = float("-inf")

    async def check(self) -> bool | None:
        if self.storage is None:
            return None
        loop = asyncio.get_running_loop()
        if loop.time() - self._at < self.cache_s:
            return self._result
        if self._running is None or self._running.done():
            self._running = loop.run_in_executor(self._pool, self.storage.ping)
        try:
            result = bool(await asyncio.wait_for(asyncio.shield(self._running), self.timeout_s))
        except TimeoutError:
            result = False  # the ping goes on; the next check waits for the same one
        except Exception:
            result = False
        self._result, self._at = result, loop.time()
        return result

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


async def livez(request: Request) -> JSONResponse:
    return JSONResponse({"status": "alive", "version": bot.__version__})


def readyz(runtime: Runtime, platforms: PlatformStates, probe: StorageProbe) -> Endpoint:
    async def endpoint(request: Request) -> JSONResponse:
        storage = runtime.storage
        reachable = await probe.check()
        state: dict[str, object] = {"backend": getattr(storage, "backend", None)}
        if hasattr(storage, "state"):
            state.update(storage.state())
        state["reachable"] = reachable
        stopped = platforms.stopped()
        ready = runtime.holder.loaded and not stopped
        body: dict[str, object] = {
            "status": "ok" if ready else "unavailable",
            "version": bot.__version__,
            "knowledge_loaded": runtime.holder.loaded,
            "knowledge_version": runtime.holder.version,
            "knowledge_digest": runtime.holder.digest,
            "knowledge_reload_failed": bool(runtime.holder.last_error),
            "storage_backend": state["backend"],
            "storage_reachable": reachable,
            "storage": state,
            **platforms.modes(),
        }
        if stopped:
            body["stopped"] = stopped
        return JSONResponse(body, status_code=200 if ready else 503)

    return endpoint
