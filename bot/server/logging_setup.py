"""Structured logging: text or JSON lines, request ids, and redaction of secrets.

``configure_logging()`` installs one root handler. Every line passes through a redactor
that removes the values of secret environment variables (Slack tokens and signing
secret, the Teams client secret, the database password) and anything shaped like a
token, so that no secret reaches the logs even inside an exception message.
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import sys
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any

from bot.app.service import Feedback, Interaction

request_id_var: ContextVar[str | None] = ContextVar("rolebot_request_id", default=None)

SECRET_ENV_VARS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_CLIENT_SECRET",
    "CLIENT_SECRET",
    "TEAMS_CLIENT_SECRET",
    "MICROSOFT_APP_PASSWORD",
)
URL_ENV_VARS = ("DATABASE_URL", "ROLEBOT_TEST_POSTGRES_URL")
_SECRET_NAME = re.compile(r"(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY)$")
_MIN_SECRET_LEN = 4
MASK = "***"

# Shapes of secrets worth masking even when their value is not known in advance.
_PATTERNS = (
    (re.compile(r"\bxox[a-z]-[A-Za-z0-9-]{6,}"), MASK),  # Slack bot/user tokens
    (re.compile(r"\bxapp-[A-Za-z0-9-]{6,}"), MASK),  # Slack app-level tokens
    (re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}"), r"\1" + MASK),
    # URL passwords, up to the last "@" of the user part (an unencoded "@" included).
    (re.compile(r"(://[^:/@\s]+:)[^\s/]*@"), r"\1" + MASK + "@"),
    (re.compile(r"(?i)([?&](?:ssl)?(?:password|passwd|pass|pwd)=)[^&\s]+"), r"\1" + MASK),
    # Slack response URLs let anyone who holds one post into the conversation.
    (re.compile(r"(https://hooks\.slack\.com/)[^\s\"'<>]+"), r"\1" + MASK),
)
# Chat SDKs log request bodies (message text, response URLs) at DEBUG: they stay at INFO
# whatever ROLEBOT_LOG_LEVEL says.
SDK_LOGGERS = (
    "slack_bolt",
    "slack_sdk",
    "rolebot-slack",  # the Bolt app's own logger (named in bot.platforms.slack.app)
    "microsoft_teams",
    "aiohttp",
    "httpx",
    "httpcore",
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")

_STANDARD_ATTRS = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys()
    | {"message", "asctime", "request_id", "color_message"}
)


def new_request_id() -> str:
    """16 hex digits. Not a secret, only unique: no system call per request (as uuid4 has)."""
    return f"{random.getrandbits(64):016x}"


class Redactor:
    """Masks known secret values and token-shaped strings in text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self.add(secrets)

    def add(self, secrets: Iterable[str]) -> None:
        new = {s for s in secrets if s and len(s) >= _MIN_SECRET_LEN} - self._secrets
        if not new:
            return
        self._secrets |= new
        ordered = sorted(self._secrets, key=len, reverse=True)  # longest first
        self._pattern = re.compile("|".join(re.escape(s) for s in ordered))

    def __call__(self, text: str) -> str:
        if self._pattern is not None:
            text = self._pattern.sub(MASK, text)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text


def secrets_from_env(environ: Mapping[str, str]) -> list[str]:
    """Values of the environment that must never be logged."""
    values = [environ[name] for name in SECRET_ENV_VARS if environ.get(name)]
    values += [v for k, v in environ.items() if _SECRET_NAME.search(k.upper()) and v]
    for name in URL_ENV_VARS:
        values.extend(_url_passwords(environ.get(name, "")))
    return values


def _url_passwords(url: str) -> list[str]:
    """The secrets of a database URL (password, ``?password=``), as written and decoded."""
    if not url:
        return []
    from bot.storage.url import url_secrets

    return url_secrets(url)


