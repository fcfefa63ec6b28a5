"""The production ASGI application: health, metrics and the chat platforms' endpoints.

``create_app(runtime)`` returns one Starlette app serving ``GET /healthz``, ``GET /metrics``
and, when the environment configures them, Slack (``POST /slack/events`` or Socket Mode)
and Microsoft Teams (``POST /api/messages``). The Slack and Teams packages are imported
only when configured. ``bot.app.bootstrap.build_runtime(settings)`` builds the ``Runtime``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import bot
from bot.app.reload import EngineHolder, sighup_reloads
from bot.app.service import AnswerService
from bot.server.logging_setup import new_request_id, request_id_var
from bot.server.metrics import Metrics, RequestCounter

log = logging.getLogger("rolebot.server")

SLACK_ENV = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")
TEAMS_ENV = (
    "CLIENT_ID",
    "CLIENT_SECRET",
    "TENANT_ID",
    "MANAGED_IDENTITY_CLIENT_ID",
    "ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED",
)
MAX_BODY_BYTES = 1_000_000
HEALTH_STORAGE_TIMEOUT_S = 3.0
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_FALSE = {"0", "false", "no", "off"}


class PlatformConfigError(RuntimeError):
    """A chat platform is configured but cannot be served (e.g. its package is missing)."""


@dataclass(frozen=True)
class ServerSettings:
    """What ``rolebot serve`` needs besides the chat platforms' own settings."""

    knowledge_dir: Path
    intents_dir: Path
    database_url: str
    store_text: bool = True
    watch: bool = True
    watch_interval_s: float = 2.0
    shutdown_grace_s: float = 20.0

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        knowledge_dir: Path | None = None,
        intents_dir: Path | None = None,
        database_url: str | None = None,
    ) -> ServerSettings:
        from bot.data.paths import default_intents_dir, default_knowledge_dir
        from bot.storage.sql import store_text_from_env
        from bot.storage.url import database_url_from_env

        env = os.environ if environ is None else environ
        return cls(
            knowledge_dir=Path(knowledge_dir) if knowledge_dir else default_knowledge_dir(),
            intents_dir=Path(intents_dir) if intents_dir else default_intents_dir(),
            database_url=database_url or database_url_from_env(env),
            store_text=store_text_from_env(env),
            watch=env.get("ROLEBOT_RELOAD", "1").strip().lower() not in _FALSE,
            watch_interval_s=float(env.get("ROLEBOT_RELOAD_INTERVAL", "2")),
            shutdown_grace_s=float(env.get("ROLEBOT_SHUTDOWN_GRACE", "20")),
        )


@dataclass
class Runtime:
    """Everything a running server holds: knowledge, service, metrics, storage."""

    settings: ServerSettings
    holder: EngineHolder
    service: AnswerService
    metrics: Metrics
    storage: Any | None = None  # BufferedStorage / SqlStorage (has ping, close, backend)

    def close(self) -> None:
        if self.storage is not None:
            self.storage.close()


@dataclass
class Platforms:
    """The chat platforms this process serves: routes, start/stop hooks, liveness."""

    routes: list[BaseRoute] = field(default_factory=list)
    lifespans: list[Callable[[], AbstractAsyncContextManager[None]]] = field(default_factory=list)
    alive: dict[str, Callable[[], bool]] = field(default_factory=dict)
    slack: str = "off"
    teams: str = "off"


def load_platforms(
    service: AnswerService,
    environ: Mapping[str, str] | None = None,
    *,
    grace_s: float = 20.0,
) -> Platforms:
    """Slack and Teams as configured by the environment (imported only when configured)."""
    env = os.environ if environ is None else environ
    platforms = Platforms()
    if any(env.get(name) for name in SLACK_ENV):
        _add_slack(service, platforms, grace_s, env)
    if any(env.get(name) for name in TEAMS_ENV):
        _add_teams(service, platforms, grace_s, env)
    return platforms


