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
SELF_WINDOW = 3  # words before a role that may describe the asker ("I'm a ...")
TOWARDS_WINDOW = 3  # words before a role that may say a career moves to it


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


ASKING_BONUS = 0.6  # a mention in the sentence that asks counts this much more
MINE_DISCOUNT = 0.7  # "my PM told me...": the asker's own colleague is context


def subject_role(
    mentions: list[RoleMention],
    sentences: list[int],
    asking: int,
    tokens: list[str] | None = None,
    mine: frozenset[str] = frozenset(),
) -> str | None:
    """The one role a single-role question is about: the one named most, counting names
    in the sentence that asks more and the asker's own colleagues ("my PM") less."""
    counts: dict[str, float] = {}
    first: dict[str, int] = {}
    for m in mentions:
        if m.role == UNKNOWN:
            continue
        weight = 1.0
        if m.start < len(sentences) and sentences[m.start] == asking:
            weight += ASKING_BONUS
        if tokens is not None and m.start > 0 and tokens[m.start - 1] in mine:
            weight -= MINE_DISCOUNT
        counts[m.role] = counts.get(m.role, 0.0) + weight
        first.setdefault(m.role, m.start)
    if not counts:
        return None
    return max(counts, key=lambda r: (counts[r], -first[r]))


JOIN_GAP = 2  # words between two role names joined by "and" / "or" ("BAs and PMOs")


def joined_with(
    role: str, mentions: list[RoleMention], tokens: list[str], joins: frozenset[str]
) -> tuple[str, ...]:
    """``role`` and the roles named beside it as one subject: "BA's and PMO's", "PM/PMO",
    "les PMO et les chefs de projet"."""
    known = [m for m in mentions if m.role != UNKNOWN]
    group: list[RoleMention] = []
    for m in known:
        if group and _joined(group[-1], m, tokens, joins):
            group.append(m)
            continue
        if any(g.role == role for g in group):
            break
        group = [m]
    if not any(g.role == role for g in group):
        return (role,)
    return tuple(dict.fromkeys(g.role for g in group))


def _joined(a: RoleMention, b: RoleMention, tokens: list[str], joins: frozenset[str]) -> bool:
    gap = tokens[a.end : b.start]
    if not gap:
        return True  # "PM/PMO"
    return len(gap) <= JOIN_GAP and gap[0] in joins


def sentence_text(cleaned: str, n: int) -> str:
    """The text of sentence ``n`` of ``cleaned``."""
    parts = _SENTENCE.split(cleaned)
    return parts[n] if 0 <= n < len(parts) else ""


def asked_unknown(
    mentions: list[RoleMention],
    tokens: list[str],
    sentences: list[int],
    asking: int,
    self_words: frozenset[str] = frozenset(),
    mine: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """Unknown roles that are part of the question: not the asker describing themself ("I'm
    a scrum master"), not a word qualifying a known role ("consultant PMO"), and in a long
    story only those named in the sentence that asks. When that sentence names no role at
    all, the story's roles are what it asks about ("confused about PM, PO and scrum master.
    ... aren't they the same?"), except the asker's own colleagues ("our CFO asked...")."""
    story = len(set(sentences)) > 2
    asks_a_role = any(m.start < len(sentences) and sentences[m.start] == asking for m in mentions)
    beside = {m.start for m in mentions if m.role != UNKNOWN}
    beside |= {m.end for m in mentions if m.role != UNKNOWN}
    asked = []
    for m in mentions:
        if m.role != UNKNOWN:
            continue
        in_asking = m.start < len(sentences) and sentences[m.start] == asking
        background = asks_a_role or (m.start > 0 and tokens[m.start - 1] in mine)
        if story and not in_asking and background:
            continue
        if m.end in beside or m.start in beside:
            continue  # "consultant PMO", "PMO consultant": a kind of the known role
        before = set(tokens[max(0, m.start - SELF_WINDOW) : m.start])
        if not before & self_words:
            asked.append(m.name)
    return tuple(dict.fromkeys(asked))


def asked_roles(mentions: list[RoleMention], span: tuple[int, int] | None) -> tuple[str, ...]:
    """In a message of several sentences, the known roles the sentence that asks names;
    roles named only in the story around it are context ("my PM told me..."). Empty when
    the asking sentence names no known role (then every role named counts)."""
    if span is None:
        return ()
    inside = {m.role for m in mentions if m.role != UNKNOWN and span[0] <= m.start < span[1]}
    return tuple(dict.fromkeys(m.role for m in mentions if m.role in inside))


def span_of(sentences: list[int], asking: int) -> tuple[int, int] | None:
    """Token span of the asking sentence, or None when the message is one sentence."""
    positions = [i for i, n in enumerate(sentences) if n == asking]
    if not positions or len(set(sentences)) < 2:
        return None
    return positions[0], positions[-1] + 1


def career_target(
    mentions: list[RoleMention],
    tokens: list[str],
    towards: frozenset[str] = frozenset(),
    become: frozenset[str] = frozenset(),
) -> str | None:
    """The role a career question moves towards: named after "become", "into", "to"..., else
    the last role named ("PM to PMO" is about the PMO)."""
    known = [m for m in mentions if m.role != UNKNOWN]

    def before(m: RoleMention) -> set[str]:
        return set(tokens[max(0, m.start - TOWARDS_WINDOW) : m.start])

    for m in known:
        if towards & before(m) and m is not known[0]:
            return m.role
    for m in known:
        if become & before(m):
            return m.role
    return known[-1].role if known else None


def unknown_targets(
    mentions: list[RoleMention], tokens: list[str], towards: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Unknown roles a career question moves to, after a known role it starts from ("from
    project manager to scrum master", "chef de projet, évoluer vers directeur de projet"):
    the move is then about a role the sources do not describe. An unknown role named first
    is where the asker comes from ("developer to project manager") and is not kept."""
    targets = []
    seen_known = False
    for m in mentions:
        if m.role != UNKNOWN:
            seen_known = True
            continue
        if seen_known and towards & set(tokens[max(0, m.start - TOWARDS_WINDOW) : m.start]):
            targets.append(m.name)
    return tuple(dict.fromkeys(targets))
