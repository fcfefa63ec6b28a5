"""The Teams endpoint served by a real uvicorn on 127.0.0.1, with an in-memory storage fake."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.routing import Route

from bot.app.service import AnswerService, Feedback, Interaction
from bot.core.engine import Engine
from bot.platforms.teams.app import TeamsBot, build_teams
from bot.platforms.teams.settings import TeamsSettings
from bot.server.health import livez


@dataclass
class MemoryStorage:
    """A fake of the Storage port that keeps everything in lists."""

    interactions: list[Interaction] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    claimed: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def claim_event(self, key: str, ttl_seconds: int = 3600) -> bool:
        with self.lock:
            if key in self.claimed:
                return False
            self.claimed.add(key)
            return True

    def record_interaction(self, interaction: Interaction) -> None:
        self.interactions.append(interaction)

    def record_feedback(self, feedback: Feedback) -> None:
        """Like the real storage: a feedback with the vote of an earlier one replaces it."""
        with self.lock:
            if feedback.vote is not None:
                self.feedback[:] = [f for f in self.feedback if f.vote != feedback.vote]
            self.feedback.append(feedback)

    def ping(self) -> bool:
        return True

    def shares_claims(self) -> bool:
        return True


@dataclass
class RunningTeams:
    """A started endpoint: where it listens, the adapter behind it, what it recorded."""

    base_url: str
    bot: TeamsBot
    engine: Engine
    storage: MemoryStorage
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def messages_url(self) -> str:
        return self.base_url + "/api/messages"

    def post(
        self,
        body: Any = None,
        *,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        if content is None:
            return httpx.post(self.messages_url, json=body, headers=headers, timeout=10)
        return httpx.post(self.messages_url, content=content, headers=headers, timeout=10)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        assert not self.thread.is_alive(), "the Teams test server did not stop"


ServeTeams = Callable[..., RunningTeams]


def start_teams(
    engine: Engine,
    settings: TeamsSettings,
    sdk_options: dict[str, Any] | None = None,
    *,
    hooks: bool = True,
    **bot_options: Any,
) -> RunningTeams:
    """Serve ``build_teams(...)`` routes; ``hooks=False`` leaves out its start-up/shutdown;
    ``bot_options`` are further ``TeamsBot`` keyword arguments."""
    storage = MemoryStorage()
    service = AnswerService(lambda: engine, storage=storage)
    bot = build_teams(service, settings, sdk_options=sdk_options, **bot_options)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with bot.lifespan():
            yield

    # /livez as the server has it, for timing another request next to Teams traffic.
    routes = [*bot.routes, Route("/livez", livez, methods=["GET"])]
    app = Starlette(routes=routes, lifespan=lifespan if hooks else None)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the Teams test server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return RunningTeams(f"http://127.0.0.1:{port}", bot, engine, storage, server, thread)
