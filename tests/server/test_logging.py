"""Structured logs: JSON lines with request ids, and no secret ever written."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.app.service import Interaction
from bot.core.answer import Answer
from bot.server.logging_setup import AnswerLog, configure_logging, request_id_var

SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-1111111111-2222222222-AbCdEfGhIjKlMnOpQrStUvWx",
    "SLACK_SIGNING_SECRET": "0123456789abcdef0123456789abcdef",
    "SLACK_APP_TOKEN": "xapp-1-A0000000-1111111111-abcdef0123456789",
    "CLIENT_SECRET": "teams~Secret.Value_42",
    "DATABASE_URL": "postgresql://rolebot:db-P%40ss-word@db.internal:5432/rolebot",
}
PLAIN_SECRETS = [*list(SECRETS.values())[:4], "db-P@ss-word", "db-P%40ss-word"]


@pytest.fixture
def capture():
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging(SECRETS, stream=stream, fmt="json")
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_secret_values_never_reach_the_log(capture: io.StringIO) -> None:
    log = logging.getLogger("rolebot.test")
    log.info("token in the message: %s", SECRETS["SLACK_BOT_TOKEN"])
    log.warning(
        "signing secret %s and app token %s",
        *[SECRETS[k] for k in ("SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")],
    )
    log.info("connecting to %s", SECRETS["DATABASE_URL"])
    log.info("decoded password db-P@ss-word", extra={"client_secret": SECRETS["CLIENT_SECRET"]})
    try:
        raise RuntimeError(f"auth failed with Bearer {SECRETS['SLACK_BOT_TOKEN']}")
    except RuntimeError:
        log.exception("call failed")
    # Token-shaped strings are masked even when they are not this deployment's own.
    log.info("someone pasted xoxb-9999999999-8888888888-ZZZZZZZZZZZZZZZZ and xapp-1-B-2-ffff00")
    log.info("url postgresql://other:hunter2hunter2@10.0.0.1/db")
    output = capture.getvalue()
    for secret in PLAIN_SECRETS:
        assert secret not in output
    assert "xoxb-9999999999" not in output and "hunter2hunter2" not in output
    lines = _lines(capture)
    assert len(lines) == 7
    assert "***" in lines[0]["message"]
    assert lines[2]["message"] == "connecting to postgresql://rolebot:***@db.internal:5432/rolebot"
    assert "exception" in lines[4] and "RuntimeError" in lines[4]["exception"]


def test_one_json_line_per_answer_with_request_id(capture: io.StringIO) -> None:
    answer = Answer("q", "en", "compare", ("pmo", "project_manager"), 0.93, True, "answer", "t")
    observer = AnswerLog()
    observer.answered(Interaction("slack", "pmo vs pm?", answer, 0.0021, request_id="Ev123"))
    token = request_id_var.set("http-req-9")
    try:
        observer.answered(Interaction("teams", "pmo vs pm?", answer, 0.001))
    finally:
        request_id_var.reset(token)
    first, second = _lines(capture)
    assert first["event"] == "answered" and first["request_id"] == "Ev123"
    assert first["platform"] == "slack" and first["intent"] == "compare"
    assert first["roles"] == ["pmo", "project_manager"]
    assert first["confidence"] == 0.93 and first["answered"] is True
    assert first["latency_ms"] == pytest.approx(2.1)
    assert second["request_id"] == "http-req-9"
    assert "pmo vs pm?" not in capture.getvalue()  # the question text is not logged


def test_text_format_carries_the_request_id() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging({}, stream=stream, fmt="text")
    try:
        token = request_id_var.set("req-42")
        logging.getLogger("rolebot.test").info("hello %s", "there")
        request_id_var.reset(token)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert "[req-42] hello there" in stream.getvalue()


def test_a_request_value_with_a_newline_cannot_forge_a_text_log_line() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging({}, stream=stream, fmt="text")
    forged = "f00\n2026-01-01 00:00:00,000 ERROR   rolebot.server [-] forged"
    token = request_id_var.set(forged)
    try:
        logging.getLogger("rolebot.test").info("activity %s\r\nERROR forged too", forged)
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("rolebot.test").exception("with a traceback")
    finally:
        request_id_var.reset(token)
        root.removeHandler(handler)
        root.setLevel(level)

    lines = stream.getvalue().splitlines()
    assert [line for line in lines if "forged" in line and " INFO " not in line] == [
        line for line in lines if "with a traceback" in line
    ]
    assert sum(" INFO " in line for line in lines) == 1
    assert "Traceback (most recent call last):" in lines  # tracebacks keep their lines
