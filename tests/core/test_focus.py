"""Which unknown roles a message asks about, on hand-built mentions (no shipped YAML)."""

from __future__ import annotations

import pytest

from bot.core.focus import asked_unknown, asking_sentence, sentence_index
from bot.core.roles import UNKNOWN, RoleMention
from bot.core.text import words

SELF = frozenset({"i'm", "as"})
MINE = frozenset({"our", "my"})
KNOWN = {"pm": "project_manager", "pmo": "pmo"}
UNKNOWN_NAMES = {"po", "cfo", "scrum"}


def mentions_of(tokens: list[str]) -> list[RoleMention]:
    found = []
    for i, t in enumerate(tokens):
        if t in KNOWN:
            found.append(RoleMention(KNOWN[t], i, i + 1, t))
        elif t in UNKNOWN_NAMES:
            found.append(RoleMention(UNKNOWN, i, i + 1, t))
    return found


CASES = [
    # one sentence: an unknown role named is asked about
    ("is the po the same as the pm?", ("po",)),
    # the asker describing themself is context
    ("i'm a po. what does a pm do?", ()),
    # a story whose asking sentence names a role: the story's unknown roles are context
    ("we have a po. the team is new. he talks a lot. what does the pm do?", ()),
    # a story whose asking sentence names no role asks about the story's roles
    (
        "confused about the po, the scrum and the pm. read a lot. saw videos. same thing?",
        ("po", "scrum"),
    ),
    # ... except the asker's own colleagues, named as background
    ("our cfo asked about the pmo. we had dates. nothing else. whose job is that?", ()),
]


@pytest.mark.parametrize(("message", "expected"), CASES)
def test_asked_unknown(message: str, expected: tuple[str, ...]) -> None:
    tokens = words(message)
    sentences = sentence_index(message, len(tokens))
    found = asked_unknown(
        mentions_of(tokens), tokens, sentences, asking_sentence(message), SELF, MINE
    )
    assert found == expected
