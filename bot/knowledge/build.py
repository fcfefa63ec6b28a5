"""``rolebot build``: source documents in, attributed and tagged passages out.

Reads ``sources/sources.yaml`` and every listed document, segments, cleans, merges
duplicates, tags, and writes ``generated/passages.json`` and ``generated/report.json``.
The output is deterministic (sorted keys, no timestamps) and written atomically: a failed
build leaves what was built before untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.model import IntentData
from bot.data.errors import Problem, ValidationError
from bot.knowledge.catalogue import Document, load_catalogue, read_document
from bot.knowledge.dedup import merge_duplicates
from bot.knowledge.filters import FRAGMENT, PROMOTIONAL
from bot.knowledge.segment import SEGMENTERS
from bot.knowledge.tagging import Tagger

GENERATED = "generated"
PASSAGES = "passages.json"
REPORT = "report.json"


@dataclass
class BuildResult:
    passages: list[dict]
    report: dict
    warnings: list[Problem] = field(default_factory=list)


def _passages_of(
    doc: Document, text: str, tagger: Tagger, path: Path
) -> tuple[list[dict], dict, list[Problem]]:
    segmented = SEGMENTERS[doc.kind](text, doc.title)
    warnings = [Problem(path, line, message) for line, message in segmented.warnings]
    passages = []
    promotional = []
    for position, seg in enumerate(segmented.segments):
        pid = f"{doc.id}#{seg.unit}"
        if seg.status == PROMOTIONAL:
            promotional.append({"id": pid, "line": seg.line})
            continue
        by = seg.byline
        passages.append(
            {
                "id": pid,
                "doc": doc.id,
                "unit": seg.unit,
                "part": seg.part,
                "line": seg.line,
                "position": position,
                "text": seg.text,
                "heading": seg.heading,
                "author": by.name if by else doc.author,
                "author_title": by.title if by else None,
                "organisation": by.organisation if by else None,
                "roles": list(tagger.roles(seg.text)),
                "topics": list(tagger.topics(f"{seg.heading or ''} {seg.text}")),
                "language": tagger.language(seg.text),
                "status": "fragment" if seg.status == FRAGMENT else "knowledge",
            }
        )
    dropped = Counter(d.reason for d in segmented.dropped)
    summary = {
        "segments": len(segmented.segments) + len(segmented.dropped),
        "dropped": dict(sorted(dropped.items())),
        "dropped_lines": sorted({d.line for d in segmented.dropped}),
        "promotional": promotional,
    }
    if not any(p["status"] == "knowledge" for p in passages):
        warnings.append(
            Problem(
                path,
                0,
                f"no knowledge passages: all {summary['segments']} segment(s) were dropped "
                f"or kept only as quotes (is kind '{doc.kind}' right for this document?)",
            )
        )
    return passages, summary, warnings


def build(knowledge_dir: Path, intents: IntentData) -> BuildResult:
    sources_dir = knowledge_dir / "sources"
    docs = load_catalogue(sources_dir)
    tagger = Tagger(intents)
    warnings: list[Problem] = []
    all_passages: list[dict] = []
    per_doc: dict[str, dict] = {}
    order = {doc.id: i for i, doc in enumerate(docs)}
    trust = {doc.id: doc.trust for doc in docs}
    for doc in docs:
        text, problems = read_document(sources_dir, doc)
        warnings.extend(problems)
        passages, summary, problems = _passages_of(doc, text, tagger, sources_dir / doc.file)
        warnings.extend(problems)
        all_passages.extend(passages)
        per_doc[doc.id] = summary
    ranked = sorted(
        all_passages,
        key=lambda p: (
            p["status"] != "knowledge",
            -trust[p["doc"]],
            p["author"] is None,
            order[p["doc"]],
            p["position"],
        ),
    )
    kept, merged = merge_duplicates(ranked)
    kept.sort(key=lambda p: (order[p["doc"]], p["position"]))
    for p in kept:
        p.pop("position")
    for doc_id, summary in per_doc.items():
        summary["passages"] = sum(
            1 for p in kept if p["doc"] == doc_id and p["status"] == "knowledge"
        )
        summary["fragments_kept_as_quotes"] = sum(
            1 for p in kept if p["doc"] == doc_id and p["status"] == "fragment"
        )
        summary["merged_into_other_passages"] = sum(
            1 for copy, _ in merged if copy.split("#")[0] == doc_id
        )
    report = {
        "documents": {
            doc.id: {
                "file": doc.file,
                "kind": doc.kind,
                "title": doc.title,
                "publisher": doc.publisher,
                "published": doc.published,
                "trust": doc.trust,
                **per_doc[doc.id],
            }
            for doc in docs
        },
        "merged_duplicates": [{"copy": c, "kept": k} for c, k in sorted(merged)],
        "warnings": [_relative(w, knowledge_dir) for w in warnings],
    }
    return BuildResult(kept, report, warnings)


def _relative(problem: Problem, knowledge_dir: Path) -> str:
    """A warning as recorded in the report: its path relative to the knowledge folder, so
    the report does not depend on where the folder lives."""
    try:
        path = problem.path.relative_to(knowledge_dir)
    except ValueError:
        path = problem.path
    return str(Problem(path, problem.line, problem.message))


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write(knowledge_dir: Path, result: BuildResult) -> Path:
    """Write the generated folder atomically (build aside, then swap)."""
    target = knowledge_dir / GENERATED
    staging = Path(tempfile.mkdtemp(prefix=".generated-", dir=knowledge_dir))
    staging.chmod(0o755)
    try:
        (staging / PASSAGES).write_text(_dump(result.passages), encoding="utf-8")
        (staging / REPORT).write_text(_dump(result.report), encoding="utf-8")
        previous = None
        if target.exists():
            previous = knowledge_dir / f".generated-old-{os.getpid()}"
            target.rename(previous)
        staging.rename(target)
        if previous is not None:
            shutil.rmtree(previous)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def run_build(knowledge_dir: Path, intents: IntentData) -> BuildResult:
    """Build and write; a ValidationError leaves the previous build in place."""
    if not knowledge_dir.is_dir():
        raise ValidationError([Problem(knowledge_dir, 0, "knowledge folder not found")])
    result = build(knowledge_dir, intents)
    write(knowledge_dir, result)
    return result
