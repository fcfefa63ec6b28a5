"""Tag passages with the roles they mention, their topic and their language."""

from __future__ import annotations

from bot.core.language import detect_language
from bot.core.model import IntentData
from bot.core.roles import ordered_roles
from bot.core.text import words


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1))


class Tagger:
    def __init__(self, intents: IntentData) -> None:
        self._lexicon = intents.lexicon()
        self._topics = [
            (topic, [tuple(words(p)) for p in phrases]) for topic, phrases in intents.topics
        ]

    def roles(self, text: str) -> tuple[str, ...]:
        return ordered_roles(self._lexicon.find(words(text)))

    def topics(self, text: str) -> tuple[str, ...]:
        tokens = words(text)
        found = tuple(
            sorted(t for t, phrases in self._topics if any(_contains(tokens, p) for p in phrases))
        )
        return found or ("other",)

    @staticmethod
    def language(text: str) -> str:
        return detect_language(text, words(text))
