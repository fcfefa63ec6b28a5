"""HTML: headings h1-h6, paragraphs, list items and tables, with page chrome dropped (head,
scripts, navigation, site header and footer, cookie banners, sidebars, comments, forms)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

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

# Elements that never hold the page's content.
_SKIP_TAGS = frozenset(
    "head script style noscript template nav aside form button select svg iframe".split()
)
# Site header and footer: skipped unless inside the article itself.
_FRAME_TAGS = frozenset({"header", "footer"})
# Class, id or ARIA role words that mark chrome.
_CHROME = re.compile(
    r"\b(cookie|consent|cookie-banner|newsletter|subscribe|sidebar|side-bar|breadcrumbs?|menu"
    r"|navbar|nav|navigation|share|social|comments?|related|similar|advert|ads?|promo|popup"
    r"|modal|dialog|toolbar|search|skip-link|site-header|site-footer|footer|topbar)\b",
    re.IGNORECASE,
)
# ARIA landmarks that are page chrome.
_CHROME_ROLES = frozenset("banner navigation contentinfo search complementary dialog".split())
# Elements that hold the whole page or its content: never skipped for a class word
# ("<body class='has-sidebar'>").
_CONTAINERS = frozenset("html body main article".split())
_BLOCK_TAGS = frozenset(
    "p div li dt dd blockquote pre section article main ul ol dl figure figcaption "
    "address body html".split()
)
_VOID = frozenset("br img input meta link hr area base col embed source track wbr".split())
# A definition list's term heads its description, like a heading.
_HEADINGS = {**{f"h{n}": n for n in range(1, 7)}, "dt": 7}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.rendered: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self._buffer: list[str] = []
        self._buffer_line = 0
        self._heading = 0
        self._items = 0
        self._content = 0  # inside article/main
        self._rows: list[TableRow] | None = None
        self._cells: list[str] | None = None
        self._cell: list[str] | None = None
        self._row_line = 0
        self._row_header = False
        self._bold = 0
        self._bold_chars = 0

    @property
    def _skipping(self) -> bool:
        return any(skipping for _, skipping in self._stack)

    def _flush(self) -> None:
        text = collapse("".join(self._buffer))
        self._buffer = []
        bold, self._bold_chars = self._bold_chars, 0
        if not text:
            return
        level = self._heading
        if not level and not self._items and _all_bold(text, bold):
            level = PSEUDO_HEADING  # <p><strong>Responsibilities</strong></p>
        if level:
            kind = HEADING
        elif self._items:
            kind = ITEM
        else:
            kind = PARAGRAPH
        # a list nested in an item is indented under it ("<li><b>Role</b><ul><li>duty")
        depth = self._items if kind == ITEM else 0
        self.blocks.append(Block(kind, text, self._buffer_line, level, depth=depth))
        self.rendered.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and not self._skipping:
                self._text(" ")
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        role = next((v or "" for k, v in attrs if k == "role"), "").lower()
        skipping = (
            tag in _SKIP_TAGS
            or (tag in _FRAME_TAGS and not self._content)
            or (
                tag not in _CONTAINERS
                and (role in _CHROME_ROLES or bool(marks and _CHROME.search(marks)))
            )
        )
        if tag in ("article", "main"):
            self._content += 1
        if self._skipping or skipping:
            self._stack.append((tag, skipping))
            return
        if (tag in _BLOCK_TAGS or tag in _HEADINGS) and self._cell is None:
            self._flush()
        elif tag in _BLOCK_TAGS and self._cell:
            self._text(" ")  # "<td><li>Keeps the calendar.</li><li>Chases reviews.</li>"
        if tag in ("strong", "b"):
            self._bold += 1
        if tag in _HEADINGS and self._cell is None:
            self._heading = _HEADINGS[tag]
        elif tag == "li":
            self._items += 1
        elif tag == "table":
            self._flush()
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._cells, self._row_line, self._row_header = [], self.getpos()[0], True
        elif tag in ("td", "th") and self._cells is not None:
            self._cell = []
            if tag == "td":
                self._row_header = False
            self.rendered.append("\n")
        self._stack.append((tag, False))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if not any(t == tag for t, _ in self._stack):
            return
        while self._stack:
            open_tag, skipping = self._stack.pop()
            self._close(open_tag, skipping)
            if open_tag == tag:
                break

    def _close(self, tag: str, skipping: bool) -> None:
        if tag in ("article", "main"):
            self._content = max(0, self._content - 1)
        if tag in ("strong", "b") and not skipping:
            self._bold = max(0, self._bold - 1)
        if skipping or self._skipping:
            return
        if tag in ("td", "th") and self._cell is not None and self._cells is not None:
            self._cells.append(collapse("".join(self._cell)))
            self._cell = None
            self.rendered.append("\n")
        elif tag == "tr" and self._cells is not None and self._rows is not None:
            if any(self._cells):
                header = self._row_header and not self._rows
                self._rows.append(TableRow(tuple(self._cells), self._row_line, header))
            self._cells = None
        elif tag == "table" and self._rows is not None:
            if self._rows:
                self.blocks.append(Block(TABLE, "", self._rows[0].line, rows=tuple(self._rows)))
            self._rows = None
        elif tag in _HEADINGS and self._cell is None:
            self._flush()
            self._heading = 0
        elif tag in _BLOCK_TAGS and self._cell is None:
            self._flush()
            if tag == "li":
                self._items = max(0, self._items - 1)

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self._text(data)

    def _text(self, data: str) -> None:
        self.rendered.append(data)
        if self._cell is not None:
            self._cell.append(data)
            return
        if self._rows is not None:
            return
        if not self._buffer and data.strip():
            self._buffer_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count(
                "\n"
            )
        self._buffer.append(data)
        if self._bold:
            self._bold_chars += len("".join(data.split()))


def _all_bold(text: str, bold_chars: int) -> bool:
    return bool(bold_chars) and bold_chars == len("".join(text.split())) and len(text.split()) <= 8


def parse(text: str) -> Parsed:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader._flush()
    return Parsed("html", tuple(reader.blocks), "".join(reader.rendered))
