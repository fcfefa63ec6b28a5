"""``sources/sources.yaml``: which documents exist and what is known about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.data.errors import Problem, ValidationError
from bot.data.yamlfile import load_yaml

# What sort of page a document is, and how far that sort is trusted by default when two
# documents disagree (higher first). The layout (Markdown, HTML, ...) comes from the file;
# an unknown kind is accepted with a warning and normal trust.
TRUST = {
    "governance_guide": 3,
    "policy": 3,
    "standard": 3,
    "raci": 2,
    "qa_thread": 2,  # signed answers, but each one person's view: normal, like a wiki
    "wiki": 2,
    "job_description": 2,
    "handbook": 2,
    "faq": 2,
    "rst": 2,
    "article": 2,
    "markdown": 2,
    "html": 2,
    "compiled_page": 1,
}
KINDS = tuple(TRUST)
# ``trust: low | normal | high`` in sources.yaml overrides the kind's default.
TRUST_LEVELS = {"low": 1, "normal": 2, "high": 3}
NORMAL_TRUST = TRUST_LEVELS["normal"]
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
    "trust",
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
    trust_level: str | None = None
    kind_line: int = 0

    @property
    def id(self) -> str:
        return Path(self.file).stem

    @property
    def known_kind(self) -> bool:
        return self.kind in TRUST

    @property
    def trust(self) -> int:
        if self.trust_level is not None:
            return TRUST_LEVELS[self.trust_level]
        return TRUST.get(self.kind, NORMAL_TRUST)


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
        trust = data.get("trust")
        if trust is not None and trust not in TRUST_LEVELS:
            problems.append(
                Problem(
                    path,
                    entry.value["trust"].line,
                    f"trust must be one of {', '.join(TRUST_LEVELS)}, not '{trust}'",
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
                trust_level=trust,
                kind_line=entry.value["kind"].line,
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


def catalogue_warnings(sources_dir: Path, docs: list[Document]) -> list[Problem]:
    """Kinds the builder does not know: accepted with normal trust, but worth a look."""
    path = sources_dir / "sources.yaml"
    return [
        Problem(
            path,
            doc.kind_line or doc.line,
            f"unknown kind '{doc.kind}' for {doc.file}: read by its layout with normal trust "
            f"(known kinds: {', '.join(KINDS)})",
        )
        for doc in docs
        if not doc.known_kind
    ]


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
