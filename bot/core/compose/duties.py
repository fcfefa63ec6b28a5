"""Which role owns a duty: the responsibility statement that best covers a question's words."""

from __future__ import annotations

from bot.core.bitsets import bits_of, first, partition
from bot.core.compose.duty_terms import OBJECT, ROLE, DutyTerms, Term
from bot.core.compose.owners import SECONDARY_WEIGHT, duty_core
from bot.core.compose.stems import StemWeights
from bot.core.knowledge import Knowledge, Statement
from bot.core.text import words

MIN_DUTY_COVER = 0.25
# Of the question's objects (what the duty is about), a statement must hold this share: a
# verb alone ("who maintains the supplier register?" against "defines and maintains
# standards") routes to nobody.
MIN_OBJECT_COVER = 0.5
OBJECT_WEIGHT = 2.0
ROUTING_BONUS = 0.05  # on a tie, the explicit "who to ask" routing wins


class DutyMatcher:
    def __init__(self, knowledge: Knowledge, reader: DutyTerms | None = None) -> None:
        self._reader = reader or DutyTerms()
        self._duties = _duty_index(knowledge, self._reader)
        self._weights = StemWeights([found for _, found, _, _ in self._duties])
        # term key -> the statements holding it, and role -> its statements, as bit sets
        self._by_term: dict[str, int] = {}
        self._by_role: dict[str, int] = {}
        for i, (role, found, _, _) in enumerate(self._duties):
            for term in found:
                self._by_term[term] = self._by_term.get(term, 0) | 1 << i
            self._by_role[role] = self._by_role.get(role, 0) | 1 << i
        self._routing = bits_of(i for i, (*_, routing) in enumerate(self._duties) if routing)
        self._scoped: dict[tuple[tuple[str, ...], ...], tuple[str, Statement] | None] = {}

    def _holding(self, keys: frozenset[str]) -> int:
        """The statements holding any of these term keys."""
        bits = 0
        for key in keys:
            bits |= self._by_term.get(key, 0)
        return bits

    def _weight(self, term: Term) -> float:
        weight = self._weights.weight(term.key) * (OBJECT_WEIGHT if term.kind == OBJECT else 1.0)
        return weight * (SECONDARY_WEIGHT if term.secondary else 1.0)

    def match(
        self, tokens: tuple[str, ...], among: tuple[str, ...] = ()
    ) -> tuple[float, str, Statement] | None:
        """The responsibility statement that best covers the duty a question names.

        Every term of the question counts, weighted by its rarity among the statements (a
        word no statement has counts like half a typical one), objects twice: a question
        about pizza or the stand-up does not become a PMO question because it says
        "project", nor one about a supplier register because it says "maintain".
        """
        terms = [t for t in self._reader.question_terms(tokens) if t.kind != ROLE]
        if not terms:
            return None
        weight = {t: self._weight(t) for t in terms}
        related = {
            t: frozenset({t.key}) if self._reader.is_group(t.key) else self._weights.related(t.key)
            for t in terms
        }
        total = sum(weight.values())
        # a verb alone ("who directs the work of the team?") is matched by its verb here: the
        # editor's statements are few and written as routing
        core = duty_core(tuple(terms)) or frozenset(terms)
        objects = sum(weight[t] for t in core)
        # The statements holding each (distinct) term, and those holding some of the core:
        # only a statement holding some of the duty's core can pass its gate.
        distinct = list(dict.fromkeys(terms))
        holding = [self._holding(related[t]) for t in distinct]
        reach = 0
        for t, bits in zip(distinct, holding, strict=True):
            if t in core:
                reach |= bits
        if among:
            allowed = 0
            for role in among:
                allowed |= self._by_role.get(role, 0)
            reach &= allowed
        # Statements holding the same terms score alike: each class of them is scored once,
        # as its first statement (the first of the best wins, as in statement order).
        best: tuple[float, str, Statement] | None = None
        first_of_best = -1
        routing_bits = self._routing
        for positions, group in partition(holding, within=reach):
            kept = {distinct[p] for p in positions}
            held = {t for t in terms if t in kept}
            if not objects or sum(weight[t] for t in held & core) < MIN_OBJECT_COVER * objects:
                continue
            for routing, members in ((False, group & ~routing_bits), (True, group & routing_bits)):
                if not members:
                    continue
                score = sum(weight[t] for t in held) + ROUTING_BONUS * routing * total
                i = first(members)
                if best is None or score > best[0] or (score == best[0] and i < first_of_best):
                    role, _, statement, _ = self._duties[i]
                    best, first_of_best = (score, role, statement), i
        if best is None or best[0] / total < MIN_DUTY_COVER:
            return None
        return (min(1.0, best[0] / total), best[1], best[2])

    def scoped(self, phrases: tuple[tuple[str, ...], ...]) -> tuple[str, Statement] | None:
        """The one role whose statements scope their work across projects (hold one of
        ``phrases``: "between projects", "across all projects"), with its first such
        statement; None when no role or several roles' statements do. Worked out once per
        set of phrases: the statements do not change."""
        if phrases not in self._scoped:
            found: dict[str, Statement] = {}
            for role, _, statement, _ in self._duties:
                text = words(f"{statement.text.en} {statement.text.fr}")
                if has_phrase(text, phrases):
                    found.setdefault(role, statement)
            self._scoped[phrases] = next(iter(found.items())) if len(found) == 1 else None
        return self._scoped[phrases]


def has_phrase(tokens: list[str] | tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``tokens`` hold one of ``phrases`` (each a tuple of words) in a row."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        if not p:
            return bool(tokens)  # an empty phrase is in every text that has a word
        by_first.setdefault(p[0], []).append(p)
    for i, token in enumerate(tokens):
        for p in by_first.get(token, ()):
            if tuple(tokens[i : i + len(p)]) == p:
                return True
    return False


def _duty_index(
    k: Knowledge, reader: DutyTerms
) -> list[tuple[str, frozenset[str], Statement, bool]]:
    """(role, terms, statement, is routing) for every responsibility statement."""

    def terms(text: str) -> frozenset[str]:
        return frozenset(t.key for t in reader.terms(words(text)))

    index = []
    for role, rk in k.roles.items():
        if not rk.covered:
            continue
        for fact in rk.facts:
            if fact.topic in ("responsibilities", "definition"):
                # Our own wording only: a cited passage often describes both sides.
                index.append((role, terms(f"{fact.text.en} {fact.text.fr}"), fact, False))
    for duty in k.who_to_ask:
        statement = Statement(duty.duty, duty.cites, "responsibilities")
        index.append((duty.role, terms(f"{duty.duty.en} {duty.duty.fr}"), statement, True))
    return index
