"""Who owns a duty according to the documents: duty claims, and RACI ``A``/``R`` cells.

A role is named only when a claim says it does the duty: a list item under its heading, a
sentence with it as subject, or a table cell marking it responsible or accountable. A
consulted or informed cell, or a sentence denying the duty, names nobody. "Who approves /
signs off" asks for the accountable role, other duties for the responsible one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bot.core.compose.stems import Query, StemWeights, claim_stem, stems
from bot.core.knowledge import Claim, Knowledge

MIN_CLAIM_COVER = 0.5
# A duty line covering less still outweighs the curated routing when it covers more: the
# routing was written for the seed documents, a deployment's own pages know its duties.
WEAK_CLAIM_COVER = 0.34
# The duty a "who ..." question names opens it (its verb and object): a duty line must
# match one of the question's first content words, not only words further on
# ("who orders the catering for the board meetings" is not "books the board meetings").
LEAD_WORDS = 2
CONTEXT_BONUS = 0.3
TRUST_WEIGHT = 0.01
LANGUAGE_BONUS = 0.05  # a duty stated in the question's language
# Question stems that ask who is accountable rather than who does the work.
ACCOUNTABLE_CUES = frozenset(
    "approv approve sign signs accountable accountabl authoris authoriz endors ratif valid "
    "validat owns owner answerable decid decide".split()
)
OWNING_LETTERS = ("R", "A", "x")


@dataclass(frozen=True)
class Owner:
    """The role(s) a duty belongs to, how well the duty matched, and the claims saying so."""

    score: float
    roles: tuple[str, ...]
    claims: tuple[Claim, ...]
    letter: str = ""  # "A" or "R" when read from a RACI table


def _letters(claim: Claim) -> set[str]:
    raci = claim.raci.upper()
    if raci in ("X", "✓"):
        return {"R", "A"}
    return {x for x in "RA" if x in raci}


class DutyClaims:
    def __init__(self, knowledge: Knowledge) -> None:
        # One group per duty line: a table row or a list item / sentence.
        groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        outweighed = {i for d in knowledge.disputes for i in d.second}
        for claim in knowledge.claims:
            if claim.facet != "responsibilities" or not claim.duty or claim.negated:
                continue
            if claim.id in outweighed:
                continue  # the lower-trust side of a dispute names no owner
            if claim.raci and not _letters(claim):
                continue  # consulted or informed
            if knowledge.quote(claim.passage) is None:
                continue
            groups[(claim.passage, claim.duty)].append(claim)
        self._groups = [
            (stems(f"{duty} {g[0].text}", claim_stem), tuple(g)) for (_, duty), g in groups.items()
        ]
        self.weights = StemWeights([s for s, _ in self._groups])
        self.documents = frozenset(g[0].doc for _, g in self._groups)
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        for i, (found, _) in enumerate(self._groups):
            for s in found:
                self._by_stem[s].append(i)

    def _candidates(self, query: Query) -> list[int]:
        """The duty lines sharing a stem with the question."""
        return sorted({i for s in query.stems() for i in self._by_stem.get(s, ())})

    def match(
        self,
        question: list[str],
        among: tuple[str, ...] = (),
        context: frozenset[str] = frozenset(),
        language: str = "en",
        least: float = MIN_CLAIM_COVER,
    ) -> Owner | None:
        """The owner of the best-covered duty line; ``question`` holds the question's
        content stems in order."""
        if not question or not self._groups:
            return None
        lead = [self.weights.related(q) for q in question[:LEAD_WORDS]]
        accountable = bool({q for q in question if q.startswith(tuple(ACCOUNTABLE_CUES))})
        best: tuple[float, float, Owner] | None = None
        query = self.weights.query(set(question))
        for i in self._candidates(query):
            found, group = self._groups[i]
            cover = query.cover(found)
            if cover < least or all(found.isdisjoint(x) for x in lead):
                continue
            owner = _owner(group, accountable, among)
            if owner is None:
                continue
            rank = (
                cover
                + CONTEXT_BONUS * (group[0].doc in context)
                + TRUST_WEIGHT * group[0].trust
                + LANGUAGE_BONUS * (group[0].language == language)
            )
            if best is None or rank > best[0]:
                best = (rank, cover, Owner(cover, owner[0], owner[1], owner[2]))
        return best[2] if best else None

    def near(self, question: list[str]) -> tuple[str, ...]:
        """The roles of the duty lines closest to a question no line covers well enough."""
        query = self.weights.query(set(question))
        scored = [
            (query.cover(self._groups[i][0]), self._groups[i][1]) for i in self._candidates(query)
        ]
        scored = [x for x in scored if x[0] > 0]
        scored.sort(key=lambda x: (-x[0], x[1][0].id))
        roles = [c.roles[0] for _, group in scored[:3] for c in group]
        return tuple(dict.fromkeys(roles))


def _owner(
    group: tuple[Claim, ...], accountable: bool, among: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[Claim, ...], str] | None:
    """The roles of a duty line that own it, and the letter they hold."""
    claims = [c for c in group if not among or c.roles[0] in among]
    if not claims:
        return None
    if not any(c.raci for c in claims):
        first = claims[0]
        return (first.roles[:1], (first,), "")
    ticks = [c for c in claims if c.raci.upper() in ("X", "✓")]
    if ticks:
        return (tuple(dict.fromkeys(c.roles[0] for c in ticks)), tuple(ticks), "")
    both = [c for c in claims if {"R", "A"} <= _letters(c)]
    if both:
        return (tuple(dict.fromkeys(c.roles[0] for c in both)), tuple(both), "R/A")
    order = ("A", "R") if accountable else ("R", "A")
    for letter in order:
        holders = [c for c in claims if letter in _letters(c)]
        if holders:
            return (tuple(dict.fromkeys(c.roles[0] for c in holders)), tuple(holders), letter)
    return None
