"""Small knowledge folders built by hand: a few documents and their sources.yaml entries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.core.model import IntentData
from bot.knowledge.build import BuildResult, run_build


@dataclass(frozen=True)
class Document:
    file: str
    text: str
    kind: str = "wiki"
    trust: str | None = None


def build_documents(folder: Path, intents: IntentData, *docs: Document) -> BuildResult:
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    entries = []
    for doc in docs:
        (sources / doc.file).write_text(doc.text, encoding="utf-8")
        entry = (
            f'  - file: {doc.file}\n    kind: {doc.kind}\n    title: "{doc.file}"\n'
            f'    publisher: "Example Org"\n    published: 2025-01-01\n'
        )
        if doc.trust:
            entry += f"    trust: {doc.trust}\n"
        entries.append(entry)
    (sources / "sources.yaml").write_text("sources:\n" + "".join(entries), encoding="utf-8")
    return run_build(folder, intents)


def claims_of(result: BuildResult, doc: str | None = None) -> list[dict]:
    return [c for c in result.claims if doc is None or c["doc"] == doc]


def about(result: BuildResult, role: str, facet: str | None = None) -> list[dict]:
    """Claims whose subject is ``role`` (on ``facet``)."""
    return [
        c for c in result.claims if c["roles"][0] == role and (facet is None or c["facet"] == facet)
    ]
