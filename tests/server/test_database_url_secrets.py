"""No form of DATABASE_URL puts its password in a log line: not the start-up line (the
storage's display URL), not an error that quotes the URL."""

from __future__ import annotations

import io
import logging

import pytest

from bot.server.logging_setup import configure_logging
from bot.storage.sql import SqlStorage
from bot.storage.url import display_url, normalise_url

# (DATABASE_URL, the secrets in it as a person would write them)
FORMS = [
    ("postgresql://rolebot:plain-Secret-1@db.example:5432/rolebot", ["plain-Secret-1"]),
    ("postgresql://rolebot:enc%40ded-Secret-2@db.example/rolebot", ["enc@ded-Secret-2"]),
    ("postgresql://rolebot:raw@at@Secret-3@db.example/rolebot", ["raw@at@Secret-3", "at@Secret-3"]),
    ("postgresql://rolebot@db.example/rolebot?password=query-Secret-4", ["query-Secret-4"]),
    (
        "postgresql://db.example/rolebot?user=rolebot&sslmode=require&sslpassword=key-Secret-5",
        ["key-Secret-5"],
    ),
    ("postgresql:///rolebot?host=/run/postgresql&password=socket-Secret-6", ["socket-Secret-6"]),
    ("postgres://rolebot:old-Scheme-Secret-7@db.example/rolebot", ["old-Scheme-Secret-7"]),
]


@pytest.fixture
def capture():
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    streams: list[io.StringIO] = []

    def start(env: dict[str, str]) -> io.StringIO:
        stream = io.StringIO()
        configure_logging(env, stream=stream, fmt="text")
        streams.append(stream)
        return stream

    yield start
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)


@pytest.mark.parametrize(("url", "secrets"), FORMS, ids=[f"form{i}" for i in range(len(FORMS))])
def test_no_database_secret_reaches_the_log(capture, url: str, secrets: list[str]) -> None:
    stream = capture({"DATABASE_URL": url})
    log = logging.getLogger("rolebot.test")

    shown = display_url(url)
    log.info("storage=postgresql (%s)", shown)
    log.error("storage unavailable: could not connect to %s", url)
    output = stream.getvalue()

    for secret in secrets:
        assert secret not in shown
        assert secret not in output, output
    assert "db.example" in shown or "/run/postgresql" in shown or "rolebot" in shown


def test_an_unencoded_at_in_the_password_connects_with_the_whole_password() -> None:
    url = normalise_url("postgresql://rolebot:raw@at@Secret@db.example:5432/rolebot")

    assert url.password == "raw@at@Secret"
    assert url.host == "db.example"


def test_the_storage_shows_its_url_without_secrets() -> None:
    storage = SqlStorage(
        "postgresql://rolebot@db.example/rolebot?password=shown-Secret", create_schema=False
    )
    try:
        assert "shown-Secret" not in storage.display_url
    finally:
        storage.close()
