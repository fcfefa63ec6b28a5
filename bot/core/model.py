"""Plain values the intents folder is loaded into (the core never reads files itself)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.roles import RoleName


@dataclass(frozen=True)
class Example:
    intent: str
    text: str


@dataclass(frozen=True)
class IntentData:
    role_names: tuple[RoleName, ...]
    examples: tuple[Example, ...]
    cues: tuple[tuple[str, tuple[str, ...]], ...]  # (intent, phrases): strong signals
    hints: tuple[tuple[str, tuple[str, ...]], ...]  # (intent, phrases): weak signals
    topics: tuple[tuple[str, tuple[str, ...]], ...]  # (topic, phrases)
    domain: tuple[str, ...]

    def cue_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.cues)

    def topic_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.topics)
