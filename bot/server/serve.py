"""``rolebot serve``: run the ASGI application on uvicorn.

The CLI calls ``add_arguments(parser)`` and ``run(args)``. SIGTERM and SIGINT stop the
server gracefully (no new connections, requests and replies in flight finish, queued
records are written); SIGHUP reloads the knowledge.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.platforms.base import PlatformKind

log = logging.getLogger("rolebot.server")

DEFAULT_PORT = 3000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT") or DEFAULT_PORT),
        help="TCP port (default: $PORT or 3000; 0 picks a free port)",
    )
    parser.add_argument(
        "--host",
        default=os.environ.get("ROLEBOT_HOST") or "0.0.0.0",
        help="interface to listen on (default: $ROLEBOT_HOST or 0.0.0.0)",
    )
    for flag, what in (("--knowledge", "knowledge"), ("--intents", "intents")):
        # The CLI may already give every command --knowledge.
        with contextlib.suppress(argparse.ArgumentError):
            parser.add_argument(flag, type=Path, default=None, help=f"{what} folder")


def run(args: argparse.Namespace, platform_kinds: Sequence[PlatformKind] | None = None) -> int:
    """Start the server; returns the exit status once it has stopped. ``platform_kinds``
    replaces the registered platforms (as in ``create_app``)."""
    from bot.app.bootstrap import build_runtime
    from bot.app.reload import describe_error
    from bot.app.runtime import ServerSettings
    from bot.platforms.base import PlatformConfigError
    from bot.server.app import create_app
    from bot.server.logging_setup import configure_logging

    configure_logging()
    try:
        settings = ServerSettings.from_env(
            knowledge_dir=getattr(args, "knowledge", None),
            intents_dir=getattr(args, "intents", None),
        )
        runtime = build_runtime(settings)
    except Exception as exc:
        for line in describe_error(exc):
            log.error("cannot start: %s", line)
        return 1
    try:
        app = create_app(runtime, platform_kinds=platform_kinds)
    except (PlatformConfigError, ValueError) as exc:
        log.error("cannot start: %s", exc)
        runtime.close()
        return 2
    host = getattr(args, "host", None) or "0.0.0.0"
    port = getattr(args, "port", None)
    return serve_app(app, host, DEFAULT_PORT if port is None else port, settings.shutdown_grace_s)


def serve_app(app: object, host: str, port: int, grace_s: float = 20.0) -> int:
    """Run ``app`` on uvicorn until SIGTERM/SIGINT; 0 after a clean stop."""
    import uvicorn

    from bot.server.timeouts import KEEP_ALIVE_S, client_timeout_from_env, head_timeout_protocol

    config = uvicorn.Config(
        app,  # type: ignore[arg-type]
        host=host,
        port=port,
        log_config=None,  # our logging setup (structured, redacted) handles uvicorn's loggers
        lifespan="on",
        proxy_headers=True,
        server_header=False,
        http=head_timeout_protocol(client_timeout_from_env()),
        timeout_keep_alive=KEEP_ALIVE_S,
        timeout_graceful_shutdown=max(1, round(grace_s)),
    )
    server = uvicorn.Server(config)
    if threading.current_thread() is threading.main_thread():
        # uvicorn re-raises the stop signal once it has shut down; with these handlers in
        # place that re-raise is a no-op, so the process exits normally with status 0.
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: None)
    with asyncio.Runner(loop_factory=config.get_loop_factory()) as runner:
        runner.run(server.serve())
    return 0 if server.started else 1


def main(argv: list[str] | None = None) -> int:
    """``python -m bot.server.serve [--port N] [--host H] [--knowledge DIR]``."""
    parser = argparse.ArgumentParser(prog="rolebot serve", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
