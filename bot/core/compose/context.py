"""Contexts a question can name: the organisation, programme or method a document is about.

"at Fenwick", "on Atlas", "in PM²": a word that names one document's organisation or
subject, and no other document's, points the answer at that document's claims. Such words
are read from each document's title and publisher and from the names its text uses (words
always written with a capital, never as an ordinary word), and kept only when a few
documents at most use them (one organisation's pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.core.compose.stems import QUESTION_WORDS
from bot.core.knowledge import Knowledge
from bot.core.language import COMMON_WORDS
from bot.core.text import fold, words

MIN_NAME_USES = 2
MAX_CONTEXT_DOCS = 3
# Words of titles and publishers that describe the kind of page, not its context.
PAGE_WORDS = frozenset(
    """wiki intranet site website page pages blog forum thread careers career jobs job
    handbook guide news staff team teams office offices department roles role project
    projects programme programmes program programs portfolio management manager managers
    responsibilities responsibility matrix raci framework governance delivery who what does
    does decides faq questions answers notes paths certifications""".split()
)
_CAPITALISED = re.compile(r"(?<![\w'’])([A-Z][\w²³’']*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•*\-–—]\s+|\n\s*)$")


class Contexts:
    def __init__(self, knowledge: Knowledge, role_words: Iterable[str] = ()) -> None:
        excluded = COMMON_WORDS | QUESTION_WORDS | PAGE_WORDS | frozenset(role_words)
        lower_seen: set[str] = set()
        names: dict[str, dict[str, int]] = {}
        for p in knowledge.passages.values():
            lower_seen.update(w for w in re.findall(r"(?<![\w'’])[a-z][a-z]+", p.text))
            for m in _CAPITALISED.finditer(p.text):
                if _SENTENCE_START.search(p.text[: m.start()]):
                    continue
                for w in words(m.group(1)):
                    names.setdefault(w, {}).setdefault(p.doc, 0)
                    names[w][p.doc] += 1
        owners: dict[str, set[str]] = {}
        for word, uses in names.items():
            for doc, count in uses.items():
                if count >= MIN_NAME_USES:
                    owners.setdefault(word, set()).add(doc)
        for doc in knowledge.documents.values():
            for w in words(f"{doc.title} {doc.publisher}"):
                owners.setdefault(w, set()).add(doc.id)
        folded_lower = {fold(w) for w in lower_seen}
        self._docs: dict[str, frozenset[str]] = {
            w: frozenset(docs)
            for w, docs in owners.items()
            if len(docs) <= MAX_CONTEXT_DOCS
            and len(w) >= 3
            and w not in excluded
            and w not in folded_lower
        }

    def named(self, question_words: Iterable[str]) -> frozenset[str]:
        """The documents whose context the question names."""
        return frozenset(d for w in question_words for d in self._docs.get(w, ()))