class _ContextFilter(logging.Filter):
    """Adds the current request id to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id_var.get() or "-"
        return True


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD_ATTRS}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", "-") != "-":
            entry["request_id"] = record.request_id
        entry.update(_extras(record))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, default=str, ensure_ascii=False)


def _escape_control(text: str) -> str:
    """``\\n``, ``\\r``, ``\\x1b``...: a value from a request cannot start a log line of its own."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class TextFormatter(logging.Formatter):
    """One line per record: control characters in the message and request id are escaped
    (a traceback, added after, keeps its lines)."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s [%(request_id)s] %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        return _escape_control(super().formatMessage(record))


class RedactingFormatter(logging.Formatter):
    """Formats with ``inner`` and masks secrets in the finished line (exceptions included)."""

    def __init__(self, inner: logging.Formatter, redactor: Redactor) -> None:
        super().__init__()
        self.inner = inner
        self.redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        return self.redactor(self.inner.format(record))


_HANDLER_MARK = "_rolebot_handler"
_redactor = Redactor()


def register_secret(*values: str) -> None:
    """Mask these values in every log line from now on."""
    _redactor.add(values)


def configure_logging(
    environ: Mapping[str, str] | None = None,
    *,
    stream: IO[str] | None = None,
    level: str | None = None,
    fmt: str | None = None,
) -> logging.Handler:
    """Install the root handler (replacing a previous one of ours) and return it.

    ``ROLEBOT_LOG_FORMAT`` = ``json`` | ``text`` (default text), ``ROLEBOT_LOG_LEVEL``
    (default INFO), ``ROLEBOT_ACCESS_LOG=1`` keeps uvicorn's per-request access lines.
    """
    env = os.environ if environ is None else environ
    _redactor.add(secrets_from_env(env))
    fmt = (fmt or env.get("ROLEBOT_LOG_FORMAT") or "text").lower()
    inner: logging.Formatter = JsonFormatter() if fmt == "json" else TextFormatter()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter(inner, _redactor))
    handler.addFilter(_ContextFilter())
    setattr(handler, _HANDLER_MARK, True)

    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel((level or env.get("ROLEBOT_LOG_LEVEL") or "INFO").upper())
    for name in SDK_LOGGERS:
        logging.getLogger(name).setLevel(max(root.level, logging.INFO))
    # uvicorn's loggers propagate to ours; its access log is one line per HTTP request.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    access_on = env.get("ROLEBOT_ACCESS_LOG", "0") not in ("", "0")
    logging.getLogger("uvicorn.access").setLevel(logging.INFO if access_on else logging.WARNING)
    return handler


class AnswerLog:
    """``Observer`` that writes one log line per answered message and per feedback click."""

    def __init__(self, logger: logging.Logger | None = None) -> None:
        self.log = logger or logging.getLogger("rolebot.answers")

    def answered(self, interaction: Interaction) -> None:
        answer = interaction.answer
        request_id = interaction.request_id or request_id_var.get() or new_request_id()
        fields = {
            "event": "answered",
            "request_id": request_id,
            "platform": interaction.platform,
            "intent": answer.intent,
            "roles": list(answer.roles),
            "confidence": round(answer.confidence, 3),
            "answered": answer.answered,
            "latency_ms": round(interaction.latency_s * 1000, 2),
        }
        self.log.info(
            "answered platform=%s intent=%s roles=%s confidence=%.2f answered=%s latency_ms=%.2f",
            interaction.platform,
            answer.intent,
            ",".join(answer.roles) or "-",
            answer.confidence,
            str(answer.answered).lower(),
            interaction.latency_s * 1000,
            extra=fields,
        )

    def feedback(self, feedback: Feedback) -> None:
        self.log.info(
            "feedback platform=%s intent=%s helpful=%s",
            feedback.platform,
            feedback.intent,
            str(feedback.helpful).lower(),
            extra={
                "event": "feedback",
                "platform": feedback.platform,
                "intent": feedback.intent,
                "roles": list(feedback.roles),
                "helpful": feedback.helpful,
            },
        )

    def storage_error(self, operation: str) -> None:
        """The service already logs the exception; nothing to add."""
