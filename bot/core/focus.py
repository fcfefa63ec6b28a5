"""Which of the roles a message names it is really asking about.

People give context before they ask ("I'm a developer and I've been asked to move into a
PMO analyst role... what would I be doing?"). A question about one role is about the role
named most, and on a tie the one named in the sentence that asks; an unknown role in a
self-description ("I'm a scrum master") is context, not part of the question.
"""

from __future__ import annotations

import re

from bot.core.roles import UNKNOWN, RoleMention
from bot.core.text import words

_SENTENCE = re.compile(r"(?<=[.?!;])\s+|\n+")
_SELF = frozenset({"i'm", "im", "am", "suis", "i", "as", "comme", "being"})


def sentence_index(cleaned: str, limit: int) -> list[int]:
    """For each word token of ``cleaned`` (as ``words`` cuts it), its sentence number."""
    index: list[int] = []
    for n, sentence in enumerate(_SENTENCE.split(cleaned)):
        index.extend([n] * len(words(sentence)))
    return (index + [index[-1] if index else 0] * limit)[:limit]


def asking_sentence(cleaned: str) -> int:
    """The sentence that asks: the last one ending with '?', else the last one."""
    sentences = [s for s in _SENTENCE.split(cleaned)]
    asking = [n for n, s in enumerate(sentences) if s.rstrip().endswith("?")]
    return asking[-1] if asking else max(len(sentences) - 1, 0)


def subject_role(mentions: list[RoleMention], sentences: list[int], asking: int) -> str | None:
    """The one role a single-role question is about."""
    counts: dict[str, float] = {}
    first: dict[str, int] = {}
    for m in mentions:
        if m.role == UNKNOWN:
            continue
        in_question = m.start < len(sentences) and sentences[m.start] == asking
        counts[m.role] = counts.get(m.role, 0.0) + 1.0 + (0.6 if in_question else 0.0)
        first.setdefault(m.role, m.start)
    if not counts:
        return None
    return max(counts, key=lambda r: (counts[r], -first[r]))


def asked_unknown(
    mentions: list[RoleMention], tokens: list[str], sentences: list[int], asking: int
) -> tuple[str, ...]:
    """Unknown roles that are part of the question: not the asker describing themself ("I'm
    a scrum master"), and in a long story only those named in the sentence that asks."""
    story = len(set(sentences)) > 2
    asked = []
    for m in mentions:
        if m.role != UNKNOWN or (story and sentences[m.start] != asking):
            continue
        before = set(tokens[max(0, m.start - 3) : m.start])
        if not before & _SELF:
            asked.append(m.name)
    return tuple(dict.fromkeys(asked))


def span_of(sentences: list[int], asking: int) -> tuple[int, int] | None:
    """Token span of the asking sentence, or None when the message is one sentence."""
    positions = [i for i, n in enumerate(sentences) if n == asking]
    if not positions or len(set(sentences)) < 2:
        return None
    return positions[0], positions[-1] + 1


_TOWARDS = frozenset({"become", "becoming", "into", "to", "towards", "devenir", "vers", "en", "a"})


def career_target(mentions: list[RoleMention], tokens: list[str]) -> str | None:
    """The role a career question moves towards: named after "become", "into", "to"..., else
    the last role named ("PM to PMO" is about the PMO)."""
    known = [m for m in mentions if m.role != UNKNOWN]
    for m in known:
        if _TOWARDS & set(tokens[max(0, m.start - 3) : m.start]) and m is not known[0]:
            return m.role
    for m in known:
        if {"become", "becoming", "devenir"} & set(tokens[max(0, m.start - 3) : m.start]):
            return m.role
    return known[-1].role if known else None
