"""The production ASGI application: health, metrics and the chat platforms' endpoints.

``create_app(runtime)`` returns one Starlette app serving ``GET /healthz``, ``GET /metrics``
and the routes of every chat platform the environment configures. The platforms come from
``bot.platforms.registry.PLATFORMS`` (see ``bot.platforms.base`` for their interface); this
module names none of them, and a platform's packages are imported only when it is
configured. ``bot.app.bootstrap.build_runtime(settings)`` builds the ``Runtime``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import bot
from bot.app.reload import sighup_reloads
from bot.app.runtime import Runtime, ServerSettings
from bot.platforms.base import Platform, PlatformConfigError, PlatformKind
from bot.platforms.registry import PLATFORMS
from bot.server import heap
from bot.server.disconnects import EXCEPTION_HANDLERS
from bot.server.health import StorageProbe, livez, readyz
from bot.server.logging_setup import new_request_id, request_id_var
from bot.server.metrics import RequestCounter
from bot.server.telemetry import configure_telemetry
from bot.server.timeouts import BodyTimeout, client_timeout_from_env

__all__ = ["PlatformConfigError", "Runtime", "ServerSettings", "create_app", "load_platforms"]

log = logging.getLogger("rolebot.server")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(frozen=True)
class ServedPlatforms:
    """Every registered platform kind, each with its configured platform or ``None`` (off)."""

    entries: tuple[tuple[str, Platform | None], ...]

    @property
    def configured(self) -> list[Platform]:
        return [platform for _, platform in self.entries if platform is not None]

    def modes(self) -> dict[str, str]:
        return {name: p.health().mode if p else "off" for name, p in self.entries}

    def stopped(self) -> list[str]:
        return [part for p in self.configured for part in p.health().stopped]


def load_platforms(
    environ: Mapping[str, str] | None = None,
    kinds: Sequence[PlatformKind] | None = None,
) -> ServedPlatforms:
    """The platforms the environment configures; raises ``PlatformConfigError`` when one is
    only partly configured or its packages are missing."""
    env = os.environ if environ is None else environ
    registered = PLATFORMS if kinds is None else kinds
    return ServedPlatforms(tuple((kind.name, kind.from_env(env)) for kind in registered))


class RequestContext:
    """ASGI middleware: a request id per HTTP request (from ``X-Request-Id`` or new).

    Kept rather than asgi-correlation-id: these few lines validate the incoming id against
    a strict pattern (it reaches log lines and the database) and set the context variable
    the log formatter and the answer log read; the package would bring its own variable
    and logging filter to reconcile with ours, for no less code.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or ()).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else new_request_id()
        token = request_id_var.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


def create_app(
    runtime: Runtime,
    *,
    environ: Mapping[str, str] | None = None,
    extra_routes: Sequence[BaseRoute] = (),
    platform_kinds: Sequence[PlatformKind] | None = None,
) -> Starlette:
    """One ASGI app for health, metrics and the configured chat platforms.

    Shutdown order: uvicorn stops accepting and waits for requests in flight; then the
    platforms wait for replies still being sent (up to ``shutdown_grace_s``); then the
    storage writes what is queued. ``platform_kinds`` replaces the registered platforms.
    """
    settings = runtime.settings
    configure_telemetry()
    platforms = load_platforms(environ, platform_kinds)
    runtime.metrics.know_platforms(name for name, _ in platforms.entries)
    probe = StorageProbe(runtime.storage)
    ready = readyz(runtime, platforms, probe)
    routes: list[BaseRoute] = [
        Route("/livez", livez, methods=["GET"]),
        Route("/readyz", ready, methods=["GET"]),
        Route("/healthz", ready, methods=["GET"]),
        Route("/metrics", runtime.metrics.endpoint, methods=["GET"]),
    ]
    for platform in platforms.configured:
        routes.extend(platform.mount(runtime.service))
        runtime.metrics.track_pending_replies(
            platform.name, lambda p=platform: p.health().pending_replies
        )
    if runtime.storage is not None and hasattr(runtime.storage, "queued"):
        runtime.metrics.track_storage_queue(lambda: runtime.storage.queued)
    routes.extend(extra_routes)
    paths = [route.path for route in routes if isinstance(route, Route)]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runtime.metrics.build.labels(bot.__version__).set(1)
        async with contextlib.AsyncExitStack() as stack:
            stack.push_async_callback(_close_storage, runtime)
            stack.callback(probe.close)
            sighup = stack.enter_context(sighup_reloads(runtime.holder))
            if settings.watch:
                watcher = asyncio.create_task(
                    runtime.holder.watch(settings.watch_interval_s), name="knowledge-watch"
                )
                stack.push_async_callback(_cancel, watcher)
            for platform in platforms.configured:
                await platform.start()
                stack.push_async_callback(platform.stop, settings.shutdown_grace_s)
            _log_started(runtime, platforms, sighup)
            heap.settle()
            stack.callback(heap.unsettle)
            yield
            log.info("rolebot stopping")
        log.info("rolebot stopped")

    return Starlette(
        routes=routes,
        middleware=[
            Middleware(BodyTimeout, timeout_s=client_timeout_from_env(environ)),
            Middleware(RequestContext),
            Middleware(RequestCounter, metrics=runtime.metrics, routes=paths),
        ],
        lifespan=lifespan,
        exception_handlers=EXCEPTION_HANDLERS,  # body limits are per route (the platforms')
    )


async def _cancel(task: asyncio.Task[Any]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _close_storage(runtime: Runtime) -> None:
    await asyncio.to_thread(runtime.close)


def _log_started(runtime: Runtime, platforms: ServedPlatforms, sighup: bool) -> None:
    settings = runtime.settings
    storage = runtime.storage
    storage_text = (
        f"{storage.backend} ({storage.display_url})" if storage is not None else "none (in memory)"
    )
    reload_modes = [m for m, on in (("files", settings.watch), ("SIGHUP", sighup)) if on]
    modes = platforms.modes()
    log.info(
        "rolebot %s started: %s storage=%s knowledge=%s (%s) reload=%s",
        bot.__version__,
        " ".join(f"{name}={mode}" for name, mode in modes.items()),
        storage_text,
        runtime.holder.version,
        settings.knowledge_dir,
        "+".join(reload_modes) or "off",
        extra={
            "event": "started",
            **modes,
            "storage_backend": getattr(storage, "backend", None),
            "knowledge_version": runtime.holder.version,
            "knowledge_dir": str(settings.knowledge_dir),
            "store_text": settings.store_text,
        },
    )
