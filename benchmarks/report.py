"""The printed tables of a benchmark run (plain text, also valid Markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    if value is None:
        return "-"
    return str(value)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b else "-"


def _cpu(row: dict[str, Any]) -> str:
    """The warm passes' CPU time per question (older result files have none)."""
    cpu = row.get("warm_cpu")
    return f"{cpu['p50_ms']:.2f} / {cpu['p99_ms']:.2f}" if cpu else "-"


def engine_table(rows: list[dict[str, Any]]) -> str:
    return table(
        [
            "scale",
            "role names",
            "examples",
            "passages",
            "facts",
            "load s",
            "1st pass p50/p95/p99 ms",
            "warm p50/p95/p99 ms",
            "warm CPU p50/p99 ms",
            "warm q/s",
            "intent acc",
        ],
        [
            [
                f"x{r['scale']}",
                r["sizes"]["role_names"],
                r["sizes"]["examples"],
                r["sizes"]["passages"],
                r["sizes"]["facts"],
                r["load_s"],
                _triple(r["first_pass"]),
                _triple(r["warm"]),
                _cpu(r),
                r["warm"]["qps"],
                f"{r['intent_accuracy']:.1%}",
            ]
            for r in rows
        ],
    )


def _triple(summary: dict[str, float]) -> str:
    return f"{summary['p50_ms']:.2f} / {summary['p95_ms']:.2f} / {summary['p99_ms']:.2f}"


BASELINE_NAMES = {
    "difflib": "difflib SequenceMatcher",
    "rapidfuzz": "rapidfuzz extractOne",
}


def baseline_table(rows: list[dict[str, Any]], engine: list[dict[str, Any]]) -> str:
    by_scale = {r["scale"]: r for r in engine}
    out = []
    for r in rows:
        e = by_scale.get(r["scale"])
        out.append(
            [
                BASELINE_NAMES.get(r["name"], r["name"]),
                f"x{r['scale']}",
                r["examples"],
                f"{r['p50_ms']:.2f} / {r['p99_ms']:.2f}",
                r["qps"],
                f"{r['intent_accuracy']:.1%} (cutoff {r['best_cutoff']})",
                _ratio(r["p50_ms"], e["warm"]["p50_ms"]) if e else "-",
                _ratio(r["p99_ms"], e["warm"]["p99_ms"]) if e else "-",
                f"{(e['intent_accuracy'] - r['intent_accuracy']) * 100:+.1f} pts" if e else "-",
            ]
        )
    return table(
        [
            "baseline",
            "scale",
            "examples",
            "p50 / p99 ms",
            "q/s",
            "intent acc (best cutoff)",
            "its p50 / engine p50",
            "its p99 / engine p99",
            "engine accuracy gain",
        ],
        out,
    )


def serve_table(serve: dict[str, Any]) -> str:
    rows = []
    for key, label in (
        ("warmup", "warm-up, 8 in flight"),
        ("at_rate", "open loop, target rate"),
        ("capacity", "closed loop, capacity"),
    ):
        run = serve[key]
        rows.append(
            [
                label,
                run["sent"],
                run["rps"],
                f"{run['ack']['p50_ms']:.1f} / {run['ack']['p95_ms']:.1f} / "
                f"{run['ack']['p99_ms']:.1f} / {run['ack']['max_ms']:.1f}",
                ", ".join(f"{k}: {v}" for k, v in run["statuses"].items()) or "-",
                f"{run['replies_delivered']} at {run['reply_rate_per_s']:.0f}/s",
                run["drain_s"],
                f"{run['server_cpu_ms_per_event']:.2f} / {run['fake_api_cpu_ms_per_event']:.2f}"
                f" / {run['loadgen_cpu_ms_per_event']:.2f}",
                run["peak_rss_mb"],
            ]
        )
    return table(
        [
            "run",
            "events",
            "acks/s",
            "ack p50/p95/p99/max ms",
            "HTTP status",
            "replies",
            "backlog drain s",
            "CPU ms/event: server / fake API / load gen",
            "peak RSS MB",
        ],
        rows,
    )


