"""One role's claims on one facet, laid out at load so ranking them for a question is cheap.

A claim's score is its relevance to the question plus terms that do not depend on the
question (the role is its subject, the focus of its document, its trust, ...). Those terms
are worked out once here. A claim that shares no stem with the question has relevance 0, so
its score is known before any question: each *view* of a bucket (the claims naming a
second role, the subject-only claims, those in one language) keeps its claims sorted by
that score, and a question only scores the few claims its stems reach and slots them in.
The result is the list a full sort would give, in the same order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.compose.stems import Query

# Sort key of a ranked claim: best score first, then claim id, then position in the bucket
# (what a stable sort on score and id over the bucket's order gives).
Key = tuple[float, str, int]


@dataclass(frozen=True)
class View:
    """The bucket positions of one selection of its claims, by question-free score."""

    members: frozenset[int]
    values: tuple[object, ...]  # the ranked values at relevance 0, best first
    keys: tuple[Key, ...]  # their sort keys, in that order
    index: dict[int, int]  # position -> its place in that order


class Bucket:
    """The claims of one (role, facet), with their question-free score terms.

    ``terms(position)`` are the terms added to the relevance, in the order the score adds
    them; ``make(score, relevance, position)`` builds the ranked value callers get.
    """

    def __init__(
        self,
        stems: list[frozenset[str]],
        ids: list[str],
        score: Callable[[float, int], float],
        make: Callable[[float, float, int], object],
    ) -> None:
        self._stems = stems
        self._ids = ids
        self._score = score
        self._make = make
        self._zero = [make(score(0.0, p), 0.0, p) for p in range(len(ids))]
        self._zero_keys = [(-score(0.0, p), ids[p], p) for p in range(len(ids))]
        self._postings: dict[str, list[int]] = {}
        for p, found in enumerate(stems):
            for s in found:
                self._postings.setdefault(s, []).append(p)
        self._views: dict[tuple[int, ...], View] = {}

    def view(self, positions: list[int]) -> View:
        """The view of these positions (cached: a bucket has few distinct selections)."""
        cache_key = tuple(positions)
        found = self._views.get(cache_key)
        if found is None:
            order = sorted(positions, key=self._zero_keys.__getitem__)
            found = View(
                frozenset(positions),
                tuple(self._zero[p] for p in order),
                tuple(self._zero_keys[p] for p in order),
                {p: i for i, p in enumerate(order)},
            )
            self._views[cache_key] = found
        return found

    def ranked(self, query: Query, view: View) -> list:
        """Every claim of the view ranked for the question, best first."""
        matched = query.matched(self._postings, view.members)
        scored = []
        score, ids, make, total = self._score, self._ids, self._make, query.total
        for p, weight in matched.items():
            relevance = weight / total
            value = score(relevance, p)
            scored.append(((-value, ids[p], p), make(value, relevance, p)))
        scored.sort(key=lambda item: item[0])
        reached_places = [view.index[p] for p in matched]
        zero = view.values
        drops = sorted(reached_places)  # their places at relevance 0
        out: list = []
        cursor, d = 0, 0
        for key, value in scored:
            at = bisect_left(view.keys, key)
            while d < len(drops) and drops[d] < at:
                out.extend(zero[cursor : drops[d]])
                cursor, d = drops[d] + 1, d + 1
            out.extend(zero[cursor:at])
            cursor = max(cursor, at)
            out.append(value)
        while d < len(drops):
            out.extend(zero[cursor : drops[d]])
            cursor, d = drops[d] + 1, d + 1
        out.extend(zero[cursor:])
        return out
