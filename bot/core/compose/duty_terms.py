"""The terms of a duty: its words read as activities (verbs) and things (objects).

Which-role questions name a duty in their own words ("who signs off the funding?") and
documents state it in theirs ("Approves the project budget"). Both are read the same way:
every word is reduced by a light English/French suffix strip, then the phrases of the duty
word groups (``intents/duties.yml``) become their group's term ("sign off" and "valider"
are ``approve``, "risk log" is ``risk`` + ``register``). A word in a verb group is a verb,
one in a modifier group ("weekly", "final") a modifier; every other content word is an
object, which is what tells one duty from another. A role's name is one term of its own
("the project board", "the PM"): in a question it may be part of the duty ("who chairs the
project board?") or the answer offered ("..., the PM?").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.core.compose.stems import QUESTION_WORDS
from bot.core.language import COMMON_WORDS
from bot.core.roles import ROLE_TOKEN
from bot.core.text import words

VERB, OBJECT, MODIFIER, ROLE = "verb", "object", "modifier", "role"
PREFIXES = {"duty_verb_": VERB, "duty_object_": OBJECT, "duty_modifier_": MODIFIER}
IGNORE = "duty_ignore"

# Suffixes stripped, longest first, when at least MIN_STEM letters stay (English and
# French, accents folded): "approves", "approval" and "approuver" keep "approv".
_SUFFIXES = tuple(
    sorted(
        (
            "isations izations isation ization ements ement ations ation ators ator "
            "ises izes ised ized ising izing ise ize ings ing ers er ures ure ies ied ees ee es ed "
            "ents ent eurs eur euses euse ir e y s"
        ).split(),
        key=len,
        reverse=True,
    )
)
MIN_STEM = 4
MIN_PLURAL_STEM = 3  # "puts", "sets", "runs"
# Endings whose last letter is not a plural "s" ("process", "status", "analysis").
_NOT_PLURAL = ("ss", "us", "is")
# After "-ing", "-ed" or "-er" a doubled consonant is one ("planning", "mapped").
_DOUBLING = frozenset({"ing", "ings", "ed", "er", "ers"})
_NO_UNDOUBLING = frozenset("aeiouylsfz")  # "fill", "pass", "staff" end doubled
# An English adverb ("relatively", "actually") says how, not what: outside the groups (which
# hold "weekly", "monthly") it names nothing.
_ADVERB = "ly"


def duty_stem(word: str) -> str:
    """A light, table-driven English/French suffix strip."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        least = MIN_PLURAL_STEM if suffix == "s" else MIN_STEM
        if not word.endswith(suffix) or len(word) - len(suffix) < least:
            continue
        if suffix == "s" and word.endswith(_NOT_PLURAL):
            continue
        found = word[: -len(suffix)]
        if suffix in _DOUBLING and found[-1] == found[-2] and found[-1] not in _NO_UNDOUBLING:
            found = found[:-1]
        return found
    return word


@dataclass(frozen=True)
class Term:
    key: str  # a group's name ("approve"), a word's stem, or "@<role id>"
    kind: str  # VERB, OBJECT, MODIFIER or ROLE
    secondary: bool = False  # in a clause of its own ("before we move on to the next phase")
    # an object's compound: the objects named together ("supplier register", "registre des
    # risques"), numbered from 0 in the text; -1 for other terms
    compound: int = -1


@dataclass(frozen=True)
class DutyGroup:
    """A group of words and phrases naming one activity (a verb) or one thing (an object)."""

    name: str
    kind: str  # VERB, OBJECT, MODIFIER, or "" (words to skip) or BOUNDARY
    phrases: tuple[str, ...]


BOUNDARY_NAME = "duty_boundary"
QUESTION_NAME = "duty_question"
BREAK_NAME = "duty_break"
AUXILIARY_NAME = "duty_auxiliary"
_LISTS = {QUESTION_NAME: "_asking", BREAK_NAME: "_breaks", AUXILIARY_NAME: "_auxiliaries"}
_SKIP = Term("", "")
_BOUNDARY = Term("|", "")


def groups_from(lookups: Iterable[tuple[str, tuple[str, ...]]]) -> tuple[DutyGroup, ...]:
    """The duty groups among the intents' lookup tables (``IntentData.duties``)."""
    found = []
    for name, phrases in lookups:
        if name in (IGNORE, BOUNDARY_NAME, *_LISTS):
            found.append(DutyGroup(name, "", phrases))
            continue
        for prefix, kind in PREFIXES.items():
            if name.startswith(prefix):
                found.append(DutyGroup(name.removeprefix(prefix), kind, phrases))
    return tuple(found)


ACROSS_NAME = "duty_across_projects"


def across_projects(lookups: Iterable[tuple[str, tuple[str, ...]]]) -> frozenset[str]:
    """The phrases scoping a duty across many projects ("every project", "all our
    projects"), folded to words as ``words`` cuts them."""
    return frozenset(" ".join(words(p)) for name, ps in lookups if name == ACROSS_NAME for p in ps)


def role_term(role: str) -> Term:
    return Term(f"@{role}", ROLE)


def plain(word: str) -> str:
    """A word without its plural or possessive ending: how role names are matched
    ("project managers'" is "project manager"; "management" stays)."""
    word = word.removesuffix("'s").removesuffix("'")
    if len(word) > 3 and word.endswith("s") and not word.endswith(_NOT_PLURAL):
        return word[:-1]
    return word


