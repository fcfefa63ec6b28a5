"""Engine latency over the dev set: one pass with empty caches, then warm repeated passes."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Any

from benchmarks.devset import DevItem
from benchmarks.stats import latency_summary


def _time_pass(
    ask: Any, questions: list[str], cpu: list[float] | None = None
) -> tuple[list[float], list[Any]]:
    """Wall-clock seconds per question and the answers; ``cpu`` collects the thread's CPU
    seconds per question too (what other processes on a busy machine barely change)."""
    times, answers = [], []
    clock, cpu_clock = time.perf_counter, time.thread_time
    for question in questions:
        started, started_cpu = clock(), cpu_clock()
        answer = ask(question)
        times.append(clock() - started)
        if cpu is not None:
            cpu.append(cpu_clock() - started_cpu)
        answers.append(answer)
    return times, answers


def accuracy(items: list[DevItem], answers: list[Any]) -> dict[str, float]:
    """Intent accuracy, and the share fully right as ``rolebot eval`` counts it."""
    intent_ok = sum(a.intent == i.intent for i, a in zip(items, answers, strict=True))
    fully = sum(
        (not a.answered)
        if not i.answered
        else (a.answered and a.intent == i.intent and tuple(a.roles) == i.roles)
        for i, a in zip(items, answers, strict=True)
    )
    n = len(items)
    return {"intent_accuracy": round(intent_ok / n, 4), "fully_right": round(fully / n, 4)}


def bench_engine(
    items: list[DevItem],
    knowledge_dir: Path | None = None,
    intents_dir: Path | None = None,
    passes: int = 5,
) -> dict[str, Any]:
    """Load an engine, ask every dev question once (first pass: the engine's caches are
    empty), then ``passes`` more times (warm). Returns load time, latencies, accuracy."""
    from bot.app.bootstrap import load_engine

    gc.collect()
    started = time.perf_counter()
    engine = load_engine(knowledge_dir, intents_dir)
    load_s = time.perf_counter() - started
    questions = [i.question for i in items]
    first_times, answers = _time_pass(engine.ask, questions)
    warm_times: list[float] = []
    warm_cpu: list[float] = []
    gc.collect()
    wall = time.perf_counter()
    for _ in range(passes):
        times, _ = _time_pass(engine.ask, questions, warm_cpu)
        warm_times.extend(times)
    wall = time.perf_counter() - wall
    return {
        "load_s": round(load_s, 4),
        "first_pass": {
            **latency_summary(first_times),
            "qps": round(len(first_times) / sum(first_times), 1),
        },
        "warm": {
            **latency_summary(warm_times),
            "passes": passes,
            "qps": round(len(warm_times) / wall, 1),
        },
        "warm_cpu": latency_summary(warm_cpu),
        **accuracy(items, answers),
    }
