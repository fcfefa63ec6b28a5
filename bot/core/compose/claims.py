"""Claims the build extracted from the documents, ranked for a question.

A claim is ranked by how much of the question's own words it covers (weighted by their
rarity among claims), by whether the role asked is its subject, by how much of the role's
knowledge its document holds, and by its document's trust. A question that names a
document's context (an organisation, a programme, a method) is answered from that document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.compose.buckets import Bucket, View
from bot.core.compose.stems import Query, StemWeights, claim_stem, stems
from bot.core.knowledge import Claim, Knowledge
from bot.core.text import words

# Weights of the ranking (relevance is a share of the question's words, in [0, 1]).
SUBJECT_WEIGHT = 0.15  # the role asked is the claim's subject, not a role it mentions
FOCUS_WEIGHT = 0.2  # share of the role's claims on the facet its document holds
TRUST_WEIGHT = 0.04  # per trust level of the document
RELATION_WEIGHT = 0.15  # on reporting, a claim stating a relation of the role asked
POSITION_WEIGHT = 0.02  # earlier claims of a document come first on a tie
FRAGMENT_PENALTY = 0.3  # a list item that is no sentence ("the SRO, as chair;")
# A definition in its own organisation's terms ("In Kilnworth initiatives, the Investment
# Owner is the project sponsor") says what a name means there, not what the role is.
LOCAL_PENALTY = 0.25
MAX_CLAIMS = 3
MAX_CHARS = 420  # the claims' text in one answer, so replies stay a few lines
MIN_SHARE = 0.5  # a further claim must score at least this share of the best one
SECOND_SOURCE_SHARE = 0.8  # another document's claim this close to the best one is shown
OWNING = frozenset("RAX✓")  # table cells that make the activity the role's
MAX_VIEWS = 20_000  # selections of a bucket remembered, at most (a view per filter set)


def _fragment(text: str) -> bool:
    """Words that read as part of a list, not a statement: lower-case start, a trailing
    comma or semicolon, or very few words."""
    text = text.strip()
    return len(text.split()) < 3 or (text[:1].islower() and text[-1:] in ",;:")


def about(claim: Claim) -> tuple[str, ...]:
    """The roles a claim describes: its subject, and both sides of a reporting relation. A
    role it only mentions ("supports a PMO coordinator") is not described by it."""
    if claim.facet == "career":
        return tuple(dict.fromkeys(claim.roles))  # a move is about where it leads too
    roles = claim.roles[:1]
    if claim.facet == "reporting" and claim.relation is not None:
        roles += tuple(r for r in (claim.relation[0], claim.relation[2]) if r in claim.roles)
    return tuple(dict.fromkeys(roles))


@dataclass(frozen=True)
class Entry:
    claim: Claim
    stems: frozenset[str]
    order: int  # position among its document's claims


@dataclass(frozen=True)
class Ranked:
    score: float
    relevance: float
    claim: Claim


class ClaimIndex:
    def __init__(self, knowledge: Knowledge, local: Callable[[Claim], bool] | None = None) -> None:
        """``local`` tells a claim that names its own document's context (organisation,
        method): as a definition it comes after general ones."""
        self.k = knowledge
        self._local = local or (lambda claim: False)
        self._by: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self._facets: dict[str, set[str]] = defaultdict(set)
        per_doc: dict[str, int] = defaultdict(int)
        entries: list[Entry] = []
        for claim in knowledge.claims:
            if knowledge.quote(claim.passage) is None or claim.doc not in knowledge.documents:
                continue  # a claim must be attributable
            if claim.raci and not set(claim.raci.upper()) & OWNING:
                continue  # consulted or informed: the activity is not the role's
            entry = Entry(
                claim,
                stems(f"{claim.text} {claim.section} {claim.duty}", claim_stem),
                per_doc[claim.doc],
            )
            per_doc[claim.doc] += 1
            entries.append(entry)
            for role in about(claim):
                self._by[(role, claim.facet)].append(entry)
                self._facets[role].add(claim.facet)
        self.weights = StemWeights([e.stems for e in entries])
        self._docs_by_role: dict[str, set[str]] = defaultdict(set)
        for e in entries:
            for role in about(e.claim):
                self._docs_by_role[role].add(e.claim.doc)
        self._docs_of = {c.id: c.doc for c in knowledge.claims}
        self.by_id = {e.claim.id: e.claim for e in entries}
        # The lower-trust side of a dispute is shown in the dispute's flag, not as a line.
        self._outweighed = frozenset(i for d in knowledge.disputes for i in d.second)
        # How much of each (role, facet) each document holds: the page about the role.
        self._focus: dict[tuple[str, str, str], float] = {}
        for (role, facet), found in self._by.items():
            counts: dict[str, int] = defaultdict(int)
            for e in found:
                counts[e.claim.doc] += 1
            top = max(counts.values())
            for doc, n in counts.items():
                self._focus[(role, facet, doc)] = n / top
        self._buckets = {key: self._bucket(*key, found) for key, found in self._by.items()}
        self._languages = {
            key: frozenset(e.claim.language for e in found) for key, found in self._by.items()
        }
        self._views: dict[tuple, View] = {}

    def _bucket(self, role: str, facet: str, entries: list[Entry]) -> Bucket:
        """The (role, facet)'s claims with the score terms that do not depend on the
        question, in the order ``rank`` adds them to the relevance."""
        terms = []
        for e in entries:
            c = e.claim
            terms.append(
                (
                    SUBJECT_WEIGHT * (c.roles[:1] == (role,)),
                    FOCUS_WEIGHT * self._focus.get((role, facet, c.doc), 0.0),
                    TRUST_WEIGHT * c.trust,
                    RELATION_WEIGHT
                    * (facet == "reporting" and c.relation is not None and role in c.relation),
                    POSITION_WEIGHT * min(e.order, 50) / 50,
                    FRAGMENT_PENALTY * _fragment(c.text)
                    + LOCAL_PENALTY * (facet == "definition" and self._local(c)),
                )
            )

        def score(relevance: float, p: int) -> float:
            subject, focus, trust, relation, position, penalty = terms[p]
            return relevance + subject + focus + trust + relation - position - penalty

        return Bucket(
            [e.stems for e in entries],
            [e.claim.id for e in entries],
            score,
            lambda score, relevance, p: Ranked(score, relevance, entries[p].claim),
        )

    def facets(self, role: str) -> frozenset[str]:
        """The facets the documents have claims on for a role."""
        return frozenset(self._facets.get(role, ()))

    def docs_about(self, roles: tuple[str, ...]) -> frozenset[str]:
        """The documents with claims on any of the roles."""
        return frozenset(d for r in roles for d in self._docs_by_role.get(r, ()))

    def roles_in(self, docs: frozenset[str]) -> tuple[str, ...]:
        """The roles the documents' claims are about (as subject), in document order."""
        found = [
            (e.order, e.claim.roles[0])
            for entries in self._by.values()
            for e in entries
            if e.claim.doc in docs and e.claim.roles
        ]
        return tuple(dict.fromkeys(role for _, role in sorted(found)))

    def has(self, role: str, facet: str) -> bool:
        return bool(self._by.get((role, facet)))

    def speaks(self, role: str, facet: str, language: str) -> bool:
        """Whether any claim on the role's facet is in the language (when none is, a search
        kept to the language needs no ranking)."""
        return language in self._languages.get((role, facet), ())

    def rank(
        self,
        question: set[str] | Query,
        role: str,
        facet: str,
        *,
        language: str = "en",
        context: frozenset[str] = frozenset(),
        exclude_docs: frozenset[str] = frozenset(),
        with_role: str | None = None,
        subject_only: bool = False,
    ) -> list[Ranked]:
        """The claims on a role's facet, best first. Claims in the question's language
        come first when there are any, and so do claims of a document the question names;
        ``with_role`` keeps the claims that also name another role."""
        bucket = self._buckets.get((role, facet))
        query = question if isinstance(question, Query) else self.weights.query(question)
        if bucket is None:
            return []
        selection = (role, facet, language, context, exclude_docs, with_role, subject_only)
        view = self._views.get(selection)
        if view is None:
            view = bucket.view(self._selected(*selection))
            if len(self._views) < MAX_VIEWS:
                self._views[selection] = view
        return bucket.ranked(query, view)

    def _selected(
        self,
        role: str,
        facet: str,
        language: str,
        context: frozenset[str],
        exclude_docs: frozenset[str],
        with_role: str | None,
        subject_only: bool,
    ) -> list[int]:
        """The positions in the (role, facet) bucket that ``rank`` ranks."""
        found = [
            p
            for p, e in enumerate(self._by[(role, facet)])
            if e.claim.doc not in exclude_docs
            and (with_role is None or with_role in e.claim.roles)
            and (not subject_only or e.claim.roles[:1] == (role,))
        ]
        entries = self._by[(role, facet)]
        same_language = [p for p in found if entries[p].claim.language == language]
        found = same_language or found
        in_context = [p for p in found if entries[p].claim.doc in context]
        return in_context or found

    def pick(self, ranked: list[Ranked], most: int = MAX_CLAIMS) -> list[Claim]:
        """The best few claims: no repeated words, within the answer's length budget."""
        chosen: list[Claim] = []
        seen: set[str] = set()
        used = 0
        for r in ranked:
            if len(chosen) >= most or (chosen and r.score < MIN_SHARE * ranked[0].score):
                break
            key = " ".join(words(r.claim.text))
            if key in seen or r.claim.id in self._outweighed:
                continue
            if chosen and used + len(r.claim.text) > MAX_CHARS:
                continue
            seen.add(key)
            chosen.append(r.claim)
            used += len(r.claim.text)
        return self._with_second_source(ranked, chosen, seen, used)

    def _with_second_source(
        self, ranked: list[Ranked], chosen: list[Claim], seen: set[str], used: int
    ) -> list[Claim]:
        """When the best few all come from one document and another document's claim
        scores nearly as well, that claim takes the last place: a second source says the
        same thing in its own words."""
        if len(chosen) < MAX_CLAIMS or len({c.doc for c in chosen}) > 1:
            return chosen
        doc = chosen[0].doc
        floor = SECOND_SOURCE_SHARE * ranked[0].score
        for r in ranked:
            if r.score < floor:
                break
            if r.claim.doc == doc or r.claim.id in self._outweighed:
                continue
            if " ".join(words(r.claim.text)) in seen:
                continue
            if used - len(chosen[-1].text) + len(r.claim.text) > MAX_CHARS:
                continue
            return [*chosen[:-1], r.claim]
        return chosen
