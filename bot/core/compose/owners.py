"""Who owns a duty according to the documents: duty claims, and RACI ``A``/``R`` cells.

A role is named only when a claim says it does the duty: a list item under its heading, a
sentence with it as subject, or a table cell marking it responsible or accountable. A
consulted or informed cell, or a sentence denying the duty, names nobody. "Who approves /
signs off" asks for the accountable role, other duties for the responsible one.

A duty is matched by its terms (``bot.core.compose.duty_terms``): the question's terms that
a duty line holds, weighted by their rarity among duty lines, objects above verbs. A line
must hold most of the question's weight and most of its objects' weight: a verb alone
("who approves the holiday requests?" against "approves the budget") names nobody. When
lines naming different roles match equally well, both roles are named, each with its line.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass
from itertools import compress

from bot.core.compose.duty_terms import OBJECT, ROLE, VERB, DutyTerms, Term, role_term
from bot.core.compose.stems import Query, StemWeights
from bot.core.knowledge import Claim, Knowledge
from bot.core.text import words

MIN_CLAIM_COVER = 0.5
# A duty line covering less still outweighs the curated routing when it covers more: the
# routing was written for the seed documents, a deployment's own pages know its duties.
WEAK_CLAIM_COVER = 0.34
# Of the question's objects (what the duty is about), a line must hold this share.
MIN_OBJECT_COVER = 0.5
OBJECT_WEIGHT = 2.0
# Of the words of the question's first compound object ("contractor payment claims"), a
# clause must hold this share: "supplier register" is not found in a clause on suppliers.
MIN_COMPOUND_HELD = 0.6  # an object weighs this many verbs of the same rarity
# A term no duty line has weighs this share of a typical term: an object nobody is said to
# handle makes the duty an unknown one, a verb or filler word only dilutes it.
UNSEEN_OBJECT = 1.0
UNSEEN_VERB = 0.5
# Lines of other roles scoring this close to the best are named beside it.
TIE_MARGIN = 0.02
MAX_DISAGREEING = 2  # documents naming different roles for one duty that an answer shows
SECONDARY_WEIGHT = 0.5  # a term in a clause of its own ("before we move on to ...")
PRECISION_WEIGHT = 0.2  # between lines covering the question alike, the more exact one
CONTEXT_BONUS = 0.3
TRUST_WEIGHT = 0.01
LANGUAGE_BONUS = 0.2  # a duty stated in the question's language
# Question stems that ask who is accountable rather than who does the work.
ACCOUNTABLE_CUES = frozenset(
    "approv approve sign signs accountable accountabl authoris authoriz endors ratif valid "
    "validat owns owner answerable decid decide".split()
)
OWNING_LETTERS = ("R", "A", "x")
Asked = Set[str]  # the stems a question's terms match
# (cover, objects' share held, best clause, line) per duty line, and the question's stems
Scored = tuple[list[tuple[float, float, int, int]], Asked]
RECENT = 8  # questions whose duty lines' scores are kept (one question asks for them often)
CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-–]\s")


@dataclass(frozen=True)
class Owner:
    """The role(s) a duty belongs to, how well the duty matched, and the claims saying so."""

    score: float
    roles: tuple[str, ...]
    claims: tuple[Claim, ...]
    letter: str = ""  # "A" or "R" when read from a RACI table


@dataclass(frozen=True)
class DutyQuestion:
    """The duty a question names: its terms in order, and whether it asks who approves."""

    terms: tuple[Term, ...]
    accountable: bool = False

    @classmethod
    def read(
        cls,
        tokens: list[str],
        reader: DutyTerms,
        offered: tuple[str, ...] = (),
        named: tuple[str, ...] = (),
    ) -> DutyQuestion:
        """The duty in a question's words. Roles ``offered`` as the answer ("the PMO or the
        PM?") are not part of it; roles it ``named`` are, where its words lost their names
        (role placeholders)."""
        accountable = any(t.startswith(tuple(ACCOUNTABLE_CUES)) for t in tokens)
        drop = {role_term(r).key for r in offered}
        terms = [t for t in reader.question_terms(tokens) if t.key not in drop]
        keys = {t.key for t in terms}
        terms += [role_term(r) for r in named if r not in offered and role_term(r).key not in keys]
        return cls(tuple(terms), accountable)

    def names_duty(self) -> bool:
        """Whether the words name the thing a duty is about, not only roles or a verb."""
        return any(t.kind == OBJECT for t in self.terms)


def duty_core(terms: tuple[Term, ...]) -> frozenset[Term]:
    """What a duty is about, which a line must hold: the objects of the question's first
    clause, or the roles it names when it names no object there ("who chairs the project
    board?"), or its later objects; nothing for a verb alone."""
    for kind, secondary in ((OBJECT, False), (ROLE, False), (OBJECT, True)):
        found = frozenset(t for t in terms if t.kind == kind and t.secondary == secondary)
        if found:
            return found
    return frozenset()


def first_compound(terms: tuple[Term, ...]) -> frozenset[Term]:
    """The first thing the question's first clause names, every word of it ("the supplier
    register"): a duty line must hold all of it, not its rarer half."""
    objects = [t for t in terms if t.kind == OBJECT and not t.secondary]
    if not objects:
        return frozenset()
    first = min(t.compound for t in objects)
    return frozenset(t for t in objects if t.compound == first)


def _letters(claim: Claim) -> set[str]:
    raci = claim.raci.upper()
    if raci in ("X", "✓"):
        return {"R", "A"}
    return {x for x in "RA" if x in raci}


class DutyClaims:
    def __init__(self, knowledge: Knowledge, reader: DutyTerms | None = None) -> None:
        self.reader = reader or DutyTerms()
        # One group per duty line: a table row or a list item / sentence.
        groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        outweighed = {i for d in knowledge.disputes for i in d.second}
        for claim in knowledge.claims:
            if claim.facet != "responsibilities" or not claim.duty or claim.negated:
                continue
            if claim.id in outweighed:
                continue  # the lower-trust side of a dispute names no owner
            if claim.raci and not _letters(claim):
                continue  # consulted or informed
            if knowledge.quote(claim.passage) is None:
                continue
            groups[(claim.passage, claim.duty)].append(claim)
        # each line's clauses: a question's duty must be found within one of them
        self._clauses = [
            self._clauses_of(duty, g[0].text, {role_term(c.roles[0]).key for c in g})
            for (_, duty), g in groups.items()
        ]
        self._groups = [
            (frozenset().union(*clauses), tuple(g))
            for clauses, g in zip(self._clauses, groups.values(), strict=True)
        ]
        self.weights = StemWeights([s for s, _ in self._groups])
        typical = statistics.median(self.weights.idf.values()) if self.weights.idf else 1.0
        self._unseen = {OBJECT: UNSEEN_OBJECT * typical}
        self._unseen_verb = UNSEEN_VERB * typical
        self.documents = frozenset(g[0].doc for _, g in self._groups)
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        for i, (found, _) in enumerate(self._groups):
            for s in found:
                self._by_stem[s].append(i)
        self._recent: dict[DutyQuestion, Scored] = {}
        # Every line's clauses numbered in one list and indexed by term, so a question's cover
        # of each clause is summed from the postings of its terms; with each clause its terms,
        # their weights and their total, for its precision.
        self._clause_ids: list[range] = []
        self._by_clause_term: dict[str, list[int]] = defaultdict(list)
        self._clause_weights: list[tuple[tuple[str, ...], tuple[float, ...], float]] = []
        for clauses in self._clauses:
            first = len(self._clause_weights)
            self._clause_ids.append(range(first, first + len(clauses)))
            for number, found in enumerate(clauses, start=first):
                for s in found:
                    self._by_clause_term[s].append(number)
                terms = tuple(found)
                weights = tuple(self.weights.weight(t) for t in terms)
                total = sum(self.weights.weight(t) for t in found)
                self._clause_weights.append((terms, weights, total))

    def _clauses_of(self, duty: str, text: str, owners: set[str]) -> tuple[frozenset[str], ...]:
        """The terms of each clause of a duty line ("keep the plan and the RAID log current,
        ..., prepare the first draft of the status note and look after supplier paperwork":
        the log and the suppliers are two duties, not a supplier log). A clause that does not
        open with a verb continues a list ("set the delivery method, the stage gates and the
        calendar")."""
        found: list[frozenset[str]] = []
        for line in (duty, text) if text != duty else (duty,):
            clauses: list[set[str]] = []
            for part in CLAUSE_BREAK.split(line):
                terms = self.reader.terms(words(part))
                if clauses and (not terms or terms[0].kind != VERB):
                    clauses[-1].update(t.key for t in terms)  # a list goes on: "X, Y and Z"
                elif terms:
                    clauses.append({t.key for t in terms})
            # a line's own role is who does the duty, not what it is about ("The Project
            # Board directs the project" does not say who chairs the project board)
            found.extend(frozenset(c - owners) for c in clauses)
        return tuple(dict.fromkeys(found)) or (frozenset(),)

    def _weight(self, term: Term) -> float:
        base = self.weights.idf.get(term.key)
        if base is None:
            base = self._unseen_weight(term)
        weight = base * (OBJECT_WEIGHT if term.kind == OBJECT else 1.0)
        return weight * (SECONDARY_WEIGHT if term.secondary else 1.0)

    def _related(self, key: str) -> frozenset[str]:
        return frozenset({key}) if self.reader.is_group(key) else self.weights.related(key)

    def _unseen_weight(self, term: Term) -> float:
        return self._unseen.get(term.kind, self._unseen_verb)

    def _queries(self, question: DutyQuestion) -> tuple[Query, Query]:
        """The question's terms weighted (all of them, and its objects alone: what the duty
        is about, or the role it names when it names nothing else)."""
        parts = [(self._weight(t), self._related(t.key), t) for t in question.terms]
        every = tuple((w, r) for w, r, _ in parts)
        about = duty_core(question.terms)
        objects = tuple((w, r) for w, r, t in parts if t in about)
        return (
            Query(every, sum(w for w, _ in every)),
            Query(objects, sum(w for w, _ in objects)),
        )

    def _scored(self, question: DutyQuestion) -> Scored:
        """(cover, share of the objects' weight held, best clause, line) for each duty line
        sharing a term with the question, and the stems the question's terms match.

        One question is scored several times while it is answered (is it a duty at all, the
        owner, a weaker owner); the last few scorings are kept."""
        found = self._recent.get(question)
        if found is None:
            found = self._score(question)
            if len(self._recent) >= RECENT:
                del self._recent[next(iter(self._recent))]
            self._recent[question] = found
        return found

    def _score(self, question: DutyQuestion) -> Scored:
        every, objects = self._queries(question)
        compound = [self._related(t.key) for t in first_compound(question.terms)]
        candidates = sorted({i for s in every.stems() for i in self._by_stem.get(s, ())})
        asked = every.stems()
        # Per clause: the weight of the question's terms it holds (cover = that / total),
        # the same for the duty's objects, and how many words of the compound it holds.
        covered = every.matched(self._by_clause_term)
        held_objects = objects.matched(self._by_clause_term)
        in_compound: dict[int, int] = {}
        for related in compound:
            reached: set[int] = set()
            for s in related:
                reached.update(self._by_clause_term.get(s, ()))
            for c in reached:
                in_compound[c] = in_compound.get(c, 0) + 1
        out = []
        for i in candidates:
            # the clause holding most of the duty's objects, then most of the question (the
            # first such); a verb alone (no objects) names no duty
            best: tuple[float, float, int] | None = None
            for c in self._clause_ids[i]:
                holds = in_compound.get(c, 0) / len(compound) if compound else 1.0
                held = (
                    held_objects.get(c, 0) / objects.total
                    if objects.total and holds >= MIN_COMPOUND_HELD
                    else 0.0
                )
                cover = covered.get(c, 0) / every.total if every.total else 0.0
                if best is None or (held, cover) > (best[0], best[1]):
                    best = (held, cover, c)
            assert best is not None  # every line has a clause
            out.append((best[1], best[0], best[2], i))
        return out, asked

    def _precision(self, clause: int, asked: Asked) -> float:
        """How much of a duty clause's own terms (its activity) the question names:
        "maintain the risk register" is more exactly "who keeps the risk log?" than
        "maintain the portfolio RAID log (risks, assumptions, issues and dependencies)"."""
        terms, weights, total = self._clause_weights[clause]
        if not total:
            return 0.0
        return sum(compress(weights, map(asked.__contains__, terms))) / total

    def match(
        self,
        question: DutyQuestion,
        among: tuple[str, ...] = (),
        context: frozenset[str] = frozenset(),
        language: str = "en",
        least: float = MIN_CLAIM_COVER,
    ) -> Owner | None:
        """The owner(s) of the best-covered duty line."""
        if not question.terms or not self._groups:
            return None
        ranked: list[tuple[float, float, Owner]] = []
        scored, asked = self._scored(question)
        for cover, held, clause, i in scored:
            if cover < least or held < MIN_OBJECT_COVER:
                continue
            group = self._groups[i][1]
            owner = _owner(group, question.accountable, among)
            if owner is None:
                continue
            first = group[0]
            rank = (
                cover
                + PRECISION_WEIGHT * self._precision(clause, asked)
                + CONTEXT_BONUS * (first.doc in context)
                + TRUST_WEIGHT * first.trust
                + LANGUAGE_BONUS * (first.language == language)
            )
            ranked.append((rank, cover, Owner(cover, *owner)))
        if not ranked:
            return None
        ranked.sort(key=lambda x: (-x[0], x[2].claims[0].id))
        return _with_ties(ranked)

    def near(self, question: DutyQuestion) -> tuple[str, ...]:
        """The roles of the duty lines closest to a question no line covers well enough."""
        scored = [(c, self._groups[i][1]) for c, _, _, i in self._scored(question)[0] if c > 0]
        scored.sort(key=lambda x: (-x[0], x[1][0].id))
        roles = [c.roles[0] for _, group in scored[:3] for c in group]
        return tuple(dict.fromkeys(roles))


def _with_ties(ranked: list[tuple[float, float, Owner]]) -> Owner | None:
    """The best line's owner, with the roles of other documents' lines that match as well
    (two organisations giving the same duty to different roles), each line's claim kept;
    nobody when more documents than that disagree (the duty is asked too generally)."""
    best_rank, _, best = ranked[0]
    roles = list(best.roles)
    claims = list(best.claims)
    docs = {best.claims[0].doc}
    for rank, _, other in ranked[1:]:
        if rank < best_rank - TIE_MARGIN:
            break
        new = [r for r in other.roles if r not in roles]
        if not new or other.claims[0].doc in docs:
            continue
        roles.extend(new)
        claims.extend(c for c in other.claims if c.roles[0] in new)
        docs.add(other.claims[0].doc)
    if len(roles) == len(best.roles):
        return best
    if len(docs) > MAX_DISAGREEING:
        return None
    return Owner(best.score, tuple(roles), tuple(claims), best.letter)


def _owner(
    group: tuple[Claim, ...], accountable: bool, among: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[Claim, ...], str] | None:
    """The roles of a duty line that own it, and the letter they hold."""
    claims = [c for c in group if not among or c.roles[0] in among]
    if not claims:
        return None
    if not any(c.raci for c in claims):
        first = claims[0]
        return (first.roles[:1], (first,), "")
    ticks = [c for c in claims if c.raci.upper() in ("X", "✓")]
    if ticks:
        return (tuple(dict.fromkeys(c.roles[0] for c in ticks)), tuple(ticks), "")
    both = [c for c in claims if {"R", "A"} <= _letters(c)]
    if both:
        return (tuple(dict.fromkeys(c.roles[0] for c in both)), tuple(both), "R/A")
    order = ("A", "R") if accountable else ("R", "A")
    for letter in order:
        holders = [c for c in claims if letter in _letters(c)]
        if holders:
            return (tuple(dict.fromkeys(c.roles[0] for c in holders)), tuple(holders), letter)
    return None
