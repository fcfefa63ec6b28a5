"""The Teams SDK's per-call meters no longer pile up in memory."""

from __future__ import annotations

import subprocess
import sys

from tests.server.serverkit import ROOT

GROWTH = """
import gc, sys, tracemalloc
from bot.server.telemetry import configure_telemetry
if sys.argv[1] == "configured":
    configure_telemetry()
from microsoft_teams.api.diagnostics._helpers import record_outbound_call
for _ in range(200):
    record_outbound_call("warm-up")
gc.collect()
tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
for _ in range(4000):
    record_outbound_call("conversation.activities.create")
gc.collect()
print(tracemalloc.get_traced_memory()[0] - before)
"""


def _growth(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", GROWTH, mode], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return int(out.stdout.split()[-1])


def test_outbound_calls_of_the_teams_sdk_keep_memory_flat() -> None:
    growth = _growth("configured")

    assert growth < 200_000, f"{growth} bytes kept after 4,000 outbound calls"


def test_a_provider_set_before_start_up_is_kept() -> None:
    script = (
        "from opentelemetry import metrics\n"
        "class Mine(metrics.NoOpMeterProvider): pass\n"
        "metrics.set_meter_provider(Mine())\n"
        "from bot.server.telemetry import configure_telemetry\n"
        "configure_telemetry()\n"
        "print(type(metrics.get_meter_provider()).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)

    assert out.stdout.strip() == "Mine", out.stderr
