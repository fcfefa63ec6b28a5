"""Cold start of ``rolebot ask``: from process start to the printed answer."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from benchmarks.devset import ROOT
from benchmarks.stats import median

QUESTION = "What is the difference between a PMO and a project manager?"
ROLEBOT = Path(sys.executable).with_name("rolebot")


def _run(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"{command[0]} failed: {done.stderr[-2000:]}")
    return elapsed


def bench_cold_start(runs: int = 20) -> dict[str, float]:
    """Median, min and max seconds of ``rolebot ask QUESTION`` over ``runs`` runs (after
    one unmeasured run that warms the file cache), and of ``python -c pass`` for scale."""
    ask = [str(ROLEBOT), "ask", QUESTION]
    _run(ask)
    times = [_run(ask) for _ in range(runs)]
    bare = [_run([sys.executable, "-c", "print(1)"]) for _ in range(5)]
    return {
        "runs": runs,
        "median_s": round(median(times), 4),
        "min_s": round(min(times), 4),
        "max_s": round(max(times), 4),
        "python_startup_median_s": round(median(bare), 4),
    }
