"""Compose short, sourced answers: one builder per intent, chosen from a table.

Nothing is stated without a citation: every line comes from a curated statement, a claim
or a verbatim passage, and its citations become the answer's sources.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bot.core.answer import Answer
from bot.core.compose import about, chat, compare, overview, which
from bot.core.compose.attribution import Attribution
from bot.core.compose.claims import ClaimIndex
from bot.core.compose.context import Contexts
from bot.core.compose.duties import DutyMatcher
from bot.core.compose.duty_terms import DutyTerms
from bot.core.compose.extract import Quotable
from bot.core.compose.owners import DutyClaims
from bot.core.compose.reading import Reading
from bot.core.compose.stems import Query, claim_stem, content_stems
from bot.core.compose.suggestions import Suggester
from bot.core.intent_table import INTENT_TOPIC, PAIRWISE, TOPICAL, UNKNOWN_ROLES_OK, spec
from bot.core.knowledge import Knowledge, RoleKnowledge, Statement
from bot.core.text import words

Builder = Callable[["Composer", Reading], Answer]

# The answer builders, by the name an intent's row gives (``bot.core.intent_table``).
BUILDERS: dict[str, Builder] = {
    "abstain": chat.abstain,
    "help": chat.help,
    "smalltalk": chat.smalltalk,
    "overview": overview.build,
    "which_role": which.build,
    "compare": compare.build,
    "about": about.build,
}


MAX_QUESTION_CHARS = 2000


class Composer:
    def __init__(
        self,
        knowledge: Knowledge,
        role_words: frozenset[str] = frozenset(),
        duty_terms: DutyTerms | None = None,
        across_projects: frozenset[str] = frozenset(),
    ) -> None:
        """``across_projects``: phrases that scope a duty across many projects ("every
        project", "all our projects"), lower-case words."""
        self.k = knowledge
        self.across_projects = tuple(tuple(p.split()) for p in sorted(across_projects))
        self.names = Attribution(knowledge)
        self.contexts = Contexts(knowledge, role_words)
        self.claims = ClaimIndex(knowledge, self.contexts.names_own)
        self.suggestions = Suggester(knowledge, self.names, self.claims)
        self.duties = DutyMatcher(knowledge, duty_terms)
        self.owners = DutyClaims(knowledge, duty_terms)
        self.quotable = Quotable(knowledge)
        self._curated_docs = {
            role: frozenset(c.split("#", 1)[0] for s in _statements(rk) for c in s.cites)
            for role, rk in knowledge.roles.items()
        }
        self._all_curated_docs = frozenset().union(*self._curated_docs.values())
        # Whether documents beyond the curated ones say who does what.
        self.own_duties = any(self.uncurated(doc) for doc in self.owners.documents)

    # -- what the engine uses ----------------------------------------------------------
    def label(self, role: str, language: str) -> str:
        return self.names.label(role, language)

    def noun(self, role: str, language: str) -> str:
        return self.names.noun(role, language)

    def duty_match(self, tokens: tuple[str, ...], among: tuple[str, ...] = ()) -> object | None:
        """Whether some statement or claim says who does the duty the words name."""
        reading = Reading("", "en", "which_role", among, 1.0, tokens)
        return which.owner(self, reading, tokens)

    def help(self, r: Reading) -> Answer:
        return chat.help(self, r)

    def compose(self, r: Reading) -> Answer:
        if r.intent == "out_of_scope" or (r.unknown_roles and not r.roles and r.intent != "help"):
            return chat.abstain(self, r)
        if r.unknown_roles and r.intent not in UNKNOWN_ROLES_OK:
            return chat.abstain(self, r)  # "PMO vs scrum master": part of it is unknown
        if r.intent in PAIRWISE and len(r.roles) >= 2:
            missing = self.uncovered_pair(r)
            if missing is not None:
                return missing
        builder = BUILDERS[spec(r.intent).builder]
        if builder is compare.build and len(r.roles) < 2:
            builder = about.build  # "compare the PMO": what the one role is
        return builder(self, r)

    def uncovered_pair(self, r: Reading) -> Answer | None:
        """A question about several roles together is answered only when the sources
        describe every one of them, and, for one topic ("is the PMO above the project
        coordinator?"), say something on that topic for every one of them."""
        topic = INTENT_TOPIC.get(r.intent) if r.intent in TOPICAL else None
        for role in r.roles:
            if not self.covered(role):
                return chat.not_covered(self, r, role)
        for role in r.roles[:2]:
            if topic is not None and not self.knows(role, topic):
                return chat.nothing_on_topic(self, r, role, topic)
        return None

    # -- shared by the builders ----------------------------------------------------------
    def curated(self, role: str) -> RoleKnowledge | None:
        """The editor's statements on a role, when it has any."""
        rk = self.k.roles.get(role)
        return rk if rk is not None and rk.covered else None

    def knows(self, role: str, facet: str) -> bool:
        """Whether the knowledge says anything on a role's facet."""
        rk = self.curated(role)
        return bool(rk and rk.facts_on(facet)) or self.claims.has(role, facet)

    def covered(self, role: str) -> bool:
        return self.curated(role) is not None or bool(self.claims.facets(role))

    def uncurated(self, doc: str) -> bool:
        """Whether no curated statement cites the document."""
        return doc not in self._all_curated_docs

    def curated_docs(self, role: str) -> frozenset[str]:
        """The documents the curated statements on a role cite."""
        return self._curated_docs.get(role, frozenset())

    @staticmethod
    def docs_of(cites: list[str]) -> frozenset[str]:
        return frozenset(c.split("#", 1)[0] for c in cites)

    def question_words(self, r: Reading) -> tuple[str, ...]:
        return self._words(r.question, r.tokens)

    @lru_cache(maxsize=64)  # noqa: B019 - a few recent questions; the composer lives long
    def _words(self, question: str, tokens: tuple[str, ...]) -> tuple[str, ...]:
        return tokens + tuple(words(question[:MAX_QUESTION_CHARS]))

    def question_stems(self, r: Reading) -> Query:
        """The question's own content words, as typed and as corrected, weighted."""
        return self._query(self.question_words(r))

    @lru_cache(maxsize=64)  # noqa: B019
    def _query(self, found: tuple[str, ...]) -> Query:
        return self.claims.weights.query(content_stems(found, claim_stem))

    def context(self, r: Reading) -> frozenset[str]:
        """The documents whose context (organisation, programme, method) the question names."""
        return self.contexts.named(self.question_words(r))

    def answer(
        self,
        r: Reading,
        *,
        answered: bool,
        kind: str,
        title: str,
        cites: list[str] | None = None,
        quotes: dict[str, str] | None = None,
        **fields,
    ) -> Answer:
        return Answer(
            question=r.question,
            language=r.language,
            intent=r.intent,
            roles=r.roles,
            confidence=r.confidence,
            answered=answered,
            kind=kind,  # type: ignore[arg-type]
            title=title,
            sources=self.names.sources(cites or [], quotes),
            **fields,
        )


def _statements(rk: RoleKnowledge) -> list[Statement]:
    return [s for s in (rk.summary, rk.note, *rk.facts) if s is not None]
