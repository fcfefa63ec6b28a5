"""Recognise what is not knowledge in scraped pages: chrome, spam, promotion, fragments.

The patterns describe kinds of web clutter (navigation, sign-up prompts, legal lines,
link lists, self-promotion, advertising), not any one document, so a new document is
cleaned by the same rules.
"""

from __future__ import annotations

import re

NAVIGATION = "navigation"
SIGN_UP = "sign-up prompt"
LEGAL = "legal or cookie line"
LINK_SPAM = "link spam"
SELF_PROMOTION = "site or book promotion"
METADATA = "metadata"
FRAGMENT = "cut sentence"
GARBLED = "garbled text"
KEYWORD_STUFFING = "keyword stuffing"
HEADING = "heading"
PROMOTIONAL = "promotional"  # kept out of knowledge, reported as advertising

_NAVIGATION = re.compile(
    r"^(skip to (main )?content|menu|home|share:?|suivre|follow|user[- ]image|published in.*"
    r"|more questions like this|related (questions|posts|articles)|questions similaires"
    r"|back to top|read more|next|previous|uncategori[sz]ed|must read:?)$",
    re.IGNORECASE,
)
_SIGN_UP = re.compile(
    r"\b(sign ?up|log ?in|register( now)?|subscribe|inscrivez-vous|connectez-vous"
    r"|rejoindre votre communaut|join your professional community|get fresh updates"
    r"|stay connected|create an account|newsletter|communiquez avec les autres)\b",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"(cookie|privacy (statement|policy)|terms of (use|service)|all rights reserved|copyright"
    r"|©|\(c\) \d{4}|tous droits r[ée]serv[ée]s|mentions l[ée]gales)",
    re.IGNORECASE,
)
_SELF_PROMOTION = re.compile(
    r"\b(my (new )?book|books?,? signed|personali[sz]e(d)? for|lovely books|splendid gift"
    r"|makes? a (killer|great|splendid) (holiday )?gift|available at .*(amazon|books)"
    r"|my columns|buy (it|now)|pre-?order|job site|job vacancies|job seekers"
    r"|found the following resources)\b",
    re.IGNORECASE,
)
_ADVERTISING = re.compile(
    r"([$€£]\s?\d+|\b\d+\s?(usd|eur)\b|\bcost\s*:|i personally (suggest|recommend)"
    r"|recommend to do|\baffordable\b|accepted globally|check the (review|syllabus)"
    r"|official websites?|better career|begin this journey|location\s*:\s*online"
    r"|provides? certificates|provide the best|certification bodies"
    r"|purpose of \w+ .*certification)",
    re.IGNORECASE,
)
_METADATA = re.compile(
    r"^(date de publication|published|posted on|date|updated|last updated)\s*:", re.IGNORECASE
)
_GREETING = re.compile(r"^(hello|hi|hey|bonjour|salut|dear all|greetings)\s*[,!.]?$", re.I)
_END_OF_THREAD = re.compile(
    r"^(more questions like this|related questions|questions similaires)$", re.I
)
_STOP = frozenset(
    "the a an is are of to and or in on for with that this it be was as by at from "
    "le la les un une des de du et est en que qui".split()
)


def is_greeting(line: str) -> bool:
    return bool(_GREETING.match(line.strip()))


def is_end_of_thread(line: str) -> bool:
    return bool(_END_OF_THREAD.match(line.strip()))


def is_metadata(line: str) -> bool:
    return bool(_METADATA.match(line.strip()))


def looks_like_link_list(text: str) -> bool:
    """Many short comma-separated title-case items with hardly any sentence words."""
    items = [i.strip() for i in text.split(",") if i.strip()]
    if len(items) < 5:
        return False
    titled = sum(1 for i in items if i[:1].isupper() or i[:1].isdigit())
    words = re.findall(r"[A-Za-zÀ-ÿ']+", text)
    stop = sum(1 for w in words if w.lower() in _STOP)
    short = sum(1 for i in items if len(i) <= 70)
    mostly_titles = titled / len(items) >= 0.7 and short / len(items) >= 0.8
    return mostly_titles and stop / max(len(words), 1) < 0.2


def junk_reason(text: str) -> str | None:
    """Why a line or sentence is not content, or None when it is content."""
    stripped = text.strip()
    if not stripped:
        return NAVIGATION
    if _NAVIGATION.match(stripped):
        return NAVIGATION
    if _METADATA.match(stripped):
        return METADATA
    if _LEGAL.search(stripped) and len(stripped) < 300:
        return LEGAL
    if _SELF_PROMOTION.search(stripped):
        return SELF_PROMOTION
    if _SIGN_UP.search(stripped) and len(stripped) < 200:
        return SIGN_UP
    if looks_like_link_list(stripped):
        return LINK_SPAM
    return None


def is_advertising(text: str) -> bool:
    return bool(_ADVERTISING.search(text))


_FUNCTION_WORDS = frozenset(
    "the a an to of and or for with in on at by from as than that this these their its "
    "will can could would should is are be was have has not nor but so if "
    "on off up my your our "
    "le la les un une de des du et ou pour avec dans sur par que qui".split()
)
_GARBLED = re.compile(r" [’'] |\( \w|/u >|[.!?][.!?]$|^[B-HJ-Z] | 's\b|,,|\(!|\.{3,}")
NOT_A_STATEMENT = "question or exclamation"


def _is_title_case(s: str) -> bool:
    words = re.findall(r"[A-Za-zÀ-ÿ']+", s)
    significant = [w for w in words if w.lower() not in _FUNCTION_WORDS and w.lower() != "vs"]
    return bool(significant) and len(words) <= 9 and all(w[0].isupper() for w in significant)


def fragment_reason(sentence: str, title: str) -> str | None:
    """Why a sentence taken from a compiled page cannot stand alone, or None.

    Scraped pages glue and cut sentences. A *garbled* sentence (spaced-out apostrophes
    left by bad extraction, a trailing "...", a sentence ending on a function word such
    as "... the project to.", the page's own title stuffed mid-sentence) is dropped. A
    *cut* sentence (an ellipsis inside, unbalanced brackets or quotes, a lower-case
    start) is kept only as a citable quote. Questions, exclamations and bare titles are
    not statements.
    """
    s = sentence.strip()
    words = re.findall(r"[A-Za-zÀ-ÿ']+", s)
    if _GARBLED.search(s) or s.endswith("..") or len(words) < 3:
        return GARBLED
    if words[-1].lower() in _FUNCTION_WORDS:
        return GARBLED
    folded_title = title.strip().lower()
    if folded_title and folded_title in s.lower()[1:]:
        return KEYWORD_STUFFING
    if "…" in s or s.startswith("..."):
        return FRAGMENT
    if s.count("(") != s.count(")") or s.count("“") != s.count("”") or s.count("«") != s.count("»"):
        return FRAGMENT
    if not s[:1].isupper() and not s[:1].isdigit() and s[:1] not in '"“«(-':
        return FRAGMENT
    if s.endswith(("?", "!", "?.")):
        return NOT_A_STATEMENT
    if s[-1:] not in '.:)"”»;':
        return FRAGMENT
    if _is_title_case(s):
        return HEADING
    return None


def is_heading(line: str) -> bool:
    """A short line without closing punctuation that introduces what follows."""
    s = line.strip()
    if not s or len(s) > 60 or s[0] in "•-*":
        return False
    return s[-1] not in ".!?," and len(s.split()) <= 8
