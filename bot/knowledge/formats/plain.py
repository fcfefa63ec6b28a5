"""Plain text: numbered headings ("4.2 Project Steering Committee"), capitalised headings,
short title lines, FAQ "Q:" lines, bullets; numbered clauses ("1.1 This framework ...") are
paragraphs."""

from __future__ import annotations

import re

from bot.knowledge import filters
from bot.knowledge.formats.blocks import (
    HEADING,
    ITEM,
    PARAGRAPH,
    PSEUDO_HEADING,
    Block,
    Parsed,
    collapse,
)

_NUMBERED = re.compile(r"^\s*((?:\d{1,2}\.)*\d{1,2})\.?\s+(?=\S)")
# Bullets, "(1)", "1)", "1." and lettered items "(a)", "a)", "a.", "(iv)" (method manuals).
_ITEM = re.compile(
    r"^(\s*)(?:[-–—*+•▪◦·]|\(?\d{1,2}\)|\d{1,2}\.|\(?[a-z]\)|[a-z]\.|\((?:[ivx]{1,4})\))"
    r"\s+(?=\S)"
)
# The level of a document's own title (its first line, a title line): above every heading.
_TITLE_LEVEL = 0
_QUESTION = re.compile(r"^\s*(?:Q|Question)\s*[:.]\s*(?=\S)", re.IGNORECASE)
_ANSWER = re.compile(r"^\s*(?:A|Answer|R|Réponse)\s*[:.]\s*(?=\S)", re.IGNORECASE)
_MAX_HEADING_WORDS = 10
# A field naming the role the fields below it are about (a role card, a role profile).
_ROLE_FIELD = re.compile(
    r"^\s*(?:(?:Role|Job|Post|Position)(?: title| name)?|Intitulé du poste|Poste)\s?:\s+\S",
    re.IGNORECASE,
)
# A line that opens with a short label and a colon ("Finalité du poste : ...", "Reports to:
# the PMO manager"): a field, not the rest of the line above.
_LABEL_LINE = re.compile(r"^\s*[A-ZÀ-Ý][\w'’()/+ -]{0,40}?\s?:(?:\s+\S|\s*$)")


def _is_title(text: str) -> bool:
    """A short line without closing punctuation, or one in capitals."""
    if not text or len(text.split()) > _MAX_HEADING_WORDS:
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    return text[-1] not in ".,;:!" and text[0].isupper() and not text.endswith(" -")


def _heads_its_block(line: str, group: list[str], numbered_title: str) -> bool:
    """A short title line right above its text, without a blank line between (text taken
    out of a PDF): "4.2 Project Board" or "Project Board" over "The Project Board is ..."."""
    if len(group) < 2:
        return False
    title = numbered_title or line
    below = group[1].strip()
    return (
        _is_title(title)
        and not any(mark in title for mark in ":·|•")
        and not _ITEM.match(group[0])
        and not _QUESTION.match(group[0])
        and bool(below)
        and below[0].isupper()
        and len(line) < 0.6 * len(below)
        and not _is_title(below)
    )


_LETTER = re.compile(r"^\s*\(?([a-z])[.)]")


def _names_only(value: str) -> bool:
    """A field's value that is a name ("Project coordinator (part time)"), not a sentence
    ("To direct the project.")."""
    value = value.strip()
    return len(value.split()) <= _MAX_NAME_WORDS and not value.endswith((".", ";", "!", "?"))


# The most words a role's name takes in a "Role:" field.
_MAX_NAME_WORDS = 6


def _opens_a_list(item: re.Match[str], kind: str, blocks: list[Block]) -> bool:
    """A lettered item starts at "a" or "i", or follows another item ("(c)" after "(b)")."""
    letter = _LETTER.match(item.group(0))
    if letter is None or letter.group(1) in "ai":
        return True
    return kind == ITEM or bool(blocks and blocks[-1].kind == ITEM)


def _wraps(item: list[str], line: str) -> bool:
    """A flush-left line that goes on with the item above it (text wrapped at a fixed width,
    as out of a PDF): the item's last line ends mid-sentence and the line opens in lower
    case."""
    last = item[-1].rstrip()
    return bool(last) and last[-1] not in ".;:!?" and line[:1].islower()


