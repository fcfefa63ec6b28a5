"""Answers that need no knowledge of a role: help, small talk, abstaining, "not covered"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.answer import Answer
from bot.core.compose.reading import Reading
from bot.core.phrases import of_phrase, say, topic_name

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

THANKS = frozenset({"thanks", "thank", "thx", "merci", "cheers", "ty"})


def abstain(c: Composer, r: Reading) -> Answer:
    if r.unknown_roles:
        title = say("unknown_role", r.language, names=", ".join(r.unknown_roles))
    else:
        title = say("abstain", r.language)
    return c.answer(
        r, answered=False, kind="abstain", title=title, suggestions=c.suggestions(r.language)
    )


def help(c: Composer, r: Reading) -> Answer:
    return c.answer(
        r,
        answered=True,
        kind="help",
        title=say("help_title", r.language),
        lines=(say("help_line", r.language),),
        suggestions=c.suggestions(r.language),
    )


def smalltalk(c: Composer, r: Reading) -> Answer:
    key = "thanks" if THANKS & set(r.tokens) else "hello"
    return c.answer(
        r,
        answered=True,
        kind="smalltalk",
        title=say(key, r.language),
        suggestions=c.suggestions(r.language),
    )


def not_covered(c: Composer, r: Reading, role: str) -> Answer:
    rk = c.k.roles.get(role)
    lines: list[str] = []
    cites: list[str] = []
    if rk is not None and rk.note is not None and rk.note.cites:
        lines.append(rk.note.text.get(r.language))
        cites.extend(rk.note.cites)
    title = say("not_covered", r.language, of=of_phrase(c.noun(role, r.language), r.language))
    return c.answer(
        r,
        answered=False,
        kind="abstain",
        title=title,
        lines=tuple(lines),
        cites=cites,
        suggestions=c.suggestions(r.language, tuple(x for x in r.roles if x != role)),
    )


def nothing_on_topic(c: Composer, r: Reading, role: str, topic: str) -> Answer:
    """A role the sources describe, but not on the topic asked."""
    lang = r.language
    title = say("nothing_on_topic", lang, topic=topic_name(topic, lang), role=c.noun(role, lang))
    return c.answer(
        r,
        answered=False,
        kind="abstain",
        title=title,
        suggestions=c.suggestions(lang, (role,), r.intent),
    )
