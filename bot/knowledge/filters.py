"""Recognise what is not knowledge in scraped pages: chrome, spam, promotion, fragments.

Every rule describes a kind of web clutter (navigation, sign-up prompts, legal lines, link
lists, self-promotion, advertising, extraction debris), never the wording of one document,
so a new document is cleaned by the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

NAVIGATION = "navigation"
SIGN_UP = "sign-up prompt"
LEGAL = "legal notice"  # copyright, terms, privacy and cookie lines
LINK_SPAM = "link spam"
SELF_PROMOTION = "site or book promotion"
METADATA = "metadata"
FRAGMENT = "cut sentence"
GARBLED = "garbled text"
KEYWORD_STUFFING = "keyword stuffing"
HEADING = "heading"
NOT_A_STATEMENT = "question or exclamation"
PROMOTIONAL = "promotional"  # kept out of knowledge, reported as advertising

_NAVIGATION = re.compile(
    r"^(skip to (main )?content|menu|home|share:?|suivre|follow|user[- ]image|published in.*"
    r"|more questions like this|related (questions|posts|articles)|questions similaires"
    r"|back to top|read more|next|previous|uncategori[sz]ed|must read:?)$",
    re.IGNORECASE,
)
# "Home > Forums > Careers": short items joined by breadcrumb separators.
_BREADCRUMB = re.compile(
    r"^(?:(?:home|accueil)\s*[>»›]|[^.!?>»›]{1,40}\s[>»›]\s[^.!?>»›]{1,60}\s[>»›]\s)", re.I
)
# Navigation or sign-up words that betray clutter wherever they sit in a sentence.
_EMBEDDED_CHROME = re.compile(
    r"\b(skip to (main )?content|back to top|more questions like this|log ?in|sign ?up"
    r"|sign in|create an account|subscribe|newsletter|register (now|today|for free|here))\b",
    re.IGNORECASE,
)
_SIGN_UP = re.compile(
    r"\b(sign ?up|sign in|log ?in|register (now|today|for free|here)|subscribe|inscrivez-vous"
    r"|connectez-vous|rejoindre votre communaut|join your professional community"
    r"|get fresh updates|stay connected|create an account|newsletter"
    r"|communiquez avec les autres)\b",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"(cookie|privacy (statement|policy)|terms of (use|service)|all rights reserved|copyright"
    r"|©|\(c\) \d{4}|tous droits r[ée]serv[ée]s|mentions l[ée]gales)",
    re.IGNORECASE,
)

# Self-promotion: a product (book, course, column...) pitched with a commerce word, a
# first-person product pitch, or a site boasting about itself.
_PRODUCT = re.compile(
    r"\b(e-?books?|books?|novels?|columns?|courses?|albums?|workshops?|webinars?)\b", re.I
)
_COMMERCE = re.compile(
    r"\b(gifts?|buy(ing)?|pre-?order|order (it|now|yours|(a|your) copy|today|online)"
    r"|available (at|on|from)|shop(ping)?|bookstores?|bookshops?|amazon(\.com)?|purchase"
    r"|discount|coupon)\b",
    re.IGNORECASE,
)
_PITCH = re.compile(
    r"\b(get|buy|order|grab|read) my (new |latest )?(e-?book|book|course|novel|album)\b"
    r"|\bmy (new|latest) (e-?book|book|course|novel|album)\b"
    r"|^personali[sz]e\b|\bpersonali[sz]e (it |your copy )?for\b",
    re.IGNORECASE,
)
_SITE_BOAST = re.compile(
    r"\b(award-winning|leading|largest|top-rated|number one|no\. ?1)\b[^.!?]{0,40}"
    r"\b(site|website|platform|portal|marketplace|job board)\b",
    re.IGNORECASE,
)
# A sentence announcing links that the scrape did not keep.
_LINK_ANNOUNCEMENT = re.compile(
    r"\b(the following|these|useful|helpful)\b[^.!?]{0,60}\blinks\b"
    r"|\blinks\b[^.!?]{0,60}\b(helpful|useful|below)\b",
    re.IGNORECASE,
)

# Advertising: a price, a first-person purchase recommendation, a commercial claim.
_PRICE = re.compile(
    r"[$€£¥₹]\s?\d|\b\d[\d,.]*\s?(usd|eur|gbp|dollars|euros)\b|\b(usd|eur|gbp)\s?\d", re.I
)
_RECOMMENDATION = re.compile(
    r"\bi personally (suggest|recommend)\b|\b(i|we) (highly|strongly) recommend\b", re.I
)
_COMMERCIAL_CLAIM = re.compile(
    r"\baffordable\b|\baccepted (globally|worldwide|internationally)\b"
    r"|\b(globally|worldwide|internationally) accepted\b|\bvalid and accepted\b"
    r"|\bmoney[- ]back\b|\benrol(l)? (now|today)\b|\blimited[- ]time offer\b",
    re.IGNORECASE,
)
_BRAND = re.compile(r"\b[A-ZÀ-Ý]{3,}\b")

_METADATA = re.compile(
    r"^(date de publication|published|posted on|date|updated|last updated)\s*:", re.IGNORECASE
)
_GREETING_WORDS = r"(hello|hi|hey|bonjour|salut|dear|greetings|good (morning|afternoon|evening))"
# A line that is only a greeting: "Hello,", "Hi all," "Dear Sam!".
_GREETING = re.compile(rf"^{_GREETING_WORDS}\b(\s+[\w'-]+){{0,2}}\s*[,!.]?$", re.IGNORECASE)
# A reply opening with a greeting: "Hi, in my team ...", "Hello Dana: ...".
_GREETING_START = re.compile(rf"^{_GREETING_WORDS}\b(\s+[\w'-]+){{0,2}}\s*[,!.:]", re.IGNORECASE)
_END_OF_THREAD = re.compile(
    r"^(more questions like this|related questions|questions similaires)$", re.I
)
_STOP = frozenset(
    "the a an is are of to and or in on for with that this it be was as by at from "
    "le la les un une des de du et est en que qui".split()
)


def is_greeting(line: str) -> bool:
    """A line that is only a greeting ("Hello,")."""
    return bool(_GREETING.match(line.strip()))


def starts_with_greeting(line: str) -> bool:
    """A line that opens with a greeting, possibly followed by text."""
    return bool(_GREETING_START.match(line.strip()))


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


def is_self_promotion(text: str) -> bool:
    """A product pitched for sale, a first-person product pitch, or a site praising itself."""
    if _PITCH.search(text) or _SITE_BOAST.search(text):
        return True
    return bool(_PRODUCT.search(text) and _COMMERCE.search(text))


def junk_reason(text: str) -> str | None:
    """Why a line or sentence is not content, or None when it is content."""
    stripped = text.strip()
    if not stripped:
        return NAVIGATION
    if _NAVIGATION.match(stripped) or _BREADCRUMB.match(stripped):
        return NAVIGATION
    if _METADATA.match(stripped):
        return METADATA
    if _LEGAL.search(stripped) and len(stripped) < 300:
        return LEGAL
    if is_self_promotion(stripped):
        return SELF_PROMOTION
    if _SIGN_UP.search(stripped) and len(stripped) < 200:
        return SIGN_UP
    if looks_like_link_list(stripped) or _LINK_ANNOUNCEMENT.search(stripped):
        return LINK_SPAM
    return None


def embedded_clutter(text: str) -> str | None:
    """Sign-up, navigation or legal words anywhere in a sentence glued from a page."""
    if _EMBEDDED_CHROME.search(text):
        return SIGN_UP
    if _LEGAL.search(text):
        return LEGAL
    return None


def is_advertising(text: str) -> bool:
    """A price, a first-person purchase recommendation or a commercial claim."""
    return bool(
        _PRICE.search(text) or _RECOMMENDATION.search(text) or _COMMERCIAL_CLAIM.search(text)
    )


def brand_tokens(text: str, title: str) -> set[str]:
    """ALL-CAPS words of three or more letters that the document title does not use."""
    in_title = {w.lower() for w in re.findall(r"[\wÀ-ÿ]+", title)}
    return {w for w in _BRAND.findall(text) if w.lower() not in in_title}


# In an organisation's own page a price or "affordable" is ordinary content (a budget
# threshold, a housing trust's homes); advertising there is a sales pitch.
_PAGE_PITCH = re.compile(
    r"\b(enrol(l)? (now|today|this week)|limited[- ](time offer|seats|places)|use code"
    r"|\d+\s?% off|money[- ]back|buy now|book now and|special offer)\b",
    re.IGNORECASE,
)


def is_page_advertising(text: str) -> bool:
    """Advertising inside a structured page: a pitch, a first-person purchase
    recommendation, or a price next to a commerce word."""
    return bool(
        _PAGE_PITCH.search(text)
        or _RECOMMENDATION.search(text)
        or (_PRICE.search(text) and _COMMERCE.search(text))
    )


def promotional_flags(
    texts: Sequence[str], title: str, is_ad: Callable[[str], bool] | None = None
) -> list[bool]:
    """Which paragraphs of one answer or section are advertising.

    A paragraph is promotional when it carries a feature of advertising itself; when it
    repeats a brand token (a vendor acronym) of an earlier promotional paragraph; or when
    it sits between two promotional paragraphs (adverts come in runs).
    """
    flags = [(is_ad or is_advertising)(t) for t in texts]
    brands: set[str] = set()
    for i, text in enumerate(texts):
        tokens = brand_tokens(text, title)
        if not flags[i] and tokens & brands:
            flags[i] = True
        if flags[i]:
            brands |= tokens
    for i in range(1, len(texts) - 1):
        if not flags[i] and flags[i - 1] and flags[i + 1]:
            flags[i] = True
    return flags


_FUNCTION_WORDS = frozenset(
    "the a an to of and or for with in on at by from as than that this these their its "
    "will can could would should is are be was have has not nor but so if "
    "on off up my your our "
    "le la les un une de des du et ou pour avec dans sur par que qui".split()
)
# Debris of bad extraction: spaced-out apostrophes and brackets, doubled punctuation,
# trailing ellipses, a sentence starting on a lone capital letter.
_GARBLED = re.compile(r" [’'] |\( \w|[.!?][.!?]$|^[B-HJ-Z] | 's\b|,,|\(!|\.{3,}")
# A stray markup fragment: a whole tag, a closing tag that lost its "<" ("/u >"), an
# opening tag that lost its ">" ("< b "), or an HTML entity left as text.
_STRAY_MARKUP = re.compile(
    r"</?[a-z][a-z0-9]{0,9}\b[^<>]{0,40}>"
    r"|(?:^|\s)/[a-z][a-z0-9]{0,9}\s*>"
    r"|<\s*/?[a-z][a-z0-9]{0,9}(?=\s|$)"
    r"|&(nbsp|amp|lt|gt|quot|apos|#\d{2,5});",
    re.IGNORECASE,
)


def has_stray_markup(text: str) -> bool:
    return bool(_STRAY_MARKUP.search(text))


def _is_title_case(s: str) -> bool:
    words = re.findall(r"[A-Za-zÀ-ÿ']+", s)
    significant = [w for w in words if w.lower() not in _FUNCTION_WORDS and w.lower() != "vs"]
    return bool(significant) and len(words) <= 9 and all(w[0].isupper() for w in significant)


def is_keyword_stuffed(sentence: str, title: str) -> bool:
    """The page's title (four words or more) pasted into a sentence for search engines.

    Stuffing shows as the title glued mid-sentence to the word before it, with no
    punctuation between, or as the title repeated. A short title ("PMO analyst") is a
    normal phrase of the text and never counts.
    """
    folded = " ".join(title.lower().split()).strip(" ?.!")
    if len(folded.split()) < 4:
        return False
    text = " ".join(sentence.lower().split())
    hits = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(folded)}(?![\w-])", text)]
    if len(hits) > 1:
        return True
    if hits and hits[0] > 0:
        before = text[: hits[0]].rstrip()
        return bool(before) and before[-1].isalnum()
    return False


def fragment_reason(sentence: str, title: str) -> str | None:
    """Why a sentence taken from a compiled page cannot stand alone, or None.

    Scraped pages glue and cut sentences. A *garbled* sentence (spaced-out apostrophes
    or stray markup left by bad extraction, a trailing "...", a sentence ending on a
    function word such as "... the project to.") is dropped, and so is one stuffed with
    the page's title. A *cut* sentence (an ellipsis inside, unbalanced brackets or
    quotes, a lower-case start) is kept only as a citable quote. Questions, exclamations
    and bare titles are not statements.
    """
    s = sentence.strip()
    words = re.findall(r"[A-Za-zÀ-ÿ']+", s)
    if _GARBLED.search(s) or has_stray_markup(s) or s.endswith("..") or len(words) < 3:
        return GARBLED
    if words[-1].lower() in _FUNCTION_WORDS:
        return GARBLED
    if is_keyword_stuffed(s, title):
        return KEYWORD_STUFFING
    if "…" in s or s.startswith("..."):
        return FRAGMENT
    if s.count("(") != s.count(")") or s.count("“") != s.count("”") or s.count("«") != s.count("»"):
        return FRAGMENT
    if not s[:1].isupper() and not s[:1].isdigit() and s[:1] not in '"“«(-':
        return FRAGMENT
    if s.endswith(("?", "!", "?.")):
        return NOT_A_STATEMENT
    if _is_title_case(s):
        return HEADING
    if s[-1:] not in '.:)"”»;':
        return FRAGMENT
    return None


def is_heading(line: str) -> bool:
    """A short line without closing punctuation that introduces what follows.

    A "label: value" line ("Location: Online") is a field, not a heading.
    """
    s = line.strip()
    if not s or len(s) > 60 or s[0] in "•-*":
        return False
    if re.search(r"\S\s*:\s+\S", s):
        return False
    return s[-1] not in ".!?," and len(s.split()) <= 8