def _heads_its_list(line: str, group: list[str], numbered: re.Match[str] | None) -> bool:
    """A short title line right above a list, without a blank line between: "Duties of
    the Investment Owner" over "a. Make the case ...", "b. ...". Below every heading."""
    return (
        len(group) >= 2
        and numbered is None
        and _is_title(line)
        and not _ITEM.match(group[0])
        and not _QUESTION.match(group[0])
        and bool(_ITEM.match(group[1]))
    )


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            out.append((first, current))
            current = []
    if current:
        out.append((first, current))
    return out


def parse(text: str) -> Parsed:
    lines = text.splitlines()
    blocks: list[Block] = []
    rendered: list[str] = []
    groups = _blocks(lines)
    for index, (first, group) in enumerate(groups):
        followed = index + 1 < len(groups)
        para: list[str] = []
        para_line = first
        para_kind = PARAGRAPH

        def flush(para: list[str], kind: str, line: int) -> None:
            if para:
                depth = len(lines[line - 1]) - len(lines[line - 1].lstrip())
                blocks.append(Block(kind, collapse(" ".join(para)), line, depth=depth))

        for offset, raw in enumerate(group):
            number = first + offset
            line = raw.strip()
            rendered.append(line)
            numbered = _NUMBERED.match(raw)
            title = line[numbered.end() - (len(raw) - len(raw.lstrip())) :] if numbered else ""
            if numbered and len(group) == 1 and _is_title(title) and followed:
                level = numbered.group(1).count(".") + 1
                blocks.append(Block(HEADING, collapse(title), number, level))
                continue
            if offset == 0 and _heads_its_list(line, group, numbered):
                blocks.append(Block(HEADING, collapse(line), number, PSEUDO_HEADING))
                continue
            if offset == 0 and _heads_its_block(line, group, title if numbered else ""):
                level = numbered.group(1).count(".") + 1 if numbered else 3
                blocks.append(Block(HEADING, collapse(title or line), number, level))
                continue
            if (
                len(group) == 1
                and followed
                and _is_title(line)
                and filters.junk_reason(line) is None
                and not _ITEM.match(raw)
            ):
                level = 3 if blocks or index else _TITLE_LEVEL  # the document's title
                blocks.append(Block(HEADING, collapse(line), number, level))
                continue
            question = _QUESTION.match(raw)
            if question:
                flush(para, para_kind, para_line)
                para = []
                blocks.append(Block(HEADING, collapse(raw[question.end() :]), number, 4))
                continue
            answer = _ANSWER.match(raw)
            item = _ITEM.match(raw)
            if item and not _opens_a_list(item, para_kind if para else "", blocks):
                item = None  # "(c) Arden County Council." is a copyright line, no item
            role_field = _ROLE_FIELD.match(raw)
            if role_field and _names_only(raw[role_field.end() - 1 :]):
                # "Role: Project coordinator" opens the fields of one role (a role card)
                flush(para, para_kind, para_line)
                para, para_line, para_kind = [], number, PARAGRAPH
                blocks.append(Block(HEADING, collapse(line), number, PSEUDO_HEADING))
                continue
            if para and _LABEL_LINE.match(raw):
                # "Rattaché(e) à : ..." under "Famille : ...": a field of its own
                flush(para, para_kind, para_line)
                para, para_line, para_kind = [], number, PARAGRAPH
            if answer or item or (numbered and offset == 0):
                flush(para, para_kind, para_line)
                start = (answer or item or numbered).end()
                para, para_line = [raw[start:]], number
                para_kind = ITEM if item else PARAGRAPH
                continue
            if para and para_kind == ITEM and not raw[:1].isspace() and not _wraps(para, line):
                flush(para, para_kind, para_line)
                para, para_line, para_kind = [], number, PARAGRAPH
            if not para:
                para_line = number
            para.append(raw)
        flush(para, para_kind, para_line)
    return Parsed("text", tuple(blocks), "\n".join(rendered))
