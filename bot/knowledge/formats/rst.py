"""reStructuredText: over- and underlined section titles, bullet and enumerated lists,
grid and simple tables, field lists (metadata, skipped), directives (admonitions kept, the
rest skipped)."""

from __future__ import annotations

import csv
import re
from itertools import pairwise

from bot.knowledge.formats.blocks import (
    HEADING,
    ITEM,
    PARAGRAPH,
    TABLE,
    Block,
    Parsed,
    TableRow,
    collapse,
)

_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:_.])\1{2,}\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+•]|#\.|\d{1,3}[.)])\s+(?=\S)")
_FIELD = re.compile(r"^:[^:\s][^:]*:(\s|$)")
_DIRECTIVE = re.compile(r"^\.\.\s+([\w-]+)::\s*(.*)$")
_COMMENT = re.compile(r"^\.\.(\s|$)")
# A grid table's border ("+-----+----+", "+=====+====+" under the header) and a simple
# table's ("=====  ======").
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=]+\+)+\s*$")
_GRID_LINE = re.compile(r"^\s*[+|]")
_SIMPLE_BORDER = re.compile(r"^\s*=+(?:\s+=+)+\s*$")
_ADMONITIONS = frozenset(
    "note tip hint important attention caution warning danger error admonition seealso".split()
)

_INLINE = (
    (re.compile(r"`([^`<]+?)\s*<[^>]+>`__?"), r"\1"),
    (re.compile(r":[\w:+-]+:`([^`]+)`"), r"\1"),
    (re.compile(r"``([^`]+)``"), r"\1"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"\1"),
    (re.compile(r"(?<![\w*])\*([^*]+)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`_{0,2}"), r"\1"),
    (re.compile(r"\b(\w+)_(?=\W|$)"), r"\1"),
)


def inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _grid_table(lines: list[str], start: int) -> tuple[list[TableRow], int]:
    """The rows of a grid table whose top border is ``lines[start]``, and the index after
    it. A cell's lines are joined; the row above the ``=`` border is the header."""
    border = lines[start]
    cuts = [i for i, ch in enumerate(border) if ch == "+"]
    rows: list[TableRow] = []
    pending: list[list[str]] = []
    first = start + 1
    end = start + 1
    header_seen = False
    while end < len(lines) and _GRID_LINE.match(lines[end]):
        line = lines[end]
        if _GRID_BORDER.match(line):
            if pending:
                cells = tuple(collapse(inline(" ".join(parts))) for parts in pending)
                is_header = "=" in line and not header_seen
                header_seen = header_seen or is_header
                rows.append(TableRow(cells, first + 1, header=is_header))
            pending, first = [], end + 1
        else:
            bounds = [c for c in cuts if c < len(line) and line[c] in "|+"] or cuts[:1]
            pieces = [line[a + 1 : b] for a, b in pairwise(bounds)]
            if not pending:
                pending = [[] for _ in pieces]
            for k, piece in enumerate(pieces[: len(pending)]):
                if piece.strip():
                    pending[k].append(piece.strip())
        end += 1
    if rows and not header_seen:
        rows[0] = TableRow(rows[0].cells, rows[0].line, header=True)
    return rows, end


def _simple_table(lines: list[str], start: int) -> tuple[list[TableRow], int]:
    """The rows of a simple table ("=====  =====" borders), and the index after it. A line
    whose first column is blank continues the row above; with three borders the rows
    between the first two are the header."""
    border = lines[start]
    spans = [(m.start(), m.end()) for m in re.finditer(r"=+", border)]
    rows: list[tuple[list[str], int]] = []
    borders = 1
    header_rows = 0
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if _SIMPLE_BORDER.match(line):
            borders += 1
            if borders == 2:
                header_rows = len(rows)
            end += 1
            if borders == 3 or end >= len(lines) or not lines[end].strip():
                break
            continue
        if not line.strip():
            end += 1
            continue
        cells = []
        for k, (a, _) in enumerate(spans):
            b = spans[k + 1][0] if k + 1 < len(spans) else len(line)
            cells.append(line[a:b].strip())
        if rows and not cells[0]:
            rows[-1] = (
                [f"{o} {n}".strip() for o, n in zip(rows[-1][0], cells, strict=True)],
                rows[-1][1],
            )
        else:
            rows.append((cells, end + 1))
        end += 1
    if borders < 3:
        header_rows = 1
    out = [
        TableRow(tuple(collapse(inline(c)) for c in cells), line, header=i < max(header_rows, 1))
        for i, (cells, line) in enumerate(rows)
    ]
    return out, end


def _directive_body(lines: list[str], start: int, indent: int) -> tuple[list[str], int, int]:
    """The indented lines of a directive after ``start`` (options first), the number of
    header rows its ``:header-rows:`` option gives, and the index after it."""
    body: list[str] = []
    header_rows = 0
    end = start
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > indent):
        option = re.match(r"^\s*:header-rows:\s*(\d+)", lines[end])
        if option:
            header_rows = int(option.group(1))
        elif not _FIELD.match(lines[end].strip()):
            body.append(lines[end])
        end += 1
    return body, header_rows, end


