"""Which examples the fuzzy matcher compares with a question in full.

An example is a candidate when it shares an informative word with the question; the
candidates are ranked by the summed weight of the words they share (best first, the lower
example index first on a tie) and the first ``limit`` are kept.

Summing a weight into every example of every word's posting list costs as much as those
lists are long: at a hundred times the shipped intents a question's words reach some
20,000 of 31,500 examples, one Python addition each. Here each word's examples are one
integer used as a bit set, and the reached examples are split into *classes* by which of
the question's words they hold; examples of a class share their overlap. A question of
k selective words reaches at most a few hundred classes, so the work is k × classes
operations on machine words, and only the examples of the classes that make the cut are
ever listed.

The overlap of a class is summed word by word in the order the question's words are
given, starting from 0.0, exactly as adding each word's weight into a per-example total
would, so the ranking (ties included) is the same to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.core.bitsets import lowest, partition


class ExampleIndex:
    """Informative words → the examples that hold them, as bit sets."""

    def __init__(self, selective: dict[str, tuple[float, int]]) -> None:
        """``selective``: each word that selects candidates → (its weight, the bit set of
        the examples holding it: bit i for example i). ``build`` makes it."""
        self._words = selective

    @classmethod
    def build(
        cls,
        examples: Sequence[Iterable[str]],
        weight: dict[str, float],
        max_share: float,
        default_weight: float = 1.0,
    ) -> ExampleIndex:
        """Index the words found in at most ``max_share`` of the examples (a word in more
        of them selects nothing); ``weight`` gives each word's weight."""
        bits: dict[str, int] = {}
        counts: dict[str, int] = {}
        for index, tokens in enumerate(examples):
            bit = 1 << index
            for token in set(tokens):
                bits[token] = bits.get(token, 0) | bit
                counts[token] = counts.get(token, 0) + 1
        limit = max_share * len(examples)
        selective = {
            token: (weight.get(token, default_weight), members)
            for token, members in bits.items()
            if counts[token] <= limit
        }
        return cls(selective)

    def __contains__(self, token: str) -> bool:
        return token in self._words

    def top(self, present: Iterable[str], limit: int) -> list[int]:
        """The indices of the examples sharing a selective word with ``present``, by
        summed weight of the shared words (summed in ``present``'s order), best first, the
        lower index first on a tie; at most ``limit``."""
        found = [self._words[t] for t in present if t in self._words]
        if not found or limit <= 0:
            return []
        classes = partition([members for _, members in found])
        by_overlap: dict[float, int] = {}
        for held, group in classes:
            overlap = 0.0
            for position in held:
                overlap += found[position][0]
            by_overlap[overlap] = by_overlap.get(overlap, 0) | group
        chosen: list[int] = []
        for overlap in sorted(by_overlap, reverse=True):
            chosen += lowest(by_overlap[overlap], limit - len(chosen))
            if len(chosen) >= limit:
                break
        return chosen
