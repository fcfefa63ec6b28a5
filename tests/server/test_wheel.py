"""The steps the Dockerfile runs: build the wheel, install the locked dependencies
(requirements.lock, with hashes) and the wheel into a clean virtual environment, start
``rolebot serve`` from there and get 200 from /healthz."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest
from serverkit import ROOT, ServerProcess, get_json

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh virtual environment with the wheel installed; yields its bin folder."""
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("rolebot-*.whl")
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / "bin"
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--no-deps"]
    for args in (["--require-hashes", "-r", str(ROOT / "requirements.lock")], [str(wheel)]):
        subprocess.run([*pip, *args], check=True, capture_output=True, timeout=900)
    yield bin_dir


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a container: none of this checkout's settings leak in."""
    drop = ("ROLEBOT_", "SLACK_", "DATABASE_URL", "PYTHONPATH", "VIRTUAL_ENV", "CLIENT_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    return {**env, **extra}


def test_installed_wheel_serves_healthz_with_its_baked_in_knowledge(installed, tmp_path) -> None:
    server = ServerProcess(
        {}, tmp_path, command=(str(installed / "rolebot"), "serve"), base_env=_clean_env()
    ).wait_ready()
    try:
        status, health = get_json(server.url + "/healthz")
        assert status == 200, server.log
        assert health["knowledge_loaded"] and health["storage_reachable"]
        started = server.wait_for_log("started:")
        assert f"{installed.parent}" in started and "bot/_data/knowledge" in started
        assert (tmp_path / "var" / "rolebot.sqlite3").is_file()
    finally:
        assert server.stop() == 0


def test_a_mounted_knowledge_folder_overrides_the_baked_in_one(installed, tmp_path) -> None:
    mounted = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", mounted)
    server = ServerProcess(
        {},
        tmp_path,
        command=(str(installed / "rolebot"), "serve"),
        base_env=_clean_env(ROLEBOT_KNOWLEDGE=str(mounted)),
    ).wait_ready()
    try:
        assert get_json(server.url + "/healthz")[0] == 200
        assert f"({mounted})" in server.wait_for_log("started:")
    finally:
        server.stop()


def _dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _healthcheck_command() -> list[str]:
    line = next(
        part.split("CMD", 1)[1]
        for part in _dockerfile().replace("\\\n", " ").splitlines()
        if part.startswith("HEALTHCHECK")
    )
    return json.loads(line)


def _runtime_stage() -> str:
    return _dockerfile().split("FROM ${PYTHON_IMAGE}", 2)[2]


def test_the_dockerfile_matches_what_this_test_installs() -> None:
    text = _dockerfile()
    runtime = _runtime_stage()
    assert "pip install --require-hashes --no-deps -r /tmp/requirements.lock" in runtime
    assert runtime.index("requirements.lock") < runtime.index("--from=builder")  # own layer
    assert "pip install --no-deps /tmp/dist/rolebot-" in runtime
    assert "python -m build --wheel" in text


def test_the_dockerfile_pins_its_base_runs_as_a_number_and_honours_port() -> None:
    text = _dockerfile()
    runtime = _runtime_stage()
    image = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", text, re.MULTILINE)
    assert image and re.fullmatch(
        r"python:\d+\.\d+\.\d+-slim-[a-z]+(@sha256:[0-9a-f]{64})?", image[1]
    )
    assert re.search(r"^USER \d+:\d+$", runtime, re.MULTILINE)
    command = json.loads(runtime.split("\nCMD ", 1)[1].splitlines()[0])
    assert command[:2] == ["rolebot", "serve"] and "--port" not in command  # $PORT decides
    assert "/livez" in " ".join(_healthcheck_command())


def test_the_dockerfile_healthcheck_is_liveness_only(installed, tmp_path) -> None:
    healthy = ServerProcess(
        {}, tmp_path, command=(str(installed / "rolebot"), "serve"), base_env=_clean_env()
    ).wait_ready()
    no_database = ServerProcess(
        {},
        tmp_path,
        command=(str(installed / "rolebot"), "serve"),
        base_env=_clean_env(DATABASE_URL="postgresql://rolebot:pw@127.0.0.1:9/rolebot"),
    ).wait_ready()
    command = _healthcheck_command()
    assert command[0] == "python"

    def check(port: int) -> bool:
        done = subprocess.run(
            [str(installed / "python"), *command[1:]],
            capture_output=True,
            timeout=60,
            env={**_clean_env(), "PORT": str(port)},
        )
        return done.returncode == 0

    try:
        ports = [int(s.url.rsplit(":", 1)[1]) for s in (healthy, no_database)]
        assert [check(port) for port in ports] == [True, True]  # an outage restarts nothing
    finally:
        healthy.stop()
        no_database.stop()
    assert check(ports[0]) is False  # nothing listens any more


def test_the_dockerfile_copies_everything_the_wheel_includes():
    """The image builds the same wheel: every folder the wheel bakes in must be copied."""
    import tomllib

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    baked = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    copied = {
        line.split()[1]
        for line in (root / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.startswith("COPY ") and "--from" not in line
    }
    assert set(baked) <= copied
