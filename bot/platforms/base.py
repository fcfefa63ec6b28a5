"""The platform seam: what every chat platform offers the server, and nothing more.

A platform *kind* reads its own settings from the environment (``from_env``) and returns
``None`` when it is not configured, or raises :class:`PlatformConfigError` when it is only
partly configured. A configured platform gives the server its HTTP routes (``mount``),
starts and stops its own background work (``start`` / ``stop``) and says how it is doing
(``health``). The server iterates :data:`bot.platforms.registry.PLATFORMS` and knows no
platform by name.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from bot.app.service import AnswerService


class PlatformConfigError(RuntimeError):
    """A chat platform is configured but cannot be served (a variable or its extra is missing)."""


@dataclass(frozen=True)
class PlatformHealth:
    """``mode`` as shown in ``/healthz`` and the start-up line; ``stopped`` names dead parts;
    ``pending_replies`` counts replies acknowledged but still being sent."""

    mode: str
    stopped: tuple[str, ...] = ()
    pending_replies: int = 0


class Platform(Protocol):
    """One configured chat platform."""

    name: str

    def mount(self, service: AnswerService) -> Sequence[BaseRoute]:
        """Build the platform's app around ``service``; return the routes it serves."""
        ...

    async def start(self) -> None:
        """Start background work (connections, sessions); called once, after ``mount``."""
        ...

    async def stop(self, grace_s: float) -> None:
        """Stop background work; wait up to ``grace_s`` for replies, cancel the late ones."""
        ...

    def health(self) -> PlatformHealth: ...


class PlatformKind(Protocol):
    """A platform that may be configured: its name and how to read it from the environment."""

    name: str

    def from_env(self, env: Mapping[str, str]) -> Platform | None:
        """The platform ``env`` configures; ``None`` when it configures none of it."""
        ...


class CheckedSettings(Protocol):
    def problem(self) -> str | None:
        """What is missing, naming the variable; None when complete."""
        ...


_Settings = TypeVar("_Settings", bound=CheckedSettings)


def configured_settings(
    platform: str,
    env: Mapping[str, str],
    names: Sequence[str],
    read: Callable[[Mapping[str, str]], _Settings],
) -> _Settings | None:
    """``read(env)`` when any of ``names`` is set (None when none is); refuse a half
    configuration in one line naming what is missing."""
    if not any((env.get(name) or "").strip() for name in names):
        return None
    settings = read(env)
    problem = settings.problem()
    if problem:
        raise PlatformConfigError(f"{platform} is partly configured: {problem}")
    return settings


def require_packages(platform: str, extra: str, packages: Sequence[str]) -> None:
    """Refuse, in one line naming the extra, a configured platform whose packages are absent."""
    for package in packages:
        try:
            found = importlib.util.find_spec(package) is not None
        except ImportError:
            found = False
        if not found:
            raise PlatformConfigError(
                f"{platform} is configured but {package} is not installed: "
                f"pip install 'rolebot[server,{extra}]'"
            )
