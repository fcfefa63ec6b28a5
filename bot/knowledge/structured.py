"""Segments of a structured document (Markdown, reStructuredText, HTML, plain text with
headings): one per paragraph, list item and table row, each knowing the headings above it."""

from __future__ import annotations

from bot.knowledge import filters
from bot.knowledge.claims import heading_facet
from bot.knowledge.formats import Parsed
from bot.knowledge.formats.blocks import HEADING, ITEM, PARAGRAPH, PSEUDO_HEADING, TABLE
from bot.knowledge.mentions import Folded
from bot.knowledge.segment import Dropped, Segment, Segmented


def _key_value(rows: list) -> bool:
    """A two-column table of labels and their text, its first row a label too ("Scope",
    "Reports to", "Nice to have"): every row is data."""
    first = rows[0].cells
    return (
        all(len(r.cells) == 2 for r in rows)
        and heading_facet(Folded.of(first[0]).folded) is not None
        and len(first[1].split()) >= _MIN_VALUE_WORDS  # a value, not a column's name
    )


# A key-value table's first value is text ("Owns one service ..."), a header cell a name.
_MIN_VALUE_WORDS = 3


def _level(level: int, text: str) -> int:
    """A bold label that introduces what follows ("<p><strong>Responsibilities:</strong></p>")
    sits under the bold line before it ("<div><strong>Project sponsor</strong></div>"), so the
    role that line names still scopes the label's list."""
    if level >= PSEUDO_HEADING and text.endswith(":"):
        return PSEUDO_HEADING + 1
    return level


def segment_blocks(parsed: Parsed, title: str) -> Segmented:
    out = Segmented()
    stack: list[tuple[int, str]] = []
    section = 0
    counters: dict[str, int] = {}
    sections: dict[str, list[Segment]] = {}

    def add(key: str, seg: Segment) -> None:
        sections.setdefault(key, []).append(seg)
        out.segments.append(seg)

    lead = ""
    parents: list[tuple[int, str]] = []  # the list items a block may be indented under
    for block in parsed.blocks:
        while parents and parents[-1][0] >= block.depth and block.kind in (ITEM, PARAGRAPH):
            parents.pop()
        nested = parents[-1][1] if parents and block.kind in (ITEM, PARAGRAPH) else ""
        if block.kind == ITEM:
            parents.append((block.depth, block.text))
        elif not nested:
            parents = []
        if block.kind != ITEM and not nested:
            lead = block.text if block.kind == PARAGRAPH and block.text.endswith(":") else ""
        if block.kind == HEADING:
            level = _level(block.level, block.text)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, block.text))
            section += 1
            out.dropped.append(Dropped(block.line, filters.HEADING))
            continue
        key = f"h{section}"
        headings = tuple(text for _, text in stack)
        heading = headings[-1] if headings else None
        if block.kind == TABLE:
            rows = list(block.rows)
            header_row: object = next((r for r in rows if r.header), rows[0])
            header = header_row.cells
            if _key_value(rows):  # "| Scope | ... |", "| Reports to | ... |": no header row
                header_row, header = None, ("",) * 2
            for row in rows:
                if row is header_row:
                    continue
                counters[key] = counters.get(key, 0) + 1
                text = " | ".join(c for c in row.cells if c)
                seg = Segment(
                    f"{key}.{counters[key]}",
                    text,
                    row.line,
                    "table_row",
                    heading=heading,
                    headings=headings,
                    header=header,
                    cells=row.cells,
                )
                add(key, seg)
            continue
        reason = filters.junk_reason(block.text)
        if reason is not None:
            out.dropped.append(Dropped(block.line, reason))
            continue
        counters[key] = counters.get(key, 0) + 1
        part = "list" if block.kind == ITEM else "paragraph"
        seg = Segment(
            f"{key}.{counters[key]}",
            block.text,
            block.line,
            part,
            heading=heading,
            headings=headings,
            # a nested item or paragraph is introduced by the item it is indented under
            lead=nested or (lead if block.kind == ITEM else ""),
        )
        add(key, seg)
    for segments in sections.values():
        flags = filters.promotional_flags(
            [seg.text for seg in segments], title, filters.is_page_advertising
        )
        for seg, promotional in zip(segments, flags, strict=True):
            if promotional:
                seg.status = filters.PROMOTIONAL
    return out
