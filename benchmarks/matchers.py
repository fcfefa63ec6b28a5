"""Each matcher configuration side by side: engine latency over the dev set and accuracy
on every labelled set, the locked real-question split included (aggregate figures only).

Latency is measured after one untimed pass (typo and role caches filled, as in a running
server); the semantic signal keeps no cache of questions, so every unsure question pays
for its embedding."""

from __future__ import annotations

import gc
import time
from typing import Any

from benchmarks.devset import ROOT, DevItem
from benchmarks.stats import latency_summary

EVAL = ROOT / "tests" / "eval"
# (name, files): the sets each configuration is scored on; files are joined per set.
SETS = (
    ("dev", ("dev.jsonl",)),
    ("forum", ("forum.jsonl",)),
    ("real dev", ("real/dev-a.jsonl", "real/dev-b.jsonl")),
    ("real locked", ("real/locked-a.jsonl", "real/locked-b.jsonl")),
)
CONFIGURATIONS = (("fuzzy", "off"), ("fuzzy + semantic", "on"))


def _accuracy(engine: Any, files: tuple[str, ...]) -> float | None:
    from bot.tools.evaluate import evaluate, load_items

    items = [i for f in files if (EVAL / f).is_file() for i in load_items(EVAL / f)]
    if not items:
        return None
    return round(evaluate(engine, items)["fully_right"], 4)


def bench_matchers(items: list[DevItem], passes: int = 3) -> list[dict[str, Any]]:
    from bot.app.bootstrap import load_engine
    from bot.semantic.encoder import available

    rows = []
    for name, setting in CONFIGURATIONS:
        if setting == "on" and not available():
            rows.append({"name": name, "installed": False})
            continue
        gc.collect()
        engine = load_engine(semantic=setting)
        warm = getattr(engine.matcher, "warm", None)
        started = time.perf_counter()
        if warm is not None:
            warm()  # the server loads the model at start; `rolebot ask` on first use
        warm_s = time.perf_counter() - started
        questions = [i.question for i in items]
        for question in questions:  # spelling and role caches filled, as in a running server
            engine.ask(question)
        consulted_before = getattr(engine.matcher, "consulted", 0)
        times = []
        for _ in range(passes):
            for question in questions:
                t = time.perf_counter()
                engine.ask(question)
                times.append(time.perf_counter() - t)
        consulted = getattr(engine.matcher, "consulted", 0) - consulted_before
        rows.append(
            {
                "name": name,
                "installed": True,
                "model_load_s": round(warm_s, 3),
                "latency": latency_summary(times),
                "consulted_share": round(consulted / len(times), 4) if times else 0.0,
                "fully_right": {label: _accuracy(engine, files) for label, files in SETS},
            }
        )
    return rows


def matcher_table(rows: list[dict[str, Any]]) -> str:
    from benchmarks.report import table

    headers = ["matcher", "p50 ms", "p99 ms", "asks semantic", *(s for s, _ in SETS)]
    body = []
    for r in rows:
        if not r["installed"]:
            body.append([r["name"], "not installed", "", "", *("" for _ in SETS)])
            continue
        right = r["fully_right"]
        body.append(
            [
                r["name"],
                f"{r['latency']['p50_ms']:.2f}",
                f"{r['latency']['p99_ms']:.2f}",
                f"{r['consulted_share']:.1%}",
                *("n/a" if right[s] is None else f"{right[s]:.1%}" for s, _ in SETS),
            ]
        )
    return table(headers, body)
