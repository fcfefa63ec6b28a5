"""Merge near-duplicate passages across (and within) documents, keeping every attribution.

Scraped pages copy sentences of other documents, sometimes cut or glued to a neighbour.
A passage whose text is (mostly) contained in a better-ranked passage becomes a copy of
it: the better-attributed source stays first, and the copy keeps its own id and quote.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from bot.core.text import normalise

SIMILAR = 90.0


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


def merge_duplicates(ranked: list[dict]) -> tuple[list[dict], list[tuple[str, str]]]:
    """``ranked`` passages best first; returns kept passages and (copy id, kept id) pairs."""
    kept: list[dict] = []
    texts: list[str] = []
    merged: list[tuple[str, str]] = []
    for passage in ranked:
        text = normalise(passage["text"])
        target = next((i for i, t in enumerate(texts) if _covers(t, text)), None)
        if target is None:
            kept.append({**passage, "copies": []})
            texts.append(text)
            continue
        primary = kept[target]
        primary["copies"].append(
            {k: passage[k] for k in ("id", "doc", "text", "line", "author", "status")}
        )
        merged.append((passage["id"], primary["id"]))
    return kept, merged
