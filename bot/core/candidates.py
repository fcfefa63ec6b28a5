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
ever listed. When a question's words reach few examples (the shipped intents), summing
example by example is cheaper and is what is done.

The overlap of a class is summed word by word in the order the question's words are
given, starting from 0.0, exactly as adding each word's weight into a per-example total
would, so the ranking (ties included) is the same to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.core.bitsets import bits_of, lowest, partition

# Below this many (word, example) pairs a question's overlap is summed example by example;
# above it the bit-set classes are cheaper.
FEW_POSTINGS = 1500


class ExampleIndex:
    """Informative words → the examples that hold them, as bit sets."""

    def __init__(
        self,
        selective: dict[str, tuple[float, tuple[int, ...]]],
        size: int,
        few: int = FEW_POSTINGS,
    ) -> None:
        """``selective``: each word that selects candidates → (its weight, the indices of
        the examples holding it, ascending); ``size``: the number of examples; ``few``: see
        ``FEW_POSTINGS``. ``build`` makes it."""
        self._words = selective
        self._size = size
        self._few = few
        # each word's examples as a bit set (bit i for example i); made here, not on a
        # question's first use (most words are in one example: a single shift)
        self._bits = {token: bits_of(posting) for token, (_, posting) in selective.items()}

    @classmethod
    def build(
        cls,
        examples: Sequence[Iterable[str]],
        weight: dict[str, float],
        max_share: float,
        default_weight: float = 1.0,
        few: int = FEW_POSTINGS,
    ) -> ExampleIndex:
        """Index the words found in at most ``max_share`` of the examples (a word in more
        of them selects nothing); ``weight`` gives each word's weight."""
        postings: dict[str, list[int]] = {}
        for index, tokens in enumerate(examples):
            for token in set(tokens):
                postings.setdefault(token, []).append(index)
        limit = max_share * len(examples)
        selective = {
            token: (weight.get(token, default_weight), tuple(posting))
            for token, posting in postings.items()
            if len(posting) <= limit
        }
        return cls(selective, len(examples), few)

    def __contains__(self, token: str) -> bool:
        return token in self._words

    def top(self, present: Iterable[str], limit: int) -> list[int]:
        """The indices of the examples sharing a selective word with ``present``, by
        summed weight of the shared words (summed in ``present``'s order), best first, the
        lower index first on a tie; at most ``limit``."""
        tokens = [t for t in present if t in self._words]
        if not tokens or limit <= 0:
            return []
        found = [self._words[t] for t in tokens]
        if sum(len(posting) for _, posting in found) <= self._few:
            return self._top_by_totals(found, limit)
        classes = partition([self._bits[t] for t in tokens])
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

    def _top_by_totals(self, found: list[tuple[float, tuple[int, ...]]], limit: int) -> list[int]:
        """The same ranking made example by example: faster when the lists are short."""
        overlap = [0.0] * self._size
        postings = []
        for weight, posting in found:
            postings.append(posting)
            for index in posting:
                overlap[index] += weight
        ranked = sorted(set().union(*postings))
        ranked.sort(key=overlap.__getitem__, reverse=True)
        return ranked[:limit]
