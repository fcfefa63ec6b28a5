"""The fuzzy matcher: similarity to example questions plus cue words.

Role mentions are replaced by one placeholder before matching, so "difference between
{role} and {role}" serves every pair. Each intent scores the best of

- example similarity: rapidfuzz over the role-abstracted words, blended with how much of
  the example's informative words the question covers (long, rambling questions still
  contain the words that matter);
- cue words (``lookup: cue_<intent>``), typo-tolerant;

then the shape of the question adjusts the scores (``bot.core.shape``): how many roles
are named, whether a question that names no role is inside the field at all.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.candidates import ExampleIndex
from bot.core.form import (
    asks_how_to,
    asks_who_does_what,
    becomes_no_role,
    moves_between_roles,
    who_is_subject,
)
from bot.core.intent_table import INTENTS, TOPICAL, spec
from bot.core.matching import IntentResult, IntentScore, Query, ranked
from bot.core.model import IntentData
from bot.core.roles import ROLE_TOKEN, abstract_roles
from bot.core.shape import Shape, adjustment
from bot.core.text import words

__all__ = ["FuzzyMatcher", "IntentResult", "IntentScore", "plain", "plain_words", "vocabulary"]

HINT_WEIGHT = 0.45  # a weak cue ("what is") counts this much of a strong one
MAX_CANDIDATES = 400  # examples compared in full with a question, at most
COMMON_SHARE = 0.3  # a word in more examples than this share does not select candidates
CONTEXT_WEIGHT = 0.8  # a cue outside the sentence that asks counts this much
ASKING_WEIGHT = 1.0  # an example matching the sentence that asks counts this much
STRONG = 0.7  # a cue score at least this strong settles the topic
FUZZY_HITS = 40  # best examples scored in full
# An example's score: how alike the word sets are, how much of the example's informative
# words the question covers, how close the lengths are.
RATIO_WEIGHT, COVERAGE_WEIGHT, LENGTH_WEIGHT = 0.45, 0.4, 0.15
UNSEEN_IDF = 2.0  # weight of an example word no other example has
# An intent's score: its best example, and its strongest cue.
EXAMPLE_WEIGHT, CUE_WEIGHT = 0.55, 0.45
# A cue phrase's strength grows with its length: one word 0.85, two words and more 1.0.
CUE_BASE, CUE_PER_WORD = 0.7, 0.15


def plain(token: str) -> str:
    """ "who's" -> "who", "pmo's" -> "pmo": contractions and possessives do not change a cue."""
    return token[:-2] if token.endswith("'s") else token


def plain_words(text: str) -> tuple[str, ...]:
    return tuple(plain(w) for w in words(text))


def vocabulary(data: IntentData) -> set[str]:
    """Every word of the examples and lookups: what typo correction corrects towards."""
    vocab: set[str] = set()
    for _, phrases in (*data.cues, *data.hints):
        vocab.update(w for p in phrases for w in plain_words(p))
    vocab.update(w for p in data.domain for w in words(p))
    for example in data.examples:
        vocab.update(words(example.text))
    return vocab


@dataclass(frozen=True)
class _ScoredExample:
    """One role-abstracted example, with what scoring a question against it needs."""

    intent: str
    text: str  # its words joined, as rapidfuzz compares them
    length: int  # words
    weights: tuple[tuple[float, str], ...]  # (idf, word) of each word but the placeholder
    total: float  # the sum of those weights

    @classmethod
    def of(cls, intent: str, tokens: tuple[str, ...], idf: dict[str, float]) -> _ScoredExample:
        weights = tuple((idf.get(w, UNSEEN_IDF), w) for w in tokens if w != ROLE_TOKEN)
        total = sum(w for w, _ in weights)
        return cls(intent, " ".join(tokens), len(tokens), weights, total)

    def coverage(self, present: frozenset[str]) -> float:
        """How much of the example's informative words the question has."""
        if not self.total:
            return 0.0
        return sum(w for w, word in self.weights if word in present) / self.total


