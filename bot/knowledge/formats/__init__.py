"""Document formats: which one a file is in, and reading it into blocks.

The format comes from the file's extension, then from its content (an HTML page saved as
``.txt`` is still HTML); the ``kind`` in ``sources.yaml`` says what sort of page it is, not
how it is laid out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath

from bot.knowledge.formats import html, markdown, plain, rst
from bot.knowledge.formats.blocks import Block, Parsed, TableRow

__all__ = ["FORMATS", "Block", "Parsed", "TableRow", "detect_format", "parse"]

FORMATS: dict[str, Callable[[str], Parsed]] = {
    "markdown": markdown.parse,
    "rst": rst.parse,
    "html": html.parse,
    "text": plain.parse,
}
_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".rst": "rst",
    ".rest": "rst",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
_HTML = re.compile(r"^\s*(<!doctype html|<html\b|<(body|article|main|div|p|h[1-6])\b)", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
_MD_TABLE = re.compile(r"^\s*\|.*\|\s*$\n^\s*\|?\s*:?-{3,}", re.M)
_RST_TITLE = re.compile(r"^[^\s].*\n([=\-~^\"'`#*+])\1{2,}\s*$", re.M)


def detect_format(file: str, text: str) -> str:
    """``markdown``, ``rst``, ``html`` or ``text``."""
    if _HTML.match(text[:2000]):
        return "html"
    by_extension = _EXTENSIONS.get(PurePath(file).suffix.lower())
    if by_extension and by_extension != "text":
        return by_extension
    if _MD_HEADING.search(text) or _MD_TABLE.search(text):
        return "markdown"
    if len(_RST_TITLE.findall(text)) >= 2:
        return "rst"
    return "text"


def parse(format_name: str, text: str) -> Parsed:
    return FORMATS[format_name](text)
