"""Word stems for matching a question's words against statements and claims."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from bot.core.language import COMMON_WORDS
from bot.core.roles import ROLE_TOKEN
from bot.core.text import words

_SUFFIXES = (
    "isation",
    "ization",
    "ising",
    "izing",
    "ation",
    "ings",
    "ing",
    "ure",
    "ies",
    "es",
    "ed",
    "s",
)


# Verbs duties are stated with that mean the same thing, each read as the first of its
# group ("signs off the budget" is "approves the budget"; "valider" is "approuver").
_SAME_VERBS = (
    "approv approval sign valid validat authoris authoriz endors approuv",
    "maintain keep upkeep tenir tien",
    "writ draft prepar redig",
    "gather collect elicit captur recueill",
    "prioritis prioritiz rank priorit",
)
_CANONICAL = {w: group.split()[0] for group in _SAME_VERBS for w in group.split()}


def stem(word: str) -> str:
    """A light English/French suffix strip: "standards" and "standardised" share "standard"."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def claim_stem(word: str) -> str:
    """The stem claims are matched with: also "write" and "writes" share "writ", and verbs
    of one meaning share one stem. (The curated routing keeps the plain stem it was
    written against.)"""
    found = stem(word)
    if found == word.removesuffix("'s") and found.endswith("e") and len(found) >= 5:
        found = found[:-1]
    return _CANONICAL.get(found, found)


def stems(text: str, of: Callable[[str], str] = stem) -> frozenset[str]:
    return frozenset(of(w) for w in words(text) if len(w) > 2)


def covers(found: frozenset[str], wanted: str) -> bool:
    """Equal stems, or a long stem that extends another ("standard" / "standardis")."""
    if wanted in found:
        return True
    if len(wanted) < 6:
        return False
    return any(
        len(s) >= 6
        and (s.startswith(wanted) or wanted.startswith(s) or (len(wanted) >= 7 and wanted in s))
        for s in found
    )


def content_stems(tokens: tuple[str, ...] | list[str], of: Callable[[str], str] = stem) -> set[str]:
    """The stems of a question's content words: no question words, fillers, role
    placeholders or words every project duty shares."""
    return set(ordered_content_stems(tokens, of))


def ordered_content_stems(
    tokens: tuple[str, ...] | list[str], of: Callable[[str], str] = stem
) -> list[str]:
    """The content stems in the order the question uses them."""
    found = (
        of(t)
        for t in tokens
        if len(t) > 2 and t not in QUESTION_WORDS and t not in COMMON_WORDS and t != ROLE_TOKEN
    )
    return list(dict.fromkeys(c for c in found if not c.startswith(GENERIC_STEMS)))


# Words of the field every duty shares; they cannot tell one role's duty from another's.
GENERIC_STEMS = tuple(
    "project projet proj team equipe manag gestion work travail company entreprise role "
    "rol thing chose here ici usual office bureau".split()
)
QUESTION_WORDS = frozenset(
    "who whom whose which what should would could does have about with this that there "
    "here usually normally generally typically person people role team someone anyone "
    "responsible charge handles handle qui quel quelle personne occupe gere "
    "supposed actually really company ours their your job whos sort all every each "
    "between about over under into from with without other others some many much more most "
    "usually typically normally generally exactly always never here there then than also "
    "need needs want wants like just only very "
    # particles of two-word verbs ("sign off", "set up"): the verb says what is asked
    "off out".split()
)


class StemWeights:
    """Rarity weights of stems over a set of statements, and which statement stems a
    question stem matches (itself, or a long stem it extends)."""

    def __init__(self, documents: list[frozenset[str]]) -> None:
        df: dict[str, int] = {}
        for found in documents:
            for s in found:
                df[s] = df.get(s, 0) + 1
        n = len(documents)
        self.idf = {s: math.log((n + 1) / (count + 0.5)) for s, count in df.items()}
        # A word no statement uses dilutes the match (it cannot match), at half the weight
        # of a typical word: most such words are the question's own verbs and fillers.
        self.unseen = 0.5 * statistics.median(self.idf.values()) if df else 1.0
        self._related: dict[str, frozenset[str]] = {}

    def weight(self, wanted: str) -> float:
        return self.idf.get(wanted, self.unseen)

    def related(self, wanted: str) -> frozenset[str]:
        found = self._related.get(wanted)
        if found is None:
            found = frozenset({wanted})
            if len(wanted) >= 6:
                found |= {s for s in self.idf if covers(frozenset((s,)), wanted)}
            if len(self._related) < 50_000:
                self._related[wanted] = found
        return found

    def query(self, wanted: set[str]) -> Query:
        """A question's stems with their weights and matching stems, worked out once."""
        parts = tuple((self.weight(c), self.related(c)) for c in sorted(wanted))
        return Query(parts, sum(w for w, _ in parts))

    def cover(self, wanted: set[str] | Query, found: frozenset[str]) -> float:
        """The share of the question's weight that a statement's stems match."""
        query = wanted if isinstance(wanted, Query) else self.query(wanted)
        return query.cover(found)


@dataclass(frozen=True)
class Query:
    parts: tuple[tuple[float, frozenset[str]], ...]
    total: float

    def cover(self, found: frozenset[str]) -> float:
        if not self.total:
            return 0.0
        return sum(w for w, related in self.parts if not related.isdisjoint(found)) / self.total

    def matched(
        self, postings: Mapping[str, Iterable[int]], among: AbstractSet[int] | None = None
    ) -> dict[int, float]:
        """For every statement the postings (stem -> statements) reach, the weight of the
        question stems it matches, added in the question's order: ``cover`` is that weight
        over ``total``, worked out here for many statements at once (none when the total is
        0, where ``cover`` is 0 for all). ``among`` keeps only those statements."""
        found: dict[int, float] = {}
        if not self.total:
            return found
        for weight, related in self.parts:
            reached: set[int] = set()
            for s in related:
                hits = postings.get(s)
                if hits is not None:
                    reached.update(hits)
            if among is not None:
                reached &= among
            for i in reached:
                found[i] = found.get(i, 0) + weight
        return found

    def stems(self) -> frozenset[str]:
        """Every statement stem some question stem matches."""
        return frozenset().union(*(related for _, related in self.parts))
