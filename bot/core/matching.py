"""The matcher port: what the engine asks of whatever scores a question's intents.

The engine prepares a ``Query`` (typo-corrected words, role mentions replaced by one
placeholder, the span of the sentence that asks) and a ``Matcher`` ranks every intent.
The fuzzy matcher (``bot.core.intents.FuzzyMatcher``) is the default; a semantic signal
(``bot.semantic``) wraps it and is consulted where the fuzzy scores are unsure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Query:
    tokens: tuple[str, ...]  # role-abstracted, typo-corrected words
    cue_tokens: tuple[str, ...]  # typo-corrected words as written (role names kept)
    n_roles: int  # contract roles named
    asking: tuple[int, int] | None = None  # token span of the sentence that asks
    text: str = ""  # the question with markup removed
    asking_text: str = ""  # the sentence that asks, as written ("" for one sentence)
    asking_tokens: tuple[str, ...] = ()  # its role-abstracted words ("" for one sentence)


@dataclass(frozen=True)
class IntentScore:
    intent: str
    score: float


@dataclass(frozen=True)
class IntentResult:
    ranking: tuple[IntentScore, ...]
    in_domain: bool
    strong_out_of_scope: bool = False  # a word such as "salary" or "weather" was used

    @property
    def best(self) -> IntentScore:
        return self.ranking[0]

    @property
    def runner_up(self) -> IntentScore | None:
        return self.ranking[1] if len(self.ranking) > 1 else None

    @property
    def margin(self) -> float:
        runner = self.runner_up
        return self.best.score - runner.score if runner else self.best.score


def ranked(scores: dict[str, float]) -> tuple[IntentScore, ...]:
    """Scores best first; ties broken by intent id so the order is stable."""
    return tuple(
        IntentScore(i, s) for i, s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    )


class Matcher(Protocol):
    def match(self, query: Query) -> IntentResult: ...
