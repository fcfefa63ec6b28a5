"""One credit line per source document: who published it, when, how far it is trusted, and
up to three of its authors. Every surface (terminal, JSON ``text``, Slack, Teams) shows
these lines under an answer; the per-quote detail stays behind "Show quotes"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.answer import Source

MAX_AUTHORS = 3
LOW_TRUST = 1  # the trust of the least trusted kinds (bot.knowledge.catalogue.TRUST)

# How each kind of document is named in a credit line; a kind not listed gets no label.
KIND_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "qa_thread": "Q&A thread",
        "compiled_page": "compiled web page",
        "article": "article",
        "wiki": "wiki page",
        "job_description": "job description",
        "raci": "responsibility table",
        "governance_guide": "governance guide",
    },
    "fr": {
        "qa_thread": "fil de questions-réponses",
        "compiled_page": "page web compilée",
        "article": "article",
        "wiki": "page wiki",
        "job_description": "fiche de poste",
        "raci": "matrice de responsabilités",
        "governance_guide": "guide de gouvernance",
    },
}
_WORDS = {
    "en": {
        "low": "low trust",
        "answers_by": "answers by",
        "by": "by",
        "and": "and",
        "other": "other",
        "others": "others",
    },
    "fr": {
        "low": "fiabilité faible",
        "answers_by": "réponses de",
        "by": "par",
        "and": "et",
        "other": "autre",
        "others": "autres",
    },
}
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class DocumentCredit:
    """The sources of one answer that come from one document."""

    doc: str
    publisher: str
    title: str
    date: str | None
    kind: str
    trust: int
    authors: tuple[str, ...]

    def line(self, language: str = "en") -> str:
        """ "Bayt.com (Q&A thread), 2014-01-17: answers by A, B, C and 3 others"."""
        lang = language if language in _WORDS else "en"
        words = _WORDS[lang]
        name = _TRAILING_NOTE.sub("", self.publisher).strip() or self.title
        notes = [n for n in (KIND_LABELS[lang].get(self.kind, ""),) if n]
        if self.trust and self.trust <= LOW_TRUST:
            notes.append(words["low"])
        out = f"{name} ({', '.join(notes)})" if notes else name
        if self.date:
            out += f", {self.date}"
        if self.authors:
            colon = " :" if lang == "fr" else ":"
            lead = words["answers_by"] if self.kind == "qa_thread" else words["by"]
            out += f"{colon} {lead} {_names(self.authors, words)}"
        return out


def _names(authors: tuple[str, ...], words: dict[str, str]) -> str:
    if len(authors) <= MAX_AUTHORS:
        shown, rest = authors, 0
    else:
        shown, rest = authors[:MAX_AUTHORS], len(authors) - MAX_AUTHORS
    if rest:
        noun = words["other"] if rest == 1 else words["others"]
        return f"{', '.join(shown)} {words['and']} {rest} {noun}"
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])} {words['and']} {shown[-1]}"


def document_credits(sources: Iterable[Source]) -> tuple[DocumentCredit, ...]:
    """The answer's sources grouped by document, in the order they are first cited."""
    order: list[str] = []
    first: dict[str, Source] = {}
    authors: dict[str, list[str]] = {}
    for source in sources:
        doc = source.doc
        if doc not in first:
            order.append(doc)
            first[doc] = source
            authors[doc] = []
        if source.author and source.author not in authors[doc]:
            authors[doc].append(source.author)
    return tuple(
        DocumentCredit(
            doc=doc,
            publisher=first[doc].publisher,
            title=first[doc].title,
            date=first[doc].date,
            kind=first[doc].kind,
            trust=first[doc].trust,
            authors=tuple(authors[doc]),
        )
        for doc in order
    )


def credit_lines(sources: Iterable[Source], language: str = "en") -> tuple[str, ...]:
    """One line per document behind an answer."""
    return tuple(c.line(language) for c in document_credits(sources))
