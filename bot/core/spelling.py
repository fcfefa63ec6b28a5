"""Typo correction towards a known vocabulary, for words long enough to misspell."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA


class Speller:
    def __init__(self, targets: set[str], known: frozenset[str] = frozenset(), cutoff: float = 84):
        self._targets = sorted(w for w in targets if len(w) >= 5 and w.isalpha())
        self._short = sorted(w for w in targets if 4 <= len(w) <= 5 and w.isalpha())
        self._known = frozenset(targets) | known
        self._cutoff = cutoff
        self._cache: dict[str, str] = {}

    def correct(self, token: str) -> str:
        if token in self._known or len(token) < 4 or not token.isalpha():
            return token
        hit = self._cache.get(token)
        if hit is None and len(token) == 4:
            # Short words: one swap, insertion or deletion ("hlep", "typs"), same first letter.
            near = [w for w in self._short if w[0] == token[0] and OSA.distance(token, w) <= 1]
            hit = near[0] if len(near) == 1 else token
            self._cache[token] = hit
        if hit is None:
            best = process.extractOne(
                token, self._targets, scorer=fuzz.ratio, score_cutoff=self._cutoff
            )
            hit = best[0] if best and best[0][0] == token[0] else token
            if len(self._cache) < 50_000:
                self._cache[token] = hit
        return hit
