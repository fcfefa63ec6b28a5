"""Unknown roles named by the shape of a job title, on hand-built words and mentions."""

from __future__ import annotations

import pytest

from bot.core.roles import UNKNOWN, RoleMention, job_titles
from bot.core.text import breaks, words

HEADS = frozenset({"manager", "officer", "scheduler", "lead", "analyst"})
NOT_TITLE = frozenset({"the", "my", "a", "senior", "as", "and", "before"})
KNOWN = {("project", "manager"): "project_manager", ("pmo",): "pmo"}


def known_mentions(tokens: list[str]) -> list[RoleMention]:
    found = []
    for i in range(len(tokens)):
        for name, role in KNOWN.items():
            if tuple(tokens[i : i + len(name)]) == name:
                found.append(RoleMention(role, i, i + len(name), " ".join(name)))
    return found


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("does the project scheduler work for the pmo?", ["project scheduler"]),
        ("their area manager or the project manager?", ["area manager"]),
        ("are support officers the same as the pmo?", ["support officer"]),
        # a known name is no unknown title, nor is a known name plus a head after it
        ("what does a project manager do?", []),
        ("are pmo leads senior?", []),
        # a function word or seniority before the head makes no title
        ("ask the manager or my lead", []),
        ("a senior analyst in the pmo", []),
        ("they get used as administrators and analysts", []),
        ("who signs the dashboard before directors see it", []),
        # a list of heads is no title, nor are words with punctuation between them
        ("roles in a pmo: analyst, manager, lead", []),
    ],
)
def test_a_word_and_a_title_head_name_an_unknown_role(text: str, unknown: list[str]) -> None:
    tokens = words(text)
    found = job_titles(tokens, known_mentions(tokens), HEADS, NOT_TITLE, breaks(text))
    assert [m.name for m in found if m.role == UNKNOWN] == unknown
    assert [m.role for m in found if m.role != UNKNOWN] == [m.role for m in known_mentions(tokens)]
