"""``rolebot check``: validate intents and knowledge; every problem names file and line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.core.knowledge import Knowledge
from bot.core.model import IntentData
from bot.data.errors import Problem, ValidationError
from bot.data.intents_loader import load_intents
from bot.knowledge.build import GENERATED, _dump, build
from bot.knowledge.catalogue import Document, load_catalogue, read_document
from bot.knowledge.claims_io import CLAIMS
from bot.knowledge.curated import CuratedReader, load_knowledge
from bot.knowledge.layout import rendered_text


def _collapse(text: str) -> str:
    return " ".join(text.split())


def check(knowledge_dir: Path, intents_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    try:
        intents = load_intents(intents_dir)
    except ValidationError as exc:
        problems.extend(exc.problems)
        intents = None
    try:
        docs = load_catalogue(knowledge_dir / "sources")
    except ValidationError as exc:
        return problems + exc.problems
    try:
        knowledge, readers = load_knowledge(knowledge_dir)
    except ValidationError as exc:
        return problems + exc.problems
    texts, warnings = document_texts(knowledge_dir / "sources", docs)
    problems.extend(warnings)
    problems.extend(citation_problems(knowledge, readers, texts))
    rendered = {doc.id: _collapse(rendered_text(doc, _raw(knowledge_dir, doc))) for doc in docs}
    known_roles = {n.role for n in intents.role_names} if intents is not None else None
    problems.extend(
        claim_problems(knowledge, knowledge_dir / GENERATED / CLAIMS, rendered, known_roles)
    )
    if intents is not None:
        problems.extend(_stale(knowledge_dir, intents))
    return problems


def document_texts(
    sources_dir: Path, docs: Sequence[Document]
) -> tuple[dict[str, str], list[Problem]]:
    """Each document's whitespace-collapsed text by document id, and reading warnings."""
    texts: dict[str, str] = {}
    warnings: list[Problem] = []
    for doc in docs:
        text, problems = read_document(sources_dir, doc)
        warnings.extend(problems)
        texts[doc.id] = _collapse(text)
    return texts, warnings


def citation_problems(
    knowledge: Knowledge, readers: Sequence[CuratedReader], texts: dict[str, str]
) -> list[Problem]:
    """Every cited quote occurs verbatim (up to whitespace) in the document its id names,
    and mentions one of the roles the citing statement is about."""
    problems = []
    for reader in readers:
        for cite, line, roles in reader.cites:
            found = knowledge.quote(cite)
            if found is None:
                continue
            passage, quote = found
            doc_text = texts.get(cite.split("#", 1)[0], "")
            if _collapse(quote) not in doc_text:
                problems.append(
                    Problem(reader.path, line, f"quote of '{cite}' is not verbatim in its document")
                )
            if roles and not set(roles) & set(passage.roles):
                problems.append(
                    Problem(
                        reader.path,
                        line,
                        f"'{cite}' does not mention {' or '.join(roles)}: cite a passage that does",
                    )
                )
    return problems


def _raw(knowledge_dir: Path, doc: Document) -> str:
    return read_document(knowledge_dir / "sources", doc)[0]


def claim_problems(
    knowledge: Knowledge,
    path: Path,
    rendered: dict[str, str],
    known_roles: set[str] | None,
) -> list[Problem]:
    """Every claim's text and duty occur verbatim (up to whitespace) in its document as a
    reader sees it, its passage exists, and its roles are known."""
    if not knowledge.claims:
        return []
    lines = _id_lines(path)
    problems = []
    for claim in knowledge.claims:
        line = lines.get(claim.id, 1)
        where = f"claim '{claim.id}'"
        doc_text = rendered.get(claim.doc)
        if doc_text is None:
            problems.append(Problem(path, line, f"{where}: unknown document '{claim.doc}'"))
            continue
        for name, value in (("text", claim.text), ("duty", claim.duty)):
            if value and _collapse(value) not in doc_text:
                problems.append(
                    Problem(path, line, f"{where}: {name} is not verbatim in {claim.doc}")
                )
        if knowledge.quote(claim.passage) is None:
            problems.append(Problem(path, line, f"{where}: passage '{claim.passage}' not built"))
        for role in claim.roles:
            if known_roles is not None and role not in known_roles:
                problems.append(Problem(path, line, f"{where}: unknown role id '{role}'"))
    return problems


def _id_lines(path: Path) -> dict[str, int]:
    """The line of each claim's "id" in claims.json, for file:line messages."""
    lines: dict[str, int] = {}
    if not path.is_file():
        return lines
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith('"id": '):
            lines.setdefault(stripped[7:].rstrip(",").strip('"'), number)
    return lines


def _stale(knowledge_dir: Path, intents: IntentData) -> list[Problem]:
    """The committed build must be what a fresh build of the sources gives."""
    result = build(knowledge_dir, intents)
    problems = []
    for name, value in result.files().items():
        path = knowledge_dir / GENERATED / name
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != _dump(value):
            problems.append(Problem(path, 1, "out of date with the sources: run 'rolebot build'"))
    return problems
