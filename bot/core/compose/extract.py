"""Quoting passages: the most relevant sentence of passages tagged with a role and topic."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

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
        quotes: list[tuple[float, str, str]] = []
        for pid, sentence, folded in self._by.get((role, topic), ()):
            if docs is not None and pid.split("#", 1)[0] not in docs:
                continue
            score = fuzz.token_set_ratio(query, folded)
            if score >= MIN_EXTRACT_SCORE:
                quotes.append((score, pid, sentence))
        quotes.sort(key=lambda q: (-q[0], q[1]))
        top = quotes[:MAX_QUOTES]
        return list({pid: (pid, text) for _, pid, text in reversed(top)}.values())


def sentences_of(text: str) -> list[str]:
    """Sentences of a passage, each a verbatim piece of it."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý“\"(-])", text)
    return [p for p in parts if len(p.split()) >= 4] or [text]
