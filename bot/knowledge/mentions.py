"""Role mentions with their place in the text: folded tokens keep the span of the original
characters they come from, so a claim's verbatim words can be cut out of the sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.core.model import IntentData
from bot.core.roles import UNKNOWN, RoleLexicon, RoleName
from bot.core.text import fold

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)'(?=[a-z])")


@dataclass(frozen=True)
class Folded:
    """A text, its folded form, and where each folded character came from."""

    text: str
    folded: str
    origin: tuple[int, ...]

    @staticmethod
    def of(text: str) -> Folded:
        return _folded(text)

    def start(self, index: int) -> int:
        """The original position of a folded position (a start)."""
        if index >= len(self.origin):
            return len(self.text)
        return self.origin[index]

    def end(self, index: int) -> int:
        """The original position just after a folded end position."""
        if index <= 0:
            return 0
        return self.origin[min(index, len(self.origin)) - 1] + 1


@dataclass(frozen=True)
class Token:
    word: str
    start: int  # in the folded text
    end: int


@dataclass(frozen=True)
class Mention:
    role: str  # a role id, or UNKNOWN for a role the lexicon lists as not covered
    first: int  # token index
    last: int  # token index after the mention
    start: int  # folded character span
    end: int


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


@lru_cache(maxsize=8192)
def _folded(text: str) -> Folded:
    if text.isascii():
        folded = text.replace("`", "'").lower()
        origin = tuple(range(len(text)))
    else:
        pieces: list[str] = []
        positions: list[int] = []
        for i, ch in enumerate(text):
            f = _fold_char(ch)
            pieces.append(f)
            positions.extend([i] * len(f))
        folded = "".join(pieces)
        origin = tuple(positions)
    folded = _ELISION.sub(lambda m: m.group(0)[:-1] + " ", folded)
    return Folded(text, folded, origin)


# French inclusive writing: "coordinateur(trice)", "chef·fe", "analyste.s", "candidat-e":
# the ending after a mark glued to the word is no word of its own.
_INCLUSIVE_ENDINGS = frozenset("trice rice ice euse se e es fe ne ere enne ienne ale s".split())
_INCLUSIVE_MARKS = frozenset("(·./-•⋅")


def _other_gender(previous: str, word: str, gap: str) -> bool:
    return (
        gap.strip() == "/"
        and len(previous) >= _GENDER_STEM
        and word != previous
        and word[:_GENDER_STEM] == previous[:_GENDER_STEM]
    )


# How many first letters the masculine and feminine forms of a title share ("coord...").
_GENDER_STEM = 5


def tokens_of(folded: Folded) -> list[Token]:
    text = folded.folded
    out: list[Token] = []
    for m in _WORD.finditer(text):
        mark = text[m.start() - 1] if m.start() else ""
        if (
            out
            and m.group() in _INCLUSIVE_ENDINGS
            and mark in _INCLUSIVE_MARKS
            and out[-1].end == m.start() - 1
        ):
            continue
        if out and _other_gender(out[-1].word, m.group(), text[out[-1].end : m.start()]):
            continue  # "Directeur / Directrice de programme": one name, written twice
        out.append(Token(m.group(), m.start(), m.end()))
    return out


class RoleFinder:
    """The project's role lexicon, optionally widened by the names a document gives a role."""

    def __init__(
        self,
        names: list[RoleName],
        not_role: frozenset[str] = frozenset(),
        not_plural: frozenset[str] = frozenset(),
    ) -> None:
        self._names = list(names)
        self._guards = (not_role, not_plural)
        self.lexicon = RoleLexicon(self._names, not_role, not_plural)

    @staticmethod
    def of(intents: IntentData) -> RoleFinder:
        words = intents.word_map()
        return RoleFinder(
            list(intents.role_names),
            words.get("not_role", frozenset()),
            words.get("not_plural", frozenset()),
        )

    def widened(self, extra: list[RoleName]) -> RoleFinder:
        """With the names a document gives roles, and the names of other roles built on them:
        if the Change Office is the PMO, its head is the head of the PMO."""
        known = {n.tokens for n in self._names}
        fresh = [n for n in extra if n.tokens not in known]
        fresh += [n for n in _built_on(self._names, fresh) if n.tokens not in known]
        fresh = list(dict.fromkeys(fresh))
        return RoleFinder(self._names + fresh, *self._guards) if fresh else self

    def mentions(self, tokens: list[Token]) -> list[Mention]:
        found = self.lexicon.find([t.word for t in tokens], fuzzy=False)
        return [
            Mention(m.role, m.start, m.end, tokens[m.start].start, tokens[m.end - 1].end)
            for m in found
        ]

    def full_name(self, words: list[str]) -> str | None:
        """The role a phrase names as a whole ("Project Management Office" -> pmo)."""
        found = self.lexicon.find(words, fuzzy=False)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(words):
            return found[0].role
        return None

    def known(self, role: str) -> bool:
        return role != UNKNOWN


def _built_on(names: list[RoleName], aliases: list[RoleName]) -> list[RoleName]:
    """Another role's name with a role's own name in it ("head of the pmo", "pmo analyst"),
    that name replaced by an alias of the role ("head of the change office")."""
    own: dict[str, list[tuple[str, ...]]] = {}
    for n in names:
        own.setdefault(n.role, []).append(n.tokens)
    out = []
    for alias in aliases:
        for part in own.get(alias.role, ()):
            size = len(part)
            for name in names:
                if name.role == alias.role or len(name.tokens) <= size:
                    continue
                for i in range(len(name.tokens) - size + 1):
                    if name.tokens[i : i + size] == part:
                        tokens = name.tokens[:i] + alias.tokens + name.tokens[i + size :]
                        out.append(RoleName(name.role, tokens))
                        break
    return out
