"""Refused requests are logged at a bounded rate, with every one counted."""

from __future__ import annotations

import logging

import pytest

from bot.platforms.refusals import MAX_REASONS, RefusalLog


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", None) == "refused"]


def test_a_flood_of_refusals_writes_one_line_per_interval_and_counts_every_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    refusals = RefusalLog(logging.getLogger("test.refusals"), "tokens refused", clock=clock)
    with caplog.at_level(logging.INFO, "test.refusals"):
        for i in range(1000):
            refusals.refused("expired" if i % 4 else "issuer not accepted")
            clock.now += 0.01  # 1,000 refusals over 10 s
        clock.now += 0.1
        refusals.refused("expired")

    lines = _lines(caplog)
    assert len(lines) == 2
    assert lines[0].getMessage() == "tokens refused: 1 (issuer not accepted: 1)"
    assert sum(line.refused for line in lines) == 1001
    assert lines[1].reasons == {"expired": 751, "issuer not accepted": 249}


def test_reasons_stay_a_closed_set(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    refusals = RefusalLog(logging.getLogger("test.refusals"), "refused", clock=clock)
    with caplog.at_level(logging.INFO, "test.refusals"):
        refusals.refused("first")
        for i in range(100):
            refusals.refused(f"reason {i}")
        clock.now += 60
        refusals.refused("last")

    reasons = _lines(caplog)[-1].reasons
    assert len(reasons) == MAX_REASONS
    assert reasons["other"] == 100 - (MAX_REASONS - 1) + 1
