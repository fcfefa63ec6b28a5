"""The neutral answer value that every platform renders in its own way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

AnswerKind = Literal["answer", "did_you_mean", "abstain", "help", "smalltalk"]


@dataclass(frozen=True)
class Source:
    """One cited passage: who said it, where, and the exact words."""

    id: str
    title: str
    publisher: str
    author: str | None
    date: str | None
    quote: str
    author_title: str | None = None
    organisation: str | None = None
    kind: str = ""  # the document's kind (qa_thread, article, ...)
    trust: int = 0  # the document's trust (bot.core.credits names the levels)

    @property
    def doc(self) -> str:
        """The id of the document the passage comes from."""
        return self.id.split("#", 1)[0]

    def credit(self) -> str:
        """A short human credit line: author (or publisher), date."""
        who = self.author or self.publisher
        return f"{who}, {self.date}" if self.date else who

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "author": self.author,
            "date": self.date,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class ComparisonRow:
    facet: str
    left: str
    right: str


@dataclass(frozen=True)
class Comparison:
    """A side-by-side of two roles, one row per facet the sources discuss."""

    left: str
    right: str
    rows: tuple[ComparisonRow, ...]


@dataclass(frozen=True)
class Answer:
    question: str
    language: str
    intent: str
    roles: tuple[str, ...]
    confidence: float
    answered: bool
    kind: AnswerKind
    title: str
    lines: tuple[str, ...] = ()
    comparison: Comparison | None = None
    warnings: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    suggestions: tuple[str, ...] = ()
    did_you_mean: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        from bot.core.render_text import render_text

        return render_text(self)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON answer object."""
        return {
            "question": self.question,
            "language": self.language,
            "intent": self.intent,
            "roles": list(self.roles),
            "confidence": round(self.confidence, 3),
            "answered": self.answered,
            "text": self.text,
            "sources": [s.to_dict() for s in self.sources],
            "suggestions": list(dict.fromkeys(self.did_you_mean + self.suggestions)),
        }
