"""The lock files pin what pyproject.toml pins, so installs from them are the tested ones."""

from __future__ import annotations

import re
import tomllib

from serverkit import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;\\]+)")


def _locked(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def _declared(*extras: str) -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += [s for s in project["optional-dependencies"][extra] if not s.startswith("rolebot")]
    return {m[1].lower().replace("_", "-"): m[2] for s in specs if (m := PIN.match(s))}


def test_the_image_lock_pins_every_runtime_dependency_as_declared() -> None:
    locked = _locked("requirements.lock")
    declared = _declared("server", "slack", "teams")
    assert {name: locked.get(name) for name in declared} == declared


def test_the_development_lock_pins_every_dependency_as_declared() -> None:
    locked = _locked("requirements-dev.lock")
    declared = _declared("server", "slack", "teams", "dev")
    assert {name: locked.get(name) for name in declared} == declared


def test_every_locked_package_carries_hashes() -> None:
    for name in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / name).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        assert entries and all("--hash=sha256:" in entry for entry in entries if "==" in entry)