class FuzzyMatcher:
    """The default matcher: rapidfuzz over the examples, cue words, the question's shape."""

    def __init__(self, data: IntentData) -> None:
        self._cues = [(i, [plain_words(p) for p in ps], 1.0) for i, ps in data.cues]
        self._cues += [(i, [plain_words(p) for p in ps], HINT_WEIGHT) for i, ps in data.hints]
        self._domain = [tuple(words(p)) for p in data.domain]
        # Phrases indexed by their first word: a question is scanned once, not per phrase.
        self._cue_index: dict[str, list[tuple[str, tuple[str, ...], float]]] = {}
        for intent, phrases, weight in self._cues:
            for phrase in phrases:
                if phrase:
                    self._cue_index.setdefault(phrase[0], []).append((intent, phrase, weight))
        self._domain_index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self._domain:
            if phrase:
                self._domain_index.setdefault(phrase[0], []).append(phrase)
        words_of = data.word_map()
        self._who = frozenset(words_of.get("who", ()))
        self._or = frozenset(words_of.get("or", ()))
        self._before_who = frozenset(words_of.get("before_who", ()))
        self._antecedents = frozenset(words_of.get("who_antecedent", ()))
        self._how = frozenset(words_of.get("how", ()))
        self._doers = frozenset(words_of.get("doers", ()))
        self._move_to = frozenset(words_of.get("move_to", ()))
        self._move_from = frozenset(words_of.get("move_from", ()))
        self._become = frozenset(words_of.get("become", ()))
        self._open = frozenset(words_of.get("open_duty", ()))
        examples = [(e.intent, tuple(words(e.text))) for e in data.examples]
        named = {i for i, _ in examples} | {i for i, _, _ in self._cues}
        self._intents = sorted(i for i in named if i in INTENTS)
        document_frequency: Counter[str] = Counter()
        for _, tokens in examples:
            document_frequency.update(set(tokens))
        n = max(len(examples), 1)
        self._idf = {w: math.log((n + 1) / (df + 0.5)) for w, df in document_frequency.items()}
        # Role names in the examples become the placeholder (exact names: the team wrote them).
        lexicon = data.lexicon()
        self._abstracted = [
            (i, tuple(abstract_roles(list(t), lexicon.find(list(t), fuzzy=False))))
            for i, t in examples
        ]
        # What scoring needs of each example, worked out once here rather than per question.
        self._examples = [_ScoredExample.of(i, t, self._idf) for i, t in self._abstracted]
        # Only words in few enough examples select candidates; each with its weight.
        self._index = ExampleIndex.build([t for _, t in self._abstracted], self._idf, COMMON_SHARE)

    @property
    def intents(self) -> tuple[str, ...]:
        return tuple(self._intents)

    def _candidates(self, present: frozenset[str]) -> list[int]:
        """Examples sharing informative words with the question, best overlap first.

        Scoring every example is linear in the size of ``intents/``; an inverted index keeps
        the fuzzy comparison to a bounded number of plausible examples.
        """
        return self._index.top(present, MAX_CANDIDATES)

    def _example_scores(self, toks: tuple[str, ...]) -> dict[str, float]:
        present = frozenset(toks)
        query = " ".join(toks)
        scores: dict[str, float] = dict.fromkeys(self._intents, 0.0)
        candidates = self._candidates(present) if query else []
        if not candidates:
            return scores
        examples = [self._examples[i] for i in candidates]
        hits = process.extract(
            query, [e.text for e in examples], scorer=fuzz.token_set_ratio, limit=FUZZY_HITS
        )
        n = len(toks)
        for _, ratio, position in hits:
            example = examples[position]
            length_fit = min(example.length, n) / max(example.length, n)
            alike = RATIO_WEIGHT * ratio / 100
            # Coverage is at most 1: a hit that could not beat its intent's best even with
            # full coverage is not worth computing it for.
            if alike + COVERAGE_WEIGHT + LENGTH_WEIGHT * length_fit <= scores[example.intent]:
                continue
            blended = (
                alike + COVERAGE_WEIGHT * example.coverage(present) + LENGTH_WEIGHT * length_fit
            )
            if blended > scores[example.intent]:
                scores[example.intent] = blended
        return scores

    def cue_scores(
        self, cue_toks: tuple[str, ...], asking: tuple[int, int] | None
    ) -> tuple[dict[str, float], bool]:
        """Each intent's strongest cue phrase, and whether a domain word was used.

        In a long message, cue words in the sentence that asks count fully and cue words
        in the surrounding context count less.
        """
        cue_score = dict.fromkeys(self._intents, 0.0)
        in_domain = False
        for i, token in enumerate(cue_toks):
            for intent, phrase, weight in self._cue_index.get(token, ()):
                if cue_toks[i : i + len(phrase)] == phrase:
                    strength = weight * min(1.0, CUE_BASE + CUE_PER_WORD * len(phrase))
                    if asking is not None and not asking[0] <= i < asking[1]:
                        strength *= CONTEXT_WEIGHT
                    if strength > cue_score.get(intent, 0.0):
                        cue_score[intent] = strength
            if not in_domain:
                in_domain = any(
                    cue_toks[i : i + len(p)] == p for p in self._domain_index.get(token, ())
                )
        return cue_score, in_domain

    def match(self, query: Query) -> IntentResult:
        """Score every intent: examples against role-abstracted tokens, cue words against
        the typo-corrected words as written (so "strategic PMO" still shows "strategic")."""
        toks, cue_toks = query.tokens, query.cue_tokens
        example_score = self._example_scores(toks)
        if query.asking_tokens:
            # A long message: the sentence that asks may match an example the whole does not.
            asked = self._example_scores(query.asking_tokens)
            for intent, score in asked.items():
                example_score[intent] = max(example_score[intent], ASKING_WEIGHT * score)
        cue_score, domain_word = self.cue_scores(cue_toks, query.asking)
        present = frozenset(toks)
        first = cue_toks[0] if cue_toks else ""
        has_who = bool(present & self._who)
        who_subject = who_is_subject(
            query.asking_tokens or toks, self._who, self._before_who, self._antecedents
        )
        strong_outside = cue_score.get("out_of_scope", 0.0) >= STRONG
        role_move = moves_between_roles(toks, self._move_to, self._move_from)
        shape = Shape(
            n_roles=query.n_roles,
            length=len(toks),
            in_domain=query.n_roles > 0 or domain_word,
            topical=frozenset(i for i in TOPICAL if cue_score.get(i, 0.0) >= STRONG),
            has_who=has_who,
            asks_who=has_who and (bool(present & self._or) or first in self._who),
            who_subject=who_subject,
            strong_outside=strong_outside,
            how_to=asks_how_to(query.asking_tokens or toks, self._how, self._doers),
            strong_cue=role_move
            or any(v >= STRONG for i, v in cue_score.items() if i != "out_of_scope"),
            role_move=role_move,
            becomes_no_role=query.n_roles > 0 and becomes_no_role(toks, self._become),
            n_who=sum(t in self._who for t in query.asking_tokens or toks),
            who_does_what=asks_who_does_what(query.asking_tokens or toks, self._who, self._open),
        )
        scores = {}
        for intent in self._intents:
            s = EXAMPLE_WEIGHT * example_score[intent] + CUE_WEIGHT * cue_score[intent]
            s += adjustment(spec(intent), shape)
            scores[intent] = max(0.0, min(1.0, s))
        return IntentResult(ranked(scores), shape.in_domain, strong_outside)
