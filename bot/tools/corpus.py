"""A temporary knowledge folder: a copy of one with the documents of another folder added,
built, so a document set can be evaluated the way a deployment would use it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

import yaml

from bot.data.errors import Problem, ValidationError

CATALOGUE = "sources.yaml"


ADDED_ROLES = "roles.added.yml"


@contextmanager
def intents_with_roles(intents: Path, roles: Path | None) -> Iterator[Path]:
    """The intents folder, or a temporary copy with a file of extra role names added (the
    candidate roles a maintainer accepted for a document set)."""
    if roles is None:
        yield intents
        return
    if not roles.is_file():
        raise ValidationError([Problem(roles, 0, "roles file not found")])
    with TemporaryDirectory(prefix="rolebot-intents-") as tmp:
        folder = Path(tmp) / "intents"
        shutil.copytree(intents, folder)
        shutil.copy(roles, folder / ADDED_ROLES)
        yield folder


@contextmanager
def knowledge_with_sources(knowledge: Path, extra: Path, intents: Path) -> Iterator[Path]:
    """``knowledge`` copied with every document ``extra/sources.yaml`` lists added, then
    built; the copy is removed afterwards."""
    from bot.data.intents_loader import load_intents
    from bot.knowledge.build import run_build

    added = _entries(extra / CATALOGUE)
    with TemporaryDirectory(prefix="rolebot-knowledge-") as tmp:
        folder = Path(tmp) / "knowledge"
        shutil.copytree(knowledge, folder, ignore=shutil.ignore_patterns("generated"))
        catalogue = folder / "sources" / CATALOGUE
        data = yaml.safe_load(catalogue.read_text(encoding="utf-8")) or {}
        entries = list(data.get("sources") or [])
        known = {e.get("file") for e in entries if isinstance(e, dict)}
        for entry in added:
            name = entry.get("file")
            if name in known:
                raise ValidationError(
                    [Problem(extra / CATALOGUE, 0, f"{name}: already in {knowledge}")]
                )
            shutil.copy(extra / name, folder / "sources" / name)
            entries.append(entry)
        data["sources"] = entries
        catalogue.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        run_build(folder, load_intents(intents))
        yield folder


def _entries(path: Path) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ValidationError([Problem(path, 0, "missing: list the documents to add")]) from exc
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValidationError([Problem(path, 1, "expected 'sources:' with a list of entries")])
    return entries
