"""Plain values the intents folder is loaded into (the core never reads files itself)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.ids import ROLE_IDS
from bot.core.roles import UNKNOWN, RoleLexicon, RoleName


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
    # (name, words): the structural word lists of ``bot.core.intent_table.WORD_LISTS``
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # the names of the work a role does ("project management": the project manager)
    disciplines: tuple[RoleName, ...] = ()
    # (name, phrases): the duty word groups (``duty_verb_<name>``, ``duty_object_<name>``,
    # ``duty_ignore``) which-role questions are matched with (``bot.core.compose.duty_terms``)
    duties: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def role_ids(self) -> tuple[str, ...]:
        """Every role the names know: the contract's first, then those added as data."""
        added = (n.role for n in self.role_names if n.role not in ROLE_IDS and n.role != UNKNOWN)
        return ROLE_IDS + tuple(dict.fromkeys(added))

    def cue_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.cues)

    def word_map(self) -> dict[str, frozenset[str]]:
        return {name: frozenset(ws) for name, ws in self.words}

    def lexicon(self) -> RoleLexicon:
        """The role names, with the words that must not be read as role names."""
        w = self.word_map()
        return RoleLexicon(
            list(self.role_names), w.get("not_role", frozenset()), w.get("not_plural", frozenset())
        )

    def discipline_lexicon(self) -> RoleLexicon:
        """The names of the work roles do, read like role names."""
        return RoleLexicon(list(self.disciplines))

    def topic_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.topics)
