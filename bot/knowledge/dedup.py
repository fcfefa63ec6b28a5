"""Merge near-duplicate passages across (and within) documents, keeping every attribution.

Scraped pages copy sentences of other documents, sometimes cut or glued to a neighbour.
A passage whose text is (mostly) contained in a better-ranked passage becomes a copy of
it: the better-attributed source stays first, and the copy keeps its own id and quote.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from rapidfuzz import fuzz

from bot.core.text import normalise

SIMILAR = 90.0
# Only passages sharing a pair of consecutive words are compared (two near-copies share
# several); a pair found in more passages than this says nothing and is not used, so the
# cost stays near-linear in the size of the corpus.
COMMON_PAIR = 40


def _covers(better: str, other: str) -> bool:
    """True when ``other`` says the same as ``better`` (equal, or one contains the other)."""
    if not better or not other:
        return False
    shorter, longer = sorted((better, other), key=len)
    if len(shorter) < 25:
        return False
    if fuzz.ratio(better, other) >= SIMILAR:
        return True
    return len(shorter) / len(longer) >= 0.15 and fuzz.partial_ratio(shorter, longer) >= SIMILAR


def _pairs(text: str) -> set[tuple[str, str]]:
    tokens = text.split()
    return set(itertools.pairwise(tokens))


def merge_duplicates(ranked: list[dict]) -> tuple[list[dict], list[tuple[str, str]]]:
    """``ranked`` passages best first; returns kept passages and (copy id, kept id) pairs."""
    kept: list[dict] = []
    texts: list[str] = []
    merged: list[tuple[str, str]] = []
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for passage in ranked:
        text = normalise(passage["text"])
        own = _pairs(text)
        found: set[int] = set()
        for pair in own:
            holders = pairs.get(pair)
            if holders and len(holders) <= COMMON_PAIR:
                found.update(holders)
        candidates = sorted(found)
        target = next((i for i in candidates if _covers(texts[i], text)), None)
        if target is None:
            kept.append({**passage, "copies": []})
            texts.append(text)
            for p in own:
                pairs[p].append(len(texts) - 1)
            continue
        primary = kept[target]
        primary["copies"].append(
            {k: passage[k] for k in ("id", "doc", "text", "line", "author", "status")}
        )
        merged.append((passage["id"], primary["id"]))
    return kept, merged
