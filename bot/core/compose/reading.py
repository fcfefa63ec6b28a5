"""What the engine understood of a question: the input every answer builder works from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    """What the engine understood; the composer turns it into an answer."""

    question: str
    language: str
    intent: str
    roles: tuple[str, ...]
    confidence: float
    tokens: tuple[str, ...] = ()
    unknown_roles: tuple[str, ...] = ()
    wants_acronym: bool = False
    subject: str | None = None  # the role a career question is about ("become a PM")
    focus: tuple[str, ...] = ()  # the words of the sentence that asks
