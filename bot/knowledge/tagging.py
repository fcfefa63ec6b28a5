"""Tag passages with the roles they mention, their topic and their language."""

from __future__ import annotations

from bot.core.language import detect_language
from bot.core.model import IntentData
from bot.core.roles import ordered_roles
from bot.core.text import words


class Tagger:
    def __init__(self, intents: IntentData) -> None:
        self._lexicon = intents.lexicon()
        # Topic phrases by their first word, so a passage is scanned once.
        self._topics: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for topic, phrases in intents.topics:
            for phrase in phrases:
                tokens = tuple(words(phrase))
                if tokens:
                    self._topics.setdefault(tokens[0], []).append((topic, tokens))

    def roles(self, text: str) -> tuple[str, ...]:
        return ordered_roles(self._lexicon.find(words(text)))

    def topics(self, text: str) -> tuple[str, ...]:
        tokens = words(text)
        found: set[str] = set()
        for i, token in enumerate(tokens):
            for topic, phrase in self._topics.get(token, ()):
                if topic not in found and tuple(tokens[i : i + len(phrase)]) == phrase:
                    found.add(topic)
        return tuple(sorted(found)) or ("other",)

    @staticmethod
    def language(text: str) -> str:
        return detect_language(text, words(text))
