"""Keep the objects loaded at start-up out of the garbage collector's full passes.

A full collection walks every object the collector tracks, and while it runs no request is
served. Once the engine, the platforms' SDKs and the server are loaded that is well over
100,000 objects and a pause of tens of milliseconds, taken whenever enough new objects have
survived: under a flood of requests, every few seconds. None of what start-up loaded becomes
garbage while the server runs, so :func:`settle` moves it to the permanent generation and
full collections walk only what was made since.

A knowledge reload replaces the engine: :func:`settle_after_reload` takes the old engine's
objects out of the permanent generation, collects them once (one pause per reload) and
settles the new ones. Both are no-ops outside a server that settled its heap.
"""

from __future__ import annotations

import gc
import logging
import time

log = logging.getLogger("rolebot.server")

_state = {"settled": False}


def settle() -> None:
    """Collect what start-up left behind, then exempt the survivors from full passes."""
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    _state["settled"] = True
    log.debug(
        "heap settled: %d objects exempt from full collections (%.0f ms)",
        gc.get_freeze_count(),
        (time.perf_counter() - started) * 1000,
    )


def settle_after_reload(version: str, ok: bool) -> None:
    """After a reload that swapped the engine, let the old one go and settle the new one."""
    if not (ok and _state["settled"]):
        return
    gc.unfreeze()
    settle()


def unsettle() -> None:
    """Give the permanent generation back to the collector (at shutdown, and for tests)."""
    gc.unfreeze()
    _state["settled"] = False
