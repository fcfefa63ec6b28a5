"""Which role owns a duty: named only when a statement says that role does it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.core.answer import Answer
from bot.core.compose.reading import Reading
from bot.core.phrases import of_phrase, say

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

OFFER_WORDS = frozenset({"or", "ou"})


def build(c: Composer, r: Reading) -> Answer:
    lang = r.language
    offered = r.roles if len(r.roles) > 1 and OFFER_WORDS & set(r.tokens) else ()
    found = c.duty_match(r.focus or r.tokens, offered)  # "who owns the schedule, PMO or PM?"
    if found is None:
        return c.answer(
            r,
            answered=False,
            kind="abstain",
            title=say("which_unknown", lang),
            suggestions=c.suggestions(lang),
        )
    _, role, statement = found
    return c.answer(
        replace(r, roles=(role,)),
        answered=True,
        kind="answer",
        title=say("which_title", lang, of=of_phrase(c.noun(role, lang), lang)),
        lines=(statement.text.get(lang),),
        cites=list(statement.cites),
        suggestions=c.suggestions(lang, (role,)),
    )
