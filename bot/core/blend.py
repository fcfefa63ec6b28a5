"""Combining a second signal with the fuzzy ranking, where the fuzzy ranking is unsure.

A semantic signal gives each intent a similarity in [-1, 1] (the nearest example of that
intent). Where the fuzzy matcher's best intent leads by less than ``UNSURE_MARGIN``, each
intent's score moves by ``WEIGHT`` times how far its similarity is below the best one's, so
the signal only reorders intents the fuzzy scores could not tell apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.matching import IntentResult, ranked

UNSURE_MARGIN = 0.05  # the fuzzy best leads by less than this: ask the second signal
WEIGHT = 1.0  # how much a similarity gap moves a score
KEEP_FUZZY = frozenset({"out_of_scope", "help", "smalltalk"})  # the second signal is blind to


@dataclass(frozen=True)
class BlendSettings:
    """When the second signal is asked, and how much it counts."""

    unsure_margin: float = UNSURE_MARGIN
    weight: float = WEIGHT


DEFAULT = BlendSettings()


def unsure(result: IntentResult, settings: BlendSettings = DEFAULT) -> bool:
    return result.margin < settings.unsure_margin and result.best.intent not in KEEP_FUZZY


def blend(
    result: IntentResult,
    similarity: dict[str, float],
    settings: BlendSettings = DEFAULT,
) -> IntentResult:
    """The fuzzy ranking moved by ``similarity`` (intent -> similarity of its nearest
    example); intents the signal has no example of keep their fuzzy score."""
    if not similarity:
        return result
    top = max(similarity.values())
    scores = {}
    for s in result.ranking:
        gap = top - similarity[s.intent] if s.intent in similarity else 0.0
        scores[s.intent] = s.score - settings.weight * gap
    return IntentResult(ranked(scores), result.in_domain, result.strong_out_of_scope)