def _list_table(lines: list[str], start: int, indent: int) -> tuple[list[TableRow], int]:
    """A ``list-table`` directive: "* - cell" opens a row, "  - cell" a cell, deeper lines
    go on with the cell."""
    body, header_rows, end = _directive_body(lines, start, indent)
    rows: list[list[str]] = []
    firsts: list[int] = []
    for offset, line in enumerate(body):
        row = re.match(r"^\s*\*\s+-\s+(.*)$", line)
        cell = re.match(r"^\s*-\s+(.*)$", line)
        if row:
            rows.append([row.group(1)])
            firsts.append(start + offset + 1)
        elif cell and rows:
            rows[-1].append(cell.group(1))
        elif line.strip() and rows:
            rows[-1][-1] += " " + line.strip()
    out = [
        TableRow(tuple(collapse(inline(c)) for c in cells), firsts[k], header=k < header_rows)
        for k, cells in enumerate(rows)
    ]
    return _with_header(out), end


def _csv_table(lines: list[str], start: int, indent: int) -> tuple[list[TableRow], int]:
    """A ``csv-table`` directive with its content inline (":header:" lines are read too)."""
    body, header_rows, end = _directive_body(lines, start, indent)
    header = next(
        (re.sub(r"^\s*:header:\s*", "", line) for line in lines[start:end] if ":header:" in line),
        None,
    )
    texts = ([header] if header else []) + [line.strip() for line in body if line.strip()]
    out = [
        TableRow(
            tuple(collapse(inline(c)) for c in cells),
            start + 1 + k,
            header=k < max(header_rows, 1 if header else 0),
        )
        for k, cells in enumerate(csv.reader(texts, skipinitialspace=True))
    ]
    return _with_header(out), end


def _with_header(rows: list[TableRow]) -> list[TableRow]:
    if rows and not any(r.header for r in rows):
        rows[0] = TableRow(rows[0].cells, rows[0].line, header=True)
    return rows


_TABLE_DIRECTIVES = {"list-table": _list_table, "csv-table": _csv_table}


def parse(text: str) -> Parsed:
    lines = text.splitlines()
    blocks: list[Block] = []
    rendered: list[str] = []
    styles: list[tuple[str, bool]] = []
    para: list[str] = []
    para_line = 0
    para_kind = PARAGRAPH
    para_depth = 0
    item_indent = 0
    skip_indent: int | None = None
    i = 0

    def flush() -> None:
        nonlocal para
        if para:
            blocks.append(Block(para_kind, collapse(" ".join(para)), para_line, depth=para_depth))
            para = []

    def level(char: str, over: bool) -> int:
        if (char, over) not in styles:
            styles.append((char, over))
        return styles.index((char, over)) + 1

    while i < len(lines):
        line = lines[i]
        number = i + 1
        stripped = line.strip()
        if skip_indent is not None:
            if not stripped or _indent(line) > skip_indent:
                i += 1
                continue
            skip_indent = None
        if not stripped:
            flush()
            i += 1
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        table_of = _grid_table if _GRID_BORDER.match(line) else None
        if _SIMPLE_BORDER.match(line) and not para:
            table_of = _simple_table
        if table_of is not None:
            flush()
            rows, i = table_of(lines, i)
            if rows:
                header = next(r for r in rows if r.header)
                rows = [header, *(r for r in rows if r is not header and not r.header)]
                rendered.extend(" | ".join(c for c in r.cells if c) for r in rows)
                blocks.append(Block(TABLE, "", number, rows=tuple(rows)))
            continue
        # An overlined title: adornment, title, adornment.
        if _ADORNMENT.match(line) and i + 2 < len(lines) and _ADORNMENT.match(lines[i + 2]):
            flush()
            title = inline(lines[i + 1].strip())
            rendered.append(title)
            blocks.append(Block(HEADING, collapse(title), i + 2, level(line.strip()[0], True)))
            i += 3
            continue
        if (
            _ADORNMENT.match(nxt)
            and not _ITEM.match(line)
            and len(nxt.strip()) >= min(len(stripped), 3)
        ):
            flush()
            title = inline(stripped)
            rendered.append(title)
            blocks.append(Block(HEADING, collapse(title), number, level(nxt.strip()[0], False)))
            i += 2
            continue
        directive = _DIRECTIVE.match(stripped)
        if directive or _COMMENT.match(stripped):
            flush()
            name = directive.group(1).lower() if directive else ""
            if name in _ADMONITIONS:
                rest = inline(directive.group(2).strip())
                if rest:
                    rendered.append(rest)
                    para, para_line, para_kind, para_depth = [rest], number, PARAGRAPH, 0
            elif name in _TABLE_DIRECTIVES:
                rows, i = _TABLE_DIRECTIVES[name](lines, i + 1, _indent(line))
                if rows:
                    rendered.extend(" | ".join(c for c in r.cells if c) for r in rows)
                    blocks.append(Block(TABLE, "", number, rows=tuple(rows)))
                continue
            else:
                skip_indent = _indent(line)
            i += 1
            continue
        if _FIELD.match(stripped) and not para:
            skip_indent = _indent(line)
            i += 1
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            content = inline(line[item.end() :])
            rendered.append(content)
            para, para_line, para_kind = [content], number, ITEM
            item_indent = item.end()
            para_depth = len(item.group(1))
            i += 1
            continue
        content = inline(stripped)
        rendered.append(content)
        if para and para_kind == ITEM and _indent(line) < item_indent:
            flush()
        if not para:
            para_line, para_kind, para_depth = number, PARAGRAPH, _indent(line)
        para.append(content)
        i += 1
    flush()
    return Parsed("rst", tuple(blocks), "\n".join(rendered))
