"""Claims as answer lines: each attributed, its exact words kept as the source's quote."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.knowledge import Claim, Knowledge

_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
MAX_LINE = 260  # a longer claim is shown up to a word boundary; its quote stays whole


@dataclass(frozen=True)
class Quoted:
    lines: tuple[str, ...]
    cites: tuple[str, ...]
    quotes: dict[str, str]


def who(k: Knowledge, claim: Claim) -> str:
    """A short attribution: the author of the passage, or the document's publisher."""
    found = k.quote(claim.passage)
    if found is not None and found[0].author:
        return found[0].author
    doc = k.documents.get(claim.doc)
    if doc is None:
        return claim.doc
    name = _TRAILING_NOTE.sub("", doc.publisher).strip() or doc.title
    return name.split(",")[0].strip()


def quote_claims(
    k: Knowledge, claims: list[Claim], *, attribute: bool | None = None, letters: bool = True
) -> Quoted:
    """One line per claim; each names who says it when the claims come from more than one
    source. A passage quoted for two claims shows its whole text, which holds both."""
    if attribute is None:
        attribute = len({who(k, c) for c in claims}) > 1
    lines, cites, parts = [], [], []
    for claim in claims:
        text = shorten(claim.text.strip())
        note = [who(k, claim)] if attribute else []
        if claim.raci and letters:
            note.append(f"RACI {claim.raci}")
        lines.append(f"{text} ({', '.join(note)})" if note else text)
        cites.append(claim.passage)
        parts.append({claim.passage: claim.text.strip()})
    return Quoted(tuple(lines), tuple(dict.fromkeys(cites)), merge_quotes(*parts))


def shorten(text: str, most: int = MAX_LINE) -> str:
    """The text, or its beginning up to a word boundary and an ellipsis."""
    if len(text) <= most:
        return text
    cut = text[:most].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut} …"


def merge_quotes(*parts: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    clash: set[str] = set()
    for part in parts:
        for cite, text in part.items():
            if cite in out and out[cite] != text:
                clash.add(cite)
            out[cite] = text
    return {c: t for c, t in out.items() if c not in clash}
