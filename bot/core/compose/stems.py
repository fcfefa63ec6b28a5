"""Word stems for matching a question's words against statements and claims."""

from __future__ import annotations

from bot.core.language import COMMON_WORDS
from bot.core.roles import ROLE_TOKEN
from bot.core.text import words

_SUFFIXES = (
    "isation",
    "ization",
    "ising",
    "izing",
    "ation",
    "ings",
    "ing",
    "ure",
    "ies",
    "es",
    "ed",
    "s",
)


def stem(word: str) -> str:
    """A light English/French suffix strip: "standards" and "standardised" share "standard"."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text) if len(w) > 2)


def covers(found: frozenset[str], wanted: str) -> bool:
    """Equal stems, or a long stem that extends another ("standard" / "standardis")."""
    if wanted in found:
        return True
    if len(wanted) < 6:
        return False
    return any(
        len(s) >= 6
        and (s.startswith(wanted) or wanted.startswith(s) or (len(wanted) >= 7 and wanted in s))
        for s in found
    )


def content_stems(tokens: tuple[str, ...] | list[str]) -> set[str]:
    """The stems of a question's content words: no question words, fillers, role
    placeholders or words every project duty shares."""
    found = {
        stem(t)
        for t in tokens
        if len(t) > 2 and t not in QUESTION_WORDS and t not in COMMON_WORDS and t != ROLE_TOKEN
    }
    return {c for c in found if not c.startswith(GENERIC_STEMS)}


# Words of the field every duty shares; they cannot tell one role's duty from another's.
GENERIC_STEMS = tuple(
    "project projet proj team equipe manag gestion work travail company entreprise role "
    "rol thing chose here ici usual office bureau".split()
)
QUESTION_WORDS = frozenset(
    "who whom whose which what should would could does have about with this that there "
    "here usually normally generally typically person people role team someone anyone "
    "responsible charge handles handle qui quel quelle personne occupe gere "
    "supposed actually really company ours their your job whos sort all every each "
    "between about over under into from with without other others some many much more most "
    "usually typically normally generally exactly always never here there then than also "
    "need needs want wants like just only very".split()
)
