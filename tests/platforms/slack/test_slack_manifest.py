"""The two Slack manifests agree with each other and with what the app listens to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.platforms.slack.http import EVENTS_PATH
from bot.platforms.slack.listeners.commands import COMMAND
from bot.platforms.slack.listeners.shortcuts import MESSAGE_SHORTCUT

ROOT = Path(__file__).resolve().parents[3]
SCOPES = {"app_mentions:read", "chat:write", "commands", "im:history", "users:read"}
EVENTS = {"app_mention", "message.im", "app_home_opened"}


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "slack" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["manifest.yaml", "manifest-http.yaml"])
def test_manifest_asks_exactly_what_the_app_uses(name: str) -> None:
    manifest = load(name)
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == SCOPES
    assert "user" not in manifest["oauth_config"]["scopes"]
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == EVENTS
    assert settings["interactivity"]["is_enabled"] is True
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == COMMAND
    home = manifest["features"]["app_home"]
    assert home["home_tab_enabled"] and home["messages_tab_enabled"]
    assert home["messages_tab_read_only_enabled"] is False
    [shortcut] = manifest["features"]["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"]) == ("message", MESSAGE_SHORTCUT)
    assert len(shortcut["name"]) <= 24 and len(shortcut["description"]) <= 80
    assert 174 <= len(manifest["display_information"]["long_description"]) <= 4000


def test_socket_mode_manifest_has_no_urls() -> None:
    manifest = load("manifest.yaml")
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in manifest["settings"]["event_subscriptions"]
    assert "request_url" not in manifest["settings"]["interactivity"]
    assert "url" not in manifest["features"]["slash_commands"][0]


def test_http_manifest_points_everything_at_the_events_endpoint() -> None:
    manifest = load("manifest-http.yaml")
    settings = manifest["settings"]
    assert settings["socket_mode_enabled"] is False
    urls = [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
        manifest["features"]["slash_commands"][0]["url"],
    ]
    assert all(url == f"https://YOUR-HOST{EVENTS_PATH}" for url in urls)


def test_both_manifests_differ_only_in_transport() -> None:
    socket, http = load("manifest.yaml"), load("manifest-http.yaml")
    for manifest in (socket, http):
        manifest["settings"].pop("socket_mode_enabled")
        manifest["settings"]["event_subscriptions"].pop("request_url", None)
        manifest["settings"]["interactivity"].pop("request_url", None)
        manifest["features"]["slash_commands"][0].pop("url", None)
    assert socket == http
