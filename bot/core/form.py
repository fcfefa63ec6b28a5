"""The form of a question, read from its words: cues that depend on where a word stands,
not on which words are used (those are data in ``intents/cues.yml``).

Every function takes the role-abstracted tokens (role names are ``ROLE_TOKEN``) and the
named word lists it needs, so each is tested on hand-built tokens.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot.core.roles import ROLE_TOKEN

WHO_OBJECT_WINDOW = 3  # "who does the PM...": a role this close after "who" is its subject


def who_is_subject(
    tokens: tuple[str, ...],
    who: frozenset[str],
    before_who: frozenset[str] = frozenset(),
    antecedents: frozenset[str] = frozenset(),
) -> bool:
    """ "who decides...", "who's in charge of...": the person asked for is the one who does
    something, not someone a named role stands in a relation with ("who does the PM report
    to?", "who is the sponsor?", "to whom does the PMO answer?"), nor a relative "who" after
    a role or a person ("a business analyst who looks at data", "people who left")."""
    for i, token in enumerate(tokens):
        if token not in who or i + 1 >= len(tokens):
            continue
        if i > 0 and tokens[i - 1] in before_who:
            continue  # "to whom", "à qui": the person is an object
        if i > 0 and (tokens[i - 1] == ROLE_TOKEN or tokens[i - 1] in antecedents):
            continue  # "a BA who...", "people who...": who tells which one, asks nothing
        if ROLE_TOKEN not in tokens[i + 1 : i + 1 + WHO_OBJECT_WINDOW]:
            return True
    return False


HOW_TO_GAP = 2  # words between "how" and the one who would do it ("how do I", "how can we")


def asks_how_to(
    tokens: tuple[str, ...], how: frozenset[str], doers: frozenset[str] = frozenset()
) -> bool:
    """ "how do I set up...", "how can we get them to...", "comment faire pour...": the
    question asks for instructions (what to do), not about a role."""
    for i, token in enumerate(tokens):
        if token in how and doers & set(tokens[i + 1 : i + 2 + HOW_TO_GAP]):
            return True
    return False


MOVE_GAP = 3  # words between two roles that a move joins ("PM into a PMO role")


def moves_between_roles(
    tokens: tuple[str, ...], move_to: frozenset[str], move_from: frozenset[str] = frozenset()
) -> bool:
    """ "project coordinator to project manager", "PMO analyst into a PMO manager role",
    "from a PM role to a PMO job", "de chef de projet vers PMO": one role, a word of moving,
    another role."""
    roles = [i for i, t in enumerate(tokens) if t == ROLE_TOKEN]
    for a, b in pairwise(roles):
        gap = tokens[a + 1 : b]
        if not 1 <= len(gap) <= MOVE_GAP:
            continue
        starts = bool(move_from & set(tokens[max(0, a - MOVE_GAP) : a]))
        if gap[0] in move_to or (starts and move_to & set(gap)):
            return True
    return False


CHOICE_GAP = 16  # words between two roles offered as alternatives ("the PM or the sponsor")


def offers_roles(tokens: tuple[str, ...], alternatives: frozenset[str]) -> bool:
    """ "..., the PM or the sponsor?", "is it the sponsor's job ... or is that on me as the
    PM?": two roles with a word offering alternatives between them."""
    roles = [i for i, t in enumerate(tokens) if t == ROLE_TOKEN]
    for a, b in pairwise(roles):
        if b - a - 1 <= CHOICE_GAP and alternatives & set(tokens[a + 1 : b]):
            return True
    return False


BECOME_WINDOW = 3  # words after "become" that may name the role it leads to


def becomes_no_role(tokens: tuple[str, ...], become: frozenset[str]) -> bool:
    """ "how do you stop it becoming another layer of bureaucracy?": every "become" in the
    question leads to something that is not a role, so it is no career move."""
    found = [i for i, t in enumerate(tokens) if t in become]
    return bool(found) and all(
        ROLE_TOKEN not in tokens[i + 1 : i + 1 + BECOME_WINDOW] for i in found
    )


OPEN_ENDS = 2  # "... for what?", "... in which one?": the last words of the question


def asks_who_does_what(
    tokens: tuple[str, ...], who: frozenset[str], open_words: frozenset[str]
) -> bool:
    """ "who is responsible for what?", "who sits in which one?", "qui fait quoi ?": a person
    asked for with the duty left open at the end asks who's who, not for one duty's owner."""
    if not tokens or not who & set(tokens):
        return False
    return bool(open_words & set(tokens[-OPEN_ENDS:]))


# "75k", "$400", "45 000 €", "£60,000": an amount with a currency or a thousands "k"
_MONEY = re.compile(
    r"[$€£]\s?\d|\d[\d,.\u00a0 ]*\s?(?:k\b|k€|€|\$|£|euros?\b|dollars?\b|pounds?\b)",
    re.IGNORECASE,
)


def names_a_sum(text: str) -> bool:
    """ "got a PM offer at 75k", "a PMO certification for $400": a sum of money asks about
    pay or prices, which no role's description answers. Read on the text as written, since
    word tokens lose the currency signs."""
    return _MONEY.search(text) is not None
