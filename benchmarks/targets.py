"""The performance targets and whether a run met them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    key: str
    what: str
    unit: str
    limit: float
    at_most: bool  # True: the value must be <= limit; False: >= limit
    value: Callable[[dict[str, Any]], float | None]
    note: str = ""

    def check(self, results: dict[str, Any]) -> dict[str, Any]:
        try:
            value = self.value(results)
        except (KeyError, TypeError, StopIteration):
            value = None
        if value is None:
            met = None
        else:
            met = value <= self.limit if self.at_most else value >= self.limit
        return {
            "what": self.what,
            "value": value,
            "limit": self.limit,
            "unit": self.unit,
            "comparison": "<=" if self.at_most else ">=",
            "met": met,
            "note": self.note,
        }


def _scale(results: dict[str, Any], factor: int) -> dict[str, Any]:
    return next(r for r in results["engine"] if r["scale"] == factor)


def _matcher(results: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in results["matchers"] if r["name"] == name and r["installed"])


TARGETS = (
    Target(
        "engine_p99_semantic",
        "engine p99 with the semantic signal, shipped knowledge",
        "ms",
        5.0,
        True,
        lambda r: _matcher(r, "fuzzy + semantic")["latency"]["p99_ms"],
    ),
    Target(
        "engine_p99_shipped",
        "engine p99, shipped knowledge (warm passes)",
        "ms",
        2.0,
        True,
        lambda r: _scale(r, 1)["warm"]["p99_ms"],
    ),
    Target(
        "engine_p99_100x",
        "engine p99, knowledge x100 (warm passes)",
        "ms",
        20.0,
        True,
        lambda r: _scale(r, 100)["warm"]["p99_ms"],
    ),
    Target(
        "cold_ask_median",
        "median cold `rolebot ask`",
        "s",
        0.5,
        True,
        lambda r: r["cold_start"]["median_s"],
    ),
    Target(
        "serve_peak_rss",
        "`rolebot serve` peak RSS after a few hundred events",
        "MB",
        150.0,
        True,
        lambda r: r["serve"]["warmup"]["peak_rss_mb"],
    ),
    Target(
        "events_per_s",
        "signed Slack events acknowledged per second (capacity run)",
        "/s",
        300.0,
        False,
        lambda r: r["serve"]["capacity"]["rps"],
    ),
    Target(
        "ack_p99_at_300",
        "p99 acknowledgement at 300 events/s (open loop)",
        "ms",
        100.0,
        True,
        lambda r: r["serve"]["at_rate"]["ack"]["p99_ms"],
    ),
    Target(
        "ack_p99_capacity",
        "p99 acknowledgement in the capacity run",
        "ms",
        100.0,
        True,
        lambda r: r["serve"]["capacity"]["ack"]["p99_ms"],
        "stricter reading",
    ),
    Target(
        "replies_per_s",
        "replies delivered per second, capacity run",
        "/s",
        300.0,
        False,
        lambda r: r["serve"]["capacity"]["reply_rate_per_s"],
        "stricter reading",
    ),
    Target(
        "serve_peak_rss_burst",
        "`rolebot serve` peak RSS after the capacity burst",
        "MB",
        150.0,
        True,
        lambda r: r["serve"]["capacity"]["peak_rss_mb"],
        "stricter reading",
    ),
    Target(
        "engine_p99_100x_first_pass",
        "engine p99, knowledge x100, first pass (unseen questions)",
        "ms",
        20.0,
        True,
        lambda r: _scale(r, 100)["first_pass"]["p99_ms"],
        "stricter reading",
    ),
)


def check_targets(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every target whose figures were measured in this run, by key."""
    checked = {t.key: t.check(results) for t in TARGETS}
    return {key: value for key, value in checked.items() if value["value"] is not None}
