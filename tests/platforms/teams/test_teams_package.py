"""The Teams app package: manifest template and the zip `rolebot teams-package` builds."""

from __future__ import annotations

import argparse
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

import bot
from bot.platforms.teams.package import add_arguments, default_source, run

APP_ID = "11111111-2222-3333-4444-555555555555"
TEMPLATE = default_source() / "manifest.json"


def args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """Width, height and RGBA pixels of an 8-bit RGBA, unfiltered PNG (as the icons are)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (8, 6)
    idat = b""
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    pixels = []
    for y in range(height):
        row = raw[y * stride : (y + 1) * stride]
        assert row[0] == 0
        pixels += [tuple(row[1 + x * 4 : 5 + x * 4]) for x in range(width)]
    return width, height, pixels  # type: ignore[return-value]


def test_the_template_is_on_a_current_schema_with_example_commands() -> None:
    manifest = json.loads(TEMPLATE.read_text(encoding="utf-8"))

    version = manifest["manifestVersion"]
    assert re.fullmatch(r"1\.\d+", version) and int(version.split(".")[1]) >= 19
    assert f"/teams/v{version}/MicrosoftTeams.schema.json" in manifest["$schema"]
    [bot] = manifest["bots"]
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    [commands] = bot["commandLists"]
    assert 1 <= len(commands["commands"]) <= 10
    for command in commands["commands"]:
        assert len(command["title"]) <= 32 and len(command["description"]) <= 128
    assert len(manifest["name"]["short"]) <= 30
    assert len(manifest["description"]["short"]) <= 80
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert "validDomains" in manifest


def test_the_package_holds_the_manifest_and_both_icons(tmp_path: Path) -> None:
    out = tmp_path / "dist" / "rolebot-teams.zip"

    assert run(args("--app-id", APP_ID, "--domain", "rolebot.example.org", "-o", str(out))) == 0

    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
        color = png_pixels(archive.read("color.png"))
        outline = png_pixels(archive.read("outline.png"))
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["validDomains"] == ["rolebot.example.org"]
    assert manifest["developer"] == {
        "name": "Rolebot",
        "websiteUrl": "https://rolebot.example.org/teams/about",
        "privacyUrl": "https://rolebot.example.org/teams/privacy",
        "termsOfUseUrl": "https://rolebot.example.org/teams/terms",
    }
    assert manifest["version"] == bot.__version__
    assert "${{" not in json.dumps(manifest)
    assert "example.com" not in json.dumps(manifest)
    assert color[:2] == (192, 192)
    assert outline[:2] == (32, 32)
    # The outline icon is white on transparent: every visible pixel is white.
    assert all(p[:3] == (255, 255, 255) for p in outline[2] if p[3])
    assert any(p[3] == 0 for p in outline[2]) and any(p[3] == 255 for p in outline[2])


def test_the_app_id_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENT_ID", APP_ID)
    out = tmp_path / "p.zip"
    links = ["--website-url", "https://intra.example.org/rolebot"]
    links += ["--privacy-url", "https://intra.example.org/privacy"]
    links += ["--terms-url", "https://intra.example.org/terms", "--version", "1.4.2"]

    assert run(args(*links, "-o", str(out))) == 0

    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["validDomains"] == []
    assert manifest["developer"]["privacyUrl"] == "https://intra.example.org/privacy"
    assert manifest["developer"]["termsOfUseUrl"] == "https://intra.example.org/terms"
    assert manifest["version"] == "1.4.2"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--app-id", "not-a-guid"],
        ["--app-id", APP_ID, "--domain", "not a host"],
        ["--app-id", APP_ID],
        [
            "--app-id",
            APP_ID,
            "--website-url",
            "https://a.example.org/",
            "--terms-url",
            "https://a.example.org/t",
        ],
        ["--app-id", APP_ID, "--domain", "rolebot.example.org", "--version", "2"],
    ],
    ids=["no app id", "bad app id", "bad domain", "no links", "no privacy link", "bad version"],
)
def test_bad_values_fail_without_writing_a_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    out = tmp_path / "p.zip"

    assert run(args(*argv, "-o", str(out))) == 2

    assert not out.exists()
    assert "teams-package" in capsys.readouterr().err


def test_the_linked_pages_are_served_by_the_teams_platform(tmp_path: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from bot.app.bootstrap import build_runtime
    from bot.app.runtime import ServerSettings
    from bot.server.app import create_app

    base = ServerSettings.from_env({}, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    runtime = build_runtime(ServerSettings(**{**base.__dict__, "watch": False}))
    env = {"ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED": "1"}
    try:
        with TestClient(create_app(runtime, environ=env)) as client:
            pages = {page: client.get(f"/teams/{page}") for page in ("about", "privacy", "terms")}
            missing = client.get("/teams/nothing")
    finally:
        runtime.close()
    for page, response in pages.items():
        assert response.status_code == 200, page
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>Rolebot" in response.text
    assert "ROLEBOT_STORE_TEXT" in pages["privacy"].text
    assert missing.status_code == 404
