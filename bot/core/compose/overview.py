"""Who's who: a line per described role, then the others named. A question naming a
document's context ("who's who on Greenway?") lists the roles that document describes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.answer import Answer
from bot.core.compose.quoting import quote_claims
from bot.core.compose.reading import Reading
from bot.core.phrases import say

if TYPE_CHECKING:
    from bot.core.compose.composer import Composer

MAX_LINES = 5
MAX_DOCUMENT_ROLES = 4
# The facets that describe a role in one line, in order of preference.
DESCRIBING = ("definition", "responsibilities")


def build(c: Composer, r: Reading) -> Answer:
    context = c.context(r)
    if context:
        answer = _from_documents(c, r, context)
        if answer is not None:
            return answer
    lang = r.language
    lines, cites, more, missing = [], [], [], []
    for rk in c.k.roles.values():
        if not rk.covered and c.covered(rk.role):
            more.append(rk.label.get(lang))  # described by documents, not by the editor
        elif not rk.covered:
            missing.append(rk.label.get(lang))
        elif rk.summary is not None and len(lines) < MAX_LINES - 2:
            lines.append(f"{rk.label.get(lang)}: {rk.summary.text.get(lang)}")
            cites.extend(rk.summary.cites[:1])
        else:
            more.append(rk.label.get(lang))
    if more:
        lines.append(say("overview_more", lang, names=", ".join(more)))
    if missing:
        lines.append(say("overview_missing", lang, names=", ".join(missing)))
    return c.answer(
        r,
        answered=True,
        kind="answer",
        title=say("overview_title", lang),
        lines=tuple(lines),
        cites=cites,
        suggestions=c.suggestions(lang),
    )


def _from_documents(c: Composer, r: Reading, docs: frozenset[str]) -> Answer | None:
    """One line per role the named documents describe, in the order they come."""
    lang = r.language
    roles = c.claims.roles_in(docs)
    if not roles:
        return None
    claims, more = [], []
    for role in roles:
        best = None
        for facet in DESCRIBING:
            ranked = [
                x
                for x in c.claims.rank(set(), role, facet, language=lang, context=docs)
                if x.claim.doc in docs and x.claim.roles[:1] == (role,)
            ]
            ranked.sort(key=lambda x: bool(x.claim.raci))  # a table row describes a role least
            if ranked:
                best = ranked[0].claim
                break
        if best is not None and len(claims) < MAX_DOCUMENT_ROLES:
            claims.append(best)
        else:
            more.append(c.label(role, lang))
    if not claims:
        return None
    quoted = quote_claims(c.k, claims, attribute=False)
    lines = [
        f"{c.label(x.roles[0], lang)}: {line}" for x, line in zip(claims, quoted.lines, strict=True)
    ]
    if more:
        lines.append(say("overview_more", lang, names=", ".join(more)))
    return c.answer(
        r,
        answered=True,
        kind="answer",
        title=say("overview_title", lang),
        lines=tuple(lines),
        cites=list(quoted.cites),
        quotes=quoted.quotes,
        suggestions=c.suggestions(lang, tuple(x.roles[0] for x in claims[:1])),
    )
