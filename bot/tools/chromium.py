"""Headless Chromium for previews: read a page's DOM after its scripts ran, or screenshot it.

Chromium comes from the system (Debian's ``chromium`` package, installed by
``scripts/preview-deps.sh``); it is started with no network features and a throwaway
profile, and only ever opens local files."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_S = 60
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--allow-file-access-from-files",
)


class ChromiumMissing(RuntimeError):
    """No Chromium on this machine."""


def find_chromium() -> str:
    configured = os.environ.get("ROLEBOT_CHROMIUM")
    for name in (configured, *CANDIDATES):
        if name and shutil.which(name):
            return str(shutil.which(name))
    raise ChromiumMissing("Chromium was not found: run scripts/preview-deps.sh")


def _run(args: list[str]) -> str:
    with tempfile.TemporaryDirectory(prefix="rolebot-chromium-") as profile:
        done = subprocess.run(
            [find_chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def dump_dom(page: Path) -> str:
    """The page's DOM once its scripts have run."""
    return _run(["--virtual-time-budget=5000", "--dump-dom", page.resolve().as_uri()])


def screenshot(page: Path, png: Path, width: int, height: int) -> Path:
    """A PNG of the page at ``width`` x ``height`` CSS pixels."""
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [
            "--virtual-time-budget=5000",
            f"--window-size={width},{height}",
            f"--screenshot={png.resolve()}",
            page.resolve().as_uri(),
        ]
    )
    if not png.is_file():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
    return png
