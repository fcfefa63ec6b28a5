"""The knowledge the engine answers from, as plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


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
        return self._facts_by_topic.get(topic, ())

    @cached_property
    def _facts_by_topic(self) -> dict[str, tuple[Statement, ...]]:
        """The facts by topic, in their order, worked out on first use (not per question)."""
        by: dict[str, list[Statement]] = {}
        for fact in self.facts:
            by.setdefault(fact.topic, []).append(fact)
        return {topic: tuple(facts) for topic, facts in by.items()}


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
class AcronymReading:
    """One way an acronym can be read ("PMO": project, programme or portfolio office)."""

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
class Claim:
    """One statement a document makes about one or more roles, extracted at build time.

    ``text`` is verbatim from the document (a sentence, a list item, or a table row's
    activity); ``passage`` names the passage it comes from, whose document, author and
    line give the attribution.
    """

    id: str  # "<passage id>/c<n>": stable across rebuilds of the same documents
    passage: str
    doc: str
    roles: tuple[str, ...]  # the role ids it is about, its subject first
    facet: str  # one of bot.core.ids.TOPICS
    text: str
    language: str  # "en" or "fr"
    trust: int  # the document's trust (higher is more trusted)
    section: str = ""  # the heading the claim sits under, if any
    duty: str = ""  # for duty claims (list items, table rows): the activity, verbatim
    raci: str = ""  # "R", "A", "C", "I" or "x" (a tick) for claims read from a table
    relation: tuple[str, str, str] | None = None  # (role, "reports_to" | ..., role)
    negated: bool = False  # the sentence denies what it names ("is not responsible for")


@dataclass(frozen=True)
class Dispute:
    """Two sets of claims that cannot both hold, found at build time."""

    id: str
    roles: tuple[str, ...]
    facet: str
    kind: str  # "inverse_relation" (A under B vs B under A) or "denial"
    first: tuple[str, ...]  # claim ids of the higher-trust side
    second: tuple[str, ...]  # claim ids of the other side


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    file: str
    title: str
    publisher: str
    published: str | None
    trust: int
    kind: str = ""


@dataclass(frozen=True)
class Knowledge:
    roles: dict[str, RoleKnowledge]
    distinctions: tuple[Distinction, ...]
    readings: dict[str, tuple[AcronymReading, ...]]
    who_to_ask: tuple[Duty, ...]
    examples: dict[str, tuple[str, ...]]
    passages: dict[str, Passage]
    documents: dict[str, DocumentInfo]
    version: str = ""
    claims: tuple[Claim, ...] = ()
    disputes: tuple[Dispute, ...] = ()
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
