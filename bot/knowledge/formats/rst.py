"""reStructuredText: over- and underlined section titles, bullet and enumerated lists,
field lists (metadata, skipped), directives (admonitions kept, the rest skipped)."""

from __future__ import annotations

import re

from bot.knowledge.formats.blocks import HEADING, ITEM, PARAGRAPH, Block, Parsed, collapse

_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:_.])\1{2,}\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+•]|#\.|\d{1,3}[.)])\s+(?=\S)")
_FIELD = re.compile(r"^:[^:\s][^:]*:(\s|$)")
_DIRECTIVE = re.compile(r"^\.\.\s+([\w-]+)::\s*(.*)$")
_COMMENT = re.compile(r"^\.\.(\s|$)")
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


def parse(text: str) -> Parsed:
    lines = text.splitlines()
    blocks: list[Block] = []
    rendered: list[str] = []
    styles: list[tuple[str, bool]] = []
    para: list[str] = []
    para_line = 0
    para_kind = PARAGRAPH
    item_indent = 0
    skip_indent: int | None = None
    i = 0

    def flush() -> None:
        nonlocal para
        if para:
            blocks.append(Block(para_kind, collapse(" ".join(para)), para_line))
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
                    para, para_line, para_kind = [rest], number, PARAGRAPH
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
            i += 1
            continue
        content = inline(stripped)
        rendered.append(content)
        if para and para_kind == ITEM and _indent(line) < item_indent:
            flush()
        if not para:
            para_line, para_kind = number, PARAGRAPH
        para.append(content)
        i += 1
    flush()
    return Parsed("rst", tuple(blocks), "\n".join(rendered))
