"""Questions to suggest: only ones the knowledge can answer, about the roles asked first."""

from __future__ import annotations

from bot.core.compose.attribution import Attribution
from bot.core.compose.claims import ClaimIndex
from bot.core.ids import INTENT_TOPIC
from bot.core.knowledge import Knowledge
from bot.core.phrases import question_for

MAX_SUGGESTIONS = 3
# The kinds of question suggested about a role, in this order, when the knowledge has them.
ROLE_QUESTIONS = ("responsibilities", "reporting", "career", "define")
# Roles a comparison is suggested against.
COMPARE_WITH = ("project_manager", "pmo")
# (intent, role) pairs never suggested: one joins an office, one does not become it.
NEVER = frozenset({("career", "pmo")})


class Suggester:
    def __init__(self, knowledge: Knowledge, names: Attribution, claims: ClaimIndex) -> None:
        self.k = knowledge
        self.names = names
        self.claims = claims

    def _knows(self, role: str, intent: str) -> bool:
        rk = self.k.roles.get(role)
        facet = INTENT_TOPIC[intent]
        curated = rk is not None and rk.covered and bool(rk.facts_on(facet))
        return curated or self.claims.has(role, facet)

    def __call__(
        self, language: str, roles: tuple[str, ...] = (), asked: str | None = None
    ) -> tuple[str, ...]:
        """Up to three questions the bot can answer, about the roles asked first, leaving
        out the kind of question just asked."""
        picks: list[str] = []
        for role in roles:
            noun = self.names.noun(role, language)
            for intent in ROLE_QUESTIONS:
                if intent == asked or (intent, role) in NEVER:
                    continue
                if self._knows(role, intent):
                    picks.append(question_for(intent, language, noun) or "")
            for other in COMPARE_WITH:
                if asked == "compare" and other in roles:
                    continue
                if other != role and self.k.distinction(role, other) is not None:
                    other_noun = self.names.noun(other, language)
                    picks.append(question_for("compare", language, noun, other_noun) or "")
                    break
        picks.extend(self.k.examples.get(language, self.k.examples.get("en", ())))
        return tuple(dict.fromkeys(p for p in picks if p))[:MAX_SUGGESTIONS]
