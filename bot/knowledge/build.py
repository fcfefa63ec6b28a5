"""``rolebot build``: source documents in, attributed and tagged passages and claims out.

Reads ``sources/sources.yaml`` and every listed document, segments (by the document's
format), cleans, merges duplicates, tags, extracts claims and finds disputes, and writes
``generated/passages.json``, ``claims.json``, ``disputes.json`` and ``report.json``.
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
from bot.knowledge.catalogue import Document, catalogue_warnings, load_catalogue, read_document
from bot.knowledge.claims_io import CLAIMS, DISPUTES
from bot.knowledge.dedup import merge_duplicates
from bot.knowledge.extract import claim_record, dispute_record, extract
from bot.knowledge.filters import FRAGMENT, PROMOTIONAL
from bot.knowledge.layout import names_its_role, read_layout
from bot.knowledge.tagging import Tagger

GENERATED = "generated"
PASSAGES = "passages.json"
REPORT = "report.json"


@dataclass
class BuildResult:
    passages: list[dict]
    report: dict
    warnings: list[Problem] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    disputes: list[dict] = field(default_factory=list)

    def files(self) -> dict[str, object]:
        """What the generated folder holds, by file name."""
        return {
            PASSAGES: self.passages,
            CLAIMS: self.claims,
            DISPUTES: self.disputes,
            REPORT: self.report,
        }


def _passages_of(
    doc: Document, text: str, tagger: Tagger, path: Path
) -> tuple[list[dict], dict, list[Problem]]:
    segmented, layout = read_layout(doc, text)
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
                "_context": {
                    "headings": list(seg.headings or ((seg.heading,) if seg.heading else ())),
                    "header": list(seg.header),
                    "cells": list(seg.cells),
                    "lead": seg.lead,
                },
            }
        )
    dropped = Counter(d.reason for d in segmented.dropped)
    summary = {
        "format": layout.format,
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
    warnings: list[Problem] = catalogue_warnings(sources_dir, docs)
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
    contexts = {p["id"]: p.pop("_context") for p in all_passages}
    kept, merged = merge_duplicates(ranked)
    kept.sort(key=lambda p: (order[p["doc"]], p["position"]))
    for p in kept:
        p.pop("position")
    all_passages.sort(key=lambda p: (order[p["doc"]], p["position"]))
    extracted = extract(
        [doc.id for doc in docs],
        trust,
        all_passages,
        contexts,
        {p["id"] for p in kept if p["status"] == "knowledge"},
        {c["id"] for p in kept if p["status"] == "knowledge" for c in p["copies"]},
        intents,
        {doc.id: doc.title for doc in docs if names_its_role(doc.kind)},
    )
    claims_by_doc: dict[str, Counter] = {doc.id: Counter() for doc in docs}
    for claim in extracted.claims:
        claims_by_doc[claim.doc][claim.facet] += 1
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
        summary["claims"] = dict(sorted(claims_by_doc[doc_id].items()))
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
        "claims": len(extracted.claims),
        "candidate_roles": extracted.candidate_roles,
        "proposed_aliases": extracted.proposed_aliases,
        "disputes": [
            {
                "id": d.id,
                "kind": d.kind,
                "roles": list(d.roles),
                "first": list(d.first),
                "second": list(d.second),
            }
            for d in extracted.disputes
        ],
        "warnings": [_relative(w, knowledge_dir) for w in warnings],
    }
    return BuildResult(
        kept,
        report,
        warnings,
        [claim_record(c) for c in extracted.claims],
        [dispute_record(d) for d in extracted.disputes],
    )


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
        for name, value in result.files().items():
            (staging / name).write_text(_dump(value), encoding="utf-8")
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
