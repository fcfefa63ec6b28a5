"""Run the benchmarks, print the tables and write ``benchmarks/results/latest.json``.

    .venv/bin/python -m benchmarks                 # everything (about 2.5 minutes on 2 CPUs)
    .venv/bin/python -m benchmarks --quick         # shipped and x10 only, fewer runs
    .venv/bin/python -m benchmarks --only engine,baselines --scales 1,10
    .venv/bin/python -m benchmarks --only build                # 100 and 1,000 documents

Sections: ``engine`` (latency over the dev set at each scale), ``matchers`` (each matcher
configuration: latency, and accuracy on the dev, forum and real-question sets),
``baselines`` (difflib and plain rapidfuzz), ``cold`` (cold ``rolebot ask``), ``serve``
(``rolebot serve`` memory and signed Slack events over HTTP on loopback), ``build``
(``rolebot build`` on 100 and 1,000 documents generated from templates, the claims
extracted, the engine's latency on them). Exit status 0 whether targets are met or not;
the verdicts are in the output.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.baselines import bench_baseline
from benchmarks.build_scaling import bench_build
from benchmarks.cold_start import bench_cold_start
from benchmarks.devset import ROOT, load_dev
from benchmarks.engine_bench import bench_engine
from benchmarks.matchers import bench_matchers
from benchmarks.report import render
from benchmarks.scaling import scaled_copy
from benchmarks.serve_bench import bench_serve
from benchmarks.stats import median_of_runs
from benchmarks.targets import check_targets

SECTIONS = ("engine", "matchers", "baselines", "cold", "serve", "build")
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "latest.json"
PASSES = {1: 10, 10: 5, 100: 2}


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = os.cpu_count() or 0
    python = platform.python_version()
    return {
        "cpus": cpus,
        "cpu_model": model,
        "python": python,
        "platform": platform.platform(),
        "summary": f"{cpus} CPUs ({model or 'unknown CPU'}), Python {python}",
    }


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_scales(args: argparse.Namespace, results: dict[str, Any], items: list) -> None:
    sections = args.only
    engine_rows: list[dict[str, Any]] = []
    baseline_rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="rolebot-scale-") as tmp:
        for factor in args.scales:
            log(f"x{factor}: generating the scaled intents and knowledge")
            knowledge, intents, sizes = scaled_copy(Path(tmp) / f"x{factor}", factor)
            if "engine" in sections:
                passes = 2 if args.quick else PASSES.get(factor, 2)
                log(f"x{factor}: engine, first pass and {passes} warm passes")
                row = bench_engine(items, knowledge, intents, passes=passes)
                engine_rows.append({"scale": factor, "sizes": sizes, **row})
                gc.collect()
            if "baselines" in sections:
                names = ("difflib", "rapidfuzz") if factor == 1 else ("rapidfuzz",)
                for name in names:
                    log(f"x{factor}: baseline {name}")
                    passes = 3 if name == "rapidfuzz" and factor == 1 else 1
                    row = bench_baseline(name, items, intents, passes=passes)
                    baseline_rows.append({"name": name, "scale": factor, **row})
    if engine_rows:
        results["engine"] = engine_rows
    if baseline_rows:
        results["baselines"] = baseline_rows


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run (default: all of {', '.join(SECTIONS)})",
    )
    parser.add_argument("--scales", default="1,10,100", help="knowledge scale factors")
    parser.add_argument(
        "--documents",
        default="100,1000",
        help="generated document counts for the build section (default 100,1000)",
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs, scales 1 and 10")
    parser.add_argument(
        "--serve-runs",
        type=int,
        default=None,
        help="server runs; figures are their medians (default 3, 1 with --quick)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results file")
    args = parser.parse_args(argv)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    args.scales = [int(s) for s in args.scales.split(",") if s.strip()]
    args.documents = [int(s) for s in args.documents.split(",") if s.strip()]
    if args.quick and args.documents == [100, 1000]:
        args.documents = [100]
    if args.quick and args.scales == [1, 10, 100]:
        args.scales = [1, 10]
    if args.serve_runs is None:
        args.serve_runs = 1 if args.quick else 3
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    items = load_dev()
    load = os.getloadavg()[0]
    if load > 0.5:
        log(f"warning: the machine is busy (load average {load:.2f}); figures will be noisy")
    results: dict[str, Any] = {
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {**machine(), "load_average_at_start": round(load, 2)},
        "dev_questions": len(items),
        "quick": args.quick,
    }
    if {"engine", "baselines"} & set(args.only):
        run_scales(args, results, items)
    if "build" in args.only:
        rows = []
        with tempfile.TemporaryDirectory(prefix="rolebot-build-") as tmp:
            for count in args.documents:
                log(f"`rolebot build` with {count} generated documents")
                rows.append(bench_build(items, Path(tmp), count))
                gc.collect()
        results["build"] = rows
    if "matchers" in args.only:
        log("matchers: fuzzy alone and with the semantic signal, latency and accuracy")
        results["matchers"] = bench_matchers(items, passes=1 if args.quick else 3)
    if "cold" in args.only:
        log("cold start of `rolebot ask`")
        results["cold_start"] = bench_cold_start(runs=15 if args.quick else 20)
    if "serve" in args.only:
        log("`rolebot serve` under signed Slack events")
        questions = [i.question for i in items]
        rate_seconds = 5.0 if args.quick else 10.0
        runs = []
        for run in range(1, args.serve_runs + 1):
            log(f"`rolebot serve` run {run} of {args.serve_runs}")
            runs.append(bench_serve(questions, rate_seconds=rate_seconds))
        results["serve_runs"] = runs
        results["serve"] = median_of_runs(runs)
    results["machine"]["load_average_at_end"] = round(os.getloadavg()[0], 2)
    results["targets"] = check_targets(results)
    print(render(results))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
