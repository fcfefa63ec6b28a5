"""Which role owns a duty: the responsibility statement that best covers a question's words."""

from __future__ import annotations

from bot.core.compose.stems import StemWeights, content_stems, stems
from bot.core.knowledge import Knowledge, Statement

MIN_DUTY_COVER = 0.25


class DutyMatcher:
    def __init__(self, knowledge: Knowledge) -> None:
        self._duties = _duty_index(knowledge)
        self._weights = StemWeights([found for _, found, _, _ in self._duties])

    def match(
        self, tokens: tuple[str, ...], among: tuple[str, ...] = ()
    ) -> tuple[float, str, Statement] | None:
        """The responsibility statement that best covers the duty a question names.

        Every content word of the question counts, weighted by its rarity among the
        statements (a word no statement has counts like a typical one): a question about
        pizza or the stand-up does not become a PMO question because it says "project".
        """
        content = content_stems(tokens)
        if not content:
            return None
        weight = {c: self._weights.weight(c) for c in content}
        related = {c: self._weights.related(c) for c in content}
        total = sum(weight.values())
        best: tuple[float, str, Statement] | None = None
        for role, found, statement, routing in self._duties:
            if among and role not in among:
                continue
            score = sum(w for c, w in weight.items() if not related[c].isdisjoint(found))
            score += 0.05 * routing  # on a tie, the explicit "who to ask" routing wins
            if best is None or score > best[0]:
                best = (score, role, statement)
        if best is None or best[0] / total < MIN_DUTY_COVER:
            return None
        return (min(1.0, best[0] / total), best[1], best[2])


def _duty_index(k: Knowledge) -> list[tuple[str, frozenset[str], Statement, bool]]:
    """(role, word stems, statement, is routing) for every responsibility statement."""
    index = []
    for role, rk in k.roles.items():
        if not rk.covered:
            continue
        for fact in rk.facts:
            if fact.topic in ("responsibilities", "definition"):
                # Our own wording only: a cited passage often describes both sides.
                index.append((role, stems(f"{fact.text.en} {fact.text.fr}"), fact, False))
    for duty in k.who_to_ask:
        statement = Statement(duty.duty, duty.cites, "responsibilities")
        index.append((duty.role, stems(f"{duty.duty.en} {duty.duty.fr}"), statement, True))
    return index
