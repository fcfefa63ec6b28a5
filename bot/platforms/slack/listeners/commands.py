"""``/roles``: private answers through ``response_url``, acknowledged at once.

``/roles <question>`` answers privately with a "Post to channel" button; ``/roles help``,
``/roles list`` (the glossary) and ``/roles compare A B`` do what they say; an empty
command shows the help. French keywords (``aide``, ``liste``, ``comparer``) work too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.app.service import AnswerService
from bot.platforms.slack.delivery import post_to_response_url
from bot.platforms.slack.incoming import BadSlackPayload, question_text, text_field
from bot.platforms.slack.listeners.common import UserLanguages, conversation_of
from bot.platforms.slack.render import render_answer, render_glossary
from bot.platforms.slack.replies import spawn_reply

COMMAND = "/roles"

# keyword -> (what it asks for, its language; None: English, shown in the user's language)
_KEYWORDS: dict[str, tuple[Literal["help", "list", "compare"], str | None]] = {
    "help": ("help", None),
    "aide": ("help", "fr"),
    "list": ("list", None),
    "glossary": ("list", None),
    "liste": ("list", "fr"),
    "glossaire": ("list", "fr"),
    "compare": ("compare", None),
    "comparer": ("compare", "fr"),
}
_SEPARATOR = re.compile(r"\s+(?:vs\.?|versus|and|et|ou|or)\s+|\s*[,/|]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class RolesCommand:
    """What ``/roles`` asks for; ``language`` is None unless a keyword's language says it."""

    kind: Literal["help", "list", "ask"]
    language: str | None = None
    question: str = ""


def parse(text: str) -> RolesCommand:
    """What ``/roles <text>`` asks for. ``compare A B`` becomes the question "A vs B"."""
    text = " ".join(text.split())
    if not text:
        return RolesCommand("help")
    first, _, rest = text.partition(" ")
    keyword = _KEYWORDS.get(first.casefold())
    if keyword is None:
        return RolesCommand("ask", question=text)
    kind, language = keyword
    if kind != "compare":
        return RolesCommand(kind, language) if not rest else RolesCommand("ask", question=text)
    if not rest:
        return RolesCommand("help", language)
    parts = [p for p in _SEPARATOR.split(rest) if p.strip()]
    if len(parts) == 1 and len(rest.split()) == 2:
        parts = rest.split()
    if len(parts) == 2:
        return RolesCommand("ask", language, f"{parts[0].strip()} vs {parts[1].strip()}")
    return RolesCommand("ask", language, text)


def register(app: AsyncApp, service: AnswerService) -> None:
    talk = conversation_of(service)
    languages: UserLanguages = app.languages  # type: ignore[attr-defined]

    async def on_roles(
        ack: AsyncAck,
        body: dict[str, Any],
        context: AsyncBoltContext,
        client: AsyncWebClient,
    ) -> None:
        response_url = text_field(body, "response_url")
        if not response_url.startswith(("https://", "http://")):
            raise BadSlackPayload("field 'response_url' must be an http(s) URL")
        command = parse(question_text(text_field(body, "text", required=False)))
        user = body.get("user_id") if isinstance(body.get("user_id"), str) else None
        channel = body.get("channel_id") if isinstance(body.get("channel_id"), str) else None
        request_id = body.get("trigger_id") if isinstance(body.get("trigger_id"), str) else None
        await ack()

        async def work() -> None:
            if command.kind == "help":
                language = command.language or await languages.of(client, user)
                message = render_answer(talk.help(language), feedback=False)
            elif command.kind == "list":
                language = command.language or await languages.of(client, user)
                message = render_glossary(service.engine.glossary(language), language)
            else:
                answer = await talk.ask(
                    command.question,
                    user=user,
                    conversation=channel,
                    request_id=request_id,
                )
                message = render_answer(
                    answer, question=command.question, post_button=True, echo_question=True
                )
            await post_to_response_url(response_url, {"response_type": "ephemeral", **message})

        spawn_reply(context, body, client, work())

    app.command(COMMAND)(on_roles)
