"""Hot reload of ``intents/`` and ``knowledge/`` without a restart.

``EngineHolder.current`` is the engine provider given to ``AnswerService``. A reload
happens on SIGHUP and when a file under the watched folders changes (polled, no extra
dependency). Polling is kept rather than an inotify watcher such as watchfiles: the
fingerprint it compares is needed anyway (``changed()``, the content version), a stat of
the ~100 knowledge files every 2 s costs nothing, and it also sees changes on bind mounts,
NFS and ConfigMap volumes, where file-system events often never arrive. A reload that
fails keeps the previous engine serving and logs every problem as ``file:line: message``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from bot.core.engine import Engine

log = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(folders: Iterable[Path]) -> Fingerprint:
    """Cheap change detector: every file's path, size and modification time."""
    entries: list[tuple[str, int, int]] = []
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
                    continue
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:  # deleted while walking
                    continue
                entries.append((path, st.st_size, st.st_mtime_ns))
    return tuple(entries)


def content_version(folders: Iterable[Path]) -> str:
    """A short digest of the files' names and contents: the same on every replica."""
    digest = hashlib.sha256()
    for folder in folders:
        for path, _size, _mtime in fingerprint([folder]):
            digest.update(os.path.relpath(path, folder).encode())
            try:
                digest.update(Path(path).read_bytes())
            except OSError:
                continue
    return digest.hexdigest()[:12]


def describe_error(exc: BaseException) -> list[str]:
    """Human lines for a load failure, naming file and line when the error knows them."""
    problems = getattr(exc, "problems", None)
    if problems:
        return [str(p) for p in problems]
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return [f"{mark.name}:{mark.line + 1}: {getattr(exc, 'problem', exc)}"]
    return [f"{type(exc).__name__}: {exc}"]


def _engine_version(engine: Engine) -> str:
    version = getattr(engine, "version", None)
    return str(version) if version else ""


class EngineHolder:
    """Holds the engine being served and swaps it when a reload succeeds."""

    def __init__(
        self,
        load: Callable[[], Engine],
        folders: Sequence[Path],
        *,
        on_reload: Callable[[str, bool], None] | None = None,
    ) -> None:
        self._load = load
        self.folders = tuple(Path(f) for f in folders)
        self._on_reload = on_reload
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self.version = ""  # the engine's own version if it has one, else ``digest``
        self.digest = ""  # of the files under the watched folders
        self.last_error: list[str] = []
        self._seen: Fingerprint = ()

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    def current(self) -> Engine:
        """The engine to answer with (the provider ``AnswerService`` calls)."""
        engine = self._engine
        if engine is None:
            raise RuntimeError("knowledge not loaded")
        return engine

    def load_initial(self) -> None:
        """First load; raises if the knowledge is broken (nothing to fall back on)."""
        self._seen = fingerprint(self.folders)
        self._engine = self._load()
        self.digest = content_version(self.folders)
        self.version = _engine_version(self._engine) or self.digest
        self._notify(True)

    def reload(self, reason: str = "requested") -> bool:
        """Load again; True if the new engine now serves, False if the old one stays."""
        with self._lock:
            seen = fingerprint(self.folders)
            digest = content_version(self.folders)
            try:
                engine = self._load()
            except Exception as exc:
                self._seen = seen  # do not retry until the files change again
                self.last_error = describe_error(exc)
                for line in self.last_error:
                    log.error("knowledge reload rejected (%s): %s", reason, line)
                log.error("still serving knowledge version %s", self.version)
                self._notify(False)
                return False
            self._seen = seen
            self._engine = engine
            self.last_error = []
            self.digest = digest
            previous, self.version = self.version, _engine_version(engine) or digest
            log.info("knowledge reloaded (%s): version %s -> %s", reason, previous, self.version)
            self._notify(True)
            return True

    def changed(self) -> bool:
        return fingerprint(self.folders) != self._seen

    def _notify(self, ok: bool) -> None:
        if self._on_reload is not None:
            self._on_reload(self.version, ok)

    async def watch(self, interval_s: float = 2.0, settle_s: float = 0.3) -> None:
        """Poll the folders and reload after a change (runs until cancelled)."""
        while True:
            await asyncio.sleep(interval_s)
            try:
                if not await asyncio.to_thread(self.changed):
                    continue
                await asyncio.sleep(settle_s)  # let an editor or `rolebot build` finish writing
                await asyncio.to_thread(self.reload, "files changed")
            except Exception:  # the watcher must outlive any surprise
                log.exception("knowledge watcher error")

    async def reload_async(self, reason: str) -> bool:
        return await asyncio.to_thread(self.reload, reason)


@contextlib.contextmanager
def sighup_reloads(holder: EngineHolder) -> Any:
    """While active, SIGHUP reloads the knowledge (no-op where signals are unavailable)."""
    loop = asyncio.get_running_loop()
    tasks: set[asyncio.Task[bool]] = set()

    def on_hup() -> None:
        task = loop.create_task(holder.reload_async("SIGHUP"))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    try:
        loop.add_signal_handler(signal.SIGHUP, on_hup)
        installed = True
    except (NotImplementedError, RuntimeError, ValueError, AttributeError):
        installed = False
    try:
        yield installed
    finally:
        if installed:
            loop.remove_signal_handler(signal.SIGHUP)