def _add_slack(
    service: AnswerService, platforms: Platforms, grace_s: float, env: Mapping[str, str]
) -> None:
    try:
        from bot.platforms.slack.app import create_slack_app
        from bot.platforms.slack.http import run_socket_mode, slack_routes
        from bot.platforms.slack.settings import SlackSettings
    except ImportError as exc:
        raise PlatformConfigError(f"Slack is configured but cannot be loaded: {exc}") from exc
    settings = SlackSettings.from_env(env)
    if not (settings.http_enabled or settings.socket_mode):
        raise PlatformConfigError(
            "Slack is partly configured: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) "
            "or with SLACK_APP_TOKEN (Socket Mode)"
        )
    app = create_slack_app(service, settings)
    # At shutdown (in reverse order): the Socket Mode connection closes, then the replies
    # still being sent are awaited.
    platforms.lifespans.append(lambda: _drain_replies(app, grace_s))
    modes = []
    if settings.http_enabled:
        platforms.routes.extend(slack_routes(app))
        modes.append("http")
    if settings.socket_mode:

        def socket_mode() -> AbstractAsyncContextManager[None]:
            return _background("slack socket mode", platforms, run_socket_mode, app, settings)

        platforms.lifespans.append(socket_mode)
        modes.append("socket")
    platforms.slack = "+".join(modes)


def _add_teams(
    service: AnswerService, platforms: Platforms, grace_s: float, env: Mapping[str, str]
) -> None:
    try:
        from bot.platforms.teams.app import build_teams
        from bot.platforms.teams.settings import TeamsSettings
    except ImportError as exc:
        raise PlatformConfigError(f"Teams is configured but cannot be loaded: {exc}") from exc
    settings = TeamsSettings.from_env(env)
    if not settings.enabled:
        return
    teams = build_teams(service, settings, drain_seconds=grace_s)
    platforms.routes.extend(teams.routes)
    platforms.lifespans.append(teams.lifespan)
    unauthenticated = bool(getattr(settings, "unauthenticated", False))
    platforms.teams = "on (unauthenticated, development only)" if unauthenticated else "on"


@contextlib.asynccontextmanager
async def _drain_replies(app: Any, grace_s: float) -> AsyncIterator[None]:
    """While serving, share one Web API connection pool; at shutdown, wait for the Slack
    replies still being sent."""
    from bot.platforms.slack.app import close_session, open_session

    await open_session(app)
    try:
        yield
    finally:
        replies = getattr(app, "replies", None)
        if replies is not None:
            left = await replies.drain(timeout=grace_s)
            if left:
                log.error("slack: %d replies still running at shutdown were dropped", left)
        await close_session(app)


BACKGROUND_STOP_S = 5.0


@contextlib.asynccontextmanager
async def _background(
    name: str,
    platforms: Platforms,
    run: Callable[..., Awaitable[None]],
    *args: Any,
) -> AsyncIterator[None]:
    """Run ``run(*args, stop)`` for the app's life; at shutdown set ``stop``, then cancel.

    A connection still trying to connect does not notice ``stop``: it is cancelled after
    ``BACKGROUND_STOP_S`` seconds.
    """
    stop = asyncio.Event()

    async def guarded() -> None:
        try:
            await run(*args, stop)
            if not stop.is_set():
                log.error("%s stopped", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed", name)

    task = asyncio.create_task(guarded(), name=name)
    platforms.alive[name] = lambda: not task.done()
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, BACKGROUND_STOP_S)
        except TimeoutError:
            log.warning("%s did not stop within %.0f s: cancelled", name, BACKGROUND_STOP_S)


class RequestContext:
    """ASGI middleware: a request id per HTTP request (from ``X-Request-Id`` or new)."""

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


