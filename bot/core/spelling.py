"""Typo correction towards a known vocabulary, for words long enough to misspell."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

CUTOFF = 84  # rapidfuzz ratio a correction must reach
MIN_LENGTH = 4  # shorter words are never corrected
LONG_WORD = 5  # from this length, words are corrected by ratio; four-letter ones by one slip
CACHE_LIMIT = 50_000  # corrections remembered, at most


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
        self._cache: dict[str, str] = {}

    def correct(self, token: str) -> str:
        if token in self._known or len(token) < MIN_LENGTH or not token.isalpha():
            return token
        hit = self._cache.get(token)
        if hit is None and len(token) == MIN_LENGTH:
            # Short words: one swap, insertion or deletion ("hlep", "typs"), same first letter.
            near = [w for w in self._short.get(token[0], []) if OSA.distance(token, w) <= 1]
            hit = max(near, key=lambda w: (fuzz.ratio(token, w), w)) if near else token
            self._cache[token] = hit
        if hit is None:
            best = process.extractOne(
                token, self._targets.get(token[0], []), scorer=fuzz.ratio, score_cutoff=self._cutoff
            )
            ok = best and OSA.distance(token, best[0]) <= _edits(token)
            hit = best[0] if ok else token
            if len(self._cache) < CACHE_LIMIT:
                self._cache[token] = hit
        return hit


def _edits(token: str) -> int:
    """How many typing slips a word of this length may carry and still be corrected."""
    return 1 if len(token) <= 7 else 2
