"""Which role owns a duty: named only when a statement or claim says that role does it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.core.answer import Answer
from bot.core.compose.owners import Owner
from bot.core.compose.quoting import quote_claims, who
from bot.core.compose.reading import Reading
from bot.core.compose.stems import content_stems
from bot.core.knowledge import Statement
from bot.core.phrases import of_phrase, say

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

OFFER_WORDS = frozenset({"or", "ou"})
# A claim must cover this much more of the question than the curated routing to win.
CLAIMS_MARGIN = 0.1
LETTER_WORDS = {
    "en": {"A": "accountable", "R": "responsible", "R/A": "responsible and accountable"},
    "fr": {"A": "approbateur (A)", "R": "réalisateur (R)", "R/A": "réalisateur et approbateur"},
}


def owner(
    c: Composer, r: Reading, tokens: tuple[str, ...] | None = None
) -> tuple[float, tuple[str, ...], Statement | Owner] | None:
    """The owner of the duty a question names: a documented claim where one covers the
    question's words at least as well as the curated routing, else the curated routing."""
    tokens = tokens if tokens is not None else (r.focus or r.tokens)
    offered = r.roles if len(r.roles) > 1 and OFFER_WORDS & set(r.tokens) else ()
    curated = c.duties.match(tokens, offered)  # "who owns the schedule, PMO or PM?"
    context = c.context(r) if r.question else frozenset()
    claimed = c.owners.match(content_stems(tokens), offered, context)
    if claimed is not None and (
        curated is None
        or claimed.score >= curated[0] + CLAIMS_MARGIN
        or claimed.claims[0].doc in context
    ):
        return claimed.score, claimed.roles, claimed
    if curated is not None:
        return curated[0], (curated[1],), curated[2]
    return None


def build(c: Composer, r: Reading) -> Answer:
    lang = r.language
    found = owner(c, r)
    if found is None:
        # What the documents do cover near that duty: the roles of the closest duties.
        near = c.owners.near(content_stems(r.focus or r.tokens))
        return c.answer(
            r,
            answered=False,
            kind="abstain",
            title=say("which_unknown", lang),
            suggestions=c.suggestions(lang, near),
        )
    _, roles, why = found
    names = " / ".join(c.noun(x, lang) for x in roles)
    title = say("which_title", lang, of=of_phrase(names, lang))
    if isinstance(why, Statement):
        lines, cites, quotes = (why.text.get(lang),), list(why.cites), {}
    else:
        quoted = quote_claims(c.k, list(why.claims[:1]), attribute=False)
        line = quoted.lines[0]
        if why.letter:
            line = f"{line} ({who(c.k, why.claims[0])}: {LETTER_WORDS[lang][why.letter]})"
        else:
            line = f"{line} ({who(c.k, why.claims[0])})"
        lines, cites, quotes = (line,), list(quoted.cites), quoted.quotes
    return c.answer(
        replace(r, roles=roles),
        answered=True,
        kind="answer",
        title=title,
        lines=lines,
        cites=cites,
        quotes=quotes,
        suggestions=c.suggestions(lang, roles[:1]),
    )