def health(runtime: Runtime, platforms: Platforms) -> Callable[[Request], Awaitable[JSONResponse]]:
    """The ``GET /healthz`` endpoint: 200 when knowledge is loaded and storage answers."""

    async def endpoint(request: Request) -> JSONResponse:
        storage = runtime.storage
        reachable: bool | None = None
        if storage is not None:
            try:
                reachable = await asyncio.wait_for(
                    asyncio.to_thread(storage.ping), HEALTH_STORAGE_TIMEOUT_S
                )
            except TimeoutError:
                reachable = False
        dead = [name for name, alive in platforms.alive.items() if not alive()]
        body = {
            "status": "ok",
            "version": bot.__version__,
            "knowledge_loaded": runtime.holder.loaded,
            "knowledge_version": runtime.holder.version,
            "knowledge_digest": runtime.holder.digest,
            "knowledge_reload_failed": bool(runtime.holder.last_error),
            "storage_backend": getattr(storage, "backend", None),
            "storage_reachable": reachable,
            "slack": platforms.slack,
            "teams": platforms.teams,
        }
        healthy = runtime.holder.loaded and reachable is not False and not dead
        if dead:
            body["stopped"] = dead
        if not healthy:
            body["status"] = "unavailable"
        return JSONResponse(body, status_code=200 if healthy else 503)

    return endpoint


def create_app(
    runtime: Runtime,
    *,
    environ: Mapping[str, str] | None = None,
    extra_routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """One ASGI app for health, metrics and the configured chat platforms.

    Shutdown order: uvicorn stops accepting and waits for requests in flight; then the
    platforms wait for replies still being sent (up to ``shutdown_grace_s``); then the
    storage writes what is queued.
    """
    settings = runtime.settings
    platforms = load_platforms(runtime.service, environ, grace_s=settings.shutdown_grace_s)
    routes: list[BaseRoute] = [
        Route("/healthz", health(runtime, platforms), methods=["GET"]),
        Route("/metrics", runtime.metrics.endpoint, methods=["GET"]),
        *platforms.routes,
        *extra_routes,
    ]
    paths = [route.path for route in routes if isinstance(route, Route)]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runtime.metrics.build.labels(bot.__version__).set(1)
        async with contextlib.AsyncExitStack() as stack:
            stack.push_async_callback(_close_storage, runtime)
            sighup = stack.enter_context(sighup_reloads(runtime.holder))
            if settings.watch:
                watcher = asyncio.create_task(
                    runtime.holder.watch(settings.watch_interval_s), name="knowledge-watch"
                )
                stack.push_async_callback(_cancel, watcher)
            for platform_lifespan in platforms.lifespans:
                await stack.enter_async_context(platform_lifespan())
            _log_started(runtime, platforms, sighup)
            yield
            log.info("rolebot stopping")
        log.info("rolebot stopped")

    return Starlette(
        routes=routes,
        middleware=[
            Middleware(RequestContext),
            Middleware(RequestCounter, metrics=runtime.metrics, routes=paths),
        ],
        lifespan=lifespan,
        max_body_size=MAX_BODY_BYTES,
    )


async def _cancel(task: asyncio.Task[Any]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _close_storage(runtime: Runtime) -> None:
    await asyncio.to_thread(runtime.close)


def _log_started(runtime: Runtime, platforms: Platforms, sighup: bool) -> None:
    settings = runtime.settings
    storage = runtime.storage
    storage_text = (
        f"{storage.backend} ({storage.display_url})" if storage is not None else "none (in memory)"
    )
    reload_modes = [m for m, on in (("files", settings.watch), ("SIGHUP", sighup)) if on]
    log.info(
        "rolebot %s started: slack=%s teams=%s storage=%s knowledge=%s (%s) reload=%s",
        bot.__version__,
        platforms.slack,
        platforms.teams,
        storage_text,
        runtime.holder.version,
        settings.knowledge_dir,
        "+".join(reload_modes) or "off",
        extra={
            "event": "started",
            "slack": platforms.slack,
            "teams": platforms.teams,
            "storage_backend": getattr(storage, "backend", None),
            "knowledge_version": runtime.holder.version,
            "knowledge_dir": str(settings.knowledge_dir),
            "store_text": settings.store_text,
        },
    )
