"""Markdown: ATX and setext headings, lists, pipe tables, block quotes, inline markup removed."""

from __future__ import annotations

import re

from bot.knowledge.formats.blocks import (
    HEADING,
    ITEM,
    PARAGRAPH,
    PSEUDO_HEADING,
    TABLE,
    Block,
    Parsed,
    TableRow,
    collapse,
)

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
# A line in bold on its own ("**Responsibilities**") heads what follows, below any heading.
_BOLD_LINE = re.compile(r"^\s{0,3}(\*\*|__)([^*_]{1,80}?)\1\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+(?=\S)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MACRO = re.compile(r"^\s*(\[\[_?TOC_?\]\]|\[TOC\]|\{\{.*\}\})\s*$", re.IGNORECASE)

_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[\[([^\]|]+\|)?([^\]]+)\]\]"), r"\2"),
    (re.compile(r"<br\s*/?>", re.IGNORECASE), " "),  # "Keeps the calendar.<br>Chases ..."
    (re.compile(r"<[a-zA-Z/][^>]{0,200}>"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),
)


def inline(text: str) -> str:
    """A line of Markdown as a reader sees it."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def _cells(line: str) -> tuple[str, ...]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return tuple(collapse(inline(c)) for c in re.split(r"(?<!\\)\|", body))


def _front_matter(lines: list[str]) -> int:
    """How many lines a YAML front matter block ("---" ... "---") takes at the top."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index, line in enumerate(lines[1:60], start=1):
        if line.strip() in ("---", "..."):
            return index + 1
    return 0


def parse(text: str) -> Parsed:
    lines = text.splitlines()
    skip = _front_matter(lines)
    lines = [""] * skip + lines[skip:]  # keeps line numbers
    blocks: list[Block] = []
    rendered: list[str] = []
    para: list[str] = []
    para_line = 0
    para_kind = PARAGRAPH
    para_depth = 0
    table: list[TableRow] = []
    table_line = 0
    fenced = False

    def flush() -> None:
        nonlocal para, table
        if para:
            blocks.append(Block(para_kind, collapse(" ".join(para)), para_line, depth=para_depth))
            para = []
        if table:
            blocks.append(Block(TABLE, "", table_line, rows=tuple(table)))
            table = []

    for number, raw in enumerate(lines, start=1):
        if _FENCE.match(raw):
            flush()
            fenced = not fenced
            continue
        if fenced:
            continue
        line = raw
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if not line.strip() or _MACRO.match(line) or _RULE.match(line):
            if _SETEXT.match(line) and para and para_kind == PARAGRAPH and len(para) == 1:
                level = 1 if line.strip().startswith("=") else 2
                blocks.append(Block(HEADING, collapse(para[0]), para_line, level))
                para = []
                continue
            flush()
            continue
        if _SETEXT.match(line) and para and para_kind == PARAGRAPH and len(para) == 1:
            level = 1 if line.strip().startswith("=") else 2
            blocks.append(Block(HEADING, collapse(para[0]), para_line, level))
            para = []
            continue
        bold = _BOLD_LINE.match(line)
        if bold and not para and not table:
            title = inline(bold.group(2))
            rendered.append(title)
            blocks.append(Block(HEADING, collapse(title), number, PSEUDO_HEADING))
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            title = inline(heading.group(2))
            rendered.append(title)
            blocks.append(Block(HEADING, collapse(title), number, len(heading.group(1))))
            continue
        if line.lstrip().startswith("|") or (table and "|" in line):
            if para:
                flush()
            if _TABLE_SEPARATOR.match(line):
                continue
            cells = _cells(line)
            rendered.append(" | ".join(cells))
            if not table:
                table_line = number
            table.append(TableRow(cells, number, header=not table))
            continue
        if table:
            flush()
        item = _ITEM.match(line)
        content = inline(line[item.end() :] if item else line.strip())
        rendered.append(content)
        if item:
            flush()
            para, para_line, para_kind = [content], number, ITEM
            para_depth = len(item.group(1).expandtabs(4))
            continue
        if para and para_kind == ITEM and not raw[:1].isspace() and not line[:1].isspace():
            # A flush-left line after an item continues it only without a blank line.
            para.append(content)
            continue
        if not para:
            para_line, para_kind = number, PARAGRAPH
            para_depth = len(line) - len(line.lstrip())
        para.append(content)
    flush()
    return Parsed("markdown", tuple(blocks), "\n".join(rendered))
