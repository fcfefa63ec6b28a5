"""Teams settings from the environment."""

from __future__ import annotations

import pytest

from bot.platforms.teams.settings import TeamsSettings


def test_nothing_configured_means_disabled() -> None:
    settings = TeamsSettings.from_env({})
    assert not settings.enabled
    assert not settings.has_credentials
    assert not settings.unauthenticated


def test_credentials_use_the_sdk_names() -> None:
    settings = TeamsSettings.from_env(
        {"CLIENT_ID": "app", "CLIENT_SECRET": "s3cret", "TENANT_ID": "tenant"}
    )
    assert (settings.client_id, settings.client_secret, settings.tenant_id) == (
        "app",
        "s3cret",
        "tenant",
    )
    assert settings.enabled and settings.has_credentials and not settings.unauthenticated


@pytest.mark.parametrize("value", ["1", "true", "YES", " on "])
def test_dev_flag_enables_unauthenticated_requests(value: str) -> None:
    settings = TeamsSettings.from_env({"ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED": value})
    assert settings.enabled and settings.unauthenticated


@pytest.mark.parametrize("value", ["", "0", "false", "no"])
def test_dev_flag_off_values(value: str) -> None:
    settings = TeamsSettings.from_env({"ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED": value})
    assert not settings.enabled


def test_dev_flag_never_overrides_credentials() -> None:
    settings = TeamsSettings.from_env(
        {"CLIENT_ID": "app", "ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED": "1"}
    )
    assert settings.has_credentials and not settings.unauthenticated


def test_blank_values_count_as_unset() -> None:
    assert not TeamsSettings.from_env({"CLIENT_ID": "  ", "CLIENT_SECRET": ""}).has_credentials


def test_repr_never_shows_the_secret() -> None:
    settings = TeamsSettings.from_env({"CLIENT_ID": "app", "CLIENT_SECRET": "s3cret-value"})
    for text in (repr(settings), str(settings), f"{settings}"):
        assert "s3cret-value" not in text
        assert "app" in text


def test_settings_are_frozen() -> None:
    settings = TeamsSettings()
    with pytest.raises(AttributeError):
        settings.client_id = "x"  # type: ignore[misc]
