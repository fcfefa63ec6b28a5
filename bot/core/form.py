"""The form of a question, read from its words: cues that depend on where a word stands,
not on which words are used (those are data in ``intents/cues.yml``).

Every function takes the role-abstracted tokens (role names are ``ROLE_TOKEN``) and the
named word lists it needs, so each is tested on hand-built tokens.
"""

from __future__ import annotations

from bot.core.roles import ROLE_TOKEN

WHO_OBJECT_WINDOW = 3  # "who does the PM...": a role this close after "who" is its subject


def who_is_subject(
    tokens: tuple[str, ...], who: frozenset[str], before_who: frozenset[str] = frozenset()
) -> bool:
    """ "who decides...", "who's in charge of...": the person asked for is the one who does
    something, not someone a named role stands in a relation with ("who does the PM report
    to?", "who is the sponsor?", "to whom does the PMO answer?")."""
    for i, token in enumerate(tokens):
        if token not in who or i + 1 >= len(tokens):
            continue
        if i > 0 and tokens[i - 1] in before_who:
            continue  # "to whom", "à qui": the person is an object
        if ROLE_TOKEN not in tokens[i + 1 : i + 1 + WHO_OBJECT_WINDOW]:
            return True
    return False