def targets_table(targets: dict[str, dict[str, Any]]) -> str:
    rows = []
    for t in targets.values():
        verdict = "met" if t["met"] else "NOT MET"
        rows.append(
            [
                t["what"] + (f" ({t['note']})" if t["note"] else ""),
                f"{_cell(t['value'])} {t['unit']}",
                f"{t['comparison']} {_cell(t['limit'])} {t['unit']}",
                verdict,
            ]
        )
    return table(["target", "measured", "required", "verdict"], rows)


def build_table(rows: list[dict[str, Any]]) -> str:
    return table(
        [
            "documents",
            "build s",
            "passages",
            "claims",
            "disputes",
            "engine p50 ms",
            "engine p99 ms (first pass / warm)",
        ],
        [
            [
                r["documents"],
                r["build_s"],
                r["passages"],
                r["claims"],
                r["disputes"],
                r["engine"]["warm"]["p50_ms"],
                f"{r['engine']['first_pass']['p99_ms']} / {r['engine']['warm']['p99_ms']}",
            ]
            for r in rows
        ],
    )


def render(results: dict[str, Any]) -> str:
    machine = results["machine"]
    parts = [
        f"rolebot benchmarks — {machine['summary']}, load average "
        f"{machine.get('load_average_at_start', '?')} at start, "
        f"{machine.get('load_average_at_end', '?')} at end"
    ]
    if results.get("engine"):
        parts += [
            "",
            f"Engine over the dev set ({results['dev_questions']} questions):",
            "",
            engine_table(results["engine"]),
        ]
    if results.get("matchers"):
        from benchmarks.matchers import matcher_table

        parts += [
            "",
            "Matchers, shipped knowledge (latency over the dev set; share fully right per set):",
            "",
            matcher_table(results["matchers"]),
        ]
    if results.get("baselines"):
        parts += [
            "",
            "Baselines (intent from the best-matching example):",
            "",
            baseline_table(results["baselines"], results.get("engine") or []),
        ]
    if results.get("build"):
        parts += [
            "",
            "`rolebot build` on the shipped knowledge plus generated documents, then the "
            "engine over the dev set on that build:",
            "",
            build_table(results["build"]),
        ]
    cold = results.get("cold_start")
    if cold:
        parts += [
            "",
            f"Cold `rolebot ask` ({cold['runs']} runs): median {cold['median_s']:.3f} s, "
            f"min {cold['min_s']:.3f} s, max {cold['max_s']:.3f} s "
            f"(bare interpreter start: {cold['python_startup_median_s']:.3f} s)",
        ]
    serve = results.get("serve")
    if serve:
        parts += [
            "",
            f"`rolebot serve`, Slack over HTTP, fake Web API, loopback "
            f"(RSS at start {serve['rss_at_start_mb']} MB, "
            f"errors logged: {serve['server_log_errors']}):",
            "",
            serve_table(serve),
        ]
    runs = results.get("serve_runs") or []
    if len(runs) > 1:
        parts += ["", f"Server figures above are medians of {len(runs)} runs; each run:", ""]
        parts.append(
            table(
                [
                    "run",
                    "ack p99 at target rate ms",
                    "capacity acks/s",
                    "capacity ack p99 ms",
                    "capacity replies/s",
                    "peak RSS MB (warm-up / burst)",
                    "server CPU ms/event",
                ],
                [
                    [
                        index,
                        r["at_rate"]["ack"]["p99_ms"],
                        r["capacity"]["rps"],
                        r["capacity"]["ack"]["p99_ms"],
                        r["capacity"]["reply_rate_per_s"],
                        f"{r['warmup']['peak_rss_mb']} / {r['capacity']['peak_rss_mb']}",
                        r["at_rate"]["server_cpu_ms_per_event"],
                    ]
                    for index, r in enumerate(runs, start=1)
                ],
            )
        )
    if results.get("targets"):
        parts += ["", "Targets:", "", targets_table(results["targets"])]
    return "\n".join(parts)
