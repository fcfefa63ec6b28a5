"""The knowledge the engine answers from, as plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    en: str
    fr: str

    def get(self, language: str) -> str:
        return self.fr if language == "fr" else self.en


@dataclass(frozen=True)
class Statement:
    text: Text
    cites: tuple[str, ...]
    topic: str = "other"
    disputed: Statement | None = None


@dataclass(frozen=True)
class RoleKnowledge:
    role: str
    covered: bool
    label: Text
    summary: Statement | None
    facts: tuple[Statement, ...] = ()
    note: Statement | None = None

    def facts_on(self, topic: str) -> tuple[Statement, ...]:
        return tuple(f for f in self.facts if f.topic == topic)


@dataclass(frozen=True)
class Row:
    facet: Text
    left: Text
    right: Text
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Distinction:
    roles: tuple[str, str]
    rows: tuple[Row, ...]
    disputed: Statement | None = None
    note: Statement | None = None


@dataclass(frozen=True)
class Reading:
    name: Text
    statement: Statement


@dataclass(frozen=True)
class Duty:
    duty: Text
    role: str
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Copy:
    """The same words found again in another place (another document or answer)."""

    id: str
    doc: str
    text: str
    author: str | None


@dataclass(frozen=True)
class Passage:
    id: str
    doc: str
    text: str
    author: str | None
    author_title: str | None
    organisation: str | None
    roles: tuple[str, ...]
    topics: tuple[str, ...]
    language: str
    status: str
    copies: tuple[Copy, ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    file: str
    title: str
    publisher: str
    published: str | None
    trust: int


@dataclass(frozen=True)
class Knowledge:
    roles: dict[str, RoleKnowledge]
    distinctions: tuple[Distinction, ...]
    readings: dict[str, tuple[Reading, ...]]
    who_to_ask: tuple[Duty, ...]
    examples: dict[str, tuple[str, ...]]
    passages: dict[str, Passage]
    documents: dict[str, DocumentInfo]
    version: str = ""
    _quotes: dict[str, tuple[Passage, str]] = field(default_factory=dict, repr=False)

    def quote(self, cite: str) -> tuple[Passage, str] | None:
        """The passage behind a citation id (a passage or one of its copies) and its words."""
        return self._quotes.get(cite)

    def distinction(self, a: str, b: str) -> tuple[Distinction, bool] | None:
        """The distinction for a pair, and whether it is stored the other way round."""
        for d in self.distinctions:
            if d.roles == (a, b):
                return d, False
            if d.roles == (b, a):
                return d, True
        return None


def index_quotes(passages: dict[str, Passage]) -> dict[str, tuple[Passage, str]]:
    quotes: dict[str, tuple[Passage, str]] = {}
    for passage in passages.values():
        quotes[passage.id] = (passage, passage.text)
        for copy in passage.copies:
            quotes[copy.id] = (passage, copy.text)
    return quotes
