"""Role recognition: find the contract roles a message names, in the order it names them.

Names come from ``intents/`` (``synonym`` entries). Matching works on folded word tokens:
short acronyms (PM, BA, PMO) match exactly; longer words tolerate typos through a
vocabulary correction with rapidfuzz; the longest name wins (``PMO analyst`` is one role,
not ``PMO`` + ``analyst``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

UNKNOWN = "unknown_role"
ROLE_TOKEN = "xrole"

MIN_TYPO_LENGTH = 5  # shorter words (PM, BA, PMO) must be spelt exactly
WORD_CUTOFF = 80  # rapidfuzz ratio for a misspelt role word ("anaylst")
NAME_CUTOFF = 88  # ... for a multi-word name with a slip in it ("project manger")
NAME_WORD_CUTOFF = 75  # ... that every word of that name must still reach
CACHE_LIMIT = 50_000  # corrections remembered, at most
PRODUCT_WINDOW = 3  # "PM" this close to "product" is a product manager


@dataclass(frozen=True)
class RoleName:
    role: str
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class RoleMention:
    role: str
    start: int
    end: int
    name: str


class RoleLexicon:
    """All role names, indexed for fast exact lookup and typo correction."""

    def __init__(
        self,
        names: list[RoleName],
        not_role: frozenset[str] = frozenset(),
        not_plural: frozenset[str] = frozenset(),
    ) -> None:
        """``not_role``: real words that look like typos of role words and must never be
        corrected ("manage", "program"); ``not_plural``: words that look like plurals of
        short role names but are not (French "bas")."""
        self._not_plural = not_plural
        self._by_tokens: dict[tuple[str, ...], str] = {}
        for name in names:
            self._by_tokens.setdefault(name.tokens, name.role)
        self.max_len = max((len(t) for t in self._by_tokens), default=1)
        name_words = {w for tokens in self._by_tokens for w in tokens}
        self._name_words = frozenset(name_words)
        self._vocab = sorted(name_words | not_role)
        self._vocab_set = frozenset(self._vocab)
        # Typo candidates are indexed by first letter (a typo rarely hits the first letter),
        # so the cost of a correction grows with one letter's share of the vocabulary.
        self._fuzzy_targets: dict[str, list[str]] = {}
        for word in sorted(w for w in name_words if len(w) >= MIN_TYPO_LENGTH):
            self._fuzzy_targets.setdefault(word[0], []).append(word)
        self._corrections: dict[str, str] = {}
        self._window_cache: dict[tuple[str, ...], tuple[str, ...] | None] = {}
        self._names_by_size: dict[tuple[int, str], list[str]] = {}
        for tokens in self._by_tokens:
            if len(tokens) > 1:
                key = (len(tokens), tokens[0][:1])
                self._names_by_size.setdefault(key, []).append(" ".join(tokens))
        # The sizes of the names each word opens: a window no name of its size opens with
        # that word is not looked up.
        sizes: dict[str, set[int]] = {}
        for tokens in self._by_tokens:
            sizes.setdefault(tokens[0], set()).add(len(tokens))
        self._sizes_opened_by = {w: frozenset(n) for w, n in sizes.items()}
        self._fuzzy_sizes: dict[str, frozenset[int]] = {}
        for size, letter in self._names_by_size:
            self._fuzzy_sizes[letter] = self._fuzzy_sizes.get(letter, frozenset()) | {size}
        self._tried: dict[tuple[str, str, str], tuple[int, ...]] = {}

    def roles(self) -> frozenset[str]:
        return frozenset(r for r in self._by_tokens.values() if r != UNKNOWN)

    def correct(self, token: str, not_plural: frozenset[str] | None = None) -> str:
        """A role word for a misspelt one ("anaylst" -> "analyst"); other words unchanged."""
        keep = self._not_plural if not_plural is None else not_plural
        return self._corrected(_singular(token, self._name_words, keep))

    def _corrected(self, base: str) -> str:
        """``correct`` of a word already reduced to its singular."""
        if base in self._vocab_set or len(base) < MIN_TYPO_LENGTH or not base.isalpha():
            return base
        cached = self._corrections.get(base)
        if cached is not None:
            return cached
        targets = self._fuzzy_targets.get(base[0], [])
        best = process.extractOne(base, targets, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF)
        fixed = best[0] if best else base
        if len(self._corrections) < CACHE_LIMIT:
            self._corrections[base] = fixed
        return fixed

    def _without_plural(self, word: str) -> str:
        for suffix in ("es", "s"):
            if word.endswith(suffix) and word[: -len(suffix)] in self._name_words:
                return word[: -len(suffix)]
        return word

    def _fuzzy_name(self, window: tuple[str, ...]) -> tuple[str, ...] | None:
        """A multi-word name close to a window that holds a misspelt word."""
        if all(w in self._vocab_set for w in window):
            return None
        if window in self._window_cache:
            return self._window_cache[window]
        found = self._closest_name(window)
        if len(self._window_cache) < CACHE_LIMIT:
            self._window_cache[window] = found
        return found

    def _closest_name(self, window: tuple[str, ...]) -> tuple[str, ...] | None:
        names = self._names_by_size.get((len(window), window[0][:1]), [])
        best = process.extractOne(
            " ".join(window), names, scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF
        )
        if best is None:
            return None
        name = tuple(best[0].split())
        if all(fuzz.ratio(a, b) >= NAME_WORD_CUTOFF for a, b in zip(window, name, strict=True)):
            return name
        return None

    def _sizes_to_try(self, word: str, plain: str, letter: str, fuzzy: bool) -> tuple[int, ...]:
        """The name sizes worth trying at a word, longest first: names it opens (as written
        or without a plural), and names of its first letter when typos are forgiven."""
        key = (word, plain, letter if fuzzy else "")
        found = self._tried.get(key)
        if found is None:
            sizes = set(self._sizes_opened_by.get(word, ()))
            sizes |= {n for n in self._sizes_opened_by.get(plain, ()) if n > 1}
            if fuzzy:
                sizes |= self._fuzzy_sizes.get(letter, frozenset())
            found = tuple(sorted(sizes, reverse=True))
            if len(self._tried) < CACHE_LIMIT:
                self._tried[key] = found
        return found

    def find(
        self,
        tokens: list[str],
        fuzzy: bool = True,
        language: str | None = None,
        breaks: frozenset[int] = frozenset(),
    ) -> list[RoleMention]:
        """Role mentions (unknown roles included), left to right, longest match first.

        ``fuzzy=False`` matches names exactly (plurals and possessives aside): for text the
        team wrote, such as intent examples, where typos need no forgiving. The words that
        only look like plurals ("bas") are French: in an English message "BAs" is plural.
        ``breaks``: the indices of the words punctuation stands before
        (``bot.core.text.breaks``); no name of several words spans one ("PMO, coordinator").
        """
        keep = frozenset() if language == "en" else self._not_plural
        singular = [_singular(t, self._name_words, keep) for t in tokens]
        fixed = [self._corrected(t) for t in singular] if fuzzy else singular
        # "chef de projets": a plural inside a name that is itself a name word
        plain = [self._without_plural(w) for w in fixed]
        # Where a misspelt name could start: a multi-word window holding a word that is no
        # role word, whose first letter opens a name of its size.
        unknown = [w not in self._vocab_set for w in singular] if fuzzy else []
        mentions: list[RoleMention] = []
        n = len(fixed)
        # For each word, how many of the words from it on hold a word that is no role word
        # (a misspelt name must hold one), and where the first punctuation after it stands.
        unknown_after = [0] * (n + 1)
        for j in range(n - 1, -1, -1):
            unknown_after[j] = unknown_after[j + 1] + (1 if fuzzy and unknown[j] else 0)
        next_break = [n + 1] * n
        following = n + 1
        for j in range(n - 1, -1, -1):
            next_break[j] = following
            if j in breaks:
                following = j
        i = 0
        while i < n:
            for size in self._sizes_to_try(fixed[i], plain[i], singular[i][:1], fuzzy):
                if size > n - i:
                    continue
                if size > 1 and next_break[i] < i + size:
                    continue  # "PMO, coordinator": punctuation ends a name
                role, named = None, fixed
                if size in self._sizes_opened_by.get(fixed[i], ()):
                    role = self._by_tokens.get(tuple(fixed[i : i + size]))
                if role is None and size > 1:
                    named = plain
                    if size in self._sizes_opened_by.get(plain[i], ()):
                        role = self._by_tokens.get(tuple(plain[i : i + size]))
                if (
                    role is None
                    and size > 1
                    and fuzzy
                    and unknown_after[i] > unknown_after[i + size]
                    and (size, singular[i][:1]) in self._names_by_size
                ):
                    near = self._fuzzy_name(tuple(singular[i : i + size]))
                    role = self._by_tokens.get(near) if near else None
                if role is None:
                    continue
                window = tuple(named[i : i + size])
                role = _disambiguate(role, window, fixed, i)
                if role is not None:
                    mentions.append(RoleMention(role, i, i + size, " ".join(window)))
                i += size
                break
            else:
                i += 1
        return mentions


def _singular(token: str, name_words: frozenset[str], not_plural: frozenset[str]) -> str:
    """Possessives and plurals of role words reduced ("pmo's", "PMs", "analysts")."""
    if token.endswith("'s"):
        token = token[:-2]
    token = token.rstrip("'")
    if token in name_words or token in not_plural:
        return token
    for suffix in ("es", "s"):
        if token.endswith(suffix) and token[: -len(suffix)] in name_words:
            return token[: -len(suffix)]
    return token


def _disambiguate(role: str, window: tuple[str, ...], tokens: list[str], start: int) -> str | None:
    """ "PM" near "product" is a product manager; "3 pm" is a time, not a role."""
    if window != ("pm",):
        return role
    if start > 0 and tokens[start - 1].isdigit():
        return None
    if "product" in tokens[max(0, start - PRODUCT_WINDOW) : start + PRODUCT_WINDOW]:
        return "product_manager"
    return role


def job_titles(
    tokens: list[str],
    mentions: list[RoleMention],
    heads: frozenset[str],
    not_modifiers: frozenset[str] = frozenset(),
    breaks: frozenset[int] = frozenset(),
) -> list[RoleMention]:
    """``mentions`` with the unknown roles named by the shape of a job title added: a word
    and a title head ("area manager", "project scheduler", "support officers") where no
    known name stands. A function word or another head before the head ("the manager",
    "analysts, managers"), punctuation between them, or a name already found on either word
    makes no title."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found = list(mentions)
    for i in range(1, len(tokens)):
        head = _singular(tokens[i], heads, frozenset())
        modifier = tokens[i - 1]
        if head not in heads or i in covered or i - 1 in covered or i in breaks:
            continue
        if not modifier.isalpha() or modifier in not_modifiers:
            continue
        if _singular(modifier, heads, frozenset()) in heads:
            continue
        found.append(RoleMention(UNKNOWN, i - 1, i + 1, f"{modifier} {head}"))
    return sorted(found, key=lambda m: m.start)


def ordered_roles(mentions: list[RoleMention]) -> tuple[str, ...]:
    """Contract role ids in first-mention order, without repeats."""
    return tuple(dict.fromkeys(m.role for m in mentions if m.role != UNKNOWN))


def abstract_roles(tokens: list[str], mentions: list[RoleMention]) -> list[str]:
    """Tokens with each role mention replaced by one placeholder token."""
    out: list[str] = []
    i = 0
    for m in mentions:
        out.extend(tokens[i : m.start])
        out.append(ROLE_TOKEN)
        i = m.end
    out.extend(tokens[i:])
    return out
