"""Quoting passages: the most relevant sentence of passages tagged with a role and topic."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from bot.core.compose.stems import QUESTION_WORDS
from bot.core.knowledge import Knowledge
from bot.core.text import words

MIN_EXTRACT_SCORE = 55
MAX_QUOTES = 2


class Quotable:
    def __init__(self, knowledge: Knowledge) -> None:
        # Sentences of knowledge passages by (role, topic), folded once here, not on every
        # question.
        self._by: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        for p in knowledge.passages.values():
            if p.status != "knowledge":
                continue
            sentences = [(p.id, s, " ".join(words(s))) for s in sentences_of(p.text)]
            for role in p.roles:
                for topic in p.topics:
                    self._by.setdefault((role, topic), []).extend(sentences)
        self._folded = {key: [f for _, _, f in found] for key, found in self._by.items()}

    def best(
        self,
        tokens: tuple[str, ...],
        role: str,
        topic: str,
        docs: frozenset[str] | None = None,
    ) -> list[tuple[str, str]]:
        """(passage id, sentence) of up to two relevant sentences, best first; only from
        ``docs`` when given."""
        query = " ".join(t for t in tokens if t not in QUESTION_WORDS)
        sentences = self._by.get((role, topic), ())
        folded = self._folded.get((role, topic), ())
        if docs is not None:
            kept = [i for i, (pid, _, _) in enumerate(sentences) if pid.split("#", 1)[0] in docs]
            sentences = [sentences[i] for i in kept]
            folded = [folded[i] for i in kept]
        # every sentence scoring at least the minimum, scored in one C-level pass
        hits = process.extract(
            query, folded, scorer=fuzz.token_set_ratio, score_cutoff=MIN_EXTRACT_SCORE, limit=None
        )
        quotes = [(score, sentences[i][0], sentences[i][1], i) for _, score, i in hits]
        # best first; on a tie the passage id, then the order of the sentences
        quotes.sort(key=lambda q: (-q[0], q[1], q[3]))
        top = quotes[:MAX_QUOTES]
        return list({pid: (pid, text) for _, pid, text, _ in reversed(top)}.values())


def sentences_of(text: str) -> list[str]:
    """Sentences of a passage, each a verbatim piece of it."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý“\"(-])", text)
    return [p for p in parts if len(p.split()) >= 4] or [text]
