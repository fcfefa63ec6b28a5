"""``sources/sources.yaml``: which documents exist and what is known about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.data.errors import Problem, ValidationError
from bot.data.yamlfile import load_yaml

KINDS = ("qa_thread", "compiled_page", "article", "markdown", "html")
# How far a kind of document is trusted when two say the same thing (higher first).
TRUST = {"qa_thread": 3, "article": 2, "markdown": 2, "html": 2, "compiled_page": 1}
_FIELDS = {
    "file",
    "kind",
    "title",
    "publisher",
    "published",
    "page_language",
    "content_language",
    "notes",
    "author",
    "url",
}


@dataclass(frozen=True)
class Document:
    file: str
    kind: str
    title: str
    publisher: str
    published: str | None
    languages: tuple[str, ...]
    author: str | None
    line: int

    @property
    def id(self) -> str:
        return Path(self.file).stem

    @property
    def trust(self) -> int:
        return TRUST[self.kind]


def _date(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def load_catalogue(sources_dir: Path) -> list[Document]:
    path = sources_dir / "sources.yaml"
    if not path.is_file():
        raise ValidationError([Problem(path, 0, "missing: list the source documents here")])
    root = load_yaml(path)
    entries = root.get("sources")
    if entries is None or not isinstance(entries.value, list):
        raise ValidationError([Problem(path, root.line, "expected a 'sources' list")])
    problems: list[Problem] = []
    docs: list[Document] = []
    for entry in entries.value:
        if not isinstance(entry.value, dict):
            problems.append(Problem(path, entry.line, "each source must be a mapping"))
            continue
        data = entry.plain()
        for key in sorted(set(data) - _FIELDS):
            problems.append(Problem(path, entry.value[key].line, f"unknown field '{key}'"))
        missing = [k for k in ("file", "kind", "title", "publisher") if not data.get(k)]
        if missing:
            problems.append(Problem(path, entry.line, f"missing field(s): {', '.join(missing)}"))
            continue
        if data["kind"] not in KINDS:
            problems.append(
                Problem(
                    path,
                    entry.value["kind"].line,
                    f"unknown kind '{data['kind']}' (expected one of {', '.join(KINDS)})",
                )
            )
            continue
        langs = data.get("content_language") or data.get("page_language") or "en"
        docs.append(
            Document(
                file=str(data["file"]),
                kind=data["kind"],
                title=str(data["title"]),
                publisher=str(data["publisher"]),
                published=_date(data.get("published")),
                languages=tuple(langs) if isinstance(langs, list) else (str(langs),),
                author=data.get("author"),
                line=entry.line,
            )
        )
    listed = {d.file for d in docs}
    for doc in docs:
        if not (sources_dir / doc.file).is_file():
            problems.append(Problem(path, doc.line, f"listed document not found: {doc.file}"))
    for extra in sorted(p.name for p in sources_dir.iterdir() if p.is_file()):
        if extra != "sources.yaml" and extra not in listed and not extra.startswith("."):
            problems.append(
                Problem(sources_dir / extra, 0, "not listed in sources.yaml (add an entry)")
            )
    if problems:
        raise ValidationError(problems)
    return docs


def read_document(sources_dir: Path, doc: Document) -> tuple[str, list[Problem]]:
    """The document's text; invalid UTF-8 bytes are replaced and reported, not fatal."""
    path = sources_dir / doc.file
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, [Problem(path, line, f"invalid UTF-8: {bad} byte(s) replaced")]
