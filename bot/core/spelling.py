"""Typo correction towards a known vocabulary, for words long enough to misspell."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

CUTOFF = 84  # rapidfuzz ratio a correction must reach
MIN_LENGTH = 4  # shorter words are never corrected
LONG_WORD = 5  # from this length, words are corrected by ratio; four-letter ones by one slip
CACHE_LIMIT = 50_000  # corrections remembered, at most; the least recently used go first


class Speller:
    def __init__(
        self, targets: set[str], known: frozenset[str] = frozenset(), cutoff: float = CUTOFF
    ):
        # Candidates by first letter: a typo rarely hits the first letter.
        self._targets: dict[str, list[str]] = {}
        self._short: dict[str, list[str]] = {}
        for w in sorted(w for w in targets if w.isalpha()):
            if len(w) >= LONG_WORD:
                self._targets.setdefault(w[0], []).append(w)
            if MIN_LENGTH <= len(w) <= LONG_WORD:
                self._short.setdefault(w[0], []).append(w)
        self._known = frozenset(targets) | known
        self._cutoff = cutoff
        # One bounded cache for every word length: what users type never grows it forever.
        self._lookup = lru_cache(maxsize=CACHE_LIMIT)(self._uncached)

    def correct(self, token: str) -> str:
        if token in self._known or len(token) < MIN_LENGTH or not token.isalpha():
            return token
        return self._lookup(token)

    def cached(self) -> int:
        """How many corrections are remembered."""
        return self._lookup.cache_info().currsize

    def _uncached(self, token: str) -> str:
        if len(token) == MIN_LENGTH:
            # Short words: one swap, insertion or deletion ("hlep", "typs"), same first letter.
            near = [w for w in self._short.get(token[0], []) if OSA.distance(token, w) <= 1]
            return max(near, key=lambda w: (fuzz.ratio(token, w), w)) if near else token
        best = process.extractOne(
            token, self._targets.get(token[0], []), scorer=fuzz.ratio, score_cutoff=self._cutoff
        )
        ok = best and OSA.distance(token, best[0]) <= _edits(token)
        return best[0] if ok else token


def _edits(token: str) -> int:
    """How many typing slips a word of this length may carry and still be corrected."""
    return 1 if len(token) <= 7 else 2
