"""Small statistics helpers: percentiles and latency summaries in milliseconds."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of already sorted values, nearest-rank method."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max in milliseconds and the count, from durations in seconds."""
    values = sorted(seconds)
    return {
        "count": len(values),
        "p50_ms": round(percentile(values, 50) * 1000, 4),
        "p95_ms": round(percentile(values, 95) * 1000, 4),
        "p99_ms": round(percentile(values, 99) * 1000, 4),
        "max_ms": round(values[-1] * 1000, 4) if values else math.nan,
    }


def median(values: Sequence[float]) -> float:
    return percentile(sorted(values), 50)


def median_of_runs(runs: Sequence[Any]) -> Any:
    """The figure-by-figure median (nearest rank) of several runs with the same shape
    (nested dicts); values that are not numbers are taken from the first run."""
    first = runs[0]
    if isinstance(first, dict):
        return {
            key: median_of_runs([r[key] for r in runs if isinstance(r, dict) and key in r])
            for key in first
        }
    if isinstance(first, bool) or not isinstance(first, int | float):
        return first
    return median(runs)
