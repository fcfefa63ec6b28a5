"""Slack settings from the environment, and an app that stays quiet until spoken to."""

from __future__ import annotations

import logging

import pytest

from bot.app.bootstrap import load_engine
from bot.app.service import AnswerService
from bot.platforms.slack.app import create_slack_app
from bot.platforms.slack.settings import DEFAULT_API_URL, SlackSettings
from tests.fakes.slack_api import FakeSlackApi

SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-secret-bot-token",
    "SLACK_SIGNING_SECRET": "secret-signing-value",
    "SLACK_APP_TOKEN": "xapp-secret-app-token",
}


def test_http_mode_needs_bot_token_and_signing_secret() -> None:
    settings = SlackSettings.from_env(
        {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": ""}
    )
    assert settings.http_enabled and not settings.socket_mode
    assert settings.mode == "http"
    assert settings.api_url == DEFAULT_API_URL


def test_socket_mode_wins_when_an_app_token_is_set() -> None:
    settings = SlackSettings.from_env(SECRETS)
    assert settings.socket_mode and not settings.http_enabled
    assert settings.mode == "socket"


@pytest.mark.parametrize(
    "env",
    [{}, {"SLACK_SIGNING_SECRET": "s"}, {"SLACK_APP_TOKEN": "xapp"}, {"SLACK_BOT_TOKEN": "  "}],
)
def test_nothing_is_enabled_without_a_bot_token_and_a_transport(env: dict[str, str]) -> None:
    settings = SlackSettings.from_env(env)
    assert settings.mode is None and not settings.http_enabled and not settings.socket_mode


def test_api_url_gets_a_trailing_slash() -> None:
    settings = SlackSettings.from_env({"SLACK_API_URL": "http://127.0.0.1:9/api"})
    assert settings.api_url == "http://127.0.0.1:9/api/"


def test_repr_and_str_never_show_secrets() -> None:
    settings = SlackSettings.from_env(SECRETS)
    for shown in (repr(settings), str(settings), f"{settings}", repr([settings])):
        for secret in SECRETS.values():
            assert secret not in shown
        assert "bot_token=set" in shown and "mode=socket" in shown


def test_building_the_app_sends_nothing_to_slack_and_warns_of_nothing(
    fake_slack: FakeSlackApi, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    fake_slack.reset()
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")  # as when rolebot serve starts
    engine = load_engine()
    settings = SlackSettings(bot_token="xoxb-1", signing_secret="s", api_url=fake_slack.api_url)
    with caplog.at_level(logging.WARNING):
        app = create_slack_app(AnswerService(lambda: engine), settings)
    assert app.client.base_url == fake_slack.api_url
    assert app.client.token == "xoxb-1"
    assert len(app.client.retry_handlers) == 3
    assert fake_slack.calls(include_failed=True) == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize(
    "settings",
    [SlackSettings(signing_secret="s"), SlackSettings(bot_token="xoxb-1")],
)
def test_an_app_cannot_be_built_without_what_it_needs(settings: SlackSettings) -> None:
    engine = load_engine()
    with pytest.raises(ValueError, match="SLACK_"):
        create_slack_app(AnswerService(lambda: engine), settings)
