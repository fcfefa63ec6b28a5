"""Which segmenter reads a document: a thread by its bylines, a compiled page by sentences,
anything else by the structure of its format (detected from the file, whatever the kind)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.catalogue import Document
from bot.knowledge.formats import detect_format, parse
from bot.knowledge.segment import Segmented, segment_page, segment_qa_thread
from bot.knowledge.structured import segment_blocks

# Kinds whose layout is the sort of page itself, not the file format.
_BY_KIND = {"qa_thread": segment_qa_thread, "compiled_page": segment_page}


# Kinds of page about one role: the title names it ("Fiche de poste : Analyste PMO",
# "Portfolio manager"), and it is the role of every section no heading names.
_ONE_ROLE_KINDS = frozenset({"job_description"})


def names_its_role(kind: str) -> bool:
    return kind in _ONE_ROLE_KINDS


@dataclass(frozen=True)
class Layout:
    format: str
    rendered: str  # the document's text as a reader sees it (quotes are checked against it)


def read_layout(doc: Document, text: str) -> tuple[Segmented, Layout]:
    fmt = detect_format(doc.file, text)
    parsed = parse(fmt, text) if fmt != "text" or doc.kind not in _BY_KIND else None
    rendered = parsed.text if parsed is not None and fmt != "text" else text
    by_kind = _BY_KIND.get(doc.kind)
    if by_kind is not None:
        return by_kind(rendered, doc.title), Layout(fmt, rendered)
    assert parsed is not None
    return segment_blocks(parsed, doc.title), Layout(fmt, rendered)


def rendered_text(doc: Document, text: str) -> str:
    """What a reader of the document sees: markup and tags removed."""
    fmt = detect_format(doc.file, text)
    if fmt == "text":
        return text
    return parse(fmt, text).text
