"""The bot's interface wording on every chat platform: one table per language.

``label(key, language)`` (key first, everywhere) returns the string in ``language``, in
English when the language has no table. Each table has exactly the keys of the English
one (a test checks it).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.platforms.strings import en, fr

TABLES: Mapping[str, Mapping[str, str]] = {"en": en.STRINGS, "fr": fr.STRINGS}
LANGUAGES = tuple(TABLES)


def language_of(value: object) -> str:
    """``value`` when it is a language with a table, else English."""
    return value if isinstance(value, str) and value in TABLES else "en"


def label(key: str, language: str) -> str:
    """A user-interface string in ``language`` (English when the language is unknown)."""
    return TABLES[language_of(language)][key]


def locale_language(locale: str | None) -> str:
    """The table for a client locale such as ``fr-FR`` or ``en_GB`` (English by default)."""
    prefix = (locale or "").replace("_", "-").split("-")[0].lower()
    return language_of(prefix)
