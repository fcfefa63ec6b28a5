"""Contexts a question can name: the organisation, programme or method a document is about.

"at Fenwick", "on Atlas", "in PM²": a word that names one document's organisation or
subject, and no other document's, points the answer at that document's claims. Such words
are read from each document's publisher and from the names its text uses (words
always written with a capital, never as an ordinary word), and kept only when a few
documents at most use them (one organisation's pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.core.compose.stems import QUESTION_WORDS
from bot.core.knowledge import Claim, Knowledge
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
_BRACKETS = re.compile(r"\([^()]*\)")
_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_CAPITALISED = re.compile(r"(?<![\w'’])([A-Z][\w²³’']*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•*\-–—]\s+|\n\s*)$")


class Contexts:
    def __init__(self, knowledge: Knowledge, role_words: Iterable[str] = ()) -> None:
        excluded = COMMON_WORDS | QUESTION_WORDS | PAGE_WORDS | frozenset(role_words)
        lower_seen: set[str] = set()
        used_by: dict[str, set[str]] = {}  # word -> documents whose text uses it
        names: dict[str, dict[str, int]] = {}
        for p in knowledge.passages.values():
            text = _ADDRESS.sub(" ", p.text)
            lower_seen.update(re.findall(r"(?<![\w'’])[a-z][a-z]+", text))
            for w in set(words(text)):
                used_by.setdefault(w, set()).add(p.doc)
            for m in _CAPITALISED.finditer(text):
                if _SENTENCE_START.search(text[: m.start()]):
                    continue
                for w in words(m.group(1)):
                    names.setdefault(w, {}).setdefault(p.doc, 0)
                    names[w][p.doc] += 1
        folded_lower = {fold(w) for w in lower_seen}
        owners: dict[str, set[str]] = {}
        for word, uses in names.items():
            if word in folded_lower:
                continue  # also an ordinary word
            for doc, count in uses.items():
                if count >= MIN_NAME_USES:
                    owners.setdefault(word, set()).add(doc)
        publishers: dict[str, set[str]] = {}
        for doc in knowledge.documents.values():
            # The publisher's name, not its description ("Meridian City Transit Authority
            # (intranet wiki)"): capitalised words outside brackets.
            name = _BRACKETS.sub(" ", doc.publisher)
            for m in _CAPITALISED.finditer(name):
                for w in words(m.group(1)):
                    if len(used_by.get(w, set()) - {doc.id}) < MAX_CONTEXT_DOCS:
                        owners.setdefault(w, set()).add(doc.id)
                        publishers.setdefault(w.removesuffix("'s"), set()).add(doc.id)
        merged: dict[str, set[str]] = {}
        for w, docs in owners.items():
            merged.setdefault(w.removesuffix("'s"), set()).update(docs)
        self._docs: dict[str, frozenset[str]] = {
            w: frozenset(docs)
            for w, docs in merged.items()
            if len(docs) <= MAX_CONTEXT_DOCS and len(w) >= 3 and w not in excluded
        }

        # Words naming the organisation that publishes a document ("at Palisade"), not only
        # a name its text uses (a method or a certificate, "P3O").
        self._publishers: frozenset[str] = frozenset(
            w for w in publishers if w in self._docs and self._docs[w] <= publishers[w]
        )

    def is_context(self, word: str) -> bool:
        """Whether a word names a document's context (not the duty or role asked about)."""
        return word.removesuffix("'s") in self._docs

    def named(self, question_words: Iterable[str]) -> frozenset[str]:
        """The documents whose context the question names."""
        return frozenset(
            d for w in question_words for d in self._docs.get(w.removesuffix("'s"), ())
        )

    def publishers_named(self, question_words: Iterable[str]) -> frozenset[str]:
        """The documents whose publisher the question names ("at Saltmere")."""
        return frozenset(
            d
            for w in question_words
            if w.removesuffix("'s") in self._publishers
            for d in self._docs[w.removesuffix("'s")]
        )

    def names_own(self, claim: Claim) -> bool:
        """Whether a claim's text names its own document's context ("In Kilnworth
        initiatives, ...")."""
        return any(claim.doc in self._docs.get(w.removesuffix("'s"), ()) for w in words(claim.text))
