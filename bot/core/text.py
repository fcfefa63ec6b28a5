"""Text normalisation: strip links and emphasis, fold case and accents, bound the length."""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 1000

_URL = re.compile(r"https?://\S+|www\.\S+")
_EMOJI_CODE = re.compile(r":[a-z0-9_+\-]{1,40}:")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_ZERO_WIDTH = dict.fromkeys(map(ord, _INVISIBLE))


def strip_markup(text: str) -> str:
    """Remove links, emoji codes, code fences and emphasis, keeping the words people typed.

    Each chat platform removes its own markup (mentions, tags) before asking:
    ``bot.platforms.slack.markup``, ``bot.platforms.teams.markup``.
    """
    if len(text) > MAX_CHARS * 8:
        text = f"{text[: MAX_CHARS * 2]} {text[-MAX_CHARS * 6 :]}"
    text = text.translate(_ZERO_WIDTH)
    text = _URL.sub(" ", text)
    text = text.replace("```", " ")
    text = _EMOJI_CODE.sub(" ", text)
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    text = re.sub(r"[*_~`>]+", " ", text)
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else " " for ch in text)
    return bound(" ".join(text.split()))


def bound(text: str) -> str:
    """At most MAX_CHARS: a long message keeps its opening and its end, where the question
    usually is ("...long story... my actual question: what does a PMO analyst do?")."""
    if len(text) <= MAX_CHARS:
        return text
    head = MAX_CHARS // 5
    return f"{text[:head]} … {text[-(MAX_CHARS - head - 3) :]}"


def fold(text: str) -> str:
    """Lower case, no accents, typographic quotes made plain."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    if text.isascii():
        return text.lower()  # the same as below for plain ASCII, without the per-letter pass
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)'(?=[a-z])")


def words(text: str) -> list[str]:
    """The folded word tokens of a text: French elisions split ("l'analyste" -> "l analyste"),
    English possessives kept ("pmo's")."""
    return _WORD.findall(_ELISION.sub(lambda m: m.group(0)[:-1] + " ", fold(text)))


_CLAUSE = re.compile(r"[,;:.!?()\[\]]+")


def breaks(text: str) -> frozenset[int]:
    """Where punctuation stands between two words of ``words(text)``: the index of the word
    after it. "PMO, coordinator" is two names, not "PMO coordinator"."""
    found, count = set(), 0
    for part in _CLAUSE.split(text):
        n = len(words(part))
        if count and n:
            found.add(count)
        count += n
    return frozenset(found)


def normalise(text: str) -> str:
    """Markup stripped, folded, punctuation reduced to single spaces."""
    return " ".join(words(strip_markup(text)))