class DutyTerms:
    """Reads a text's words as duty terms: role names first, then the groups' phrases
    (longest first), then every other content word."""

    def __init__(
        self,
        groups: Iterable[DutyGroup] = (),
        role_names: Iterable[tuple[str, tuple[str, ...]]] = (),
    ) -> None:
        self._roles: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
        for role, tokens in role_names:
            key = tuple(plain(w) for w in tokens)
            if key:
                self._roles.setdefault(key[0], []).append((key, role_term(role)))
        self._phrases: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
        self._asking: frozenset[str] = frozenset()
        self._breaks: frozenset[str] = frozenset()
        self._auxiliaries: frozenset[str] = frozenset()
        for group in groups:
            if group.name in _LISTS:
                found = frozenset(w for p in group.phrases for w in words(p))
                setattr(self, _LISTS[group.name], found)
                continue
            if group.name == IGNORE:
                term = _SKIP
            elif group.name == BOUNDARY_NAME:
                term = _BOUNDARY
            else:
                term = Term(group.name, group.kind)
            for phrase in group.phrases:
                stems = tuple(duty_stem(w) for w in words(phrase))
                if stems:
                    self._phrases.setdefault(stems[0], []).append((stems, term))
        for index in (self._roles, self._phrases):
            for options in index.values():
                options.sort(key=lambda x: -len(x[0]))
        self._cache: dict[tuple[str, ...], tuple[Term, ...]] = {}
        self._names = frozenset(
            t.key for options in self._phrases.values() for _, t in options if t.key
        ) | frozenset(t.key for options in self._roles.values() for _, t in options)

    def is_group(self, key: str) -> bool:
        """Whether a term is a group's or a role's (matched as itself, never as a stem that
        a longer one extends: ``business_case`` is not "business")."""
        return key in self._names

    def terms(self, tokens: Iterable[str]) -> tuple[Term, ...]:
        """The duty terms of a text's words, in order, each once (where it first occurs)."""
        tokens = tuple(tokens)
        found = self._cache.get(tokens)
        if found is not None:
            return found
        plains = [plain(t) for t in tokens]
        stems = [duty_stem(t) for t in tokens]
        out: dict[str, Term] = {}
        secondary = False
        compound, open_compound = 0, False  # the compound objects go into, and whether begun
        i = 0
        while i < len(tokens):
            match = _longer(_longest(self._roles, plains, i), _longest(self._phrases, stems, i))
            length, term = match if match is not None else (1, None)
            if term is None and _content(tokens[i]) and tokens[i] not in self._breaks:
                term = Term(stems[i], OBJECT)
            if term is _BOUNDARY:
                secondary = secondary or bool(out)
            elif term is not None and term is not _SKIP:
                if term.kind == OBJECT:
                    open_compound = True
                    term = replace(term, compound=compound)
                elif term.kind in (VERB, ROLE) and open_compound:
                    compound, open_compound = compound + 1, False
                out.setdefault(term.key, replace(term, secondary=secondary))
            if open_compound and (term is _BOUNDARY or tokens[i] in self._breaks):
                compound, open_compound = compound + 1, False
            i += length
        result = tuple(out.values())
        if len(self._cache) < 20_000:
            self._cache[tokens] = result
        return result

    def asks(self, tokens: Iterable[str]) -> bool:
        """Whether the words hold an asking word ("who", "qui")."""
        return not self._asking.isdisjoint(tokens)

    def question_terms(self, tokens: Iterable[str]) -> tuple[Term, ...]:
        """The terms of a question: after its first asking word ("who", "qui") the duty;
        the words before it tell the story and weigh as a clause of their own."""
        tokens = tuple(tokens)
        cut = next((i for i, t in enumerate(tokens) if t in self._asking), -1)
        before = tuple(replace(t, secondary=True) for t in self.terms(tokens[: max(cut, 0)]))
        after = self.terms(tokens[max(cut, 0) :])
        if cut >= 0:
            after = self._verb_first(tokens[cut + 1 :], after)
        keys = {t.key for t in after}
        return after + tuple(t for t in before if t.key not in keys)

    def _verb_first(self, tokens: tuple[str, ...], terms: tuple[Term, ...]) -> tuple[Term, ...]:
        """The terms with the word right after the asking word (and its auxiliaries) read as
        a verb when no group names it: "who reconciles the costs", "who nags people"."""
        word = next((t for t in tokens if t not in self._auxiliaries), None)
        if word is None or not terms:
            return terms
        key = duty_stem(word)
        first = terms[0]
        if first.key != key or first.kind != OBJECT or self.is_group(key):
            return terms
        return (replace(first, kind=VERB, compound=-1), *terms[1:])

    def collisions(self) -> list[tuple[str, ...]]:
        """Phrases of different groups that read the same once stemmed (a data mistake)."""
        out = []
        for options in self._phrases.values():
            seen: dict[tuple[str, ...], Term] = {}
            for stems, term in options:
                if seen.setdefault(stems, term) != term:
                    out.append(stems)
        return out


def _longest(
    index: dict[str, list[tuple[tuple[str, ...], Term]]], keys: list[str], i: int
) -> tuple[int, Term] | None:
    for phrase, term in index.get(keys[i], ()):
        if tuple(keys[i : i + len(phrase)]) == phrase:
            return len(phrase), term
    return None


def _longer(
    role: tuple[int, Term] | None, phrase: tuple[int, Term] | None
) -> tuple[int, Term] | None:
    """The longer match; a role's name on a tie ("project board" is the steering committee)."""
    if role is None or (phrase is not None and phrase[0] > role[0]):
        return phrase
    return role


def _content(word: str) -> bool:
    """Whether a word outside every group can name what a duty is about."""
    return (
        len(word) > 2
        and not {word, plain(word)} & QUESTION_WORDS
        and not {word, plain(word)} & COMMON_WORDS
        and word != ROLE_TOKEN
        and not word.isdigit()
        and not (len(word) > 4 and word.endswith(_ADVERB))
    )
