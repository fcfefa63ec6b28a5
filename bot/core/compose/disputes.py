"""Disputes the build found: flagged in an answer, the higher-trust side first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.compose.claims import ClaimIndex
from bot.core.compose.quoting import who
from bot.core.knowledge import Claim, Dispute, Knowledge
from bot.core.phrases import say

MAX_FLAGS = 1  # one disputed point per answer keeps the reply short


@dataclass(frozen=True)
class Flags:
    warnings: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    quotes: dict[str, str] | None = None


def relevant(
    k: Knowledge, shown: Iterable[Claim], roles: tuple[str, ...], facet: str
) -> list[Dispute]:
    """Disputes about a claim shown, or about the asked roles on the asked facet."""
    ids = {c.id for c in shown}
    out = []
    for d in k.disputes:
        shown_side = bool(ids & set(d.first + d.second))
        if shown_side or (d.facet == facet and roles and set(roles[:2]) <= set(d.roles)):
            out.append(d)
    return out


def flag(
    k: Knowledge,
    index: ClaimIndex,
    disputes: list[Dispute],
    language: str,
    skip_docs: frozenset[str] = frozenset(),
) -> Flags:
    """Warnings naming both sides and who says each, higher trust first. A dispute whose
    sides all come from documents already flagged another way (``skip_docs``) is left out."""
    warnings, cites, quotes = [], [], {}

    def one_language(d: Dispute) -> bool:
        sides = [index.by_id[i] for i in d.first + d.second if i in index.by_id]
        return all(x.language == language for x in sides)

    disputes = sorted(disputes, key=lambda d: not one_language(d))  # the asker's language first
    for d in disputes:
        first = [index.by_id[i] for i in d.first if i in index.by_id]
        second = [index.by_id[i] for i in d.second if i in index.by_id]
        if not first or not second:
            continue
        if {c.doc for c in first + second} <= skip_docs:
            continue
        a, b = first[0], second[0]
        warnings.append(
            say(
                "disputed_claims",
                language,
                a=who(k, a),
                first=a.text.strip().rstrip("."),
                b=who(k, b),
                second=b.text.strip().rstrip("."),
            )
        )
        for c in (a, b):
            cites.append(c.passage)
            quotes.setdefault(c.passage, c.text.strip())
        if len(warnings) >= MAX_FLAGS:
            break
    return Flags(tuple(warnings), tuple(cites), quotes)
