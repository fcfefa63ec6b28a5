"""Baselines for intent matching: what the engine is measured against.

- ``difflib``: the standard library's ``SequenceMatcher`` ratio against every example;
- ``rapidfuzz``: one ``process.extractOne`` (WRatio, default processing) over every example,
  without the engine's normalisation, role abstraction, cue words or indexing.

The best-matching example gives the intent. Below a score cutoff the baseline says
``out_of_scope``; the cutoff is the one that maximises the baseline's own accuracy on the
dev set (an optimistic, tuned-on-test choice in the baselines' favour).
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.devset import DevItem
from benchmarks.stats import latency_summary

Matcher = Callable[[str], tuple[str, float]]


def _examples(intents_dir: Path | None) -> list[tuple[str, str]]:
    from bot.data.intents_loader import load_intents
    from bot.data.paths import default_intents_dir

    data = load_intents(intents_dir or default_intents_dir())
    return [(e.intent, e.text) for e in data.examples]


def difflib_matcher(examples: list[tuple[str, str]]) -> Matcher:
    texts = [t.lower() for _, t in examples]
    intents = [i for i, _ in examples]

    def match(question: str) -> tuple[str, float]:
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(question.lower())
        best, best_index = -1.0, 0
        for index, text in enumerate(texts):
            matcher.set_seq1(text)
            score = matcher.ratio()
            if score > best:
                best, best_index = score, index
        return intents[best_index], best * 100

    return match


def rapidfuzz_matcher(examples: list[tuple[str, str]]) -> Matcher:
    from rapidfuzz import fuzz, process, utils

    texts = [t for _, t in examples]
    intents = [i for i, _ in examples]

    def match(question: str) -> tuple[str, float]:
        found = process.extractOne(
            question, texts, scorer=fuzz.WRatio, processor=utils.default_process
        )
        if found is None:
            return "out_of_scope", 0.0
        return intents[found[2]], found[1]

    return match


def _best_cutoff(items: list[DevItem], predictions: list[tuple[str, float]]) -> tuple[int, float]:
    best = (0, -1.0)
    for cutoff in range(101):
        right = sum(
            (intent if score >= cutoff else "out_of_scope") == item.intent
            for item, (intent, score) in zip(items, predictions, strict=True)
        )
        if right / len(items) > best[1]:
            best = (cutoff, right / len(items))
    return best


def bench_baseline(
    name: str, items: list[DevItem], intents_dir: Path | None = None, passes: int = 1
) -> dict[str, Any]:
    examples = _examples(intents_dir)
    match = {"difflib": difflib_matcher, "rapidfuzz": rapidfuzz_matcher}[name](examples)
    questions = [i.question for i in items]
    times: list[float] = []
    predictions: list[tuple[str, float]] = []
    clock = time.perf_counter
    wall = clock()
    for _ in range(passes):
        predictions = []
        for question in questions:
            started = clock()
            predictions.append(match(question))
            times.append(clock() - started)
    wall = clock() - wall
    cutoff, accuracy = _best_cutoff(items, predictions)
    raw = sum(p[0] == i.intent for i, p in zip(items, predictions, strict=True)) / len(items)
    return {
        **latency_summary(times),
        "qps": round(len(times) / wall, 1),
        "examples": len(examples),
        "intent_accuracy": round(accuracy, 4),
        "best_cutoff": cutoff,
        "intent_accuracy_without_cutoff": round(raw, 4),
    }
