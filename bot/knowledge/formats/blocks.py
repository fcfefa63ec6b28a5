"""The structure every document format is read into: headings, paragraphs, list items and
tables, each with the line it starts on and its text as a reader sees it (markup removed)."""

from __future__ import annotations

from dataclasses import dataclass

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
TABLE = "table"
# The level of a heading written as a bold line or paragraph: below every real heading.
PSEUDO_HEADING = 7


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    line: int
    header: bool = False


@dataclass(frozen=True)
class Block:
    kind: str  # HEADING | PARAGRAPH | ITEM | TABLE
    text: str  # whitespace-collapsed, markup removed; "" for a table
    line: int
    level: int = 0  # a heading's level (1 is the top)
    rows: tuple[TableRow, ...] = ()
    # how far a list item or a paragraph is indented: an item or paragraph indented under an
    # item belongs to it ("- **Release manager**" over its own list of duties)
    depth: int = 0


@dataclass(frozen=True)
class Parsed:
    """A document's blocks, and its whole text as rendered (what quotes are checked against:
    every block's text occurs in it, up to whitespace)."""

    format: str
    blocks: tuple[Block, ...]
    text: str


def collapse(text: str) -> str:
    return " ".join(text.split())
