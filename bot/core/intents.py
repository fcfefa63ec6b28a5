"""Intent recognition: fuzzy similarity to example questions plus cue words.

Role mentions are replaced by one placeholder before matching, so "difference between
{role} and {role}" serves every pair. Each intent scores the best of

- example similarity: rapidfuzz over the role-abstracted words, blended with how much of
  the example's informative words the question covers (long, rambling questions still
  contain the words that matter);
- cue words (``lookup: cue_<intent>``), typo-tolerant;

then a few structural facts adjust the scores: how many roles are named, whether a
question that names no role is inside the field at all.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.model import IntentData
from bot.core.roles import ROLE_TOKEN
from bot.core.spelling import Speller
from bot.core.text import words

HINT_WEIGHT = 0.45
MAX_CANDIDATES = 400  # examples compared in full with a question, at most
COMMON_SHARE = 0.3  # a word in more examples than this share does not select candidates
CONTEXT_WEIGHT = 0.8
STRONG = 0.7
# Intents that ask about one topic of a role; with two roles named they still win over
# "compare" when their cue words are present.
TOPICAL = frozenset({"reporting", "career", "value", "certification", "skills", "types"})
NEEDS_ROLE = frozenset(
    {"compare", "define", "responsibilities", "skills", "reporting", "career", "types", "value"}
)
CHAT = frozenset({"help", "smalltalk"})
_WHO = frozenset({"who", "whom", "whose", "qui"})
_OR = frozenset({"or", "ou"})


@dataclass(frozen=True)
class IntentScore:
    intent: str
    score: float


@dataclass(frozen=True)
class IntentResult:
    ranking: tuple[IntentScore, ...]
    in_domain: bool
    strong_out_of_scope: bool = False  # a word such as "salary" or "weather" was used

    @property
    def best(self) -> IntentScore:
        return self.ranking[0]

    @property
    def runner_up(self) -> IntentScore | None:
        return self.ranking[1] if len(self.ranking) > 1 else None


def plain(token: str) -> str:
    """ "who's" -> "who", "pmo's" -> "pmo": contractions and possessives do not change a cue."""
    return token[:-2] if token.endswith("'s") else token


def plain_words(text: str) -> tuple[str, ...]:
    return tuple(plain(w) for w in words(text))


class IntentMatcher:
    def __init__(self, data: IntentData, role_words: set[str]) -> None:
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
        vocab: set[str] = set()
        for _, phrases, _ in self._cues:
            vocab.update(w for p in phrases for w in p)
        vocab.update(w for p in self._domain for w in p)
        self._examples: list[tuple[str, tuple[str, ...]]] = []
        for example in data.examples:
            tokens = tuple(words(example.text))
            self._examples.append((example.intent, tokens))
            vocab.update(tokens)
        self.speller = Speller(vocab, frozenset(role_words))
        self._intents = sorted({i for i, _ in self._examples} | {i for i, _, _ in self._cues})
        self._example_strings: list[str] = []
        self._example_intents: list[str] = []
        document_frequency: Counter[str] = Counter()
        for _, tokens in self._examples:
            document_frequency.update(set(tokens))
        n = max(len(self._examples), 1)
        self._idf = {w: math.log((n + 1) / (df + 0.5)) for w, df in document_frequency.items()}
        self._abstracted: list[tuple[str, tuple[str, ...]]] = []

    def abstract_examples(self, abstract: callable) -> None:
        """Replace role names in the examples by the placeholder (done once at load)."""
        self._abstracted = [(i, tuple(abstract(list(t)))) for i, t in self._examples]
        self._example_strings = [" ".join(t) for _, t in self._abstracted]
        self._example_intents = [i for i, _ in self._abstracted]
        self._postings: dict[str, list[int]] = {}
        for index, (_, tokens) in enumerate(self._abstracted):
            for token in set(tokens):
                self._postings.setdefault(token, []).append(index)

    def _candidates(self, present: frozenset[str]) -> list[int]:
        """Examples sharing informative words with the question, best overlap first.

        Scoring every example is linear in the size of ``intents/``; an inverted index keeps
        the fuzzy comparison to a bounded number of plausible examples.
        """
        n = len(self._abstracted)
        overlap: dict[int, float] = {}
        for token in present:
            posting = self._postings.get(token)
            if posting is None or len(posting) > COMMON_SHARE * n:
                continue
            weight = self._idf.get(token, 1.0)
            for index in posting:
                overlap[index] = overlap.get(index, 0.0) + weight
        ranked = sorted(overlap, key=lambda i: (-overlap[i], i))
        return ranked[:MAX_CANDIDATES]

    def _coverage(self, example: tuple[str, ...], present: frozenset[str]) -> float:
        weights = [(self._idf.get(w, 2.0), w in present) for w in example if w != ROLE_TOKEN]
        total = sum(w for w, _ in weights)
        if not total:
            return 0.0
        return sum(w for w, hit in weights if hit) / total

    def match(
        self,
        tokens: list[str],
        n_roles: int,
        cue_tokens: list[str],
        asking: tuple[int, int] | None = None,
    ) -> IntentResult:
        """Score every intent: examples against role-abstracted tokens, cue words against
        the typo-corrected words as written (so "strategic PMO" still shows "strategic").

        ``asking`` is the token span of the sentence that asks; in a long message, cue words
        there count fully and cue words in the surrounding context count less.
        """
        toks = tuple(tokens)
        present = frozenset(toks)
        cue_toks = tuple(cue_tokens)
        query = " ".join(toks)
        example_score: dict[str, float] = dict.fromkeys(self._intents, 0.0)
        candidates = self._candidates(present) if query else []
        if candidates:
            choices = {i: self._example_strings[i] for i in candidates}
            hits = process.extract(query, choices, scorer=fuzz.token_set_ratio, limit=40)
            for _, ratio, index in hits:
                intent = self._example_intents[index]
                example = self._abstracted[index][1]
                length_fit = min(len(example), len(toks)) / max(len(example), len(toks))
                blended = (
                    0.45 * ratio / 100 + 0.4 * self._coverage(example, present) + 0.15 * length_fit
                )
                example_score[intent] = max(example_score[intent], blended)
        cue_score = dict.fromkeys(self._intents, 0.0)
        in_domain = n_roles > 0
        for i, token in enumerate(cue_toks):
            for intent, phrase, weight in self._cue_index.get(token, ()):
                if cue_toks[i : i + len(phrase)] == phrase:
                    strength = weight * min(1.0, 0.7 + 0.15 * len(phrase))
                    if asking is not None and not asking[0] <= i < asking[1]:
                        strength *= CONTEXT_WEIGHT
                    cue_score[intent] = max(cue_score[intent], strength)
            if not in_domain:
                in_domain = any(
                    cue_toks[i : i + len(p)] == p for p in self._domain_index.get(token, ())
                )
        topical = {i for i in TOPICAL if cue_score.get(i, 0.0) >= STRONG}
        scores = {}
        for intent in self._intents:
            s = 0.55 * example_score[intent] + 0.45 * cue_score[intent]
            s += self._structure(
                intent,
                n_roles,
                present,
                in_domain,
                len(toks),
                topical,
                cue_toks[0] if cue_toks else "",
            )
            if (
                intent == "out_of_scope"
                and cue_score[intent] >= STRONG
                and (n_roles == 0 or len(toks) <= 12)
            ):
                s += 0.3  # salary, weather, IT help: out of scope even when a role is named
            scores[intent] = max(0.0, min(1.0, s))
        ranking = tuple(
            IntentScore(i, s) for i, s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        return IntentResult(ranking, in_domain, cue_score.get("out_of_scope", 0.0) >= STRONG)

    @staticmethod
    def _structure(
        intent: str,
        n_roles: int,
        present: frozenset[str],
        in_domain: bool,
        length: int,
        topical: set[str],
        first: str = "",
    ) -> float:
        """Adjustments from the shape of the question, not its wording.

        Two roles and a topic cue ("who is higher, PMO or PM") ask about that topic for the
        pair; two roles and no topic cue ask how they differ.
        """
        adjust = 0.0
        asks_who = bool(present & _WHO) and (bool(present & _OR) or first in _WHO)
        if intent in NEEDS_ROLE and n_roles == 0:
            adjust -= 0.2
        if intent == "compare":
            if n_roles < 2:
                adjust -= 0.15
            elif not topical:
                adjust += 0.12
        if intent in topical and n_roles >= 2:
            adjust += 0.12
        if intent == "which_role":
            if present & _WHO and n_roles == 0:
                adjust += 0.12
            elif asks_who and not topical:
                adjust += 0.3  # "who owns the schedule, the PMO or the PM?"
            elif n_roles > 0:
                adjust -= 0.15
        if intent == "certification" and "certification" in topical:
            adjust += 0.25  # "is the PMP worth it": the certification is the subject
        if intent in CHAT:
            if n_roles > 0:
                adjust -= 0.35
            if length > 6:
                adjust -= 0.1 + 0.03 * (length - 6)
        if intent == "roles_overview":
            adjust += 0.12 if n_roles >= 3 else -0.1 if n_roles == 2 else 0.0
        if intent == "out_of_scope" and not in_domain:
            adjust += 0.15
        return adjust
