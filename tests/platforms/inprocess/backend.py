"""An in-process chat platform for tests (errbot's idea of a test backend): a third platform
written only against the seam in ``bot.platforms.base``, served by ``create_app`` like Slack
and Teams, that conversation tests talk to without HTTP.

``TestBackendKind()`` goes in ``create_app(..., platform_kinds=(*PLATFORMS, kind))``; once
the app has started, ``kind.platform`` says things as a user would (``say``), presses the
buttons of the last reply (``show_quotes``, ``vote``) and renders replies as plain text.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from starlette.routing import BaseRoute

from bot.app.service import AnswerService
from bot.core.answer import Answer
from bot.core.render_text import render_text
from bot.platforms.base import PlatformHealth
from bot.platforms.conversation import Conversation
from bot.platforms.replies import ReplyTasks
from bot.platforms.strings import label

ENV = "ROLEBOT_TEST_BACKEND"


@dataclass(frozen=True)
class Reply:
    """What the backend shows the user: the text and the answer behind it."""

    id: str
    text: str
    answer: Answer


@dataclass
class TestBackend:
    """The platform: replies are kept in ``transcript``; ``language`` is the user's client."""

    __test__ = False  # not a test class

    name: str = "test"
    language: str = "en"
    transcript: list[Reply] = field(default_factory=list)
    talk: Conversation | None = None
    replies: ReplyTasks | None = None
    started: bool = False
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def mount(self, service: AnswerService) -> Sequence[BaseRoute]:
        self.talk = Conversation(service, self.name)
        self.replies = ReplyTasks(self.name, on_failure=lambda: service.reply_failed(self.name))
        return []  # nothing over HTTP

    async def start(self) -> None:
        self.started = True

    async def stop(self, grace_s: float) -> None:
        assert self.replies is not None
        await self.replies.drain(grace_s)
        self.started = False

    def health(self) -> PlatformHealth:
        return PlatformHealth("in-process" if self.started else "stopped")

    # -- what a user does ------------------------------------------------------------------

    def say(self, text: str, user: str = "U1") -> Reply:
        """Send a message; the reply (an answer, or the help for an empty message)."""

        async def turn() -> Answer:
            talk = self._talk()
            if not text.strip():
                return talk.help(self.language)
            return await talk.ask(text, user=user, conversation="test", request_id=None)

        return self._show(asyncio.run(turn()))

    def show_quotes(self, reply: Reply) -> str:
        answer = asyncio.run(self._talk().again(reply.answer.question))
        quotes = [f'"{s.quote}" ({s.credit()})' for s in answer.sources if s.quote]
        return "\n".join(quotes) or label("no_quotes", answer.language)

    def vote(self, reply: Reply, helpful: bool, user: str = "U1", reason: str | None = None) -> str:
        answer = reply.answer
        asyncio.run(
            self._talk().vote(
                user=user,
                answer_id=reply.id,
                helpful=helpful,
                question=answer.question,
                intent=answer.intent,
                roles=answer.roles,
                reason=reason,
            )
        )
        return label("thanks" if helpful else "thanks_negative", answer.language)

    def _show(self, answer: Answer) -> Reply:
        reply = Reply(f"R{next(self._ids)}", render_text(answer), answer)
        self.transcript.append(reply)
        return reply

    def _talk(self) -> Conversation:
        assert self.talk is not None, "the backend was not mounted by create_app"
        return self.talk


class TestBackendKind:
    """The kind registered with ``create_app``: configured by ``ROLEBOT_TEST_BACKEND=1``."""

    __test__ = False

    name = "test"

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self.platform: TestBackend | None = None

    def from_env(self, env: Mapping[str, str]) -> TestBackend | None:
        if env.get(ENV) != "1":
            return None
        self.platform = TestBackend(language=self.language)
        return self.platform
